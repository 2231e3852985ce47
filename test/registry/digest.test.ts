/** core/registry/digest.ts: go-digest v1.0.0's Validate (digest.go:103-117, algorithm.go:178-193). */
import { DIGEST_ERRORS, KUBELET_DIGEST_ALGORITHMS, digestError } from "../../core/registry/digest";

describe("digestError", () => {
    const hex = (n: number) => "0123456789abcdef".repeat(8).slice(0, n);
    it.each([
        [`sha256:${hex(64)}`, undefined],
        [`sha384:${hex(96)}`, undefined],
        [`sha512:${hex(128)}`, undefined],
        [`:${hex(64)}`, DIGEST_ERRORS.invalidFormat], // no algorithm
        ["sha256:", DIGEST_ERRORS.invalidFormat], // nothing after ':'
        [hex(64), DIGEST_ERRORS.invalidFormat], // no ':'
        ["sha2560", DIGEST_ERRORS.invalidFormat], // no ':', though what precedes the last character is an algorithm
        [`a:${hex(32)}`, DIGEST_ERRORS.unsupported], // a one-character algorithm is well formed
        [`md5:${hex(32)}`, DIGEST_ERRORS.unsupported],
        [`sha256+b64:${hex(64)}`, DIGEST_ERRORS.unsupported],
        [`md5:${hex(31)}=`, DIGEST_ERRORS.unsupported], // '=' is allowed in an unregistered digest's encoding
        [`MD5:${hex(32)}`, DIGEST_ERRORS.invalidFormat], // not DigestRegexp's shape: upper case
        [`md5:${hex(31)}/`, DIGEST_ERRORS.invalidFormat],
        [`sha256:${hex(63)}`, DIGEST_ERRORS.invalidLength],
        [`sha256:${hex(65)}`, DIGEST_ERRORS.invalidLength],
        [`sha256:${hex(63)}é`, DIGEST_ERRORS.invalidLength], // Go counts bytes: é is two, 65 in all
        [`sha256:${hex(63)}A`, DIGEST_ERRORS.invalidFormat],
        [`sha256:${hex(63)}g`, DIGEST_ERRORS.invalidFormat],
    ])("%s: %s", (digest, error) => {
        expect(digestError(digest)).toBe(error);
    });

    it("knows only the algorithms the binary registers", () => {
        expect(KUBELET_DIGEST_ALGORITHMS).toEqual(["sha256", "sha384", "sha512"]);
        expect(digestError(`sha512:${hex(128)}`, ["sha256"])).toBe(DIGEST_ERRORS.unsupported);
        expect(digestError(`sha256:${hex(64)}`, [])).toBe(DIGEST_ERRORS.unsupported);
    });
});
