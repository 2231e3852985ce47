/**
 * The kubeconfig handed to the Kubernetes provider (an exec credential plugin, never a token) and the
 * plugin's output (core/cluster/kubeconfig.ts, provider/execCredential.ts).
 */
import { strToU8, zipSync } from "fflate";
import * as yaml from "js-yaml";
import { MintDeps, STACK_API_KEY_VARIABLE } from "../../core/cluster/credentials";
import { credentialFor } from "../../provider/execCredential";
import {
    CREDENTIAL_PLUGIN_SCRIPT,
    EXEC_API_VERSION,
    execCredential,
    execKubeconfig,
} from "../../core/cluster/kubeconfig";
import { Scripted, scriptedTransport } from "../fakes/scriptedTransport";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIDFAKECAFORTESTS\n-----END CERTIFICATE-----\n";
const SERVER = "https://c100.us-south.containers.cloud.ibm.com:31234";

describe("execKubeconfig", () => {
    const withCa = () => JSON.parse(execKubeconfig({ cluster: "prod-dal10", server: SERVER, caPem: CA_PEM }));

    test("is the whole expected kubeconfig: server, CA, an exec user, one context", () => {
        expect(withCa()).toEqual({
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                {
                    name: "prod-dal10",
                    cluster: { server: SERVER, "certificate-authority-data": Buffer.from(CA_PEM).toString("base64") },
                },
            ],
            users: [
                {
                    name: "prod-dal10-registry-access",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1",
                            command: "node",
                            args: ["bin/registry-access-credentials.js", "--cluster", "prod-dal10"],
                            interactiveMode: "Never",
                            provideClusterInfo: false,
                        },
                    },
                },
            ],
            contexts: [{ name: "prod-dal10", context: { cluster: "prod-dal10", user: "prod-dal10-registry-access" } }],
            "current-context": "prod-dal10",
        });
        expect(EXEC_API_VERSION).toBe("client.authentication.k8s.io/v1");
        expect(CREDENTIAL_PLUGIN_SCRIPT).toBe("bin/registry-access-credentials.js");
    });

    test("holds no token anywhere", () => {
        const text = execKubeconfig({ cluster: "prod-dal10", server: SERVER, caPem: CA_PEM, stackApiKey: "stack-key" });
        expect(text).not.toMatch(/token/i);
        expect(text).not.toMatch(/auth-provider|client-key|password/i);
        const user = JSON.parse(text).users[0].user;
        expect(Object.keys(user)).toEqual(["exec"]);
    });

    test("the CA is base64 PEM when given", () => {
        const data = withCa().clusters[0].cluster["certificate-authority-data"];
        expect(Buffer.from(data, "base64").toString("utf8")).toBe(CA_PEM);
    });

    test("no CA entry when none is given", () => {
        const doc = JSON.parse(execKubeconfig({ cluster: "roks-1", server: SERVER }));
        expect(doc.clusters[0].cluster).toEqual({ server: SERVER });
    });

    test("passes REGISTRY_ACCESS_STACK_API_KEY only when the stack has a key", () => {
        expect(STACK_API_KEY_VARIABLE).toBe("REGISTRY_ACCESS_STACK_API_KEY");
        const without = JSON.parse(execKubeconfig({ cluster: "c", server: SERVER })).users[0].user.exec;
        expect(without).not.toHaveProperty("env");
        const emptyKey = JSON.parse(execKubeconfig({ cluster: "c", server: SERVER, stackApiKey: "" })).users[0].user
            .exec;
        expect(emptyKey).not.toHaveProperty("env");
        const withKey = JSON.parse(execKubeconfig({ cluster: "c", server: SERVER, stackApiKey: "stack-key" })).users[0]
            .user.exec;
        expect(withKey.env).toEqual([{ name: "REGISTRY_ACCESS_STACK_API_KEY", value: "stack-key" }]);
    });

    test("is deterministic (the same input gives the same state)", () => {
        expect(execKubeconfig({ cluster: "c", server: SERVER, caPem: CA_PEM })).toBe(
            execKubeconfig({ cluster: "c", server: SERVER, caPem: CA_PEM }),
        );
    });
});

