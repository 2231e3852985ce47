/**
 * core/cluster/ibmCloud.ts beyond the end-to-end mint: endpoint overrides, the exact requests, error details,
 * RBAC-status bodies, and every shape of kubeconfig ZIP IBM (or a proxy) might hand back.
 */
import { strToU8, zipSync } from "fflate";
import * as yaml from "js-yaml";
import {
    CONTAINERS_ENDPOINT,
    IAM_ENDPOINT,
    IbmDeps,
    applyRbacAndGetKubeconfig,
    endpointFromZip,
    iamAccessToken,
    stepError,
    waitForRbacSync,
} from "../../core/cluster/ibmCloud";
import { caught, rejectionMessage } from "../fakes/rejections";
import { SINGLE_ATTEMPT, Step, scriptedTransport } from "../fakes/scriptedTransport";

const CLUSTER = "prod-dal10";
const SERVER = "https://c100.us-south.containers.cloud.ibm.com:31234";
const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIDFAKECAFORTESTS\n-----END CERTIFICATE-----\n";

function ibm(script: Step[]) {
    const { transport, requests } = scriptedTransport(script);
    const sleeps: number[] = [];
    const retry = SINGLE_ATTEMPT;
    const deps: IbmDeps = {
        transport,
        retry,
        sleep: async (ms) => {
            sleeps.push(ms);
        },
    };
    return { deps, requests, sleeps };
}

const message = rejectionMessage;

const res = (status: number, body: string) => ({ status, headers: {}, body: Buffer.from(body) });

describe("stepError", () => {
    test("takes description, else errorMessage, else message", () => {
        expect(
            stepError("c", "s", res(400, JSON.stringify({ description: "d", errorMessage: "e", message: "m" })))
                .message,
        ).toBe("cluster c: s failed with HTTP 400: d");
        expect(stepError("c", "s", res(400, JSON.stringify({ errorMessage: "e", message: "m" }))).message).toBe(
            "cluster c: s failed with HTTP 400: e",
        );
        expect(stepError("c", "s", res(400, JSON.stringify({ message: "m" }))).message).toBe(
            "cluster c: s failed with HTTP 400: m",
        );
    });

    test("the status alone when the body is not JSON, not an object, or its text is not a string", () => {
        for (const body of [
            "<html>bad gateway</html>",
            "",
            "null",
            "[]",
            "42",
            JSON.stringify({ description: 42 }),
            JSON.stringify({ other: "x" }),
        ]) {
            expect(stepError("c", "s", res(502, body)).message).toBe("cluster c: s failed with HTTP 502");
        }
    });

    test("keeps at most 200 characters of IBM's text", () => {
        const long = "word ".repeat(60);
        expect(stepError("c", "s", res(500, JSON.stringify({ description: long }))).message).toBe(
            `cluster c: s failed with HTTP 500: ${long.slice(0, 200)}`,
        );
    });

    test("masks runs of 24 or more key characters, not 23", () => {
        const key23 = "a".repeat(23);
        const key24 = "A1_-.~+/=".repeat(3).slice(0, 24);
        expect(stepError("c", "s", res(400, JSON.stringify({ description: `x ${key23} y ${key24} z` }))).message).toBe(
            `cluster c: s failed with HTTP 400: x ${key23} y [redacted] z`,
        );
    });
});

