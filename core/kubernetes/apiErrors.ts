/**
 * The Kubernetes API server's errors as @kubernetes/client-node throws them, turned into one message naming the
 * step, the object, the cluster and the HTTP status with the API server's own Status message, and nothing more.
 * Pure.
 *
 * - @kubernetes/client-node 1.4.0, dist/gen/apis/exception.js:10-17: `ApiException(code, message, body, headers)`,
 *   whose own message is "HTTP-Code: …\nMessage: …\nBody: <the whole body>\nHeaders: <every response header>":
 *   never repeated here. `body` is undefined on a 401 (dist/gen/apis/CoreV1Api.js:17054-17055, "Unauthorized"),
 *   else the response's text (ResponseContext.getBodyAsAny, dist/gen/http/http.js:179-189).
 * - kubernetes/apimachinery at eed236c, pkg/apis/meta/v1/types.go:828-858: the Status an error answers with
 *   (`{kind: "Status", message, reason, code}`); :940 StatusReasonNotFound = "NotFound". An object is absent only
 *   when the API server says so: a 404 whose body is a Status with reason NotFound. Any other 404 (a proxy, a
 *   wrong path) is an error, never "nothing to remove".
 * - node-fetch 2, client-node's transport: a request without an answer rejects with a FetchError carrying node's
 *   `code` (ECONNREFUSED, ENOTFOUND, …) and a message quoting the URL; the code is what is named.
 */
import { hostOf, maskedExcerpt, transportReason } from "../input/errorText";

export type ApiVerb = "read" | "list" | "create" | "patch" | "delete";

/** One call to the API server, as a message names it. */
export interface ApiCall {
    readonly verb: ApiVerb;
    /** `ServiceAccount team-a/default`, `Secret openshift-config/pull-secret`. */
    readonly object: string;
    /** `cluster dev-cluster`, `kubeconfig context dev` (core/cluster/connection.ts describeConnection). */
    readonly where: string;
    /** The API server's URL, named (its host) when it gave no answer. */
    readonly server?: string;
}

/** What a failed call is made of: a status with the Status's reason and message, or no answer at all. */
export interface ApiFailure {
    readonly status?: number;
    readonly reason?: string;
    readonly message?: string;
    /** Why there was no answer: node's code, else the error's message masked. */
    readonly transport?: string;
}

/** The Status in an error body (text or object), or {} when the body is none. */
function statusOfBody(body: unknown): { reason?: string; message?: string } {
    let o: unknown = body;
    if (typeof body === "string") {
        try {
            o = JSON.parse(body);
        } catch {
            // Not JSON: `o` stays the text, which is no Status.
        }
    }
    if (typeof o !== "object" || o === null || (o as { kind?: unknown }).kind !== "Status") return {};
    const { reason, message } = o as { reason?: unknown; message?: unknown };
    return {
        ...(typeof reason === "string" ? { reason } : {}),
        ...(typeof message === "string" ? { message } : {}),
    };
}

/** The parts of a client's error worth naming: an ApiException's status and Status, or why nothing answered. */
export function apiFailure(err: unknown): ApiFailure {
    const e = err as { code?: unknown; body?: unknown } | null | undefined;
    if (typeof e?.code !== "number") return { transport: transportReason(err) };
    return { status: e.code, ...statusOfBody(e.body) };
}

/** The API server said the object (or its namespace) does not exist. */
export function isAbsent(f: ApiFailure): boolean {
    return f.status === 404 && f.reason === "NotFound";
}

/**
 * `read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 403: <Status message>`, or
 * `… failed: could not reach the API server at HOST (ECONNREFUSED)`.
 */
export function apiErrorMessage(call: ApiCall, f: ApiFailure, attempts = 1): string {
    const head = `${call.verb} ${call.object} on ${call.where} failed`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    if (f.status === undefined) {
        const at = call.server ? ` at ${hostOf(call.server)}` : "";
        return `${head}${tries}: could not reach the API server${at} (${f.transport})`;
    }
    // A 401's body is dropped by the client; the API server's Status says "Unauthorized".
    const text = f.message ?? f.reason ?? (f.status === 401 ? "Unauthorized" : undefined);
    return `${head} with HTTP ${f.status}${tries}${text ? `: ${maskedExcerpt(text)}` : ""}`;
}

/**
 * A failed call to the API server. Its message is apiErrorMessage; it keeps no cause (the client's exception
 * holds the response headers and body). `statusCode` lets the reconcile loops tell conflicts apart.
 */
export class KubernetesApiError extends Error {
    readonly statusCode?: number;

    constructor(
        readonly call: ApiCall,
        readonly failure: ApiFailure,
        readonly attempts = 1,
    ) {
        super(apiErrorMessage(call, failure, attempts));
        this.name = "KubernetesApiError";
        this.statusCode = failure.status;
    }

    /** The same failure, reported after the reconcile loop's `attempts` tries. */
    afterAttempts(attempts: number): KubernetesApiError {
        return new KubernetesApiError(this.call, this.failure, attempts);
    }
}
