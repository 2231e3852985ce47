/**
 * JSON-patch planning for a ServiceAccount's `imagePullSecrets`, with the ownership of each entry we
 * manage recorded on the object itself. Server-side apply cannot do this (the list is atomic, so an
 * apply owns all of it); a JSON patch edits single entries. Pure functions plus a retry loop over an
 * injected client.
 *
 * Ownership (annotation `registry-access.io/owners`): for each secret name we manage, the owners that
 * reference it (one per resource instance: `<project>/<stack>/<resource>#<nonce>`) and whether the entry
 * was there before any of us. An entry is removed only when its last owner lets go and it was not there
 * before us. So a create-before-delete replace (new owner added, then the old one removed), a rename,
 * or two stacks sharing a ServiceAccount never drop a live entry.
 */
import { KubernetesApiError, isAbsent } from "../kubernetes/apiErrors";
import { parseJson } from "../input/json";
import { ownValue } from "../input/ownValue";

export interface LocalObjectReference {
    name?: string | null;
}

/** The parts of a ServiceAccount the planner reads. */
export interface ServiceAccountView {
    metadata?: { resourceVersion?: string | null; annotations?: Record<string, string> | null } | null;
    imagePullSecrets?: LocalObjectReference[] | null;
    secrets?: LocalObjectReference[] | null;
}

/**
 * The list a reference goes into: `imagePullSecrets` (what pods pull with), or `secrets`, where
 * `oc secrets link builder NAME` puts a secret (its `--for` defaults to mount) and OpenShift builds take
 * their push and pull credentials from.
 */
export type ReferenceList = "imagePullSecrets" | "secrets";
export const REFERENCE_LISTS: readonly ReferenceList[] = ["imagePullSecrets", "secrets"];

export type JsonPatchOp =
    | { op: "add"; path: string; value: unknown }
    | { op: "remove"; path: string }
    | { op: "test"; path: string; value: unknown };

export const OWNERS_ANNOTATION = "registry-access.io/owners";
/** The ownership of entries of `secrets`, kept apart: a name may be in both lists, owned differently. */
export const SECRETS_OWNERS_ANNOTATION = "registry-access.io/secrets-owners";

const OWNERS_ANNOTATIONS: Readonly<Record<ReferenceList, string>> = {
    imagePullSecrets: OWNERS_ANNOTATION,
    secrets: SECRETS_OWNERS_ANNOTATION,
};
const ownersAnnotation = (list: ReferenceList) => OWNERS_ANNOTATIONS[list];

export interface EntryOwnership {
    readonly owners: readonly string[];
    /** The entry was in the list before any registry-access resource added it: never ours to remove. */
    readonly preexisting: boolean;
}
export type OwnershipRecord = Readonly<Record<string, EntryOwnership>>;

function references(sa: ServiceAccountView, list: ReferenceList): LocalObjectReference[] {
    const refs = sa[list];
    // Stryker disable next-line ArrayDeclaration: a list of one string holds no entry with a name, as an empty one
    return Array.isArray(refs) ? refs : [];
}

export function hasPullSecret(
    sa: ServiceAccountView,
    secretName: string,
    list: ReferenceList = "imagePullSecrets",
): boolean {
    return references(sa, list).some((r) => r?.name === secretName);
}

function isOwnership(v: unknown): v is EntryOwnership {
    // A JSON value: null has no fields to read, a string, number or boolean no `preexisting` of its own.
    const o = v as EntryOwnership;
    return (
        o !== null &&
        typeof o.preexisting === "boolean" &&
        Array.isArray(o.owners) &&
        o.owners.every((x) => typeof x === "string")
    );
}

/** The ownership annotation; entries that do not parse count as unrecorded (so nothing is removed for them). */
export function readOwnership(sa: ServiceAccountView, list: ReferenceList = "imagePullSecrets"): OwnershipRecord {
    const parsed = parseJson(sa.metadata?.annotations?.[ownersAnnotation(list)]);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isOwnership(v)));
}

/** True when the entry is in the list and `owner` is recorded for it (what `read` reports as present). */
export function isAttached(
    sa: ServiceAccountView,
    secretName: string,
    owner: string,
    list: ReferenceList = "imagePullSecrets",
): boolean {
    return (
        hasPullSecret(sa, secretName, list) &&
        (ownValue(readOwnership(sa, list), secretName)?.owners ?? []).includes(owner)
    );
}