describe("requests to IBM Cloud", () => {
    test("defaults to IBM's public endpoints", () => {
        expect(IAM_ENDPOINT).toBe("https://iam.cloud.ibm.com");
        expect(CONTAINERS_ENDPOINT).toBe("https://containers.cloud.ibm.com/global");
    });

    test("endpoint overrides lose every trailing slash; empty overrides count as unset", async () => {
        const { deps, requests } = ibm([
            { status: 200, body: JSON.stringify({ access_token: "t" }) },
            { status: 200, body: "zip" },
            { status: 200, body: JSON.stringify({ synchronized: true }) },
            { status: 200, body: JSON.stringify({ access_token: "t" }) },
        ]);
        const env = {
            IBMCLOUD_IAM_API_ENDPOINT: "https://iam.test//",
            IBMCLOUD_CS_API_ENDPOINT: "https://cs.test/global///",
        };
        await iamAccessToken(CLUSTER, "k", env, deps);
        await applyRbacAndGetKubeconfig(CLUSTER, "t", env, deps);
        await waitForRbacSync("a b/c", "t", env, deps);
        await iamAccessToken(CLUSTER, "k", { IBMCLOUD_IAM_API_ENDPOINT: "" }, deps);
        expect(requests.map((r) => r.url)).toEqual([
            "https://iam.test/identity/token",
            "https://cs.test/global/v2/applyRBACAndGetKubeconfig",
            "https://cs.test/global/v2/getRBACStatus?cluster=a%20b%2Fc",
            "https://iam.cloud.ibm.com/identity/token",
        ]);
    });

    test("the exact IAM request", async () => {
        const { deps, requests } = ibm([{ status: 200, body: JSON.stringify({ access_token: "the-token" }) }]);
        expect(await iamAccessToken(CLUSTER, "k&y=1", {}, deps)).toBe("the-token");
        expect(requests).toEqual([
            {
                method: "POST",
                url: "https://iam.cloud.ibm.com/identity/token",
                headers: {
                    "Content-Type": "application/x-www-form-urlencoded",
                    Accept: "application/json",
                    Authorization: "Basic Yng6Yng=",
                },
                body: "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&response_type=cloud_iam&apikey=k%26y%3D1",
            },
        ]);
    });

    test("the exact containers requests", async () => {
        const { deps, requests } = ibm([
            { status: 200, body: "PK" },
            { status: 200, body: JSON.stringify({ synchronized: true }) },
        ]);
        expect(Buffer.from(await applyRbacAndGetKubeconfig(CLUSTER, "acc", {}, deps)).toString()).toBe("PK");
        await waitForRbacSync(CLUSTER, "acc", {}, deps);
        expect(requests).toEqual([
            {
                method: "POST",
                url: "https://containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
                headers: {
                    Authorization: "Bearer acc",
                    Accept: "application/json",
                    "Content-Type": "application/json",
                },
                body: '{"cluster":"prod-dal10","format":"zip"}',
            },
            {
                method: "GET",
                url: "https://containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
                headers: { Authorization: "Bearer acc", Accept: "application/json" },
            },
        ]);
    });

    test("an IAM answer without a usable access token is refused", async () => {
        for (const body of [{ access_token: "" }, { access_token: 7 }, {}, null]) {
            const { deps } = ibm([{ status: 200, body: JSON.stringify(body) }]);
            expect(await message(iamAccessToken(CLUSTER, "k", {}, deps))).toBe(
                "cluster prod-dal10: IAM answered without an access token",
            );
        }
        const { deps } = ibm([{ status: 201, body: JSON.stringify({ access_token: "t" }) }]);
        expect(await message(iamAccessToken(CLUSTER, "k", {}, deps))).toBe(
            "cluster prod-dal10: IAM token for the API key failed with HTTP 201",
        );
    });

    test("no answer at any step: the cluster, the step and the host, not the query or the body", async () => {
        const refused = () => Object.assign(new Error("connect ECONNREFUSED 10.1.2.3:443"), { code: "ECONNREFUSED" });
        const env = {
            IBMCLOUD_IAM_API_ENDPOINT: "https://iam.test",
            IBMCLOUD_CS_API_ENDPOINT: "https://cs.test:8443/g",
        };
        // Each step starts only when awaited: a failed expectation must not leave the later ones rejecting unheard.
        const steps: [() => Promise<unknown>, string][] = [
            [
                () => iamAccessToken(CLUSTER, "KEY", env, ibm([refused()]).deps),
                "IAM token for the API key failed: could not reach iam.test",
            ],
            [
                () => applyRbacAndGetKubeconfig(CLUSTER, "t", env, ibm([refused()]).deps),
                "applyRBACAndGetKubeconfig failed: could not reach cs.test:8443",
            ],
            [
                () => waitForRbacSync(CLUSTER, "t", env, ibm([refused()]).deps),
                "getRBACStatus failed: could not reach cs.test:8443",
            ],
        ];
        for (const [step, text] of steps) {
            const err = await caught(step());
            expect(err.message).toBe(`cluster prod-dal10: ${text} (ECONNREFUSED)`);
            // The transport's own error stays the cause, for a debugger; the message names only its code.
            expect(err.cause).toMatchObject({ message: "connect ECONNREFUSED 10.1.2.3:443", code: "ECONNREFUSED" });
        }
    });

    test("applyRBACAndGetKubeconfig: only a 200 is the ZIP", async () => {
        const { deps } = ibm([{ status: 204, body: "" }]);
        expect(await message(applyRbacAndGetKubeconfig(CLUSTER, "t", {}, deps))).toBe(
            "cluster prod-dal10: applyRBACAndGetKubeconfig failed with HTTP 204",
        );
    });
});

describe("waitForRbacSync bodies", () => {
    test("a JSON null or a bare value is not yet synchronized; polling goes on", async () => {
        const { deps, sleeps, requests } = ibm([
            { status: 200, body: "null" },
            { status: 200, body: "5" },
            { status: 200, body: JSON.stringify({ synchronized: "true", error: "true" }) },
            { status: 200, body: JSON.stringify({ synchronized: true }) },
        ]);
        await expect(waitForRbacSync(CLUSTER, "t", {}, deps)).resolves.toBe("synchronized");
        expect(sleeps).toEqual([1000, 2000, 4000]);
        expect(requests).toHaveLength(4);
    });

    test("error: true gives up at once, even on the first poll", async () => {
        const { deps, sleeps } = ibm([{ status: 200, body: JSON.stringify({ synchronized: false, error: true }) }]);
        await expect(waitForRbacSync(CLUSTER, "t", {}, deps)).resolves.toBe("unconfirmed");
        expect(sleeps).toEqual([]);
    });

    test("an empty 200 body is an error", async () => {
        const { deps } = ibm([{ status: 200, body: "" }]);
        expect(await message(waitForRbacSync(CLUSTER, "t", {}, deps))).toBe(
            "cluster prod-dal10: getRBACStatus answered HTTP 200 without a JSON body",
        );
    });
});

