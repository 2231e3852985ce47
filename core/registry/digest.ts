/**
 * Content digests (`sha256:<hex>`) as github.com/opencontainers/go-digest v1.0.0 validates them: the check
 * distribution/reference's Parse runs on a reference's digest (its go.mod pins v1.0.0). Source:
 * opencontainers/go-digest @ ea51bea511f75cfa3ef6098cc253c5c3609b037a (tag v1.0.0), digest.go:63-117
 * (the errors, DigestRegexpAnchored, Validate) and algorithm.go:43-75, :178-193 (the algorithms, Available,
 * Algorithm.Validate).
 *
 * An algorithm is available only when the binary links its hash. The kubelet links crypto/sha256 and
 * crypto/sha512 (kubernetes pkg/util/parsers/parsers.go imports both "for the docker image parser"), so it
 * accepts sha256, sha384 and sha512. distribution/reference's own tests link only crypto/sha256
 * (reference_test.go:4), so they see sha512 as unsupported. Pure.
 */

export type DigestAlgorithm = "sha256" | "sha384" | "sha512";

/** What the kubelet's binary registers (crypto/sha256, and crypto/sha512, which provides sha384 and sha512). */
export const KUBELET_DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ["sha256", "sha384", "sha512"];

/** go-digest's error values (digest.go:68-77), by their messages. */
export const DIGEST_ERRORS = {
    invalidFormat: "invalid checksum digest format",
    invalidLength: "invalid checksum digest length",
    unsupported: "unsupported digest algorithm",
} as const;

/** Hex characters of each algorithm's hash: its size in bytes times two (algorithm.go:186). */
const ENCODED_LENGTH: Readonly<Record<DigestAlgorithm, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** DigestRegexpAnchored (digest.go:63-66): the shape any digest has, its algorithm available or not. */
const WELL_FORMED_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Lower-case hex only (algorithm.go:57-62: "Note that /A-F/ disallowed"); the length is checked apart. */
const LOWER_HEX = /^[a-f0-9]*$/;

/** Go's len(): bytes of the UTF-8 encoding, not UTF-16 units. */
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/**
 * go-digest's Digest.Validate (digest.go:103-117): undefined for a valid digest, else go-digest's message.
 * `algorithms` is what the binary registers: the kubelet's by default.
 */
export function digestError(
    digest: string,
    algorithms: readonly DigestAlgorithm[] = KUBELET_DIGEST_ALGORITHMS,
): string | undefined {
    const colon = digest.indexOf(":");
    // Go's `i <= 0`: no ':', or nothing before it.
    if (colon < 1 || colon + 1 === digest.length) return DIGEST_ERRORS.invalidFormat;
    const algorithm = algorithms.find((a) => a === digest.slice(0, colon));
    if (algorithm === undefined) {
        return WELL_FORMED_DIGEST.test(digest) ? DIGEST_ERRORS.unsupported : DIGEST_ERRORS.invalidFormat;
    }
    const encoded = digest.slice(colon + 1);
    if (byteLength(encoded) !== ENCODED_LENGTH[algorithm]) return DIGEST_ERRORS.invalidLength;
    return LOWER_HEX.test(encoded) ? undefined : DIGEST_ERRORS.invalidFormat;
}
