/**
 * core/registry/imageReference.ts against distribution/reference's own test tables and probes, each with the
 * result the Go library returned (test/registry/referenceVectors.ts), and the kubelet's digest algorithms.
 */
import type { DigestAlgorithm } from "../../core/registry/digest";
import {
    DigestReference,
    NamedReference,
    ParseResult,
    REFERENCE_GRAMMAR,
    familiarMatch,
    familiarName,
    familiarString,
    parse,
    parseAnyReference,
    parseDockerRef,
    parseNamed,
    parseNormalizedNamed,
    withDigest,
    withName,
    withTag,
} from "../../core/registry/imageReference";
import {
    COMPOSE_VECTORS,
    ComposeVector,
    FAMILIAR_MATCH_VECTORS,
    GRAMMAR_VECTORS,
    PARSE_VECTORS,
    PROBE_VECTORS,
    ParseVector,
} from "./referenceVectors";

/** The vectors' binary registered sha256 only (reference_test.go:4); the kubelet's registers sha384 and sha512 too. */
const SHA256_ONLY: readonly DigestAlgorithm[] = ["sha256"];

const PARSERS: Record<ParseVector["fn"], (s: string) => ParseResult<NamedReference | DigestReference>> = {
    ParseNormalizedNamed: (s) => parseNormalizedNamed(s, SHA256_ONLY),
    Parse: (s) => parse(s, SHA256_ONLY),
    ParseNamed: (s) => parseNamed(s, SHA256_ONLY),
    ParseDockerRef: (s) => parseDockerRef(s, SHA256_ONLY),
    ParseAnyReference: (s) => parseAnyReference(s, SHA256_ONLY),
    WithName: withName,
};

/** A result in the vectors' terms: the error, or every field the Go reference has (a tag or digest only when it has one). */
function observed(result: ParseResult<NamedReference | DigestReference>) {
    if (!result.ok) return { error: result.error };
    const ref = result.reference;
    if (ref.kind === "digestReference") return { kind: ref.kind, digest: ref.digest, string: ref.string };
    expect(ref.familiar).toBe(familiarString(ref));
    return {
        kind: ref.kind,
        domain: ref.domain,
        path: ref.path,
        name: ref.name,
        ...("tag" in ref ? { tag: ref.tag } : {}),
        ...("digest" in ref ? { digest: ref.digest } : {}),
        string: ref.string,
        familiarString: familiarString(ref),
        familiarName: familiarName(ref),
    };
}

describe("distribution/reference's test tables, with the Go library's results", () => {
    it.each(PARSE_VECTORS)("$source: $fn($input)", ({ fn, input, expected }) => {
        expect(observed(PARSERS[fn](input))).toStrictEqual(expected);
    });

    const base = (v: ComposeVector): NamedReference => {
        const parsed = v.baseParser === "WithName" ? withName(v.base) : parseNormalizedNamed(v.base);
        const withFirst =
            parsed.ok && v.baseDigest !== undefined
                ? withDigest(parsed.reference, v.baseDigest)
                : parsed.ok && v.baseTag !== undefined
                  ? withTag(parsed.reference, v.baseTag)
                  : parsed;
        if (!withFirst.ok) throw new Error(`base ${v.base}: ${withFirst.error}`);
        return withFirst.reference;
    };
    it.each(COMPOSE_VECTORS)("$source: $fn($base, $input)", (v) => {
        const composed = v.fn === "WithTag" ? withTag(base(v), v.input) : withDigest(base(v), v.input);
        expect(observed(composed)).toStrictEqual(v.expected);
    });

    it.each(FAMILIAR_MATCH_VECTORS)("$source: FamiliarMatch($pattern, $input)", ({ input, pattern, expected }) => {
        const ref = parseAnyReference(input);
        if (!ref.ok) throw new Error(ref.error);
        expect(familiarMatch(pattern, ref.reference)).toEqual(expected);
    });

    it.each(GRAMMAR_VECTORS)("$source: $regexp $input", ({ regexp, input, match, subs }) => {
        const found = REFERENCE_GRAMMAR[regexp].exec(input);
        expect(found !== null).toBe(match);
        if (found !== null && subs !== undefined) expect(found.slice(1).map((s) => s ?? "")).toEqual(subs);
    });
});

describe("probes run through the Go library", () => {
    it.each(PROBE_VECTORS)("$fn($input): $source", ({ fn, input, expected }) => {
        expect(observed(PARSERS[fn](input))).toStrictEqual(expected);
    });
});