describe("endpointFromZip: kubeconfig shapes", () => {
    const kubeconfig = (doc: unknown) => strToU8(typeof doc === "string" ? doc : yaml.dump(doc));
    const cluster = (entry: Record<string, unknown> = {}) => ({
        clusters: [{ name: "c", cluster: { server: SERVER, ...entry } }],
    });
    const endpoint = (files: Record<string, Uint8Array>) => endpointFromZip(CLUSTER, zipSync(files));
    const error = (files: Record<string, Uint8Array>) => {
        try {
            endpoint(files);
        } catch (err) {
            return (err as Error).message;
        }
        return "no error";
    };

    test("picks the file ending in .yml or .yaml, not one that merely contains it", () => {
        const decoy = kubeconfig({ clusters: [{ cluster: { server: "https://decoy.test" } }] });
        expect(
            endpoint({
                "d/kube-config.yml.orig": decoy,
                "d/readme.yaml.txt": decoy,
                "d/kube-config.yaml": kubeconfig(cluster()),
            }).server,
        ).toBe(SERVER);
        expect(error({ "d/kube-config.yml.orig": decoy })).toBe(
            "cluster prod-dal10: the configuration from IBM Cloud holds no kubeconfig (.yml) file",
        );
    });

    test("a kubeconfig naming no server", () => {
        const noServer = "cluster prod-dal10: the kubeconfig from IBM Cloud names no server";
        for (const doc of [
            "",
            "null",
            "kind: Config\n",
            { clusters: [] },
            { clusters: [{ name: "c" }] },
            { clusters: [{ cluster: { server: 443 } }] },
            { clusters: {} },
        ]) {
            expect(error({ "k.yml": kubeconfig(doc) })).toBe(noServer);
        }
    });

    test("a CA path is looked up by its base name anywhere in the ZIP; a directory is no CA file", () => {
        const files = (caFile: string) => ({
            "d/": new Uint8Array(),
            "d/certs/": new Uint8Array(),
            "d/k.yml": kubeconfig(cluster({ "certificate-authority": caFile })),
            "d/certs/ca.pem": strToU8(CA_PEM),
        });
        expect(endpoint(files("/etc/ibm/ca.pem")).caPem).toBe(CA_PEM);
        expect(endpoint(files("ca.pem")).caPem).toBe(CA_PEM);
        expect(error(files("certs/"))).toBe(
            "cluster prod-dal10: the kubeconfig names a CA file the ZIP does not contain",
        );
        expect(error(files("other.pem"))).toBe(
            "cluster prod-dal10: the kubeconfig names a CA file the ZIP does not contain",
        );
    });

    test("embedded CA data wins over a CA file; non-string CA entries are ignored", () => {
        const data = Buffer.from(CA_PEM).toString("base64");
        expect(
            endpoint({
                "k.yml": kubeconfig(
                    cluster({ "certificate-authority-data": data, "certificate-authority": "missing.pem" }),
                ),
            }).caPem,
        ).toBe(CA_PEM);
        expect(
            endpoint({ "k.yml": kubeconfig(cluster({ "certificate-authority-data": 5, "certificate-authority": 6 })) })
                .caPem,
        ).toBeUndefined();
    });

    test("the user token: oidc id-token, else token, else none", () => {
        const withUser = (users: unknown) => endpoint({ "k.yml": kubeconfig({ ...cluster(), users }) }).idToken;
        expect(withUser([{ user: { "auth-provider": { config: { "id-token": "oidc" } }, token: "plain" } }])).toBe(
            "oidc",
        );
        expect(withUser([{ user: { token: "plain" } }])).toBe("plain");
        expect(withUser([{ user: { "auth-provider": { name: "oidc" }, token: "plain" } }])).toBe("plain");
        expect(withUser([{ user: { "auth-provider": { config: {} }, token: "plain" } }])).toBe("plain");
        for (const users of [
            undefined,
            [],
            [{ name: "u" }],
            [{ user: {} }],
            [{ user: { token: "" } }],
            [{ user: { token: 12345 } }],
            [{ user: { "auth-provider": { config: { "id-token": "" } } } }],
            [{ user: { "auth-provider": { config: { "id-token": ["x"] } } } }],
        ]) {
            expect(withUser(users)).toBeUndefined();
        }
    });
});
