/**
 * Cluster credentials minted from an API key (core/cluster/credentials.ts, ibmCloud.ts, openshift.ts), against a
 * scripted fake Transport: no network, no real sleeping.
 */
import { strToU8, zipSync } from "fflate";
import * as yaml from "js-yaml";
import {
    ClusterCredential,
    ClusterGoneError,
    CredentialCache,
    EXPIRY_MARGIN_MS,
    MintDeps,
    MissingApiKeyError,
    jwtExpiry,
    mintClusterCredential,
    resolveApiKey,
} from "../../core/cluster/credentials";
import { RetryPolicy, Transport } from "../../core/cluster/http";
import { endpointFromZip, waitForRbacSync } from "../../core/cluster/ibmCloud";
import { IAM_UNKNOWN_KEY_400 } from "../fakes/ibmAnswers";
import { caught } from "../fakes/rejections";
import { Scripted, Step, scriptedTransport } from "../fakes/scriptedTransport";

// ---------------------------------------------------------------------------------------------------------
// Fakes and fixtures

/** Canaries: none of these may ever appear in an error. */
const API_KEY = "APIKEY_CANARY_k3y_9f8e7d6c5b4a";
const IAM_TOKEN = "IAMTOKEN_CANARY_eyJraWQiOiJ";
const REFRESH_TOKEN = "REFRESHTOKEN_CANARY_0000";
const OAUTH_TOKEN = "sha256~OAUTHTOKEN_CANARY_abcdef";
const CANARIES = [API_KEY, IAM_TOKEN, REFRESH_TOKEN, OAUTH_TOKEN, "IDTOKEN_CANARY_SIG"];

const CLUSTER = "prod-dal10";
const SERVER = "https://c100.us-south.containers.cloud.ibm.com:31234";
const ROKS_SERVER = "https://c115-e.us-south.containers.cloud.ibm.com:30876";
const AUTHORIZE = "https://c115-e.us-south.containers.cloud.ibm.com:31508/oauth/authorize";
const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIDFAKECAFORTESTS\n-----END CERTIFICATE-----\n";
const NOW = new Date("2025-06-01T12:00:00.000Z");
const EXP = 1767225600; // 2026-01-01T00:00:00Z

const b64url = (s: string) => Buffer.from(s).toString("base64url");
function jwt(payload: object): string {
    return `${b64url(JSON.stringify({ alg: "RS256", kid: "20250101" }))}.${b64url(JSON.stringify(payload))}.IDTOKEN_CANARY_SIG`;
}
const ID_TOKEN = jwt({ iss: "https://iam.cloud.ibm.com/identity", sub: "iam-ServiceId-x", exp: EXP });

function fakeRetry(attempts = 3): RetryPolicy & { sleeps: number[] } {
    const sleeps: number[] = [];
    return {
        attempts,
        baseMs: 100,
        capMs: 1000,
        random: () => 0.5,
        now: () => NOW.getTime(),
        sleeps,
        sleep: async (ms) => {
            sleeps.push(ms);
        },
    };
}

function deps(transport: Transport, retry = fakeRetry()): MintDeps {
    return { transport, retry, now: () => NOW };
}

function iksKubeconfig(opts: { caFile?: string; caData?: string; idToken?: string } = {}): string {
    const cluster: Record<string, string> = { server: SERVER };
    if (opts.caFile) cluster["certificate-authority"] = opts.caFile;
    if (opts.caData) cluster["certificate-authority-data"] = opts.caData;
    return yaml.dump({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: `${CLUSTER}/cabc123`, cluster }],
        contexts: [
            {
                name: `${CLUSTER}/cabc123`,
                context: { cluster: `${CLUSTER}/cabc123`, user: "svc@example.com", namespace: "default" },
            },
        ],
        "current-context": `${CLUSTER}/cabc123`,
        users: [
            {
                name: "svc@example.com",
                user: {
                    "auth-provider": {
                        name: "oidc",
                        config: {
                            "client-id": "bx",
                            "client-secret": "bx",
                            "id-token": opts.idToken ?? ID_TOKEN,
                            "idp-issuer-url": "https://iam.cloud.ibm.com/identity",
                            "refresh-token": REFRESH_TOKEN,
                        },
                    },
                },
            },
        ],
    });
}

