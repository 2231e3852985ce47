/**
 * The selector stack's ClusterPolicy (core/platforms/kyverno.ts): checked against Kyverno's own API schema
 * (@kubernetes-models/kyverno 2.0.0, generated from kyverno/kyverno api/kyverno/v1 at v1.18.0: its go.mod; the CRD
 * config/crds/kyverno/kyverno.io_clusterpolicies.yaml changed from v1.18.0 to the pinned v1.19.0 only in descriptions,
 * the deprecated `assert` and a new `reportProperties`, none of which the policy uses), and run through a model of
 * Kyverno's generate, mutate and mutate-existing semantics (test/fakes/fakeKyverno.ts) on a small cluster; then
 * the provider's replace-and-sweep and destroy (core/platforms/kyvernoApply.ts) against the same cluster.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import {
    KYVERNO,
    SelectorPolicyInput,
    kyvernoRoles,
    policyEntryAnnotation,
    selectorPolicy,
    selectorPolicyName,
    excludedNamespaces,
} from "../../core/platforms/kyverno";
import { createPolicy, deletePolicy, sweep } from "../../core/platforms/kyvernoApply";
import type { ServedScope } from "../../core/platforms/kyvernoSweep";
import { FakeCluster, FakeObject, admitServiceAccount, applyPolicyToCluster } from "../fakes/fakeKyverno";
import { FakeKyvernoClient } from "../fakes/fakeKyvernoClient";

const ROOT = path.join(__dirname, "..", "..");
const SELECTOR = {
    matchLabels: { "registry-access.io/pull": "icr" },
    matchExpressions: [{ key: "environment", operator: "NotIn" as const, values: ["sandbox"] }],
};
const INPUT: SelectorPolicyInput = {
    cluster: "dev-cluster",
    selector: SELECTOR,
    sourceNamespace: "registry-access",
    secrets: ["all-icr-io"],
    references: [{ serviceAccount: "default", list: "imagePullSecrets", secret: "all-icr-io" }],
    listedNamespaces: ["team-a"],
};
const POLICY = selectorPolicy(INPUT);
const PULL = { "registry-access.io/pull": "icr" };
const RECORD = policyEntryAnnotation("imagePullSecrets", "all-icr-io");

const ns = (name: string, labels: Record<string, string> = {}): FakeObject => ({ metadata: { name, labels } });
const sa = (namespace: string, name: string, imagePullSecrets?: { name: string }[]): FakeObject => ({
    metadata: { name, namespace, resourceVersion: "1" },
    ...(imagePullSecrets ? { imagePullSecrets } : {}),
});

/** Namespaces: the source, a listed one, served ones, and ones the policy must leave alone. */
function cluster(): FakeCluster {
    const namespaces = [
        ns("registry-access"),
        ns("team-a", PULL),
        ns("app-1", PULL),
        ns("app-2", { ...PULL, environment: "sandbox" }),
        ns("kube-extra", PULL),
        ns("openshift-monitoring", PULL),
        ns("other"),
    ];
    const serviceAccounts = new Map<string, FakeObject>();
    for (const n of namespaces) serviceAccounts.set(`${n.metadata.name}/default`, sa(n.metadata.name, "default"));
    serviceAccounts.set("app-1/default", sa("app-1", "default", [{ name: "their-secret" }]));
    serviceAccounts.set("app-1/ci", sa("app-1", "ci"));
    const secrets = new Map<string, FakeObject>([
        [
            "registry-access/all-icr-io",
            {
                metadata: {
                    name: "all-icr-io",
                    namespace: "registry-access",
                    labels: { "app.kubernetes.io/managed-by": "registry-access" },
                },
                type: "kubernetes.io/dockerconfigjson",
                data: { ".dockerconfigjson": "e30=" },
            },
        ],
    ]);
    return { namespaces, secrets, serviceAccounts };
}

const names = (c: FakeCluster, key: string) =>
    ((c.serviceAccounts.get(key)?.imagePullSecrets as { name: string }[] | undefined) ?? []).map((r) => r.name);
const clones = (c: FakeCluster) => [...c.secrets.keys()].filter((k) => !k.startsWith("registry-access/")).sort();
const scopeOf = (input: SelectorPolicyInput): ServedScope => ({
    policyName: selectorPolicyName(input.cluster),
    sourceNamespace: input.sourceNamespace,
    selector: input.selector,
    excluded: excludedNamespaces(input),
    secrets: input.secrets,
    references: input.references,
});
const instant = { sleep: async () => {}, timeoutMs: 3000 };

