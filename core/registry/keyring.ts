/**
 * How the kubelet picks pull credentials for an image from docker-config keys: the `auths` keys of a pod's
 * imagePullSecrets (one keyring for all of them), then the node's own config (another keyring). It looks
 * up the image's normalized name without tag or digest (`docker.io/library/nginx`: ParseNormalizedNamed(image).Name(),
 * kubernetes pkg/util/parsers/parsers.go ParseImageName). Every key that matches gives credentials, tried in
 * turn. When none matches, the kubelet pulls with no credentials at all (CRI auth nil,
 * pkg/kubelet/kuberuntime/kuberuntime_image.go PullImage). When some do match and all fail, it does not
 * fall back to an anonymous pull.
 *
 * Source: kubernetes/kubernetes @ 4f3d0e3bde114269650781020d9b05cbd428d4ba pkg/credentialprovider/keyring.go:
 * Add :75-129 (how a key is filed), isDefaultRegistryMatch :139-161, parseSchemelessUrl :165-173, splitUrl
 * :176-183, urlsMatchStr / urlsMatch :186-234, Lookup :239-264, unionDockerKeyring :292-304. Later releases
 * (ParseSchemelessURL, URLsMatchStr exported; v1.35) keep this logic, and keyring_test.go @
 * 6fbbec6ac5711b8c65a2420394b2bb2a2ccf5bff tests it. Go's url.Parse (src/net/url/url.go: Parse, parse,
 * parseAuthority, parseHost), net.SplitHostPort (src/net/ipsock.go) and path/filepath.Match (./pathMatch.ts)
 * are modelled as far as these keys and images need; test/registry/goUrl.test.ts holds them to Go's own
 * tables (url_test.go TestParseErrors and TestRejectControlCharacters, ip_test.go TestSplitHostPort). Pure.
 */
import { pathMatch } from "./pathMatch";

/** defaultRegistryHost (keyring.go:132): where `https://index.docker.io/v1/` is filed. */
const DEFAULT_REGISTRY_HOST = "index.docker.io";

interface SchemelessUrl {
    /** url.URL.Host: `host[:port]`, brackets kept. */
    readonly host: string;
    /** url.URL.Path, %-escapes decoded. */
    readonly path: string;
}

/** url.Parse: "invalid control character in URL". */
const hasControlCharacter = (s: string) => Array.from(s).some((c) => c < " " || c === "\x7f");
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/; // unescape: "invalid URL escape"
/** ASCII that url.Parse refuses in a host (shouldEscape in encodeHost mode), and '%': see hostOf. */
const NOT_IN_HOST = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"\u0080-\uffff]/;
/** validUserinfo, and unescape's "invalid URL escape" in it. */
const USERINFO = /^(?:[A-Za-z0-9\-._:~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})*$/;
const OPTIONAL_PORT = /^(?::[0-9]*)?$/; // validOptionalPort

/** strings.Cut: the text before the first `separator` and the text after it ("" when there is none). */
function cut(s: string, separator: string): [before: string, after: string] {
    const at = s.indexOf(separator);
    // Stryker disable next-line StringLiteral: without the separator, only a fragment's %-escapes are read from "after"
    return at < 0 ? [s, ""] : [s.slice(0, at), s.slice(at + 1)];
}

/**
 * url.parseAuthority and url.parseHost: the userinfo before the last '@' must be valid; after a bracketed
 * IPv6 literal, or else after the host's last ':', only an optional port may follow. A host with a %-escape
 * is refused here, where Go accepts `%25` and escapes of non-ASCII bytes: registry hosts have neither.
 */
function hostOf(authority: string): string | undefined {
    const at = authority.lastIndexOf("@");
    if (!USERINFO.test(authority.slice(0, Math.max(at, 0)))) return undefined;
    const host = authority.slice(at + 1);
    const colon = host.lastIndexOf(":");
    // Without its ']', a '[' leaves the whole host where the port should be: refused like Go's "missing ']'".
    const portFrom = host.startsWith("[") ? host.lastIndexOf("]") + 1 : colon < 0 ? host.length : colon;
    return OPTIONAL_PORT.test(host.slice(portFrom)) && !NOT_IN_HOST.test(host) ? host : undefined;
}

/** Path %-escapes decoded; a byte over 0x7f becomes the character of that code, which no image path holds. */
const unescapePath = (path: string) =>
    path.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * url.Parse of `https://…` or `http://…` (the only URLs the keyring hands it), as far as the keyring reads
 * it: the host and the path, or undefined where url.Parse returns an error. Like Go: the fragment is cut
 * off first and only its %-escapes are checked (setFragment); control characters are refused in the rest;
 * the query is cut off unchecked; the authority runs to the first '/', the path from there (setPath).
 */
export function parseHttpUrl(url: string): SchemelessUrl | undefined {
    const [beforeFragment, fragment] = cut(url, "#");
    if (BAD_ESCAPE.test(fragment) || hasControlCharacter(beforeFragment)) return undefined;
    const [authorityAndPath] = cut(beforeFragment.slice(beforeFragment.indexOf("//") + 2), "?");
    const [authority] = cut(authorityAndPath, "/");
    const rawPath = authorityAndPath.slice(authority.length);
    const host = hostOf(authority);
    return host === undefined || BAD_ESCAPE.test(rawPath) ? undefined : { host, path: unescapePath(rawPath) };
}