/** IBM's ZIP: a directory holding the kubeconfig and the CA file the kubeconfig names by a relative path. */
function iksZip(kubeconfig = iksKubeconfig({ caFile: "ca-dal10-prod-dal10.pem" })): Uint8Array {
    return zipSync({
        "prod-dal10-cabc123/": {},
        "prod-dal10-cabc123/kube-config-dal10-prod-dal10.yml": strToU8(kubeconfig),
        "prod-dal10-cabc123/ca-dal10-prod-dal10.pem": strToU8(CA_PEM),
    });
}

const iamOk: Scripted = {
    status: 200,
    body: JSON.stringify({
        access_token: IAM_TOKEN,
        refresh_token: REFRESH_TOKEN,
        token_type: "Bearer",
        expires_in: 3600,
    }),
};
const zipOk = (zip = iksZip()): Scripted => ({
    status: 200,
    headers: { "content-type": "application/zip" },
    body: zip,
});
const rbac = (synchronized: boolean, error = false): Scripted => ({
    status: 200,
    body: JSON.stringify({ synchronized, error }),
});
const notFound: Scripted = { status: 404, body: "404 page not found" };

function expectNoSecrets(err: Error): void {
    for (const text of [err.message, String(err.stack), JSON.stringify(err)]) {
        for (const canary of CANARIES) expect(text).not.toContain(canary);
        expect(text).not.toContain(ID_TOKEN);
    }
}

const lower = (headers: Readonly<Record<string, string>> | undefined) =>
    Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

// ---------------------------------------------------------------------------------------------------------

describe("resolveApiKey", () => {
    const all = { IC_API_KEY: "ic", IBMCLOUD_API_KEY: "ibmcloud", REGISTRY_ACCESS_STACK_API_KEY: "stackvar" };

    test("IC_API_KEY comes first", () => {
        expect(resolveApiKey(CLUSTER, all, "stackarg")).toBe("ic");
    });
    test("then IBMCLOUD_API_KEY", () => {
        expect(resolveApiKey(CLUSTER, { ...all, IC_API_KEY: undefined }, "stackarg")).toBe("ibmcloud");
    });
    test("then the stack key argument", () => {
        expect(resolveApiKey(CLUSTER, { REGISTRY_ACCESS_STACK_API_KEY: "stackvar" }, "stackarg")).toBe("stackarg");
    });
    test("then REGISTRY_ACCESS_STACK_API_KEY", () => {
        expect(resolveApiKey(CLUSTER, { REGISTRY_ACCESS_STACK_API_KEY: "stackvar" })).toBe("stackvar");
    });
    test("an empty variable counts as unset", () => {
        expect(resolveApiKey(CLUSTER, { IC_API_KEY: "", IBMCLOUD_API_KEY: "ibmcloud" })).toBe("ibmcloud");
    });
    test("none → MissingApiKeyError naming the cluster and the variables", () => {
        let err: unknown;
        try {
            resolveApiKey(CLUSTER, { IC_API_KEY: "", REGISTRY_ACCESS_STACK_API_KEY: "" }, "");
        } catch (e) {
            err = e;
        }
        expect(err).toBeInstanceOf(MissingApiKeyError);
        expect((err as Error).name).toBe("MissingApiKeyError");
        expect((err as Error).message).toBe(
            "no IBM Cloud API key to reach cluster prod-dal10: set IC_API_KEY or IBMCLOUD_API_KEY " +
                "(or the stack's ibm:ibmcloudApiKey) on the machine that runs pulumi",
        );
    });
    test("mintClusterCredential without a key rejects before any request", async () => {
        const { transport, requests } = scriptedTransport([]);
        const err = await caught(mintClusterCredential(CLUSTER, {}, undefined, deps(transport)));
        expect(err).toBeInstanceOf(MissingApiKeyError);
        expect(requests).toHaveLength(0);
    });
});