describe("the ClusterPolicy against Kyverno's API schema", () => {
    it("validates, and the validators refuse what Kyverno's types refuse", () => {
        const broken = JSON.parse(JSON.stringify(POLICY));
        broken.spec.rules[0].generate.synchronize = "yes";
        delete broken.spec.rules[1].match;
        const out = execFileSync("node", [path.join(ROOT, "test", "fakes", "kyvernoSchema.mjs")], {
            input: JSON.stringify([POLICY, broken]),
            cwd: ROOT,
        }).toString();
        const [ok, refused] = JSON.parse(out);
        expect(ok).toBeNull();
        expect(refused).toMatch(/synchronize must be boolean|must have required property 'match'/);
    });

    it("names its rules within Kyverno's 63 characters, once each, and never fails writes while Kyverno is down", () => {
        const long = selectorPolicy({
            ...INPUT,
            secrets: ["s".repeat(200)],
            references: [{ serviceAccount: "a".repeat(200), list: "secrets", secret: "s".repeat(200) }],
        });
        const ruleNames = long.spec.rules!.map((r) => r.name);
        expect(new Set(ruleNames).size).toBe(ruleNames.length);
        for (const n of ruleNames) expect(n.length).toBeLessThanOrEqual(63);
        expect(POLICY.spec.webhookConfiguration).toEqual({ failurePolicy: "Ignore", timeoutSeconds: 10 });
        expect(POLICY.metadata.name).toBe("registry-access-dev-cluster");
        expect(selectorPolicyName("Prod_Cluster.EU")).toBe("registry-access-prod-cluster-eu");
        expect(selectorPolicyName("c".repeat(80))).toMatch(/^registry-access-c+-[0-9a-f]{8}$/);
        expect(selectorPolicyName("c".repeat(80)).length).toBeLessThanOrEqual(63);
    });

    it("clones with synchronize and generateExisting, keeping clones when the policy is deleted (the provider sweeps)", () => {
        expect(POLICY.spec.rules![0].generate).toEqual({
            apiVersion: "v1",
            kind: "Secret",
            name: "all-icr-io",
            namespace: "{{request.object.metadata.name}}",
            synchronize: true,
            generateExisting: true,
            orphanDownstreamOnPolicyDelete: true,
            clone: { namespace: "registry-access", name: "all-icr-io" },
        });
    });

    it("gives Kyverno's controllers Secrets and ServiceAccounts only, through the aggregation labels", () => {
        expect(kyvernoRoles("dev-cluster")).toEqual([
            {
                name: "registry-access-dev-cluster:background",
                labels: { "rbac.kyverno.io/aggregate-to-background-controller": "true" },
                rules: [
                    {
                        apiGroups: [""],
                        resources: ["secrets"],
                        verbs: ["get", "list", "watch", "create", "update", "delete"],
                    },
                    { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["get", "list", "watch", "update"] },
                ],
            },
            {
                name: "registry-access-dev-cluster:admission",
                labels: { "rbac.kyverno.io/aggregate-to-admission-controller": "true" },
                rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }],
            },
        ]);
        expect(KYVERNO).toMatchObject({ version: "v1.19.0", chartVersion: "3.9.0" });
    });
});

describe("what Kyverno does with the policy", () => {
    it("clones the source into matching namespaces only, never the listed, system or source ones", () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        expect(clones(c)).toEqual(["app-1/all-icr-io"]);
        expect(c.secrets.get("app-1/all-icr-io")!.metadata.labels).toMatchObject({
            "app.kubernetes.io/managed-by": "kyverno",
            "generate.kyverno.io/policy-name": "registry-access-dev-cluster",
        });
    });

    it("appends the reference to existing ServiceAccounts, keeping others' entries in order, once", () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        applyPolicyToCluster(POLICY, c);
        expect(names(c, "app-1/default")).toEqual(["their-secret", "all-icr-io"]);
        expect(c.serviceAccounts.get("app-1/default")!.metadata.annotations).toEqual({
            [RECORD]: "registry-access-dev-cluster",
        });
        expect(names(c, "app-1/ci")).toEqual([]);
        for (const n of ["team-a", "app-2", "kube-extra", "openshift-monitoring", "other", "registry-access"])
            expect(names(c, `${n}/default`)).toEqual([]);
    });

    it("supplies ServiceAccounts created later in matching namespaces, and puts back an entry someone removed", () => {
        const c = cluster();
        c.namespaces.push(ns("app-3", PULL));
        const created = admitServiceAccount(POLICY, sa("app-3", "default"), "CREATE", c);
        expect(names({ ...c, serviceAccounts: new Map([["x", created]]) }, "x")).toEqual(["all-icr-io"]);
        const edited = admitServiceAccount(POLICY, sa("app-1", "default", [{ name: "their-secret" }]), "UPDATE", c);
        expect((edited.imagePullSecrets as { name: string }[]).map((r) => r.name)).toEqual([
            "their-secret",
            "all-icr-io",
        ]);
        expect(admitServiceAccount(POLICY, sa("app-1", "ci"), "CREATE", c)).toEqual(sa("app-1", "ci"));
        expect(admitServiceAccount(POLICY, sa("kube-extra", "default"), "CREATE", c)).toEqual(
            sa("kube-extra", "default"),
        );
    });
});

