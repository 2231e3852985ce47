/**
 * The one HTTP transport of the credential code (IBM Cloud IAM, the containers API, OpenShift's OAuth
 * server): node's http/https, redirects never followed (the OAuth token arrives in a redirect's Location),
 * an optional cluster CA, and retries with jittered backoff on 429 and 5xx that honour Retry-After.
 */
import * as http from "http";
import * as https from "https";

export interface HttpRequest {
    readonly method: "GET" | "POST";
    readonly url: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    /** PEM CA bundle to trust instead of the system's (a cluster's own CA). */
    readonly ca?: string;
}

export interface HttpResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly body: Buffer;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

const TIMEOUT_MS = 30_000;

export const nodeTransport: Transport = (req) =>
    new Promise((resolve, reject) => {
        const url = new URL(req.url);
        const lib = url.protocol === "http:" ? http : https;
        const request = lib.request(
            url,
            {
                method: req.method,
                headers: {
                    ...req.headers,
                    ...(req.body !== undefined ? { "Content-Length": String(Buffer.byteLength(req.body)) } : {}),
                },
                timeout: TIMEOUT_MS,
                ...(req.ca ? { ca: req.ca } : {}),
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => {
                    const headers: Record<string, string | undefined> = {};
                    for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
                    resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
                });
                res.on("error", reject);
            },
        );
        request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
        request.on("error", reject);
        if (req.body !== undefined) request.write(req.body);
        request.end();
    });

export interface RetryPolicy {
    readonly attempts: number;
    /** First backoff in ms; doubles per attempt, capped, with full jitter. */
    readonly baseMs: number;
    readonly capMs: number;
    readonly sleep: (ms: number) => Promise<void>;
    readonly random: () => number;
    readonly now: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
    attempts: 5,
    baseMs: 500,
    capMs: 20_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
};

export function isRetryable(status: number): boolean {
    return status === 429 || status >= 500;
}

/** Retry-After as milliseconds to wait (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
    if (!value) return undefined;
    // Number() skips the same surrounding whitespace as trim().
    if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before attempt `attempt + 1`: jittered exponential backoff, never shorter than Retry-After up to
 * a minute (a longer Retry-After is cut to one minute, so a credential plugin never hangs client-go).
 */
export function backoffMs(attempt: number, retryAfter: number | undefined, policy: RetryPolicy): number {
    const jittered = Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)));
    return Math.max(jittered, Math.min(retryAfter ?? 0, 60_000));
}

/**
 * Sends `req` until it gets an answer that is not 429 or 5xx, or the attempts run out (then the last
 * answer is returned for the caller to turn into an error). Network errors are retried too.
 */
export async function sendWithRetries(
    transport: Transport,
    req: HttpRequest,
    policy: RetryPolicy = DEFAULT_RETRY,
): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
        let res: HttpResponse | undefined;
        try {
            res = await transport(req);
        } catch (err) {
            if (attempt >= policy.attempts) throw err;
        }
        if (res && (!isRetryable(res.status) || attempt >= policy.attempts)) return res;
        await policy.sleep(backoffMs(attempt, retryAfterMs(res?.headers["retry-after"], policy.now()), policy));
    }
}