/** A JSON-pointer path segment (RFC 6901): `~` as `~0`, `/` as `~1`. */
export const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Every patch starts with a test of the resourceVersion read, so the whole patch applies to exactly the
 * object planned against; a concurrent edit makes it fail (422/409) and it is re-planned.
 */
function guarded(sa: ServiceAccountView, ops: JsonPatchOp[]): JsonPatchOp[] {
    if (ops.length === 0) return ops;
    const rv = sa.metadata?.resourceVersion;
    return rv ? [{ op: "test", path: "/metadata/resourceVersion", value: rv }, ...ops] : ops;
}

function setOwnership(sa: ServiceAccountView, next: OwnershipRecord, list: ReferenceList): JsonPatchOp[] {
    const annotation = ownersAnnotation(list);
    const annotations = sa.metadata?.annotations;
    const keys = Object.keys(next).sort();
    const value = JSON.stringify(Object.fromEntries(keys.map((k) => [k, next[k]])));
    const path = `/metadata/annotations/${escapePointer(annotation)}`;
    // Only a detach empties the record, and it read the entry it drops from this annotation.
    if (keys.length === 0) return [{ op: "remove", path }];
    if (!annotations) return [{ op: "add", path: "/metadata/annotations", value: { [annotation]: value } }];
    return annotations[annotation] === value ? [] : [{ op: "add", path, value }];
}

function addEntry(sa: ServiceAccountView, secretName: string, list: ReferenceList): JsonPatchOp[] {
    const entry = { name: secretName };
    return Array.isArray(sa[list])
        ? [{ op: "add", path: `/${list}/-`, value: entry }]
        : [{ op: "add", path: `/${list}`, value: [entry] }];
}

/** Ops removing every entry named `secretName`, highest index first, each guarded by a test of its name. */
function removeEntries(sa: ServiceAccountView, secretName: string, list: ReferenceList): JsonPatchOp[] {
    const at = references(sa, list).flatMap((ref, i) => (ref?.name === secretName ? [i] : []));
    return at.reverse().flatMap((i): JsonPatchOp[] => [
        { op: "test", path: `/${list}/${i}/name`, value: secretName },
        { op: "remove", path: `/${list}/${i}` },
    ]);
}

/**
 * Ops that make `owner` an owner of the `secretName` entry, adding the entry when it is missing.
 * An entry already there with no record is someone else's (preexisting). An entry that is missing
 * although owners are recorded was removed out of band: those records ended with it.
 * [] when nothing changes.
 */
export function attachOps(
    sa: ServiceAccountView,
    secretName: string,
    owner: string,
    list: ReferenceList = "imagePullSecrets",
): JsonPatchOp[] {
    const record = readOwnership(sa, list);
    const current = ownValue(record, secretName);
    const present = hasPullSecret(sa, secretName, list);
    let next: EntryOwnership;
    if (!present) next = { owners: [owner], preexisting: false };
    else if (!current) next = { owners: [owner], preexisting: true };
    else if (current.owners.includes(owner)) return [];
    else next = { owners: [...current.owners, owner], preexisting: current.preexisting };
    const entryOps = present ? [] : addEntry(sa, secretName, list);
    return guarded(sa, [...entryOps, ...setOwnership(sa, { ...record, [secretName]: next }, list)]);
}

/**
 * Ops that drop `owner` from the `secretName` entry, removing the entry when no owner remains and it was
 * not there before us. An entry with no record at all is left alone (we cannot know it is ours), except
 * for an imported resource (`owner` ""), which adopted the entry.
 */
export function detachOps(
    sa: ServiceAccountView,
    secretName: string,
    owner: string,
    list: ReferenceList = "imagePullSecrets",
): JsonPatchOp[] {
    const record = readOwnership(sa, list);
    const current = ownValue(record, secretName);
    if (!current) return owner === "" ? guarded(sa, removeEntries(sa, secretName, list)) : [];
    const owners = current.owners.filter((o) => o !== owner);
    if (owners.length === current.owners.length && owner !== "") return [];
    const { [secretName]: _dropped, ...others } = record;
    if (owners.length > 0) {
        return guarded(sa, setOwnership(sa, { ...others, [secretName]: { ...current, owners } }, list));
    }
    const entryOps = current.preexisting ? [] : removeEntries(sa, secretName, list);
    return guarded(sa, [...entryOps, ...setOwnership(sa, others, list)]);
}