describe("scale", () => {
    it("serves a thousand matching namespaces with the same one policy: the work is Kyverno's, in the cluster", () => {
        const c = cluster();
        for (let i = 0; i < 1000; i++) {
            c.namespaces.push(ns(`tenant-${i}`, PULL));
            c.serviceAccounts.set(`tenant-${i}/default`, sa(`tenant-${i}`, "default"));
        }
        applyPolicyToCluster(POLICY, c);
        expect(clones(c)).toHaveLength(1001);
        expect(names(c, "tenant-999/default")).toEqual(["all-icr-io"]);
        expect(POLICY.spec.rules).toHaveLength(3);
    });
});

describe("the provider's replace, sweep and destroy", () => {
    it("creates the policy once Kyverno holds the aggregated permissions, and waits for a deleted one to be gone", async () => {
        const client = new FakeKyvernoClient(cluster());
        client.permissionRaces = 2;
        await createPolicy(client, { ...POLICY }, instant);
        expect(client.calls).toEqual([
            "create registry-access-dev-cluster",
            "create registry-access-dev-cluster",
            "create registry-access-dev-cluster",
        ]);
        client.lingering = 2;
        await deletePolicy(client, POLICY.metadata.name, instant);
        expect(client.policies.size).toBe(0);
        client.lingering = 100;
        await expect(deletePolicy(client, POLICY.metadata.name, instant)).rejects.toThrow(
            "ClusterPolicy registry-access-dev-cluster was deleted but is still there after 3 s",
        );
    });

    it("after a selector change, removes clones and entries where the policy no longer serves, and nothing else", async () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        c.namespaces.push(ns("app-4", { tier: "gold" }));
        c.serviceAccounts.set("app-4/default", sa("app-4", "default"));
        const next = { ...INPUT, selector: { matchLabels: { tier: "gold" } } };
        applyPolicyToCluster(selectorPolicy(next), c);
        const client = new FakeKyvernoClient(c);
        await sweep(client, scopeOf(next), [...INPUT.references, ...next.references], instant);
        expect(clones(c)).toEqual(["app-4/all-icr-io"]);
        expect(names(c, "app-1/default")).toEqual(["their-secret"]);
        expect(c.serviceAccounts.get("app-1/default")!.metadata.annotations).toEqual({});
        expect(names(c, "app-4/default")).toEqual(["all-icr-io"]);
        expect(c.secrets.has("registry-access/all-icr-io")).toBe(true);
    });

    it("on destroy, removes every clone and recorded entry, keeping the source's owner's and others' objects", async () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        // Someone else's Secret of the same name in another namespace: not a clone of ours.
        c.secrets.set("other/all-icr-io", { metadata: { name: "all-icr-io", namespace: "other" } });
        const client = new FakeKyvernoClient(c);
        const none = { ...scopeOf(INPUT), selector: undefined, secrets: [], references: [] };
        expect(await sweep(client, none, INPUT.references, instant)).toEqual({
            deletedSecrets: 1,
            patchedServiceAccounts: 1,
        });
        expect(clones(c)).toEqual(["other/all-icr-io"]);
        expect(names(c, "app-1/default")).toEqual(["their-secret"]);
    });

    it("plans a ServiceAccount changed meanwhile again instead of overwriting it", async () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        const client = new FakeKyvernoClient(c);
        const original = client.patchServiceAccount.bind(client);
        let raced = false;
        client.patchServiceAccount = async (namespace, name, ops) => {
            if (!raced) {
                raced = true;
                // Someone adds an entry first: the resourceVersion test fails, the sweep reads and plans again.
                const current = c.serviceAccounts.get(`${namespace}/${name}`)!;
                c.serviceAccounts.set(`${namespace}/${name}`, {
                    ...current,
                    metadata: { ...current.metadata, resourceVersion: "77" } as FakeObject["metadata"],
                    imagePullSecrets: [{ name: "new-one" }, ...(current.imagePullSecrets as object[])],
                });
            }
            return original(namespace, name, ops);
        };
        const none = { ...scopeOf(INPUT), selector: undefined, secrets: [], references: [] };
        await sweep(client, none, INPUT.references, instant);
        expect(names(c, "app-1/default")).toEqual(["new-one", "their-secret"]);
    });
});
