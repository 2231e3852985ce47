/**
 * Image references as the container runtime and the kubelet read them: github.com/distribution/reference,
 * the grammar (regexp.go), Parse and its relatives (reference.go), and the normalization of familiar names
 * such as `nginx` into `docker.io/library/nginx` (normalize.go, helpers.go). The kubelet looks up pull
 * credentials by ParseNormalizedNamed(image).Name() (kubernetes pkg/util/parsers/parsers.go ParseImageName).
 *
 * Source: distribution/reference @ 0965666a6ade2e06035fe352e38344be1e68951a (behaves as tag v0.6.0); each
 * function cites its file:line. Digests are checked as go-digest does (./digest.ts), with the algorithms
 * the kubelet registers unless told otherwise. Error strings are the Go errors' messages, exactly. Pure.
 */
import { DigestAlgorithm, KUBELET_DIGEST_ALGORITHMS, digestError } from "./digest";
import { PathMatch, pathMatch } from "./pathMatch";

/** reference.go:70-91, by their messages. */
export const REFERENCE_ERRORS = {
    referenceInvalidFormat: "invalid reference format",
    tagInvalidFormat: "invalid tag format",
    digestInvalidFormat: "invalid digest format",
    nameContainsUppercase: "repository name must be lowercase",
    nameEmpty: "repository name must have at least one component",
    nameTooLong: "repository name must not be more than 255 characters",
    nameNotCanonical: "repository name must be canonical",
} as const;

/** RepositoryNameTotalLengthMax (reference.go:62): it bounds the path only, not the domain (reference.go:255). */
const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = "docker.io"; // normalize.go:31
const LEGACY_DEFAULT_DOMAIN = "index.docker.io"; // normalize.go:20
const OFFICIAL_REPO_PREFIX = "library/"; // normalize.go:36
const DEFAULT_TAG = "latest"; // normalize.go:39

// regexp.go:41-147. Go's leftmost-first submatches are what JavaScript's backtracking picks for these.
const alphanumeric = "[a-z0-9]+"; // :44, lower case only
const separator = "(?:[._]|__|[-]+)"; // :53
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"; // :61, upper case allowed
const optionalPort = "(?::[0-9]+)?"; // :65
const tag = "[\\w][\\w.-]{0,127}"; // :68
const digestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"; // :81
const ipv6Address = "\\[(?:[a-fA-F0-9:]+)\\]"; // :91
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`; // :97
const domainAndPort = `(?:${domainName}|${ipv6Address})${optionalPort}`; // :104, :108
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`; // :128
const remoteName = `${pathComponent}(?:/${pathComponent})*`; // :134
const namePattern = `(?:${domainAndPort}/)?${remoteName}`; // :135

