/**
 * What the fake API server (test/fakes/fakeIbmWorld.ts) serves for the selector policy, as kube-apiserver does:
 * CustomResourceDefinitions by name, kyverno.io/v1 ClusterPolicies (GET, POST with AlreadyExists, DELETE),
 * Namespaces listed, Secrets listed across namespaces by label selector and deleted, ServiceAccounts listed
 * across namespaces (their GET and JSON PATCH are the world's own).
 */
import type { FakeServiceAccounts } from "./fakeServiceAccounts";

type Answer = { code: number; body: unknown };
/** A Secret of the world, by `namespace/name`: only its labels matter here. */
type StoredSecret = { readonly metadata?: { readonly labels?: Record<string, string> } };
const statusBody = (code: number, reason: string, message: string) => ({
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    message,
    reason,
    code,
});

export class FakeKyvernoApi {
    readonly crds = new Set(["clusterpolicies.kyverno.io", "updaterequests.kyverno.io"]);
    readonly policies = new Map<string, Record<string, unknown>>();
    readonly namespaces: { name: string; labels?: Record<string, string> }[] = [];
    readonly calls: string[] = [];

    /** The answer for `method url`, or undefined when the request is not one of these. */
    serve(
        method: string,
        url: URL,
        body: string,
        world: {
            secrets: Map<string, StoredSecret>;
            serviceAccounts: FakeServiceAccounts;
        },
    ): Answer | undefined {
        const p = url.pathname;
        const crd = /^\/apis\/apiextensions\.k8s\.io\/v1\/customresourcedefinitions\/([^/]+)$/.exec(p);
        if (crd && method === "GET") {
            return this.crds.has(crd[1])
                ? { code: 200, body: { kind: "CustomResourceDefinition", metadata: { name: crd[1] } } }
                : {
                      code: 404,
                      body: statusBody(
                          404,
                          "NotFound",
                          `customresourcedefinitions.apiextensions.k8s.io "${crd[1]}" not found`,
                      ),
                  };
        }
        const policy = /^\/apis\/kyverno\.io\/v1\/clusterpolicies(?:\/([^/]+))?$/.exec(p);
        if (policy) return this.servePolicy(method, policy[1], body);
        if (p === "/api/v1/namespaces" && method === "GET") {
            return { code: 200, body: { kind: "NamespaceList", items: this.namespaces.map((n) => ({ metadata: n })) } };
        }
        if (p === "/api/v1/secrets" && method === "GET") {
            const wanted = (url.searchParams.get("labelSelector") ?? "")
                .split(",")
                .filter(Boolean)
                .map((kv) => kv.split("="));
            const items = [...world.secrets.entries()]
                .filter(([, s]) => wanted.every(([k, v]) => s.metadata?.labels?.[k] === v))
                .map(([key, s]) => ({
                    ...s,
                    metadata: { ...s.metadata, namespace: key.split("/")[0], name: key.split("/")[1] },
                }));
            return { code: 200, body: { kind: "SecretList", items } };
        }
        const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(p);
        if (secret && method === "DELETE") {
            this.calls.push(`DELETE secret ${secret[1]}/${secret[2]}`);
            const existed = world.secrets.delete(`${secret[1]}/${secret[2]}`);
            return existed
                ? { code: 200, body: statusBody(200, "", "") }
                : { code: 404, body: statusBody(404, "NotFound", `secrets "${secret[2]}" not found`) };
        }
        if (p === "/api/v1/serviceaccounts" && method === "GET") {
            return { code: 200, body: { kind: "ServiceAccountList", items: world.serviceAccounts.all() } };
        }
        return undefined;
    }

    private servePolicy(method: string, name: string | undefined, body: string): Answer {
        this.calls.push(`${method} clusterpolicies${name ? `/${name}` : ""}`);
        if (method === "POST") {
            const created = JSON.parse(body) as { metadata: { name: string } };
            if (this.policies.has(created.metadata.name)) {
                return {
                    code: 409,
                    body: statusBody(
                        409,
                        "AlreadyExists",
                        `clusterpolicies.kyverno.io "${created.metadata.name}" already exists`,
                    ),
                };
            }
            this.policies.set(created.metadata.name, created);
            return { code: 201, body: created };
        }
        const found = name === undefined ? undefined : this.policies.get(name);
        if (!found)
            return { code: 404, body: statusBody(404, "NotFound", `clusterpolicies.kyverno.io "${name}" not found`) };
        if (method === "DELETE") this.policies.delete(name!);
        return { code: 200, body: found };
    }
}