describe("digests as the kubelet checks them: sha256, sha384 and sha512 registered (go-digest algorithm.go:50-62)", () => {
    const sha512 = "sha512:" + "f".repeat(128);
    it("accepts sha512 and sha384, which reference_test.go's binary does not register", () => {
        expect(parse(`validname@${sha512}`)).toEqual({
            ok: true,
            reference: expect.objectContaining({ digest: sha512 }),
        });
        expect(parse(`validname@${sha512}`, SHA256_ONLY)).toEqual({ ok: false, error: "unsupported digest algorithm" });
        const sha384 = "sha384:" + "0".repeat(96);
        expect(parseNormalizedNamed(`foo:1@${sha384}`)).toEqual({
            ok: true,
            reference: {
                kind: "reference",
                domain: "docker.io",
                path: "library/foo",
                name: "docker.io/library/foo",
                tag: "1",
                digest: sha384,
                string: `docker.io/library/foo:1@${sha384}`,
                familiar: `foo:1@${sha384}`,
            },
        });
    });

    it.each([
        // reference_test.go:102's input: 73 hex characters, the wrong length once sha512 is registered.
        ["validname@sha512:" + "f".repeat(73), "invalid checksum digest length"],
        ["foo@sha384:" + "a".repeat(64), "invalid checksum digest length"],
        ["foo@sha512:" + "F".repeat(128), "invalid checksum digest format"],
        ["foo@md5:" + "f".repeat(32), "unsupported digest algorithm"],
        // The lowercase check stops at the tag's ':', so the digest's upper case reaches go-digest (normalize.go:72).
        ["foo:1@SHA256:" + "f".repeat(64), "invalid checksum digest format"],
    ])("refuses %s: %s", (text, error) => {
        expect(parseNormalizedNamed(text)).toEqual({ ok: false, error });
    });
});

describe("the images this project names", () => {
    it.each([
        ["us.icr.io/payments/api:1.4", "us.icr.io", "payments/api", "us.icr.io/payments/api"],
        ["private.us.icr.io/payments/api", "private.us.icr.io", "payments/api", "private.us.icr.io/payments/api"],
        [
            "registry.example.com:5000/team/app:2",
            "registry.example.com:5000",
            "team/app",
            "registry.example.com:5000/team/app",
        ],
        [`icr.io/ibm-images/base@sha256:${"a".repeat(64)}`, "icr.io", "ibm-images/base", "icr.io/ibm-images/base"],
        ["nginx", "docker.io", "library/nginx", "docker.io/library/nginx"],
        ["acme/app", "docker.io", "acme/app", "docker.io/acme/app"],
        ["index.docker.io/library/nginx", "docker.io", "library/nginx", "docker.io/library/nginx"],
        // Not rewritten: registry-1.docker.io is a host of its own to the grammar (normalize.go:159-180).
        ["registry-1.docker.io/acme/app", "registry-1.docker.io", "acme/app", "registry-1.docker.io/acme/app"],
        // An upper-case first component is a host; the host keeps its case.
        ["US.ICR.IO/apps/app", "US.ICR.IO", "apps/app", "US.ICR.IO/apps/app"],
    ])("%s: domain %s, path %s, looked up as %s", (text, domain, path, name) => {
        expect(parseNormalizedNamed(text)).toEqual({
            ok: true,
            reference: expect.objectContaining({ domain, path, name }),
        });
    });

    it.each([
        ["", "invalid reference format"],
        ["a b", "invalid reference format"],
        ["us.icr.io/payments/api@sha256:short", "invalid reference format"],
        ["us.icr.io/payments/api:-x", "invalid reference format"],
        ["Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase"],
        ["us.icr.io/Payments/api", "invalid reference format: repository name (Payments/api) must be lowercase"],
        ["US.ICR.IO/Apps/App", "invalid reference format: repository name (Apps/App) must be lowercase"],
    ])("refuses %j: %s", (text, error) => {
        expect(parseNormalizedNamed(text)).toEqual({ ok: false, error });
    });

    it("reads upper case as Go's strings.ToLower does: U+0130 lowers to a plain i, so raw Parse sees upper case", () => {
        expect(parse("\u0130mage")).toEqual({ ok: false, error: "repository name must be lowercase" });
        expect(parse("\u00c9mage")).toEqual({ ok: false, error: "invalid reference format" });
    });
});