/** What the reconcile loop needs from a cluster; the provider backs it with @kubernetes/client-node. */
export interface ServiceAccountClient {
    /** The ServiceAccount, or undefined when it (or its namespace) does not exist. */
    read(namespace: string, name: string): Promise<ServiceAccountView | undefined>;
    /** Applies a JSON patch; rejects with an error carrying `statusCode` or `code` (409/422 on conflict). */
    patch(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void>;
}

export interface ReconcileOptions {
    /** Attempts before giving up. */
    readonly attempts?: number;
    /** Wait before attempt n + 1 (n 1-based), in ms; injectable so tests do not sleep. */
    readonly backoff?: (attempt: number) => Promise<void>;
}

export interface PullSecretTarget {
    readonly namespace: string;
    readonly serviceAccount: string;
    readonly secretName: string;
    /** Default imagePullSecrets. */
    readonly list?: ReferenceList;
}

export type ReconcileOutcome = "patched" | "unchanged" | "absent";

/** The statuses of a write that lost a race: re-read and plan again. */
export const CONFLICT_STATUSES: readonly number[] = [409, 422];

/** The HTTP status of a client error: `statusCode` (ours), `code` (@kubernetes/client-node's ApiException). */
export function statusOf(err: unknown): number | undefined {
    const e = err as { statusCode?: number; code?: number; response?: { statusCode?: number } };
    const status = e?.statusCode ?? e?.code ?? e?.response?.statusCode;
    return typeof status === "number" ? status : undefined;
}

/**
 * A patch refused because the object is gone: from the provider's client only the API server's own NotFound
 * (core/kubernetes/apiErrors.ts), from any other client (the tests' fakes) a 404.
 */
export function isNotFoundError(err: unknown): boolean {
    return err instanceof KubernetesApiError ? isAbsent(err.failure) : statusOf(err) === 404;
}

/**
 * The error a patch ends with: the client's own KubernetesApiError (it names the object, the cluster and the
 * status) with the attempts made, else the status or the error's message. Never the client's error as a
 * cause: it can carry the response's headers and body.
 */
export function patchFailure(err: unknown, attempt: number, what: string): Error {
    if (err instanceof KubernetesApiError) return err.afterAttempts(attempt);
    const status = statusOf(err);
    const reason = status ? `HTTP ${status}` : ((err as Error)?.message ?? String(err));
    return new Error(`could not patch ${what} after ${attempt} attempt(s): ${reason}`);
}

/** Exponential backoff with jitter between conflict retries, capped at 5 s. */
export const defaultBackoff = (attempt: number) =>
    new Promise<void>((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5000) * (0.5 + Math.random() / 2)));

/**
 * Reads, plans and patches until the ServiceAccount is as wanted, re-reading after a conflict.
 * "attach" waits for a ServiceAccount that does not exist yet (a new namespace's `default` appears
 * shortly after the namespace); "detach" counts a missing one as done.
 */
export async function reconcilePullSecret(
    client: ServiceAccountClient,
    target: PullSecretTarget,
    want: { readonly action: "attach" | "detach"; readonly owner: string },
    options: ReconcileOptions = {},
): Promise<ReconcileOutcome> {
    const attempts = options.attempts ?? 6;
    const backoff = options.backoff ?? defaultBackoff;
    const where = `service account ${target.namespace}/${target.serviceAccount}`;
    for (let attempt = 1; ; attempt++) {
        const sa = await client.read(target.namespace, target.serviceAccount);
        if (sa === undefined) {
            if (want.action === "detach") return "absent";
            if (attempt >= attempts) {
                throw new Error(
                    `${where} does not exist; create it, or remove it from registry-access:serviceAccounts`,
                );
            }
            await backoff(attempt);
            continue;
        }
        const list = target.list ?? "imagePullSecrets";
        const ops =
            want.action === "attach"
                ? attachOps(sa, target.secretName, want.owner, list)
                : detachOps(sa, target.secretName, want.owner, list);
        if (ops.length === 0) return "unchanged";
        try {
            await client.patch(target.namespace, target.serviceAccount, ops);
            return "patched";
        } catch (err) {
            if (want.action === "detach" && isNotFoundError(err)) return "absent";
            if (!CONFLICT_STATUSES.includes(statusOf(err) ?? 0) || attempt >= attempts) {
                throw patchFailure(err, attempt, `${list} of ${where}`);
            }
            await backoff(attempt);
        }
    }
}
