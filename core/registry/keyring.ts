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
 * 6fbbec6ac5711b8c65a2420394b2bb2a2ccf5bff tests it. Go's url.Parse, net.SplitHostPort and
 * path/filepath.Match (./pathMatch.ts) are modelled as far as these keys and images need. Pure.
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
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/; // validUserinfo
const OPTIONAL_PORT = /^(?::[0-9]*)?$/; // validOptionalPort

/**
 * url.parseHost: the port must be digits. A host with a %-escape is refused here, where Go accepts `%25`
 * and escapes of non-ASCII bytes: registry hosts have neither.
 */
function hostOf(authority: string): string | undefined {
    const at = authority.lastIndexOf("@");
    if (at >= 0 && (!USERINFO.test(authority.slice(0, at)) || BAD_ESCAPE.test(authority.slice(0, at)))) {
        return undefined;
    }
    const host = authority.slice(at + 1);
    const bracketEnd = host.startsWith("[") ? host.lastIndexOf("]") : -1;
    if (host.startsWith("[") && bracketEnd < 0) return undefined;
    const colon = host.lastIndexOf(":");
    const portFrom = host.startsWith("[") ? bracketEnd + 1 : colon >= 0 ? colon : host.length;
    if (!OPTIONAL_PORT.test(host.slice(portFrom)) || NOT_IN_HOST.test(host)) return undefined;
    return host;
}

/** Path %-escapes decoded; a byte over 0x7f becomes the character of that code, which no image path holds. */
const unescapePath = (path: string) =>
    path.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * url.Parse of `https://…` or `http://…`, as far as the keyring reads it: the host and the path, or
 * undefined where url.Parse returns an error.
 */
function parseHttpUrl(url: string): SchemelessUrl | undefined {
    // The fragment is cut off first: only its %-escapes are checked (url.Parse, setFragment).
    const hash = url.indexOf("#");
    if (hash >= 0 && BAD_ESCAPE.test(url.slice(hash + 1))) return undefined;
    if (hasControlCharacter(hash >= 0 ? url.slice(0, hash) : url)) return undefined;
    const afterScheme = url.slice(url.indexOf("//") + 2, hash >= 0 ? hash : undefined);
    const beforeQuery = afterScheme.split("?")[0];
    const slash = beforeQuery.indexOf("/");
    const host = hostOf(slash >= 0 ? beforeQuery.slice(0, slash) : beforeQuery);
    const rawPath = slash >= 0 ? beforeQuery.slice(slash) : "";
    if (host === undefined || BAD_ESCAPE.test(rawPath)) return undefined;
    return { host, path: unescapePath(rawPath) };
}

/** parseSchemelessUrl (keyring.go:165-173). */
const parseSchemelessUrl = (schemeless: string) => parseHttpUrl(`https://${schemeless}`);

/** net.SplitHostPort: the host and port, or undefined where Go returns an error (then the port is ""). */
function splitHostPort(hostPort: string): { readonly host: string; readonly port: string } | undefined {
    const colon = hostPort.lastIndexOf(":");
    if (colon < 0) return undefined;
    const bracketed = hostPort.startsWith("[");
    const end = bracketed ? hostPort.indexOf("]") : -1;
    if (bracketed && end + 1 !== colon) return undefined;
    const host = bracketed ? hostPort.slice(1, end) : hostPort.slice(0, colon);
    if (!bracketed && host.includes(":")) return undefined;
    if (hostPort.includes("[", bracketed ? 1 : 0) || hostPort.includes("]", bracketed ? end + 1 : 0)) return undefined;
    return { host, port: hostPort.slice(colon + 1) };
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
    return path.length > 0 && path !== "/" ? `${parsed.host}${path}` : parsed.host;
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
    const index = [...new Set(filed.filter((k) => k !== undefined))].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const matching = index.filter((k) => urlsMatchStr(k, image));
    const fallback =
        isDefaultRegistryMatch(image) && filed.includes(DEFAULT_REGISTRY_HOST) ? [DEFAULT_REGISTRY_HOST] : [];
    return (matching.length > 0 ? matching : fallback).flatMap((k) =>
        filed.flatMap((f, position) => (f === k ? [position] : [])),
    );
}

/**
 * The docker-config keys whose credentials the kubelet tries for `image` (a normalized name), most
 * specific first. Empty: the kubelet pulls anonymously.
 */
export const credentialsFor = (configKeys: readonly string[], image: string): string[] =>
    lookupOrder(configKeys, image).map((position) => configKeys[position]);

/** Whether a keyring holding only `configKey` gives its credentials for `image` (a normalized name). */
export const keyMatches = (configKey: string, image: string): boolean => lookupOrder([configKey], image).length > 0;
