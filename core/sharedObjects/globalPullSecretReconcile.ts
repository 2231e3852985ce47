/**
 * Applying globalPullSecretMerge.ts's plans to the cluster: the Secret decoded (refusing anything but a
 * docker config, never quoting it), the JSON patch of a plan (guarded by the resourceVersion read), and the
 * read-plan-patch loop that re-plans after a concurrent edit (409/422) instead of overwriting it.
 */
import {
    CurrentPullSecret,
    DOCKER_CONFIG_KEY,
    EditPlan,
    Hashes,
    MergeWant,
    OWNERS_ANNOTATION,
    RemovalWant,
    WHERE,
    invalid,
    planMerge,
    planRemoval,
} from "./globalPullSecretMerge";
import { KubernetesApiError } from "../kubernetes/apiErrors";
import {
    JsonPatchOp,
    defaultBackoff,
    escapePointer,
    isNotFoundError,
    statusOf,
} from "./serviceAccountPullSecretRefPatch";

/** The parts of the Secret read. */
export interface SecretView {
    metadata?: { resourceVersion?: string | null; annotations?: Record<string, string> | null } | null;
    type?: string | null;
    data?: Record<string, string> | null;
}
export type SecretPatchOp = JsonPatchOp | { op: "replace"; path: string; value: unknown };

/** The text's UTF-8 bytes. */
// Stryker disable next-line StringLiteral: Buffer.from reads an empty encoding name as utf8 (Node's lib/buffer.js fromString)
const utf8Bytes = (text: string) => Buffer.from(text, "utf8");

/** The pull secret's decoded text; refuses anything else (never quoting it). */
export function decodePullSecret(secret: SecretView): CurrentPullSecret {
    if (secret.type && secret.type !== "kubernetes.io/dockerconfigjson") throw invalid(`type ${secret.type}`);
    const data = secret.data?.[DOCKER_CONFIG_KEY];
    if (typeof data !== "string") throw invalid(`no ${DOCKER_CONFIG_KEY}`);
    const bytes = Buffer.from(data, "base64");
    const text = bytes.toString("utf8");
    if (!utf8Bytes(text).equals(bytes)) throw invalid("not UTF-8"); // re-encoding would alter it
    const { resourceVersion, annotations } = secret.metadata ?? {};
    return { dockerConfigJson: text, annotations, resourceVersion };
}

/**
 * The JSON patch making the Secret as planned, [] when nothing changes. It starts with a test of the
 * resourceVersion read (of the data, lacking one), so it applies only to the object planned against.
 */
export function pullSecretPatch(current: CurrentPullSecret, plan: EditPlan): SecretPatchOp[] {
    const ops: SecretPatchOp[] = [];
    const encoded = (text: string) => utf8Bytes(text).toString("base64");
    const dataPath = `/data/${escapePointer(DOCKER_CONFIG_KEY)}`;
    if (plan.dockerConfigJson !== current.dockerConfigJson) {
        ops.push({ op: "replace", path: dataPath, value: encoded(plan.dockerConfigJson) });
    }
    const annotations = current.annotations;
    const path = `/metadata/annotations/${escapePointer(OWNERS_ANNOTATION)}`;
    const value = plan.ownersAnnotation;
    if (value === undefined) {
        if (annotations && Object.hasOwn(annotations, OWNERS_ANNOTATION)) ops.push({ op: "remove", path });
    } else if (!annotations) {
        ops.push({ op: "add", path: "/metadata/annotations", value: { [OWNERS_ANNOTATION]: value } });
    } else if (annotations[OWNERS_ANNOTATION] !== value) ops.push({ op: "add", path, value });
    if (ops.length === 0) return ops;
    const rv = current.resourceVersion;
    const guard: SecretPatchOp = rv
        ? { op: "test", path: "/metadata/resourceVersion", value: rv }
        : { op: "test", path: dataPath, value: encoded(current.dockerConfigJson) };
    return [guard, ...ops];
}

export interface GlobalPullSecretClient {
    /** The Secret, or undefined when it does not exist. */
    read(): Promise<SecretView | undefined>;
    /** Applies a JSON patch; rejects with an error carrying `statusCode` or `code` (409/422 on conflict). */
    patch(ops: SecretPatchOp[]): Promise<void>;
}
export type GlobalPullSecretWant = ({ action: "merge" } & MergeWant) | ({ action: "remove" } & RemovalWant);
export interface GlobalReconcileResult {
    readonly outcome: "patched" | "unchanged" | "absent";
    /** What to keep in state: the hashes written (merge), {} (removal). */
    readonly hashes: Hashes;
}

/**
 * Reads, plans and patches until the pull secret is as wanted, re-reading and re-planning after a
 * conflict (409/422): a concurrent edit is retried against, never overwritten.
 */
export async function reconcileGlobalPullSecret(
    client: GlobalPullSecretClient,
    want: GlobalPullSecretWant,
    options: { readonly attempts?: number; readonly backoff?: (attempt: number) => Promise<void> } = {},
): Promise<GlobalReconcileResult> {
    const attempts = options.attempts ?? 6;
    const backoff = options.backoff ?? defaultBackoff;
    const absent = { outcome: "absent", hashes: {} } as const;
    for (let attempt = 1; ; attempt++) {
        const secret = await client.read();
        if (secret === undefined) {
            if (want.action === "remove") return absent;
            throw new Error(`${WHERE} does not exist (is this OpenShift 4?)`);
        }
        const current = decodePullSecret(secret);
        const plan = want.action === "merge" ? planMerge(current, want) : { ...planRemoval(current, want), hashes: {} };
        if ("conflicts" in plan) {
            const list = plan.conflicts.map((c) => `${c.server}: ${c.reason}`).join("; ");
            throw new Error(`registry-access will not change these entries of ${WHERE}: ${list}`);
        }
        const ops = pullSecretPatch(current, plan);
        if (ops.length === 0) return { outcome: "unchanged", hashes: plan.hashes };
        try {
            await client.patch(ops);
            return { outcome: "patched", hashes: plan.hashes };
        } catch (err) {
            const status = statusOf(err);
            if (want.action === "remove" && isNotFoundError(err)) return absent;
            if ((status !== 409 && status !== 422) || attempt >= attempts) {
                // The provider's client names the object, the cluster and the API server's message itself.
                if (err instanceof KubernetesApiError) throw err.afterAttempts(attempt);
                // Only the status: a client's message or cause can carry the request, i.e. the credentials.
                const code = (err as { code?: unknown })?.code;
                const reason = status ? `HTTP ${status}` : typeof code === "string" ? code : "no HTTP status";
                // eslint-disable-next-line preserve-caught-error -- the cause can carry the credentials too
                throw new Error(`could not patch secret ${WHERE} after ${attempt} attempt(s): ${reason}`);
            }
            await backoff(attempt);
        }
    }
}
