/**
 * The KyvernoClient of core/platforms/kyvernoApply.ts over an in-memory cluster (test/fakes/fakeKyverno.ts): the
 * API server's answers for CRDs, ClusterPolicies, Namespaces, Secrets listed by label and ServiceAccounts
 * JSON-patched atomically with their resourceVersion (test/fakes/fakeServiceAccounts.ts applyJsonPatch).
 */
import type { KyvernoClient } from "../../core/platforms/kyvernoApply";
import type { JsonPatchOp } from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import type { FakeCluster, FakeObject } from "./fakeKyverno";
import { HttpError, applyJsonPatch } from "./fakeServiceAccounts";

export class FakeKyvernoClient implements KyvernoClient {
    crds = new Set(["clusterpolicies.kyverno.io", "updaterequests.kyverno.io"]);
    readonly policies = new Map<string, Record<string, unknown>>();
    readonly calls: string[] = [];
    private version = 1000;
    /** Answers Kyverno's refusal this many times before accepting a policy (its aggregated RBAC lagging). */
    permissionRaces = 0;
    /** Keeps a deleted policy visible for this many reads (deletion is not immediate). */
    lingering = 0;

    constructor(readonly cluster: FakeCluster) {}

    async missingCrds(names: readonly string[]) {
        return names.filter((n) => !this.crds.has(n));
    }
    async readPolicy(name: string) {
        if (!this.policies.has(name) && this.lingering > 0) {
            this.lingering--;
            return { metadata: { name, deletionTimestamp: "now" } };
        }
        return this.policies.get(name);
    }
    async createPolicy(policy: Record<string, unknown>) {
        const name = (policy.metadata as { name: string }).name;
        this.calls.push(`create ${name}`);
        if (this.permissionRaces > 0) {
            this.permissionRaces--;
            throw new HttpError(
                400,
                "system:serviceaccount:kyverno:kyverno-background-controller requires permissions get,create,update,delete for resource v1/Secret",
            );
        }
        if (this.policies.has(name)) throw new HttpError(409, `clusterpolicies "${name}" already exists`);
        this.policies.set(name, JSON.parse(JSON.stringify(policy)));
    }
    async deletePolicy(name: string) {
        this.calls.push(`delete ${name}`);
        this.policies.delete(name);
    }
    async namespaces() {
        return this.cluster.namespaces.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} }));
    }
    async secrets(labelSelector: string) {
        const wanted = labelSelector.split(",").map((kv) => kv.split("="));
        return [...this.cluster.secrets.values()]
            .filter((s) => wanted.every(([k, v]) => s.metadata.labels?.[k] === v))
            .map((s) => ({ metadata: { ...s.metadata, namespace: s.metadata.namespace! } }));
    }
    async deleteSecret(namespace: string, name: string) {
        this.calls.push(`delete secret ${namespace}/${name}`);
        this.cluster.secrets.delete(`${namespace}/${name}`);
    }
    async serviceAccounts() {
        return [...this.cluster.serviceAccounts.values()].map((sa) => JSON.parse(JSON.stringify(sa)));
    }
    async patchServiceAccount(namespace: string, name: string, ops: JsonPatchOp[]) {
        this.calls.push(`patch ${namespace}/${name}`);
        const sa = this.cluster.serviceAccounts.get(`${namespace}/${name}`);
        if (!sa) throw new HttpError(404, "not found");
        const next = applyJsonPatch(sa, ops) as FakeObject;
        next.metadata = { ...next.metadata, resourceVersion: String(++this.version) } as FakeObject["metadata"];
        this.cluster.serviceAccounts.set(`${namespace}/${name}`, next);
    }
}