describe("jwtExpiry", () => {
    test("reads the exp claim", () => {
        expect(jwtExpiry(ID_TOKEN, NOW).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    });
    test("an unreadable token gets 20 minutes", () => {
        expect(jwtExpiry("not-a-jwt", NOW).toISOString()).toBe("2025-06-01T12:20:00.000Z");
    });
});

describe("mintClusterCredential on IKS", () => {
    async function mintIks(env: Record<string, string>, zip = iksZip()) {
        const retry = fakeRetry();
        const { transport, requests } = scriptedTransport([iamOk, zipOk(zip), rbac(true), notFound]);
        const credential = await mintClusterCredential(CLUSTER, env, undefined, deps(transport, retry));
        return { credential, requests, retry };
    }

    test("sends IAM token → applyRBACAndGetKubeconfig → getRBACStatus → OAuth discovery, in that order", async () => {
        const { requests } = await mintIks({ IC_API_KEY: API_KEY });
        expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
            "POST https://iam.cloud.ibm.com/identity/token",
            "POST https://containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
            "GET https://containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
            `GET ${SERVER}/.well-known/oauth-authorization-server`,
        ]);
    });

    test("the IAM request is bluemix-go's: Basic bx:bx, form body with grant_type, response_type=cloud_iam, apikey", async () => {
        const { requests } = await mintIks({ IC_API_KEY: API_KEY });
        const iam = requests[0];
        expect(lower(iam.headers).authorization).toBe("Basic Yng6Yng=");
        expect(lower(iam.headers)["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(Object.fromEntries(new URLSearchParams(iam.body))).toEqual({
            grant_type: "urn:ibm:params:oauth:grant-type:apikey",
            response_type: "cloud_iam",
            apikey: API_KEY,
        });
    });

    test("the containers calls carry the IAM bearer token, the ZIP body, and no X-Auth-Refresh-Token", async () => {
        const { requests } = await mintIks({ IC_API_KEY: API_KEY });
        const [, apply, status, discovery] = requests;
        for (const r of [apply, status]) {
            expect(lower(r.headers).authorization).toBe(`Bearer ${IAM_TOKEN}`);
            expect(Object.keys(lower(r.headers))).not.toContain("x-auth-refresh-token");
        }
        expect(JSON.parse(apply.body ?? "")).toEqual({ cluster: CLUSTER, format: "zip" });
        expect(status.body).toBeUndefined();
        // The cluster's own discovery endpoint gets no IBM credential, and trusts the cluster CA.
        expect(lower(discovery.headers).authorization).toBeUndefined();
        expect(discovery.ca).toContain(CA_PEM.trim());
    });

    test("IBMCLOUD_IAM_API_ENDPOINT and IBMCLOUD_CS_API_ENDPOINT override the endpoints", async () => {
        const { requests } = await mintIks({
            IBMCLOUD_API_KEY: API_KEY,
            IBMCLOUD_IAM_API_ENDPOINT: "https://private.iam.cloud.ibm.com/",
            IBMCLOUD_CS_API_ENDPOINT: "https://private.us-south.containers.cloud.ibm.com/global",
        });
        expect(requests.map((r) => r.url).slice(0, 3)).toEqual([
            "https://private.iam.cloud.ibm.com/identity/token",
            "https://private.us-south.containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
            "https://private.us-south.containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
        ]);
        expect(new URLSearchParams(requests[0].body).get("apikey")).toBe(API_KEY);
    });

    test("the key may come from the stack argument", async () => {
        const { transport, requests } = scriptedTransport([iamOk, zipOk(), rbac(true), notFound]);
        await mintClusterCredential(CLUSTER, {}, "stack-key-value", deps(transport));
        expect(new URLSearchParams(requests[0].body).get("apikey")).toBe("stack-key-value");
    });

    test("returns the kubeconfig's oidc id-token, its exp as expiresAt, and the CA from the ZIP's CA file", async () => {
        const { credential, retry } = await mintIks({ IC_API_KEY: API_KEY });
        expect(credential).toEqual<ClusterCredential>({
            server: SERVER,
            caPem: CA_PEM,
            token: ID_TOKEN,
            expiresAt: new Date("2026-01-01T00:00:00.000Z"),
            platform: "iks",
        });
        expect(retry.sleeps).toEqual([]);
    });

    test("takes the CA from certificate-authority-data when the kubeconfig embeds it", async () => {
        const zip = zipSync({
            "kube-config-dal10-prod-dal10.yml": strToU8(
                iksKubeconfig({ caData: Buffer.from(CA_PEM).toString("base64") }),
            ),
        });
        const { credential } = await mintIks({ IC_API_KEY: API_KEY }, zip);
        expect(credential.caPem).toBe(CA_PEM);
        expect(credential.token).toBe(ID_TOKEN);
    });

    test("a kubeconfig without a CA gives no caPem", () => {
        const zip = zipSync({ "config.yaml": strToU8(iksKubeconfig()) });
        expect(endpointFromZip(CLUSTER, zip)).toEqual({ server: SERVER, caPem: undefined, idToken: ID_TOKEN });
    });

    test("an RBAC status that is not yet synchronized is polled again before the discovery", async () => {
        const retry = fakeRetry();
        const { transport, requests } = scriptedTransport([iamOk, zipOk(), rbac(false), rbac(true), notFound]);
        await mintClusterCredential(CLUSTER, { IC_API_KEY: API_KEY }, undefined, deps(transport, retry));
        expect(requests.map((r) => r.url.replace(/\?.*/, "").split("/").pop())).toEqual([
            "token",
            "applyRBACAndGetKubeconfig",
            "getRBACStatus",
            "getRBACStatus",
            "oauth-authorization-server",
        ]);
        expect(retry.sleeps).toEqual([1000]);
    });
});

