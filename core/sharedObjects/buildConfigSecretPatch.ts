/**
 * `oc set build-secret --push` and `--pull` on a BuildConfig, as JSON patches that set only what is ours and
 * record it, so nothing someone else set is overwritten and destroy takes back only what we set.
 *
 * What oc sets (openshift/oc @ 6b8e30c5, pkg/cli/set/buildsecret.go lines 280-329): `--push` the
 * `spec.output.pushSecret` reference; `--pull` the strategy's `pullSecret`, for the docker, source and custom
 * strategies (in that order of checks), nothing for a Jenkins pipeline. Field paths from openshift/api
 * build/v1/types.go (@ 2a3d7391): `Output.PushSecret` line 930, `DockerBuildStrategy.PullSecret` 733,
 * `SourceBuildStrategy.PullSecret` 784, `CustomBuildStrategy.PullSecret` 681. `spec.output` is a struct value,
 * always served (as `{}` when empty), and a push secret needs no `output.to`.
 *
 * Ownership (annotation `registry-access.io/build-secrets-owners`): for each field we set, the secret, its
 * owners (resource instances, as on ServiceAccounts) and whether it held that secret before any of us. Pure.
 */
import { parseJson } from "../input/json";
import {
    CONFLICT_STATUSES,
    JsonPatchOp,
    ReconcileOptions,
    ReconcileOutcome,
    defaultBackoff,
    escapePointer,
    isNotFoundError,
    patchFailure,
    statusOf,
} from "./serviceAccountPullSecretRefPatch";

export type BuildSecretField = "push" | "pull";
export const BUILD_SECRET_FIELDS: readonly BuildSecretField[] = ["push", "pull"];

export const BUILD_SECRETS_OWNERS_ANNOTATION = "registry-access.io/build-secrets-owners";

/** The strategies with a pull secret, in the order oc checks them. */
const PULL_STRATEGIES = ["dockerStrategy", "sourceStrategy", "customStrategy"] as const;

interface SecretReference {
    readonly name?: string | null;
}

/** The parts of a BuildConfig the planner reads. */
export interface BuildConfigView {
    metadata?: { resourceVersion?: string | null; annotations?: Record<string, string> | null } | null;
    spec?: {
        output?: { pushSecret?: SecretReference | null } | null;
        strategy?: Partial<Record<(typeof PULL_STRATEGIES)[number], { pullSecret?: SecretReference | null } | null>> &
            Record<string, unknown>;
    } | null;
}

export interface FieldOwnership {
    readonly secret: string;
    readonly owners: readonly string[];
    /** The field held this secret before any registry-access resource set it: never ours to clear. */
    readonly preexisting: boolean;
}

export type BuildSecretsOwnership = Partial<Record<BuildSecretField, FieldOwnership>>;

/** The JSON-pointer path of a field on this BuildConfig; undefined for a pull secret its strategy has none of. */
export function fieldPath(bc: BuildConfigView, field: BuildSecretField): string | undefined {
    if (field === "push") return "/spec/output/pushSecret";
    const strategy = PULL_STRATEGIES.find((s) => bc.spec?.strategy?.[s]);
    return strategy && `/spec/strategy/${strategy}/pullSecret`;
}

function currentSecret(bc: BuildConfigView, field: BuildSecretField): string | undefined {
    if (field === "push") return bc.spec?.output?.pushSecret?.name ?? undefined;
    const strategy = PULL_STRATEGIES.find((s) => bc.spec?.strategy?.[s]);
    // The strategy found is set, so its object is there.
    return (strategy && bc.spec!.strategy![strategy]!.pullSecret?.name) ?? undefined;
}

function isOwnership(v: unknown): v is FieldOwnership {
    const o = v as FieldOwnership;
    return (
        typeof o?.secret === "string" &&
        typeof o.preexisting === "boolean" &&
        Array.isArray(o.owners) &&
        o.owners.every((x) => typeof x === "string")
    );
}