/** The anchored regexps of regexp.go, as its tests (regexp_test.go) exercise them. */
export const REFERENCE_GRAMMAR = {
    /** DomainRegexp, anchored (regexp.go:20). */
    domainAndPort: new RegExp(`^${domainAndPort}$`),
    /** anchoredNameRegexp (regexp.go:139-140): groups domain, path. */
    anchoredName: new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`),
    /** referenceRegexp (regexp.go:115, :142): groups name, tag, digest. */
    reference: new RegExp(`^(${namePattern})(?::(${tag}))?(?:@(${digestPattern}))?$`),
    /** anchoredIdentifierRegexp (regexp.go:85, :146): an image ID, 64 lower-case hex. */
    identifier: /^([a-f0-9]{64})$/,
} as const;
const ANCHORED_TAG = new RegExp(`^${tag}$`); // regexp.go:119
const ANCHORED_DIGEST = new RegExp(`^${digestPattern}$`); // regexp.go:123

/** getBestReferenceType's types (reference.go:375-400), and ParseAnyReference's digest-only one. */
export type NamedKind = "repository" | "taggedReference" | "canonicalReference" | "reference";

export interface NamedReference {
    readonly kind: NamedKind;
    /** `docker.io`, `us.icr.io:443`; "" when raw Parse found none (`test_com`, `foo_bar.com/baz`). */
    readonly domain: string;
    readonly path: string;
    /** Name(): `domain/path`, or the path alone without a domain (reference.go:429-434). */
    readonly name: string;
    readonly tag?: string;
    readonly digest?: string;
    /** String(): `name[:tag][@digest]` (reference.go:408-474). */
    readonly string: string;
    /** FamiliarString(): without `docker.io/` and a lone `library/` (normalize.go:199-220). */
    readonly familiar: string;
}

export interface DigestReference {
    readonly kind: "digestReference";
    readonly digest: string;
    readonly string: string;
}

export type ParseResult<T> =
    { readonly ok: true; readonly reference: T } | { readonly ok: false; readonly error: string };

const fail = (error: string) => ({ ok: false, error }) as const;
const succeed = <T>(reference: T) => ({ ok: true, reference }) as const;
const joinName = (domain: string, path: string) => (domain === "" ? path : `${domain}/${path}`);

/** Go's strings.ToLower: per character (no final-sigma context), with U+0130 to a plain 'i' as Go maps it. */
const goToLower = (s: string) => Array.from(s, (c) => (c === "\u0130" ? "i" : c.toLowerCase())).join("");

/** familiarizeName (normalize.go:199-220): `library/` goes only when one component remains after it. */
function familiarized(domain: string, path: string): string {
    if (domain !== DEFAULT_DOMAIN) return joinName(domain, path);
    const official = path.startsWith(OFFICIAL_REPO_PREFIX) ? path.slice(OFFICIAL_REPO_PREFIX.length) : undefined;
    return official !== undefined && !official.includes("/") ? official : path;
}

function kindOf(tag: string | undefined, digest: string | undefined): NamedKind {
    if (tag === undefined) return digest === undefined ? "repository" : "canonicalReference";
    return digest === undefined ? "taggedReference" : "reference";
}

function named(domain: string, path: string, tag?: string, digest?: string): NamedReference {
    const suffix = `${tag !== undefined ? `:${tag}` : ""}${digest !== undefined ? `@${digest}` : ""}`;
    const name = joinName(domain, path);
    return {
        kind: kindOf(tag, digest),
        domain,
        path,
        name,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest !== undefined ? { digest } : {}),
        string: `${name}${suffix}`,
        familiar: `${familiarized(domain, path)}${suffix}`,
    };
}

/** FamiliarName (helpers.go:18-23). */
export const familiarName = (ref: NamedReference) => familiarized(ref.domain, ref.path);

/** FamiliarString (helpers.go:27-32); a digest-only reference has no familiar form. */
export const familiarString = (ref: NamedReference | DigestReference) =>
    ref.kind === "digestReference" ? ref.string : ref.familiar;

/** FamiliarMatch (helpers.go:36-42): path.Match on FamiliarString, then on FamiliarName. */
export function familiarMatch(pattern: string, ref: NamedReference | DigestReference): PathMatch {
    const onString = pathMatch(pattern, familiarString(ref));
    if (!onString.ok || onString.matched || ref.kind === "digestReference") return onString;
    return pathMatch(pattern, familiarName(ref));
}

/**
 * Parse (reference.go:230-277): the grammar, no normalization. A digest is checked by go-digest with the
 * `algorithms` the binary registers.
 */
export function parse(
    s: string,
    algorithms: readonly DigestAlgorithm[] = KUBELET_DIGEST_ALGORITHMS,
): ParseResult<NamedReference> {
    if (s === "") return fail(REFERENCE_ERRORS.nameEmpty);
    const matches = REFERENCE_GRAMMAR.reference.exec(s);
    if (matches === null) {
        // Lower case would parse: a repository name with upper case (reference.go:237-240). (Already lower case,
        // it is `s` itself, which did not match.)
        const upperCase = REFERENCE_GRAMMAR.reference.test(goToLower(s));
        return fail(upperCase ? REFERENCE_ERRORS.nameContainsUppercase : REFERENCE_ERRORS.referenceInvalidFormat);
    }
    const [, name, tagText, digestText] = matches;
    // The name matched namePattern, so it matches anchoredName too (reference.go:246-253).
    const [, domain = "", path] = REFERENCE_GRAMMAR.anchoredName.exec(name)!;
    if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) return fail(REFERENCE_ERRORS.nameTooLong);
    const invalidDigest = digestText === undefined ? undefined : digestError(digestText, algorithms);
    return invalidDigest !== undefined ? fail(invalidDigest) : succeed(named(domain, path, tagText, digestText));
}

/** The domain splitDockerDomain sees in the first component, or undefined for a Docker Hub namespace (normalize.go:159-180). */
function domainIn(first: string): string | undefined {
    if (first === "localhost") return first;
    if (first === LEGACY_DEFAULT_DOMAIN) return DEFAULT_DOMAIN;
    if (/[.:]/.test(first)) return first; // a host name, an IP address, or a port
    if (goToLower(first) !== first) return first; // namespaces are lower case, so only a host has upper case
    return undefined;
}

/** splitDockerDomain (normalize.go:146-191): no '/' at all is an official Docker Hub image, even `example.com:5000`. */
function splitDockerDomain(s: string): { readonly domain: string; readonly remainder: string } {
    const slash = s.indexOf("/");
    if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: `${OFFICIAL_REPO_PREFIX}${s}` };
    const found = domainIn(s.slice(0, slash));
    const domain = found ?? DEFAULT_DOMAIN;
    const remainder = found === undefined ? s : s.slice(slash + 1);
    // Only on Docker Hub: `docker.io/ubuntu` is `docker.io/library/ubuntu` (normalize.go:182-188).
    const official = domain === DEFAULT_DOMAIN && !remainder.includes("/");
    return { domain, remainder: official ? `${OFFICIAL_REPO_PREFIX}${remainder}` : remainder };
}

/**
 * ParseNormalizedNamed (normalize.go:66-90), what the kubelet calls on a pod's image: refuses an image ID,
 * adds `docker.io` and `library/`, refuses upper case in the repository (its own message), then Parse.
 */
export function parseNormalizedNamed(
    s: string,
    algorithms: readonly DigestAlgorithm[] = KUBELET_DIGEST_ALGORITHMS,
): ParseResult<NamedReference> {
    if (REFERENCE_GRAMMAR.identifier.test(s)) {
        return fail(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
    }
    const { domain, remainder } = splitDockerDomain(s);
    // Cut at the first ':' (a tag's): with a digest and no tag, the digest's algorithm stays in (normalize.go:71-76).
    const colon = remainder.indexOf(":");
    const remote = colon < 0 ? remainder : remainder.slice(0, colon);
    if (goToLower(remote) !== remote) {
        return fail(`invalid reference format: repository name (${remote}) must be lowercase`);
    }
    // Parse splits the joined string again, its own way (`foo_bar.com/baz` ends with no domain).
    return parse(`${domain}/${remainder}`, algorithms);
}

/** ParseNamed (reference.go:283-292): ParseNormalizedNamed, and the input must be the canonical string. */
export function parseNamed(s: string, algorithms = KUBELET_DIGEST_ALGORITHMS): ParseResult<NamedReference> {
    const parsed = parseNormalizedNamed(s, algorithms);
    return parsed.ok && parsed.reference.string !== s ? fail(REFERENCE_ERRORS.nameNotCanonical) : parsed;
}

/** WithName (reference.go:296-310): a name alone, no tag or digest. */
export function withName(name: string): ParseResult<NamedReference> {
    const match = REFERENCE_GRAMMAR.anchoredName.exec(name);
    if (match === null) return fail(REFERENCE_ERRORS.referenceInvalidFormat);
    const [, domain = "", path] = match;
    return path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX
        ? fail(REFERENCE_ERRORS.nameTooLong)
        : succeed(named(domain, path));
}

/** WithTag (reference.go:314-336): the grammar's tag; a digest stays. */
export function withTag(ref: NamedReference, newTag: string): ParseResult<NamedReference> {
    if (!ANCHORED_TAG.test(newTag)) return fail(REFERENCE_ERRORS.tagInvalidFormat);
    return succeed(named(ref.domain, ref.path, newTag, ref.digest));
}

/** WithDigest (reference.go:340-362): the grammar's digest only, not go-digest's length check; a tag stays. */
export function withDigest(ref: NamedReference, newDigest: string): ParseResult<NamedReference> {
    if (!ANCHORED_DIGEST.test(newDigest)) return fail(REFERENCE_ERRORS.digestInvalidFormat);
    return succeed(named(ref.domain, ref.path, ref.tag, newDigest));
}

/** ParseDockerRef (normalize.go:127-141): a tag and a digest keep the digest only; a bare name gets `latest`. */
export function parseDockerRef(s: string, algorithms = KUBELET_DIGEST_ALGORITHMS): ParseResult<NamedReference> {
    const parsed = parseNormalizedNamed(s, algorithms);
    if (!parsed.ok) return parsed;
    const { kind, domain, path, digest } = parsed.reference;
    // Go asks for the namedTaggedDigested type, which getBestReferenceType gives only to a tag and a digest.
    // WithName(Name()) reads back the same domain and path, and cannot fail on a name Parse accepted.
    if (kind === "reference") return withDigest(named(domain, path), digest!);
    // TagNameOnly (normalize.go:250-262): IsNameOnly, neither tagged nor digested.
    return kind === "repository" ? withTag(parsed.reference, DEFAULT_TAG) : parsed;
}

/** ParseAnyReference (normalize.go:276-285): an image ID or a digest alone is a digest reference. */
export function parseAnyReference(
    s: string,
    algorithms = KUBELET_DIGEST_ALGORITHMS,
): ParseResult<NamedReference | DigestReference> {
    if (REFERENCE_GRAMMAR.identifier.test(s)) {
        return succeed({ kind: "digestReference", digest: `sha256:${s}`, string: `sha256:${s}` });
    }
    if (digestError(s, algorithms) === undefined) return succeed({ kind: "digestReference", digest: s, string: s });
    return parseNormalizedNamed(s, algorithms);
}