describe("mintClusterCredential on OpenShift", () => {
    function roksZip(): Uint8Array {
        const config = iksKubeconfig({ caData: Buffer.from(CA_PEM).toString("base64") }).replace(SERVER, ROKS_SERVER);
        return zipSync({ "prod-dal10/kube-config-dal10-prod-dal10.yml": strToU8(config) });
    }
    const discovery: Scripted = {
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
            issuer: "https://c115-e.us-south.containers.cloud.ibm.com:31508",
            authorization_endpoint: AUTHORIZE,
            token_endpoint: "https://c115-e.us-south.containers.cloud.ibm.com:31508/oauth/token",
        }),
    };
    const granted: Scripted = {
        status: 302,
        headers: {
            location: `https://c115-e.us-south.containers.cloud.ibm.com:31508/oauth/token/implicit#access_token=${encodeURIComponent(OAUTH_TOKEN)}&expires_in=86400&scope=user%3Afull&token_type=Bearer`,
        },
    };

    test("exchanges the API key at the discovered OAuth server for the cluster token", async () => {
        const { transport, requests } = scriptedTransport([iamOk, zipOk(roksZip()), rbac(true), discovery, granted]);
        const credential = await mintClusterCredential(CLUSTER, { IC_API_KEY: API_KEY }, undefined, deps(transport));

        expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
            "POST https://iam.cloud.ibm.com/identity/token",
            "POST https://containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
            "GET https://containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
            `GET ${ROKS_SERVER}/.well-known/oauth-authorization-server`,
            `GET ${AUTHORIZE}?response_type=token&client_id=openshift-challenging-client`,
        ]);
        const authorize = requests[4];
        const url = new URL(authorize.url);
        expect(url.searchParams.get("client_id")).toBe("openshift-challenging-client");
        expect(url.searchParams.get("response_type")).toBe("token");
        expect(lower(authorize.headers).authorization).toBe(
            `Basic ${Buffer.from(`apikey:${API_KEY}`).toString("base64")}`,
        );
        expect(authorize.ca).toContain(CA_PEM.trim());

        expect(credential).toEqual<ClusterCredential>({
            server: ROKS_SERVER,
            caPem: CA_PEM,
            token: OAUTH_TOKEN,
            expiresAt: new Date(NOW.getTime() + 86400 * 1000),
            platform: "openshift",
        });
    });

    test("expiresAt follows the expires_in the OAuth server grants", async () => {
        const shortLived: Scripted = {
            status: 302,
            headers: { location: `/oauth/token/implicit#access_token=tok123&expires_in=600` },
        };
        const { transport } = scriptedTransport([iamOk, zipOk(roksZip()), rbac(true), discovery, shortLived]);
        const credential = await mintClusterCredential(CLUSTER, { IC_API_KEY: API_KEY }, undefined, deps(transport));
        expect(credential.token).toBe("tok123");
        expect(credential.expiresAt.toISOString()).toBe("2025-06-01T12:10:00.000Z");
    });

    test("a 401 from the OAuth server is an error naming the cluster, without the key", async () => {
        const denied: Scripted = {
            status: 401,
            headers: { "www-authenticate": 'Basic realm="openshift"' },
            body: "Unauthorized",
        };
        const { transport, requests } = scriptedTransport([iamOk, zipOk(roksZip()), rbac(true), discovery, denied]);
        const err = await caught(mintClusterCredential(CLUSTER, { IC_API_KEY: API_KEY }, undefined, deps(transport)));
        expect(err.message).toBe(
            "cluster prod-dal10: the OpenShift OAuth server did not grant a token for the API key (HTTP 401)",
        );
        expectNoSecrets(err);
        expect(requests).toHaveLength(5); // a 401 is not retried
    });
});

