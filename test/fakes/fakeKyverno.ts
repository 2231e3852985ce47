/**
 * Kyverno, reduced to what a registry-access ClusterPolicy uses, as kyverno/kyverno v1.19.0 (K:) and its docs
 * (W: kyverno/website) describe it, so that tests can see what a policy does to a cluster:
 * - match/exclude (K: pkg/utils/match/match.go): `kinds`, `names` and `namespaces` with `*` wildcards
 *   (ext/wildcard), `operations`, `selector` on the object's labels, `namespaceSelector` on its namespace's
 *   labels (never for a Namespace: pkg/engine/utils/match.go:126-128); a rule applies when some `match.any`
 *   entry matches and no `exclude.any` entry does;
 * - generate with clone (K: pkg/background/generate/clone.go:31-80): the source copied into the trigger's
 *   namespace, an existing target updated, a clone onto itself skipped, labelled as Kyverno labels downstream
 *   objects (pkg/background/common/labels.go);
 * - mutate with patchesJson6902, applied with EnsurePathExistsOnAdd (pkg/engine/mutate/patch/patchJSON6902.go:20-31:
 *   an `add` creates the missing parents), after the preconditions (W: preconditions.md, AnyNotIn);
 * - mutate existing (`targets`): the target's namespace and name after variable substitution, `target.`
 *   variables in its preconditions (W: mutate.md:533-578).
 * Only the JMESPath form our policies use is understood (`{{ <root>.<list>[].name || `[]` }}`); anything else throws,
 * so a policy this model cannot read fails its test instead of passing unread.
 */
import { Operation, applyPatch, deepClone } from "fast-json-patch";
import { LabelSelector, selectorMatches } from "../../core/kubernetes/labelSelector";

export interface FakeObject {
    metadata: {
        name: string;
        namespace?: string;
        resourceVersion?: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
    };
    [field: string]: unknown;
}

export interface FakeCluster {
    namespaces: FakeObject[];
    /** Secrets and ServiceAccounts, by `namespace/name`. */
    secrets: Map<string, FakeObject>;
    serviceAccounts: Map<string, FakeObject>;
}

/** A ClusterPolicy as the builder returns it (Kyverno's types), read here as the plain object it is. */
export type PolicyLike = { metadata: { name: string }; spec: { rules?: readonly object[] } };

type Resources = {
    kinds?: string[];
    names?: string[];
    namespaces?: string[];
    operations?: string[];
    selector?: LabelSelector;
    namespaceSelector?: LabelSelector;
};
type Filter = { any?: { resources: Resources }[] };
type Rule = { name: string; match: Filter; exclude?: Filter; preconditions?: any; generate?: any; mutate?: any };

const wildcard = (pattern: string, name: string) =>
    new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    ).test(name);

function resourcesMatch(r: Resources, obj: FakeObject, kind: string, op: string, cluster: FakeCluster): boolean {
    const ns = obj.metadata.namespace;
    const nsLabels = cluster.namespaces.find((n) => n.metadata.name === ns)?.metadata.labels ?? {};
    if (r.kinds && !r.kinds.includes(kind)) return false;
    if (r.names && !r.names.some((p) => wildcard(p, obj.metadata.name))) return false;
    if (r.namespaces && !(ns !== undefined && r.namespaces.some((p) => wildcard(p, ns)))) return false;
    if (r.operations && !r.operations.includes(op)) return false;
    if (r.selector && !selectorMatches(r.selector, obj.metadata.labels ?? {})) return false;
    if (r.namespaceSelector && (kind === "Namespace" || !selectorMatches(r.namespaceSelector, nsLabels))) return false;
    return true;
}

function applies(rule: Rule, obj: FakeObject, kind: string, op: string, cluster: FakeCluster): boolean {
    const matched = (rule.match.any ?? []).some((f) => resourcesMatch(f.resources, obj, kind, op, cluster));
    const excluded = (rule.exclude?.any ?? []).some((f) => resourcesMatch(f.resources, obj, kind, op, cluster));
    return matched && !excluded;
}

/** `{{request.object.metadata.name}}` and the list-of-names form our preconditions use. */
function substitute(text: unknown, roots: Record<string, FakeObject>): unknown {
    if (typeof text !== "string" || !text.includes("{{")) return text;
    const name = /^\{\{\s*request\.object\.metadata\.name\s*\}\}$/.exec(text);
    if (name) return roots.request.metadata.name;
    const names = /^\{\{\s*(request\.object|target)\.(imagePullSecrets|secrets)\[\]\.name \|\| `\[\]`\s*\}\}$/.exec(
        text,
    );
    if (names) {
        const root = names[1] === "target" ? roots.target : roots.request;
        return ((root[names[2]] as { name: string }[] | undefined) ?? []).map((r) => r.name);
    }
    throw new Error(`fake Kyverno cannot read ${text}`);
}

