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
import { ServedScope, clonesSelector, planSweep, serves, wildcardMatch } from "../../core/platforms/kyvernoSweep";
import { FakeCluster, FakeObject, admitServiceAccount, applyPolicyToCluster } from "../fakes/fakeKyverno";
import { FakeKyvernoClient } from "../fakes/fakeKyvernoClient";
import { HttpError } from "../fakes/fakeServiceAccounts";

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
// Built in each test, not when the file loads: Stryker ties a mutant only to the tests that run its code.
let POLICY: ReturnType<typeof selectorPolicy>;
let RECORD: string;
beforeEach(() => {
    POLICY = selectorPolicy(INPUT);
    RECORD = policyEntryAnnotation("imagePullSecrets", "all-icr-io");
});
const PULL = { "registry-access.io/pull": "icr" };

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

    it("names the policy, its rules and its records as Kubernetes allows: 63 characters, no trailing dash", () => {
        // A cluster name that leaves exactly 63 characters is kept; trailing dashes go, before and after cutting.
        expect(selectorPolicyName("c".repeat(47))).toBe(`registry-access-${"c".repeat(47)}`);
        expect(selectorPolicyName("dev--")).toBe("registry-access-dev");
        const cut = selectorPolicyName(`${"a".repeat(36)}--${"b".repeat(30)}`);
        expect(cut).toMatch(new RegExp(`^registry-access-${"a".repeat(36)}-[0-9a-f]{8}$`));
        expect(policyEntryAnnotation("imagePullSecrets", "all-icr-io")).toBe(
            "kyverno.registry-access.io/pull.all-icr-io",
        );
        expect(policyEntryAnnotation("secrets", "all-icr-io")).toBe("kyverno.registry-access.io/mount.all-icr-io");
        expect(policyEntryAnnotation("secrets", "s".repeat(58))).toMatch(
            /^kyverno\.registry-access\.io\/mount\.[0-9a-f]{16}$/,
        );
        // `clone.` and a 57-character secret make 63: kept whole.
        const rules = selectorPolicy({ ...INPUT, secrets: ["s".repeat(57)], references: [] }).spec.rules!;
        expect(rules.map((r) => r.name)).toEqual([`clone.${"s".repeat(57)}`]);
    });

    it("adds a ServiceAccount's entry on admission and to existing ones, guarded by AnyNotIn, and records it", () => {
        const input: SelectorPolicyInput = {
            ...INPUT,
            selector: { matchExpressions: [{ key: "tier", operator: "Exists" }] },
            references: [{ serviceAccount: "builder", list: "secrets", secret: "all-icr-io" }],
        };
        const excluded = ["kube-*", "ibm-*", "openshift", "openshift-*", "calico-system", "calico-apiserver"];
        expect(excludedNamespaces(input)).toEqual([
            ...excluded,
            "tigera-operator",
            "kyverno",
            "registry-access",
            "team-a",
        ]);
        const policy = selectorPolicy(input);
        const names = excludedNamespaces(input);
        const selector = { matchExpressions: [{ key: "tier", operator: "Exists" }] };
        const patch =
            '[{"op":"add","path":"/secrets/-","value":{"name":"all-icr-io"}},' +
            '{"op":"add","path":"/metadata/annotations/kyverno.registry-access.io~1mount.all-icr-io","value":"registry-access-dev-cluster"}]';
        expect(policy.metadata).toEqual({
            name: "registry-access-dev-cluster",
            labels: { "app.kubernetes.io/managed-by": "registry-access" },
            annotations: {
                "policies.kyverno.io/title": "registry-access pull secrets",
                "policies.kyverno.io/description":
                    "Pull secrets of registry-access (cluster dev-cluster) for namespaces matching its namespaceSelector.",
            },
        });
        expect(policy.spec.background).toBe(true);
        expect(policy.spec.rules!.slice(1)).toEqual([
            {
                name: "mount-new.builder.all-icr-io",
                match: {
                    any: [
                        {
                            resources: {
                                kinds: ["ServiceAccount"],
                                names: ["builder"],
                                operations: ["CREATE", "UPDATE"],
                                namespaceSelector: selector,
                            },
                        },
                    ],
                },
                exclude: { any: [{ resources: { namespaces: names } }] },
                preconditions: {
                    all: [
                        {
                            key: "all-icr-io",
                            operator: "AnyNotIn",
                            value: "{{ request.object.secrets[].name || `[]` }}",
                        },
                    ],
                },
                mutate: { patchesJson6902: patch },
            },
            {
                name: "mount-existing.builder.all-icr-io",
                match: { any: [{ resources: { kinds: ["Namespace"], selector } }] },
                exclude: { any: [{ resources: { kinds: ["Namespace"], names } }] },
                mutate: {
                    mutateExistingOnPolicyUpdate: true,
                    targets: [
                        {
                            apiVersion: "v1",
                            kind: "ServiceAccount",
                            namespace: "{{request.object.metadata.name}}",
                            name: "builder",
                            preconditions: {
                                all: [
                                    {
                                        key: "all-icr-io",
                                        operator: "AnyNotIn",
                                        value: "{{ target.secrets[].name || `[]` }}",
                                    },
                                ],
                            },
                        },
                    ],
                    patchesJson6902: patch,
                },
            },
        ]);
        expect(selectorPolicy(INPUT).spec.rules!.map((r) => r.name)).toEqual([
            "clone.all-icr-io",
            "pull-new.default.all-icr-io",
            "pull-existing.default.all-icr-io",
        ]);
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

describe("the sweep's plan", () => {
    const scope = () => ({
        ...scopeOf(INPUT),
        selector: { matchLabels: PULL },
        excluded: ["kube-*", "a.b"],
        references: [...INPUT.references, { serviceAccount: "builder", list: "secrets" as const, secret: "x" }],
    });
    const record = (entry: string, policy = "registry-access-dev-cluster") => ({
        [`kyverno.registry-access.io/${entry}`]: policy,
    });
    const LONG = "l".repeat(70);
    const HEX = "0123456789abcdef";

    it("reads Kyverno's `*` names literally otherwise, and serves nothing once the selector is gone", () => {
        expect(wildcardMatch("kube-*", "kube-system")).toBe(true);
        expect(wildcardMatch("kube-*", "my-kube-system")).toBe(false);
        expect(wildcardMatch("a.b", "axb")).toBe(false);
        expect(serves(scope(), { name: "axb", labels: PULL })).toBe(true);
        expect(serves(scope(), { name: "a.b", labels: PULL })).toBe(false);
        expect(serves({ ...scope(), selector: undefined }, { name: "app-1", labels: PULL })).toBe(false);
        expect(clonesSelector("p")).toBe("app.kubernetes.io/managed-by=kyverno,generate.kyverno.io/policy-name=p");
    });

    it("removes only the entries this policy recorded and no longer wants, highest index first, with their records", () => {
        const known = [
            ...INPUT.references,
            { serviceAccount: "default", list: "imagePullSecrets" as const, secret: LONG },
        ];
        const served = {
            metadata: {
                namespace: "app-1",
                name: "default",
                resourceVersion: "5",
                annotations: {
                    ...record("pull.all-icr-io"), // wanted: kept
                    ...record("mount.all-icr-io"), // the other list: not wanted
                    ...record("pull.gone"), // another secret: not wanted
                    ...record(`pull.${HEX}`), // a hashed name no reference knows: the record only
                    ...record(`pull.x${HEX}`),
                    ...record(`pull.${HEX}-x`),
                    ...record("xpull.theirs"), // not a record of ours: the record only
                    ...record("pull.other", "another-policy"), // another policy's
                    "example.com/pull.gone": "registry-access-dev-cluster",
                    [policyEntryAnnotation("imagePullSecrets", LONG)]: "registry-access-dev-cluster",
                },
            },
            imagePullSecrets: [
                { name: "gone" },
                { name: "all-icr-io" },
                { name: "theirs" },
                { name: HEX },
                { name: `x${HEX}` },
                { name: `${HEX}-x` },
                { name: LONG },
                null,
            ],
            secrets: [{ name: "all-icr-io" }],
        };
        const other = {
            metadata: { namespace: "app-1", name: "ci", annotations: record("pull.all-icr-io") },
            imagePullSecrets: [{ name: "all-icr-io" }],
        };
        const clone = (namespace: string, name = "all-icr-io", labels: Record<string, string> = {}) => ({
            metadata: {
                namespace,
                name,
                labels: {
                    "app.kubernetes.io/managed-by": "kyverno",
                    "generate.kyverno.io/policy-name": "registry-access-dev-cluster",
                    "generate.kyverno.io/source-namespace": "registry-access",
                    ...labels,
                },
            },
        });
        const plan = planSweep(
            scope(),
            {
                namespaces: [{ name: "app-1", labels: PULL }, { name: "old" }],
                clones: [
                    clone("app-1"), // served and wanted: kept
                    clone("app-1", "former"), // a secret no longer cloned
                    clone("old"), // a namespace no longer served
                    clone("old", "theirs", { "app.kubernetes.io/managed-by": "someone" }),
                    clone("old", "other", { "generate.kyverno.io/policy-name": "another-policy" }),
                    clone("old", "elsewhere", { "generate.kyverno.io/source-namespace": "elsewhere" }),
                    clone("registry-access"), // the source itself
                ],
                serviceAccounts: [served, other],
            },
            known,
        );
        expect(plan.deleteSecrets).toEqual([
            { namespace: "app-1", name: "former" },
            { namespace: "old", name: "all-icr-io" },
        ]);
        const remove = (entry: string) => ({
            op: "remove",
            path: `/metadata/annotations/kyverno.registry-access.io~1${entry}`,
        });
        expect(plan.patches).toEqual([
            {
                namespace: "app-1",
                name: "default",
                ops: [
                    { op: "test", path: "/metadata/resourceVersion", value: "5" },
                    { op: "test", path: "/imagePullSecrets/6/name", value: LONG },
                    { op: "remove", path: "/imagePullSecrets/6" },
                    { op: "test", path: "/imagePullSecrets/5/name", value: `${HEX}-x` },
                    { op: "remove", path: "/imagePullSecrets/5" },
                    { op: "test", path: "/imagePullSecrets/4/name", value: `x${HEX}` },
                    { op: "remove", path: "/imagePullSecrets/4" },
                    { op: "test", path: "/imagePullSecrets/0/name", value: "gone" },
                    { op: "remove", path: "/imagePullSecrets/0" },
                    { op: "test", path: "/secrets/0/name", value: "all-icr-io" },
                    { op: "remove", path: "/secrets/0" },
                    remove("mount.all-icr-io"),
                    remove("pull.gone"),
                    remove(`pull.${HEX}`),
                    remove(`pull.x${HEX}`),
                    remove(`pull.${HEX}-x`),
                    remove("xpull.theirs"),
                    {
                        op: "remove",
                        path: `/metadata/annotations/${policyEntryAnnotation("imagePullSecrets", LONG).replace("/", "~1")}`,
                    },
                ],
            },
            {
                // Another ServiceAccount than the reference names, read without a resourceVersion: no guard.
                namespace: "app-1",
                name: "ci",
                ops: [
                    { op: "test", path: "/imagePullSecrets/0/name", value: "all-icr-io" },
                    { op: "remove", path: "/imagePullSecrets/0" },
                    remove("pull.all-icr-io"),
                ],
            },
        ]);
    });
});

describe("the provider's retries", () => {
    it("waits between attempts, gives up at the deadline, and refuses at once what is not the permission race", async () => {
        const slept: number[] = [];
        const options = { sleep: async (ms: number) => void slept.push(ms), timeoutMs: 3000 };
        const client = new FakeKyvernoClient(cluster());
        client.permissionRaces = 100;
        await expect(createPolicy(client, { ...POLICY }, options)).rejects.toThrow("requires permissions");
        expect(client.calls).toHaveLength(4);
        expect(slept).toEqual([1000, 1000, 1000]);
        client.permissionRaces = 0;
        await createPolicy(client, { ...POLICY }, options);
        await expect(createPolicy(client, { ...POLICY }, options)).rejects.toThrow("already exists");
        expect(client.calls).toHaveLength(6);
        // The provider's client carries the API server's Status as `failure`.
        let refusals = 1;
        const viaStatus = Object.assign(new FakeKyvernoClient(cluster()), {
            createPolicy: async () => {
                if (refusals-- > 0) throw { message: "HTTP 400", failure: { message: "x requires permissions get" } };
            },
        });
        await expect(createPolicy(viaStatus, { ...POLICY }, options)).resolves.toBeUndefined();
        await expect(
            createPolicy(
                Object.assign(new FakeKyvernoClient(cluster()), { createPolicy: () => Promise.reject(null) }),
                {},
                options,
            ),
        ).rejects.toBeNull();
        slept.length = 0;
        client.lingering = 100;
        await expect(deletePolicy(client, POLICY.metadata.name, options)).rejects.toThrow("after 3 s");
        expect(slept).toEqual([1000, 1000, 1000]);
    });

    it("sleeps a second between attempts when not told otherwise", async () => {
        jest.useFakeTimers();
        try {
            const client = new FakeKyvernoClient(cluster());
            client.permissionRaces = 1;
            const created = createPolicy(client, { ...POLICY });
            await jest.advanceTimersByTimeAsync(999);
            expect(client.calls).toHaveLength(1);
            await jest.advanceTimersByTimeAsync(1);
            await created;
            expect(client.calls).toHaveLength(2);
        } finally {
            jest.useRealTimers();
        }
    });

    it("skips a ServiceAccount deleted meanwhile, deletes each clone once, and gives up after the attempts", async () => {
        const c = cluster();
        applyPolicyToCluster(POLICY, c);
        const none = { ...scopeOf(INPUT), selector: undefined, secrets: [], references: [] };
        const gone = new FakeKyvernoClient(c);
        let reads = 0;
        const read = gone.serviceAccounts.bind(gone);
        gone.serviceAccounts = () => (reads++, read());
        gone.patchServiceAccount = async () => {
            throw new HttpError(404, "not found");
        };
        expect(await sweep(gone, none, INPUT.references, instant)).toEqual({
            deletedSecrets: 1,
            patchedServiceAccounts: 0,
        });
        // Nothing left to retry: read once.
        expect(reads).toBe(1);
        const conflicting = new FakeKyvernoClient(c);
        let patches = 0;
        conflicting.patchServiceAccount = async () => {
            patches++;
            throw new HttpError(409, "conflict");
        };
        await expect(sweep(conflicting, none, INPUT.references, instant)).rejects.toThrow("conflict");
        expect(patches).toBe(5);
        const raced = new FakeKyvernoClient(c);
        let first = true;
        const original = raced.patchServiceAccount.bind(raced);
        raced.patchServiceAccount = async (namespace, name, ops) => {
            if (first) {
                first = false;
                throw new HttpError(422, "test failed");
            }
            return original(namespace, name, ops);
        };
        c.secrets.set("app-1/all-icr-io", {
            ...c.secrets.get("registry-access/all-icr-io")!,
            metadata: {
                name: "all-icr-io",
                namespace: "app-1",
                labels: {
                    "app.kubernetes.io/managed-by": "kyverno",
                    "generate.kyverno.io/policy-name": "registry-access-dev-cluster",
                    "generate.kyverno.io/source-namespace": "registry-access",
                },
            },
        });
        expect(await sweep(raced, none, INPUT.references, instant)).toEqual({
            deletedSecrets: 1,
            patchedServiceAccounts: 1,
        });
        expect(names(c, "app-1/default")).toEqual(["their-secret"]);
    });
});
