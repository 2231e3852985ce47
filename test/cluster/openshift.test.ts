/** core/cluster/openshift.ts on its own: OAuth discovery and the API-key-for-token exchange, against a scripted transport. */
import * as tls from "tls";
import { openShiftAuthorizationEndpoint, openShiftToken } from "../../core/cluster/openshift";
import { rejectionMessage } from "../fakes/rejections";
import { SINGLE_ATTEMPT, Step, scriptedTransport } from "../fakes/scriptedTransport";

const CLUSTER = "roks-1";
const SERVER = "https://c115-e.us-south.containers.cloud.ibm.com:30876";
const AUTHORIZE = "https://c115-e.us-south.containers.cloud.ibm.com:31508/oauth/authorize";
const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIDFAKECAFORTESTS\n-----END CERTIFICATE-----\n";
const NOW = new Date("2025-06-01T12:00:00.000Z");
const once = SINGLE_ATTEMPT;

const message = rejectionMessage;

describe("openShiftAuthorizationEndpoint", () => {
    const discover = (step: Step, server = SERVER, caPem?: string) => {
        const { transport, requests } = scriptedTransport([step]);
        return { result: openShiftAuthorizationEndpoint(CLUSTER, server, caPem, transport, once), requests };
    };
    const doc = (authorization_endpoint: unknown) => ({
        status: 200,
        body: JSON.stringify({ issuer: "x", authorization_endpoint }),
    });

    test("GETs the discovery document below the server (trailing slashes dropped), asking for JSON", async () => {
        const { result, requests } = discover(doc(AUTHORIZE), `${SERVER}//`);
        await expect(result).resolves.toBe(AUTHORIZE);
        expect(requests).toEqual([
            {
                method: "GET",
                url: `${SERVER}/.well-known/oauth-authorization-server`,
                headers: { Accept: "application/json" },
            },
        ]);
    });

    test("trusts the public roots plus the cluster CA when there is one", async () => {
        const { result, requests } = discover(doc(AUTHORIZE), SERVER, CA_PEM);
        await result;
        expect(requests[0].ca).toBe([...tls.rootCertificates, CA_PEM].join("\n"));
    });

    test("only an absolute http(s) endpoint in a 200 counts", async () => {
        await expect(discover(doc("http://oauth.internal:8443/oauth/authorize")).result).resolves.toBe(
            "http://oauth.internal:8443/oauth/authorize",
        );
        for (const bad of [
            "/oauth/authorize",
            "ftp://x/oauth",
            "see https://x/oauth",
            "xhttps://x",
            "https:/x",
            42,
            null,
            [AUTHORIZE],
            { href: AUTHORIZE },
        ]) {
            await expect(discover(doc(bad)).result).resolves.toBeUndefined();
        }
        await expect(discover({ status: 200, body: "null" }).result).resolves.toBeUndefined();
        await expect(discover({ status: 200, body: "<html>" }).result).resolves.toBeUndefined();
        for (const status of [201, 401, 403, 404]) {
            await expect(discover({ ...doc(AUTHORIZE), status }).result).resolves.toBeUndefined();
        }
    });

    test("an unreachable server is an error naming the cluster, the server and the cause", async () => {
        const refused = new Error("connect ECONNREFUSED 10.0.0.1:30876");
        const { result } = discover(refused);
        const err = await result.then(
            () => undefined,
            (e: Error) => e,
        );
        expect(err?.message).toBe(
            `cluster roks-1: could not reach its API server at ${SERVER} (connect ECONNREFUSED 10.0.0.1:30876)`,
        );
        expect(err?.cause).toBe(refused);
    });
});

describe("openShiftToken", () => {
    const exchange = (step: Step, caPem?: string, endpoint = AUTHORIZE) => {
        const { transport, requests } = scriptedTransport([step]);
        return { result: openShiftToken(CLUSTER, endpoint, "the-key", caPem, NOW, transport, once), requests };
    };
    const granted = (fragment: string) => ({ status: 302, headers: { location: `/oauth/token/implicit#${fragment}` } });

    test("the exact authorize request", async () => {
        const { result, requests } = exchange(granted("access_token=tok"), CA_PEM, `${AUTHORIZE}?keep=1`);
        await result;
        expect(requests).toEqual([
            {
                method: "GET",
                url: `${AUTHORIZE}?keep=1&response_type=token&client_id=openshift-challenging-client`,
                headers: {
                    Authorization: `Basic ${Buffer.from("apikey:the-key").toString("base64")}`,
                    "X-CSRF-Token": "a",
                },
                ca: [...tls.rootCertificates, CA_PEM].join("\n"),
            },
        ]);
    });

    test("without a CA, no ca is set (the system roots apply)", async () => {
        const { result, requests } = exchange(granted("access_token=tok"));
        await result;
        expect(requests[0]).not.toHaveProperty("ca");
    });

    test("the token lives expires_in seconds, else 24 hours", async () => {
        await expect(exchange(granted("access_token=a&expires_in=600")).result).resolves.toEqual({
            token: "a",
            expiresAt: new Date("2025-06-01T12:10:00.000Z"),
        });
        await expect(exchange(granted("access_token=b")).result).resolves.toEqual({
            token: "b",
            expiresAt: new Date("2025-06-02T12:00:00.000Z"),
        });
        await expect(exchange(granted("access_token=c&expires_in=soon")).result).resolves.toEqual({
            token: "c",
            expiresAt: new Date("2025-06-02T12:00:00.000Z"),
        });
        await expect(exchange(granted("access_token=d&expires_in=0")).result).resolves.toEqual({
            token: "d",
            expiresAt: new Date("2025-06-02T12:00:00.000Z"),
        });
    });

    test("reads the token from the fragment only, the first parameter included", async () => {
        const { result } = exchange({
            status: 302,
            headers: { location: "https://x/implicit?access_token=query#access_token=sha256~frag&expires_in=60" },
        });
        await expect(result).resolves.toEqual({
            token: "sha256~frag",
            expiresAt: new Date("2025-06-01T12:01:00.000Z"),
        });
    });

    test("no grant: a status other than 302, or a 302 without Location", async () => {
        expect(await message(exchange({ status: 200, headers: { location: "/x#access_token=t" } }).result)).toBe(
            "cluster roks-1: the OpenShift OAuth server did not grant a token for the API key (HTTP 200)",
        );
        expect(await message(exchange({ status: 302 }).result)).toBe(
            "cluster roks-1: the OpenShift OAuth server did not grant a token for the API key (HTTP 302)",
        );
        expect(await message(exchange({ status: 302, headers: { location: "" } }).result)).toBe(
            "cluster roks-1: the OpenShift OAuth server did not grant a token for the API key (HTTP 302)",
        );
    });

    test("a grant without a token, e.g. an error fragment", async () => {
        expect(await message(exchange(granted("error=access_denied&error_description=x")).result)).toBe(
            "cluster roks-1: the OpenShift OAuth server's answer holds no access token",
        );
        expect(await message(exchange(granted("access_token=&expires_in=60")).result)).toBe(
            "cluster roks-1: the OpenShift OAuth server's answer holds no access token",
        );
    });

    test("no answer: the cluster, the step and the OAuth server's host, never the key", async () => {
        const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        const { result } = exchange(reset);
        const err = await result.then(
            () => undefined,
            (e: Error) => e,
        );
        expect(err?.message).toBe(
            "cluster roks-1: OpenShift OAuth token for the API key failed: could not reach " +
                "c115-e.us-south.containers.cloud.ibm.com:31508 (ECONNRESET)",
        );
        expect(err?.cause).toBe(reset);
    });
});
