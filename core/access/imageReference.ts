/**
 * Image references as the container runtime reads them (docker/distribution's normalization): no host, or
 * a first component without '.' or ':' that is not `localhost`, is Docker Hub (`docker.io`, `library/` for
 * one component); a tag or a digest may follow. And docker-config keys as the kubelet matches them: Docker
 * Hub under any of its names, a host with its port, an optional scheme and path. Pure.
 */

/** Docker Hub's names: what docker and kubectl write as the config key, and what images say. */
export const DOCKER_HUB_ALIASES = ["docker.io", "index.docker.io", "registry-1.docker.io"] as const;
const DOCKER_HUB = "docker.io";

export interface ImageReference {
    /** The registry host (with its port), Docker Hub as `docker.io`. */
    readonly host: string;
    /** The repository path, e.g. `payments-images/api` or `library/nginx`. */
    readonly repository: string;
    /** Tag or digest, as written (`:1.4`, `@sha256:…`), or "" for none. */
    readonly version: string;
}

const normalizeHost = (host: string) => {
    const lower = host.toLowerCase();
    return (DOCKER_HUB_ALIASES as readonly string[]).includes(lower) ? DOCKER_HUB : lower;
};

/** The reference's parts, or undefined when it is not an image reference. */
export function parseImageReference(text: string): ImageReference | undefined {
    if (text === "" || /\s/.test(text)) return undefined;
    const at = text.indexOf("@");
    const digest = at >= 0 ? text.slice(at) : "";
    if (digest !== "" && !/^@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) return undefined;
    const named = at >= 0 ? text.slice(0, at) : text;
    const slash = named.indexOf("/");
    const first = slash >= 0 ? named.slice(0, slash) : "";
    const hasHost = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
    const host = hasHost ? normalizeHost(first) : DOCKER_HUB;
    let path = hasHost ? named.slice(slash + 1) : named;
    const colon = path.lastIndexOf(":");
    const tag = colon >= 0 ? path.slice(colon) : "";
    if (tag !== "" && !/^:[\w][\w.-]{0,127}$/.test(tag)) return undefined;
    path = colon >= 0 ? path.slice(0, colon) : path;
    if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path))
        return undefined;
    const repository = host === DOCKER_HUB && !path.includes("/") ? `library/${path}` : path;
    return { host, repository, version: `${tag}${digest}` };
}

/** The host (and port) a docker-config key names: `https://index.docker.io/v1/` → `docker.io`. */
export function configKeyHost(key: string): string {
    const withoutScheme = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
    return normalizeHost(withoutScheme.split("/")[0]);
}

/** True when a docker-config key's credentials are the ones the runtime uses for the image's host. */
export function keyServes(key: string, image: ImageReference): boolean {
    return configKeyHost(key) === image.host;
}