describe("waitForRbacSync", () => {
    function run(script: Step[]) {
        const sleeps: number[] = [];
        const { transport, requests } = scriptedTransport(script);
        const retry = fakeRetry(1);
        const result = waitForRbacSync(
            CLUSTER,
            IAM_TOKEN,
            {},
            {
                transport,
                retry,
                sleep: async (ms) => {
                    sleeps.push(ms);
                },
            },
        );
        return { result, sleeps, requests, retry };
    }

    test("synchronized at once: one poll, no sleep", async () => {
        const { result, sleeps, requests } = run([rbac(true)]);
        await expect(result).resolves.toBe("synchronized");
        expect(requests).toHaveLength(1);
        expect(sleeps).toEqual([]);
    });

    test("not synchronized twice, then synchronized: sleeps 1000 then 2000 ms", async () => {
        const { result, sleeps, requests } = run([rbac(false), rbac(false), rbac(true)]);
        await expect(result).resolves.toBe("synchronized");
        expect(sleeps).toEqual([1000, 2000]);
        expect(requests).toHaveLength(3);
        expect(
            requests.every(
                (r) =>
                    r.method === "GET" &&
                    r.url === "https://containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
            ),
        ).toBe(true);
    });

    test("error: true stops the wait", async () => {
        const { result, sleeps, requests } = run([rbac(false), rbac(false, true)]);
        await expect(result).resolves.toBe("unconfirmed");
        expect(requests).toHaveLength(2);
        expect(sleeps).toEqual([1000]);
    });

    test("gives up after the 32 s step: seven polls, sleeps 1 s doubling to 32 s", async () => {
        const { result, sleeps, requests } = run(Array.from({ length: 10 }, () => rbac(false)));
        await expect(result).resolves.toBe("unconfirmed");
        expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
        expect(requests).toHaveLength(7);
    });

    test("a non-200 status is an error", async () => {
        const { result, requests } = run([
            { status: 403, body: JSON.stringify({ description: "Forbidden for this user" }) },
        ]);
        const err = await caught(result);
        expect(err.message).toBe("cluster prod-dal10: getRBACStatus failed with HTTP 403: Forbidden for this user");
        expectNoSecrets(err);
        expect(requests).toHaveLength(1);
    });
});

