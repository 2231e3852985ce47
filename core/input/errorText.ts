/**
 * Text from outside (IBM Cloud's answers, the Kubernetes API server's Status, a transport error) as our error
 * messages quote it: cut short, token-shaped runs masked, URLs without credentials or query. Pure.
 */

/** How long a quoted outside text may be. */
export const EXCERPT_LENGTH = 200;

/** A run of 24 or more key or token characters (an IBM API key is 44, a JWT far longer). */
const TOKEN_SHAPED = /[A-Za-z0-9_\-.~+/=]{24,}/g;

/**
 * At most 200 characters of `text`, anything shaped like a key or token masked as `[redacted]`. Masked before
 * it is cut: a key straddling the cut would otherwise keep up to 23 of its characters, too few to be masked.
 */
export function maskedExcerpt(text: string): string {
    return text.replace(TOKEN_SHAPED, "[redacted]").slice(0, EXCERPT_LENGTH);
}

/** A URL to name in a message: scheme, host and path; no user, password, query or fragment. */
export function urlForMessage(url: string): string {
    try {
        const u = new URL(url);
        return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
        return "(an invalid URL)";
    }
}

/** The host (and port) of a URL, or the text given when it is no URL. */
export function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return "(an invalid URL)";
    }
}

/**
 * Why a request got no answer: node's error code (ECONNREFUSED, ENOTFOUND, ECONNRESET, a TLS code such as
 * DEPTH_ZERO_SELF_SIGNED_CERT), else the error's own message masked and cut short.
 */
export function transportReason(err: unknown): string {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
    const message = err instanceof Error ? err.message : String(err);
    return maskedExcerpt(message);
}