/** parseSchemelessUrl (keyring.go:165-173). */
const parseSchemelessUrl = (schemeless: string) => parseHttpUrl(`https://${schemeless}`);

/**
 * net.SplitHostPort (src/net/ipsock.go): the host and port, or undefined where Go returns an error (then
 * splitUrl takes the whole host and no port). The port follows the last ':'; a bracketed host must close
 * just before it; no other '[' or ']' may appear.
 */
export function splitHostPort(hostPort: string): { readonly host: string; readonly port: string } | undefined {
    const colon = hostPort.lastIndexOf(":");
    if (colon < 0) return undefined;
    const bracketed = hostPort.startsWith("[");
    const close = hostPort.indexOf("]");
    if (bracketed ? close + 1 !== colon : hostPort.slice(0, colon).includes(":")) return undefined;
    // No '[' after the opening one, no ']' after the closing one (ipsock.go's j and k).
    if (hostPort.includes("[", bracketed ? 1 : 0) || hostPort.includes("]", bracketed ? colon : 0)) return undefined;
    return { host: bracketed ? hostPort.slice(1, close) : hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
}

/** splitUrl (keyring.go:176-183): the host's labels and the port. */
function splitUrl(url: SchemelessUrl): { readonly labels: readonly string[]; readonly port: string } {
    const split = splitHostPort(url.host) ?? { host: url.host, port: "" };
    return { labels: split.host.split("."), port: split.port };
}

/**
 * urlsMatchStr (keyring.go:186-234): the same port, as many host labels, each label matching its glob
 * (`*` within one label), and the key's path a prefix of the image's, as a plain string (`/pong` serves
 * `/pongz`). Case matters.
 */
export function urlsMatchStr(glob: string, target: string): boolean {
    const globUrl = parseSchemelessUrl(glob);
    const targetUrl = parseSchemelessUrl(target);
    if (globUrl === undefined || targetUrl === undefined) return false;
    const globParts = splitUrl(globUrl);
    const targetParts = splitUrl(targetUrl);
    if (globParts.port !== targetParts.port || globParts.labels.length !== targetParts.labels.length) return false;
    if (!targetUrl.path.startsWith(globUrl.path)) return false;
    return globParts.labels.every((label, i) => {
        const match = pathMatch(label, targetParts.labels[i]);
        return match.ok && match.matched;
    });
}

/**
 * The key Add files a docker-config key under (keyring.go:91-116): the scheme goes, a path `/v1/…` or
 * `/v2/…` loses its version, a path of `/` or nothing goes. `https://index.docker.io/v1/` is filed as
 * `index.docker.io`. Undefined when url.Parse refuses the key: the kubelet ignores that entry.
 */
export function keyringKey(configKey: string): string | undefined {
    const withScheme = /^https?:\/\//.test(configKey) ? configKey : `https://${configKey}`;
    const parsed = parseHttpUrl(withScheme);
    if (parsed === undefined) return undefined;
    const versioned = parsed.path.startsWith("/v2/") || parsed.path.startsWith("/v1/");
    const path = versioned ? parsed.path.slice(3) : parsed.path;
    // keyring.go:108 also asks for a non-empty path: an empty one adds nothing to the host.
    return path === "/" ? parsed.host : `${parsed.host}${path}`;
}

/**
 * isDefaultRegistryMatch (keyring.go:139-161): the image pulls from Docker Hub by the look of its first
 * component. Every Docker Hub name the kubelet looks up starts `docker.io/`; so does any first component
 * without '.' or ':', such as `localhost`.
 */
export function isDefaultRegistryMatch(image: string): boolean {
    const [first, ...rest] = image.split("/");
    if (first === "") return false;
    if (rest.length === 0 || first === "docker.io" || first === DEFAULT_REGISTRY_HOST) return true;
    return !/[.:]/.test(first);
}

/**
 * One keyring's Lookup (keyring.go:239-264), as positions in `configKeys`, in the order the kubelet tries
 * them: keys filed under the same string together, the filed strings in reverse order (`quay.io/coreos`
 * before `quay.io`, keyring.go:121-128), and among one filed string the keys' own order. When no key
 * matches, an image that looks like Docker Hub's gets the keys filed as `index.docker.io`.
 */
export function lookupOrder(configKeys: readonly string[], image: string): number[] {
    const filed = configKeys.map(keyringKey);
    // sets.NewString(...).List() sorts; sort.Reverse then puts the longer of two nested keys first.
    const index = [...new Set(filed.filter((k) => k !== undefined))].sort().reverse();
    const positionsOf = (keys: readonly string[]) =>
        keys.flatMap((k) => filed.flatMap((f, position) => (f === k ? [position] : [])));
    const matching = positionsOf(index.filter((k) => urlsMatchStr(k, image)));
    if (matching.length > 0) return matching;
    return isDefaultRegistryMatch(image) ? positionsOf([DEFAULT_REGISTRY_HOST]) : [];
}

/**
 * The docker-config keys whose credentials the kubelet tries for `image` (a normalized name), most
 * specific first. Empty: the kubelet pulls anonymously.
 */
export const credentialsFor = (configKeys: readonly string[], image: string): string[] =>
    lookupOrder(configKeys, image).map((position) => configKeys[position]);

/** Whether a keyring holding only `configKey` gives its credentials for `image` (a normalized name). */
export const keyMatches = (configKey: string, image: string): boolean => lookupOrder([configKey], image).length > 0;