describe("errors never hold the key or a token", () => {
    const env = { IC_API_KEY: API_KEY };

    test("IAM 400: IAM's message, code and request ID, nothing else of its context", async () => {
        // A real answer for an unknown key (published in a bug report, 2018); context.clientIp is the caller's.
        const body = IAM_UNKNOWN_KEY_400;
        const { transport, requests } = scriptedTransport([{ status: 400, body }]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe(
            "cluster prod-dal10: IAM token for the API key failed with HTTP 400: Provided API key could not be found " +
                "(BXNIM0415E, request 583ab17ab34d44fe890aef44f9fbee0b)",
        );
        for (const context of ["70.80.204.99", "iamid-7568c4648f-m8fz7", "iam-id-prlon02-tjwu", "iam.bluemix.net"])
            expect(err.message).not.toContain(context);
        expectNoSecrets(err);
        expect(requests).toHaveLength(1);
    });

    test("a description that echoes a key is masked", async () => {
        const { transport } = scriptedTransport([
            { status: 400, body: JSON.stringify({ errorMessage: `API key ${API_KEY} is not valid.` }) },
        ]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe(
            "cluster prod-dal10: IAM token for the API key failed with HTTP 400: API key [redacted] is not valid.",
        );
    });

    test("containers 500 after the retries", async () => {
        const retry = fakeRetry(3);
        const fail: Scripted = {
            status: 500,
            body: JSON.stringify({ incidentID: "i-1", code: "E0001", description: "Internal error." }),
        };
        const { transport, requests } = scriptedTransport([iamOk, fail, fail, fail]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport, retry)));
        // IBM's code is kept; "i-1" is not shaped as IBM's incident IDs are, so it is left out.
        expect(err.message).toBe(
            "cluster prod-dal10: applyRBACAndGetKubeconfig failed with HTTP 500: Internal error. (E0001)",
        );
        expectNoSecrets(err);
        expect(requests.map((r) => r.url.split("/").pop())).toEqual([
            "token",
            "applyRBACAndGetKubeconfig",
            "applyRBACAndGetKubeconfig",
            "applyRBACAndGetKubeconfig",
        ]);
        expect(retry.sleeps).toHaveLength(2);
    });

    test("IBM's JSON 404 from applyRBACAndGetKubeconfig → ClusterGoneError keeping IBM's code and words", async () => {
        const { transport } = scriptedTransport([
            iamOk,
            {
                status: 404,
                body: JSON.stringify({ code: "G0004", description: "The specified cluster could not be found." }),
            },
        ]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err).toBeInstanceOf(ClusterGoneError);
        expect((err as ClusterGoneError).cluster).toBe(CLUSTER);
        expect(err.message).toBe(
            "cluster prod-dal10 was not found by IBM Cloud: applyRBACAndGetKubeconfig answered HTTP 404: " +
                "The specified cluster could not be found. (G0004) If the cluster still exists, this API key may " +
                "simply not see it: a key of another account, or one without access to the cluster or its resource group",
        );
        expectNoSecrets(err);
    });

    test("any other 404 from applyRBACAndGetKubeconfig is an error naming the URL, not a gone cluster", async () => {
        const { transport } = scriptedTransport([iamOk, notFound]);
        const err = await caught(
            mintClusterCredential(
                CLUSTER,
                { ...env, IBMCLOUD_CS_API_ENDPOINT: "https://proxy.example.com/containers" },
                undefined,
                deps(transport),
            ),
        );
        expect(err).not.toBeInstanceOf(ClusterGoneError);
        expect(err.message).toBe(
            "cluster prod-dal10: applyRBACAndGetKubeconfig failed with HTTP 404 from " +
                'https://proxy.example.com/containers/v2/applyRBACAndGetKubeconfig (not IBM\'s "cluster not found" ' +
                "answer; check IBMCLOUD_CS_API_ENDPOINT)",
        );
        expectNoSecrets(err);
    });

    test("no answer from IAM: the cluster, the step and the host, not the body", async () => {
        const refused = Object.assign(new Error("getaddrinfo ENOTFOUND iam.cloud.ibm.com"), { code: "ENOTFOUND" });
        const { transport } = scriptedTransport([refused, refused, refused]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe(
            "cluster prod-dal10: IAM token for the API key failed: could not reach iam.cloud.ibm.com (ENOTFOUND)",
        );
        expectNoSecrets(err);
    });

    test("a ZIP without a .yml kubeconfig", async () => {
        const zip = zipSync({ "prod-dal10/ca.pem": strToU8(CA_PEM), "prod-dal10/token.txt": strToU8(ID_TOKEN) });
        const { transport } = scriptedTransport([iamOk, zipOk(zip), rbac(true)]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe(
            "cluster prod-dal10: the configuration from IBM Cloud holds no kubeconfig (.yml) file",
        );
        expectNoSecrets(err);
    });

    test("invalid YAML in the ZIP: the message does not echo the file", async () => {
        const broken = `users:\n- user:\n    token: ${ID_TOKEN}\n  bad: [unclosed\n`;
        const zip = zipSync({ "kube-config.yml": strToU8(broken) });
        const { transport } = scriptedTransport([iamOk, zipOk(zip), rbac(true)]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe("cluster prod-dal10: the kubeconfig from IBM Cloud is not valid YAML");
        expectNoSecrets(err);
        expect(err.message).not.toContain("users:");
        expect(err.message).not.toContain("unclosed");
    });

    test("an IAM 200 whose body is not JSON names the cluster and does not quote the body", async () => {
        const { transport } = scriptedTransport([
            { status: 200, headers: { "content-type": "text/plain" }, body: IAM_TOKEN },
        ]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe("cluster prod-dal10: IAM answered without an access token");
        expectNoSecrets(err);
        expect(err.message).not.toContain(IAM_TOKEN.slice(0, 8));
    });

    test("a getRBACStatus 200 whose body is not JSON names the cluster and the step", async () => {
        const { transport } = scriptedTransport([iamOk, zipOk(), { status: 200, body: "<html>proxy login</html>" }]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe("cluster prod-dal10: getRBACStatus answered HTTP 200 without a JSON body");
        expectNoSecrets(err);
    });

    test("a body that is not a ZIP", async () => {
        const { transport } = scriptedTransport([iamOk, { status: 200, body: `{"token":"${IAM_TOKEN}"}` }, rbac(true)]);
        const err = await caught(mintClusterCredential(CLUSTER, env, undefined, deps(transport)));
        expect(err.message).toBe("cluster prod-dal10: the configuration from IBM Cloud is not a ZIP archive");
        expectNoSecrets(err);
    });
});

describe("CredentialCache", () => {
    function credential(expiresAt: Date, token = "t"): ClusterCredential {
        return { server: SERVER, token, expiresAt, platform: "iks" };
    }
    function deferred<T>() {
        let resolve!: (v: T) => void;
        let reject!: (e: Error) => void;
        const promise = new Promise<T>((res, rej) => {
            resolve = res;
            reject = rej;
        });
        return { promise, resolve, reject };
    }
    const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

    test("concurrent gets share one mint", async () => {
        const d = deferred<ClusterCredential>();
        const mint = jest.fn((_cluster: string, _key?: string) => d.promise);
        const cache = new CredentialCache(mint, () => NOW);
        const waiters = [cache.get(CLUSTER), cache.get(CLUSTER), cache.get(CLUSTER)];
        const minted = credential(minutes(60));
        d.resolve(minted);
        const got = await Promise.all(waiters);
        expect(mint).toHaveBeenCalledTimes(1);
        expect(mint).toHaveBeenCalledWith(CLUSTER, undefined);
        for (const c of got) expect(c).toBe(minted);
    });

    test("a fresh credential is reused", async () => {
        const minted = credential(minutes(60));
        const mint = jest.fn(async () => minted);
        const cache = new CredentialCache(mint, () => NOW);
        expect(await cache.get(CLUSTER, "k")).toBe(minted);
        expect(await cache.get(CLUSTER, "k")).toBe(minted);
        expect(mint).toHaveBeenCalledTimes(1);
    });

    test("clusters and stack keys are cached apart", async () => {
        const mint = jest.fn(async (cluster: string, key?: string) => credential(minutes(60), `${cluster}/${key}`));
        const cache = new CredentialCache(mint, () => NOW);
        expect((await cache.get("a", "k1")).token).toBe("a/k1");
        expect((await cache.get("a", "k2")).token).toBe("a/k2");
        expect((await cache.get("b", "k1")).token).toBe("b/k1");
        expect((await cache.get("a", "k1")).token).toBe("a/k1");
        expect(mint).toHaveBeenCalledTimes(3);
    });

    test("a credential expiring within 5 minutes is minted again", async () => {
        expect(EXPIRY_MARGIN_MS).toBe(5 * 60 * 1000);
        const first = credential(minutes(4), "first");
        const second = credential(minutes(60), "second");
        const mint = jest.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
        const cache = new CredentialCache(mint, () => NOW);
        expect(await cache.get(CLUSTER)).toBe(first);
        expect(await cache.get(CLUSTER)).toBe(second);
        expect(await cache.get(CLUSTER)).toBe(second);
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("as the clock passes the margin, the next get mints again (once for concurrent callers)", async () => {
        let now = NOW;
        const first = credential(minutes(60), "first");
        const second = credential(minutes(120), "second");
        const mint = jest.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
        const cache = new CredentialCache(mint, () => now);
        expect(await cache.get(CLUSTER)).toBe(first);
        now = minutes(54);
        expect(await cache.get(CLUSTER)).toBe(first);
        now = minutes(56);
        const got = await Promise.all([cache.get(CLUSTER), cache.get(CLUSTER)]);
        expect(got).toEqual([second, second]);
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("a failed mint rejects every waiter, and the next get tries again", async () => {
        const d = deferred<ClusterCredential>();
        const recovered = credential(minutes(60), "recovered");
        const mint = jest.fn().mockReturnValueOnce(d.promise).mockResolvedValueOnce(recovered);
        const cache = new CredentialCache(mint, () => NOW);
        const waiters = [cache.get(CLUSTER), cache.get(CLUSTER), cache.get(CLUSTER)].map((p) =>
            p.then(
                () => "resolved",
                (e: Error) => e.message,
            ),
        );
        d.reject(new Error("cluster prod-dal10: IAM token for the API key failed with HTTP 400"));
        expect(await Promise.all(waiters)).toEqual(
            Array(3).fill("cluster prod-dal10: IAM token for the API key failed with HTTP 400"),
        );
        expect(mint).toHaveBeenCalledTimes(1);
        expect(await cache.get(CLUSTER)).toBe(recovered);
        expect(mint).toHaveBeenCalledTimes(2);
    });
});
