/**
 * JSON-patch planning for a ServiceAccount's `imagePullSecrets`: add our secret without touching anyone
 * else's entries, remove only ours. Server-side apply cannot do this (the list is atomic, so an apply owns
 * all of it); a JSON patch edits single entries. Pure functions plus a retry loop over an injected client.
 */
export interface LocalObjectReference {
    name?: string | null;
}

/** The parts of a ServiceAccount the planner reads. */
export interface ServiceAccountView {
    metadata?: { resourceVersion?: string | null } | null;
    imagePullSecrets?: LocalObjectReference[] | null;
}

export type JsonPatchOp =
    | { op: "add"; path: string; value: unknown }
    | { op: "remove"; path: string }
    | { op: "test"; path: string; value: unknown };

function references(sa: ServiceAccountView): LocalObjectReference[] {
    return Array.isArray(sa.imagePullSecrets) ? sa.imagePullSecrets : [];
}

export function hasPullSecret(sa: ServiceAccountView, secretName: string): boolean {
    return references(sa).some((r) => r?.name === secretName);
}

/**
 * Ops that append `secretName`, or [] when it is already there. A null or missing list is created whole;
 * since JSON patch cannot test for absence, that op is guarded by the resourceVersion read, so a list
 * someone created meanwhile is never overwritten (the patch fails and is re-planned instead).
 */
export function planAddPullSecret(sa: ServiceAccountView, secretName: string): JsonPatchOp[] {
    if (hasPullSecret(sa, secretName)) return [];
    const entry = { name: secretName };
    if (!Array.isArray(sa.imagePullSecrets)) {
        const rv = sa.metadata?.resourceVersion;
        const guard: JsonPatchOp[] = rv ? [{ op: "test", path: "/metadata/resourceVersion", value: rv }] : [];
        return [...guard, { op: "add", path: "/imagePullSecrets", value: [entry] }];
    }
    return [{ op: "add", path: "/imagePullSecrets/-", value: entry }];
}

/**
 * Ops that remove every entry named `secretName`, highest index first, each guarded by a `test` of that
 * index's name, so a concurrent edit that shifted the list makes the patch fail rather than remove
 * someone else's entry. [] when there is nothing of ours.
 */
export function planRemovePullSecret(sa: ServiceAccountView, secretName: string): JsonPatchOp[] {
    const ops: JsonPatchOp[] = [];
    const refs = references(sa);
    for (let i = refs.length - 1; i >= 0; i--) {
        if (refs[i]?.name !== secretName) continue;
        const path = `/imagePullSecrets/${i}`;
        ops.push({ op: "test", path: `${path}/name`, value: secretName }, { op: "remove", path });
    }
    return ops;
}

/** What the reconcile loop needs from a cluster; the dynamic provider backs it with @kubernetes/client-node. */
export interface ServiceAccountClient {
    /** The ServiceAccount, or undefined when it does not exist. */
    read(namespace: string, name: string): Promise<ServiceAccountView | undefined>;
    /** Applies a JSON patch; rejects with an error carrying `statusCode` (409/422 on conflict or failed test). */
    patch(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void>;
}

export interface ReconcileOptions {
    /** Attempts before giving up on conflicts. */
    readonly attempts?: number;
    /** Wait before attempt n (1-based), in ms; injectable so tests do not sleep. */
    readonly backoff?: (attempt: number) => Promise<void>;
}

export type ReconcileOutcome = "patched" | "unchanged" | "absent";

// An array, not a Set: Pulumi serializes this module into the dynamic provider, and Sets do not survive that.
const CONFLICT_STATUSES: readonly number[] = [409, 422];

function statusOf(err: unknown): number | undefined {
    const e = err as { statusCode?: number; code?: number; response?: { statusCode?: number } };
    return e?.statusCode ?? e?.code ?? e?.response?.statusCode;
}

const defaultBackoff = (attempt: number) =>
    new Promise<void>((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5000)));

/**
 * Reads, plans and patches until the ServiceAccount is as wanted, re-reading after a conflict.
 * `want` "present" adds our reference; "absent" removes it (a missing ServiceAccount counts as done).
 */
export async function reconcilePullSecret(
    client: ServiceAccountClient,
    ref: { namespace: string; serviceAccount: string; secretName: string },
    want: "present" | "absent",
    options: ReconcileOptions = {},
): Promise<ReconcileOutcome> {
    const attempts = options.attempts ?? 6;
    const backoff = options.backoff ?? defaultBackoff;
    const where = `service account ${ref.namespace}/${ref.serviceAccount}`;
    for (let attempt = 1; ; attempt++) {
        const sa = await client.read(ref.namespace, ref.serviceAccount);
        if (sa === undefined) {
            if (want === "absent") return "absent";
            // A new namespace's `default` account appears shortly after the namespace: wait for it.
            if (attempt >= attempts) {
                throw new Error(`${where} does not exist; create it, or remove it from registry-access:serviceAccounts`);
            }
            await backoff(attempt);
            continue;
        }
        const ops = want === "present" ? planAddPullSecret(sa, ref.secretName) : planRemovePullSecret(sa, ref.secretName);
        if (ops.length === 0) return "unchanged";
        try {
            await client.patch(ref.namespace, ref.serviceAccount, ops);
            return "patched";
        } catch (err) {
            const status = statusOf(err);
            if (!CONFLICT_STATUSES.includes(status ?? 0) || attempt >= attempts) {
                const reason = status ? `HTTP ${status}` : (err as Error)?.message ?? String(err);
                throw new Error(`could not patch imagePullSecrets of ${where} after ${attempt} attempt(s): ${reason}`);
            }
            await backoff(attempt);
        }
    }
}