function conditionsHold(
    conditions: { all?: { key: unknown; operator: string; value: unknown }[] } | undefined,
    roots: Record<string, FakeObject>,
) {
    return (conditions?.all ?? []).every((c) => {
        const key = substitute(c.key, roots);
        const value = substitute(c.value, roots) as unknown[];
        if (c.operator === "AnyNotIn") return !value.includes(key);
        if (c.operator === "AnyIn") return value.includes(key);
        throw new Error(`fake Kyverno cannot evaluate operator ${c.operator}`);
    });
}

/** RFC 6902 with EnsurePathExistsOnAdd: an `add` creates missing parents (an array for `/-`, else a map). */
export function patchEnsuringPaths(doc: FakeObject, ops: { op: string; path: string; value?: unknown }[]): FakeObject {
    const copy = deepClone(doc) as Record<string, unknown>;
    for (const op of ops) {
        if (op.op !== "add") continue;
        const parts = op.path
            .split("/")
            .slice(1, -1)
            .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
        let node = copy;
        parts.forEach((part, i) => {
            const last = op.path.split("/").slice(1)[i + 1];
            if (node[part] === undefined || node[part] === null) node[part] = last === "-" ? [] : {};
            node = node[part] as Record<string, unknown>;
        });
    }
    return applyPatch(copy, deepClone(ops) as Operation[], true, false).newDocument as FakeObject;
}

/** What Kyverno's background controller does for every existing trigger when the policy is created. */
export function applyPolicyToCluster(policy: PolicyLike, cluster: FakeCluster): void {
    for (const rule of (policy.spec.rules ?? []) as Rule[]) {
        for (const ns of cluster.namespaces) {
            if (!applies(rule, ns, "Namespace", "CREATE", cluster)) continue;
            if (rule.generate) generate(policy.metadata.name, rule, ns, cluster);
            if (rule.mutate?.targets) mutateExisting(rule, ns, cluster);
        }
    }
}

function generate(policyName: string, rule: Rule, trigger: FakeObject, cluster: FakeCluster) {
    const g = rule.generate;
    const namespace = substitute(g.namespace, { request: trigger }) as string;
    if (namespace === g.clone.namespace && g.name === g.clone.name) return; // clone.go:31-34
    const source = cluster.secrets.get(`${g.clone.namespace}/${g.clone.name}`);
    if (!source) throw new Error(`fake Kyverno: clone source ${g.clone.namespace}/${g.clone.name} is missing`);
    const clone = deepClone(source) as FakeObject;
    clone.metadata = {
        ...clone.metadata,
        name: g.name,
        namespace,
        labels: {
            ...(source.metadata.labels ?? {}),
            "app.kubernetes.io/managed-by": "kyverno",
            "generate.kyverno.io/policy-name": policyName,
            "generate.kyverno.io/rule-name": rule.name,
            "generate.kyverno.io/source-namespace": g.clone.namespace,
        },
    };
    cluster.secrets.set(`${namespace}/${g.name}`, clone);
}

function mutateExisting(rule: Rule, trigger: FakeObject, cluster: FakeCluster) {
    for (const t of rule.mutate.targets) {
        const namespace = substitute(t.namespace, { request: trigger }) as string;
        const target = cluster.serviceAccounts.get(`${namespace}/${t.name}`);
        if (!target || !conditionsHold(t.preconditions, { request: trigger, target })) continue;
        cluster.serviceAccounts.set(
            `${namespace}/${t.name}`,
            patchEnsuringPaths(target, JSON.parse(rule.mutate.patchesJson6902)),
        );
    }
}

/** The admission controller on a ServiceAccount CREATE or UPDATE: the object as the API server stores it. */
export function admitServiceAccount(
    policy: PolicyLike,
    sa: FakeObject,
    operation: "CREATE" | "UPDATE",
    cluster: FakeCluster,
): FakeObject {
    let object = sa;
    for (const rule of (policy.spec.rules ?? []) as Rule[]) {
        if (!rule.mutate || rule.mutate.targets || !applies(rule, object, "ServiceAccount", operation, cluster))
            continue;
        if (!conditionsHold(rule.preconditions, { request: object })) continue;
        object = patchEnsuringPaths(object, JSON.parse(rule.mutate.patchesJson6902));
    }
    return object;
}
