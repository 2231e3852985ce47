/**
 * What the selector policy leaves behind that is no longer wanted, and how to remove it: the clones Kyverno
 * made of our source secrets in namespaces the policy no longer serves (or of secrets it no longer clones), and
 * the ServiceAccount entries it added there (recorded by core/platforms/kyverno.ts's annotations). Run by our
 * provider after the policy is replaced (Kyverno keeps clones then: orphanDownstreamOnPolicyDelete) and, with
 * nothing served, after it is deleted. Only Kyverno's clones of this policy and this source are deleted, only
 * entries the policy recorded are removed; everything else stays. Pure.
 */
import { LabelSelector, selectorMatches } from "../kubernetes/labelSelector";
import { KYVERNO_LABELS, POLICY_ENTRY_PREFIX, PolicyReference, policyEntryAnnotation } from "./kyverno";
import {
    JsonPatchOp,
    LocalObjectReference,
    REFERENCE_LISTS,
    ReferenceList,
    escapePointer,
} from "../sharedObjects/serviceAccountPullSecretRefPatch";

/** What the policy serves now; `selector` undefined: nothing (the policy is gone). */
export interface ServedScope {
    readonly policyName: string;
    readonly sourceNamespace: string;
    readonly selector?: LabelSelector;
    /** Namespace names and `*` patterns the policy excludes. */
    readonly excluded: readonly string[];
    readonly secrets: readonly string[];
    readonly references: readonly PolicyReference[];
}

export interface NamespaceView {
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
}

export interface ObjectView {
    readonly metadata: {
        readonly namespace: string;
        readonly name: string;
        readonly resourceVersion?: string;
        readonly labels?: Readonly<Record<string, string>> | null;
        readonly annotations?: Readonly<Record<string, string>> | null;
    };
    readonly imagePullSecrets?: readonly (LocalObjectReference | null)[] | null;
    readonly secrets?: readonly (LocalObjectReference | null)[] | null;
}

export interface SweepPlan {
    readonly deleteSecrets: { readonly namespace: string; readonly name: string }[];
    readonly patches: { readonly namespace: string; readonly name: string; readonly ops: JsonPatchOp[] }[];
}

/** A Kyverno `names` pattern: `*` stands for any characters (the only wildcard our patterns use). */
export function wildcardMatch(pattern: string, name: string): boolean {
    const regex = pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${regex}$`).test(name);
}

/** Whether the policy serves `namespace` (matches the selector and is not excluded). */
export function serves(scope: ServedScope, namespace: NamespaceView): boolean {
    if (scope.selector === undefined) return false;
    if (scope.excluded.some((p) => wildcardMatch(p, namespace.name))) return false;
    return selectorMatches(scope.selector, namespace.labels ?? {});
}

/** The label selector listing Kyverno's clones of this policy (for the API's `labelSelector`). */
export function clonesSelector(policyName: string): string {
    return `${KYVERNO_LABELS.managedBy}=kyverno,${KYVERNO_LABELS.policyName}=${policyName}`;
}

/** Each recorded annotation's entry: from the references known (old and new), or the unhashed key. */
function entryOf(annotation: string, known: readonly PolicyReference[]) {
    const ref = known.find((r) => policyEntryAnnotation(r.list, r.secret) === annotation);
    if (ref) return { list: ref.list, secret: ref.secret };
    const m = /^(pull|mount)\.(.+)/.exec(annotation.slice(POLICY_ENTRY_PREFIX.length));
    if (!m || /^[0-9a-f]{16}$/.test(m[2])) return undefined;
    return { list: (m[1] === "pull" ? "imagePullSecrets" : "secrets") as ReferenceList, secret: m[2] };
}

/** The ops removing the entries the policy recorded and no longer wants, with their records. */
function serviceAccountOps(
    sa: ObjectView,
    scope: ServedScope,
    served: boolean,
    known: readonly PolicyReference[],
): JsonPatchOp[] {
    const ops: JsonPatchOp[] = [];
    const annotations = sa.metadata.annotations ?? {};
    // Of unknown: an item's name as read (it may lack one), looked up among the secrets' names.
    const removeFrom: Record<ReferenceList, Set<unknown>> = { imagePullSecrets: new Set(), secrets: new Set() };
    for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith(POLICY_ENTRY_PREFIX) || value !== scope.policyName) continue;
        const entry = entryOf(key, known);
        const wanted =
            served &&
            entry !== undefined &&
            scope.references.some(
                (r) => r.serviceAccount === sa.metadata.name && r.list === entry.list && r.secret === entry.secret,
            );
        if (wanted) continue;
        if (entry) removeFrom[entry.list].add(entry.secret);
        ops.push({ op: "remove", path: `/metadata/annotations/${escapePointer(key)}` });
    }
    // Highest index first, so that each removal leaves the indexes still to remove in place.
    const entryOps: JsonPatchOp[] = [];
    for (const list of REFERENCE_LISTS) {
        // Stryker disable next-line ArrayDeclaration: an item without a name (a string here) is skipped below
        const refs = sa[list] ?? [];
        // Stryker disable next-line ArithmeticOperator: the indexes past the end hold undefined, skipped below
        for (let i = refs.length - 1; i >= 0; i--) {
            const name = refs[i]?.name;
            if (!removeFrom[list].has(name)) continue;
            entryOps.push(
                { op: "test", path: `/${list}/${i}/name`, value: name },
                { op: "remove", path: `/${list}/${i}` },
            );
        }
    }
    return [...entryOps, ...ops];
}

/**
 * The clones to delete and the ServiceAccount patches, each patch guarded by the resourceVersion read.
 * `known`: every reference the policy may have recorded (the former and the current ones).
 */
export function planSweep(
    scope: ServedScope,
    cluster: {
        readonly namespaces: readonly NamespaceView[];
        readonly clones: readonly ObjectView[];
        readonly serviceAccounts: readonly ObjectView[];
    },
    known: readonly PolicyReference[],
): SweepPlan {
    const servedNamespaces = new Set(cluster.namespaces.filter((ns) => serves(scope, ns)).map((ns) => ns.name));
    const deleteSecrets = cluster.clones
        .filter((clone) => {
            const labels = clone.metadata.labels ?? {};
            const ours =
                labels[KYVERNO_LABELS.managedBy] === "kyverno" &&
                labels[KYVERNO_LABELS.policyName] === scope.policyName &&
                labels[KYVERNO_LABELS.sourceNamespace] === scope.sourceNamespace &&
                clone.metadata.namespace !== scope.sourceNamespace;
            const wanted =
                servedNamespaces.has(clone.metadata.namespace) && scope.secrets.includes(clone.metadata.name);
            return ours && !wanted;
        })
        .map((c) => ({ namespace: c.metadata.namespace, name: c.metadata.name }));
    const patches = cluster.serviceAccounts.flatMap((sa) => {
        const ops = serviceAccountOps(sa, scope, servedNamespaces.has(sa.metadata.namespace), known);
        if (ops.length === 0) return [];
        const rv = sa.metadata.resourceVersion;
        const guard: JsonPatchOp[] = rv ? [{ op: "test", path: "/metadata/resourceVersion", value: rv }] : [];
        return [{ namespace: sa.metadata.namespace, name: sa.metadata.name, ops: [...guard, ...ops] }];
    });
    return { deleteSecrets, patches };
}