/** The ownership annotation; a field whose record does not parse counts as unrecorded (so nothing is cleared). */
export function readBuildSecretsOwnership(bc: BuildConfigView): BuildSecretsOwnership {
    // No annotation or not JSON: undefined, which records nothing.
    const parsed = parseJson(bc.metadata?.annotations?.[BUILD_SECRETS_OWNERS_ANNOTATION]);
    return Object.fromEntries(
        BUILD_SECRET_FIELDS.flatMap((f) => (isOwnership((parsed as never)?.[f]) ? [[f, (parsed as never)[f]]] : [])),
    );
}

function ownershipOps(bc: BuildConfigView, next: BuildSecretsOwnership): JsonPatchOp[] {
    const annotations = bc.metadata?.annotations;
    const fields = BUILD_SECRET_FIELDS.filter((f) => next[f] !== undefined);
    const path = `/metadata/annotations/${escapePointer(BUILD_SECRETS_OWNERS_ANNOTATION)}`;
    if (fields.length === 0) {
        // Reached only by a detach, whose record was read from the annotation.
        return [{ op: "remove", path }];
    }
    const value = JSON.stringify(Object.fromEntries(fields.map((f) => [f, next[f]])));
    if (!annotations) {
        return [{ op: "add", path: "/metadata/annotations", value: { [BUILD_SECRETS_OWNERS_ANNOTATION]: value } }];
    }
    return annotations[BUILD_SECRETS_OWNERS_ANNOTATION] === value ? [] : [{ op: "add", path, value }];
}

/** Every patch applies only to the object planned against: a test of the resourceVersion read comes first. */
function guarded(bc: BuildConfigView, ops: JsonPatchOp[]): JsonPatchOp[] {
    const rv = bc.metadata?.resourceVersion;
    return ops.length > 0 && rv ? [{ op: "test", path: "/metadata/resourceVersion", value: rv }, ...ops] : ops;
}

export type BuildSecretPlan = { readonly ops: JsonPatchOp[] } | { readonly conflict: string };

/** Set `field` to `secret` for `owner`: refused when it holds another secret we did not set. */
export function attachBuildSecretOps(
    bc: BuildConfigView,
    field: BuildSecretField,
    secret: string,
    owner: string,
): BuildSecretPlan {
    const path = fieldPath(bc, field);
    // oc sets no pull secret on a Jenkins pipeline strategy, and neither do we.
    if (path === undefined) return { ops: [] };
    const record = readBuildSecretsOwnership(bc);
    const ours = record[field];
    const current = currentSecret(bc, field);
    const ownedByUs = ours !== undefined && ours.secret === current && !ours.preexisting;
    if (current !== undefined && current !== secret && !ownedByUs) {
        return { conflict: `${path.slice(1).replace(/\//g, ".")} is ${current}, which registry-access did not set` };
    }
    const owners = ours?.secret === secret ? ours.owners : [];
    if (current === secret && owners.includes(owner)) return { ops: [] };
    const next: FieldOwnership = {
        secret,
        // Once: an owner whose field was emptied since sets it again without being listed twice.
        owners: owners.includes(owner) ? owners : [...owners, owner],
        // Already there, and no record of ours for it: someone set it before us.
        preexisting: current === secret && (ours?.secret !== secret ? true : ours.preexisting),
    };
    const fieldOps: JsonPatchOp[] = current === secret ? [] : [{ op: "add", path, value: { name: secret } }];
    const parent =
        field === "push" && bc.spec?.output == null ? [{ op: "add" as const, path: "/spec/output", value: {} }] : [];
    return { ops: guarded(bc, [...parent, ...fieldOps, ...ownershipOps(bc, { ...record, [field]: next })]) };
}

/** Let go of `field` for `owner`; the last owner clears it, unless it was there before us or changed since. */
export function detachBuildSecretOps(bc: BuildConfigView, field: BuildSecretField, owner: string): JsonPatchOp[] {
    const record = readBuildSecretsOwnership(bc);
    const ours = record[field];
    if (ours === undefined || !ours.owners.includes(owner)) return [];
    const owners = ours.owners.filter((o) => o !== owner);
    const { [field]: _dropped, ...others } = record;
    if (owners.length > 0) return guarded(bc, ownershipOps(bc, { ...others, [field]: { ...ours, owners } }));
    const path = fieldPath(bc, field);
    const clear = !ours.preexisting && path !== undefined && currentSecret(bc, field) === ours.secret;
    return guarded(bc, [...(clear ? [{ op: "remove" as const, path }] : []), ...ownershipOps(bc, others)]);
}