describe("execCredential", () => {
    test("prints an ExecCredential with an RFC 3339 expirationTimestamp without milliseconds", () => {
        const out = execCredential("tok-123", new Date("2026-03-04T05:06:07.891Z"));
        expect(JSON.parse(out)).toEqual({
            apiVersion: "client.authentication.k8s.io/v1",
            kind: "ExecCredential",
            status: { token: "tok-123", expirationTimestamp: "2026-03-04T05:06:07Z" },
        });
        expect(JSON.parse(out).status.expirationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    test("whole seconds too", () => {
        expect(JSON.parse(execCredential("t", new Date("2026-01-01T00:00:00.000Z"))).status.expirationTimestamp).toBe(
            "2026-01-01T00:00:00Z",
        );
    });
});

describe("credentialFor (the exec plugin)", () => {
    const b64url = (s: string) => Buffer.from(s).toString("base64url");
    const ID_TOKEN = `${b64url('{"alg":"RS256"}')}.${b64url(JSON.stringify({ exp: 1767225600 }))}.sig`;

    function fake(script: Scripted[]) {
        const { transport, requests } = scriptedTransport(script);
        const sleeps: number[] = [];
        const deps: MintDeps = {
            transport,
            retry: {
                attempts: 2,
                baseMs: 1,
                capMs: 1,
                random: () => 0,
                now: () => 0,
                sleep: async (ms) => {
                    sleeps.push(ms);
                },
            },
            now: () => new Date("2025-06-01T12:00:00Z"),
        };
        return { deps, requests, sleeps };
    }

    const zip = zipSync({
        "kube-config.yml": strToU8(
            yaml.dump({
                clusters: [
                    {
                        name: "c",
                        cluster: {
                            server: SERVER,
                            "certificate-authority-data": Buffer.from(CA_PEM).toString("base64"),
                        },
                    },
                ],
                users: [{ name: "u", user: { "auth-provider": { name: "oidc", config: { "id-token": ID_TOKEN } } } }],
            }),
        ),
    });
    const iksScript = () => [
        { status: 200, body: JSON.stringify({ access_token: "iam-access" }) },
        { status: 200, body: zip },
        { status: 200, body: JSON.stringify({ synchronized: true }) },
        { status: 404 },
    ];

    test("refuses a missing --cluster with the usage text, before any request", async () => {
        const { deps, requests } = fake([]);
        await expect(credentialFor([], { IC_API_KEY: "k" }, deps)).rejects.toThrow(
            new Error("usage: registry-access-credentials --cluster NAME"),
        );
        expect(requests).toHaveLength(0);
    });

    test("prints the ExecCredential for the cluster", async () => {
        const { deps, requests } = fake(iksScript());
        const out = await credentialFor(["--cluster", "prod-dal10"], { IC_API_KEY: "the-key" }, deps);
        expect(JSON.parse(out)).toEqual({
            apiVersion: "client.authentication.k8s.io/v1",
            kind: "ExecCredential",
            status: { token: ID_TOKEN, expirationTimestamp: "2026-01-01T00:00:00Z" },
        });
        expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
            "POST https://iam.cloud.ibm.com/identity/token",
            "POST https://containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
            "GET https://containers.cloud.ibm.com/global/v2/getRBACStatus?cluster=prod-dal10",
            `GET ${SERVER}/.well-known/oauth-authorization-server`,
        ]);
        expect(new URLSearchParams(requests[0].body).get("apikey")).toBe("the-key");
        expect(JSON.parse(requests[1].body ?? "")).toEqual({ cluster: "prod-dal10", format: "zip" });
    });

    test("takes the key the generated kubeconfig passes in REGISTRY_ACCESS_STACK_API_KEY", async () => {
        const { deps, requests } = fake(iksScript());
        await credentialFor(["--cluster=prod-dal10"], { REGISTRY_ACCESS_STACK_API_KEY: "from-stack" }, deps);
        expect(new URLSearchParams(requests[0].body).get("apikey")).toBe("from-stack");
    });
});