/** What the reconcile loop needs from a cluster; the provider backs it with @kubernetes/client-node. */
export interface BuildConfigClient {
    /** The BuildConfig, or undefined when it (or its namespace) does not exist. */
    read(namespace: string, name: string): Promise<BuildConfigView | undefined>;
    /** Applies a JSON patch; rejects with an error carrying `statusCode` or `code` (409/422 on conflict). */
    patch(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void>;
}

export interface BuildSecretsTarget {
    readonly namespace: string;
    readonly buildConfig: string;
    readonly secretName: string;
    readonly fields: readonly BuildSecretField[];
}

/** The patch for every field at once, or the first field's conflict. */
export function planBuildSecrets(
    bc: BuildConfigView,
    target: BuildSecretsTarget,
    want: { readonly action: "attach" | "detach"; readonly owner: string },
): BuildSecretPlan {
    let view = bc;
    const ops: JsonPatchOp[] = [];
    for (const field of target.fields) {
        // Each field planned against the object as the ops before it leave it (one patch, one test).
        const plan =
            want.action === "attach"
                ? attachBuildSecretOps(view, field, target.secretName, want.owner)
                : { ops: detachBuildSecretOps(view, field, want.owner) };
        if ("conflict" in plan) return plan;
        const fieldOps = plan.ops.filter((op) => op.op !== "test");
        ops.push(...fieldOps);
        view = applied(view, fieldOps);
    }
    return { ops: guarded(bc, ops) };
}

/** The view after `ops` (only the shapes the planner writes: add/remove of a field or annotation). */
function applied(bc: BuildConfigView, ops: readonly JsonPatchOp[]): BuildConfigView {
    const copy = JSON.parse(JSON.stringify(bc)) as Record<string, unknown>;
    for (const op of ops) {
        const keys = op.path
            .split("/")
            .slice(1)
            // No `~0` to read: the planner's one escaped key (the annotation) holds no `~`.
            .map((k) => k.replace(/~1/g, "/"));
        const last = keys.pop()!;
        let node = copy as Record<string, unknown>;
        for (const k of keys) node = (node[k] ??= {}) as Record<string, unknown>;
        if (op.op === "remove") delete node[last];
        // A copy: the next op may add into this value, which must not change the op planned.
        else node[last] = structuredClone(op.value);
    }
    return copy as BuildConfigView;
}

/**
 * Reads, plans and patches until the BuildConfig is as wanted, re-reading after a conflict (409/422). A
 * missing BuildConfig is an error on attach (it is the user's to create) and done on detach.
 */
export async function reconcileBuildSecrets(
    client: BuildConfigClient,
    target: BuildSecretsTarget,
    want: { readonly action: "attach" | "detach"; readonly owner: string },
    options: ReconcileOptions = {},
): Promise<ReconcileOutcome> {
    const attempts = options.attempts ?? 6;
    const backoff = options.backoff ?? defaultBackoff;
    const where = `BuildConfig ${target.namespace}/${target.buildConfig}`;
    for (let attempt = 1; ; attempt++) {
        const bc = await client.read(target.namespace, target.buildConfig);
        if (bc === undefined) {
            if (want.action === "detach") return "absent";
            throw new Error(`${where} does not exist; create it, or remove it from registry-access:buildConfigs`);
        }
        const plan = planBuildSecrets(bc, target, want);
        if ("conflict" in plan) throw new Error(`${where}: ${plan.conflict}; registry-access does not overwrite it`);
        if (plan.ops.length === 0) return "unchanged";
        try {
            await client.patch(target.namespace, target.buildConfig, plan.ops);
            return "patched";
        } catch (err) {
            // As for ServiceAccounts: only the API server's own NotFound is "gone", and the error thrown names the
            // object and the attempts, never the client's error (it can carry the request).
            if (want.action === "detach" && isNotFoundError(err)) return "absent";
            if (!CONFLICT_STATUSES.includes(statusOf(err) ?? 0) || attempt >= attempts) {
                throw patchFailure(err, attempt, `build secrets of ${where}`);
            }
            await backoff(attempt);
        }
    }
}
