/**
 * Servers of registries other than ICR, as a docker config names them, and the deprecated ICR token
 * domains a stack must not use any more. Pure.
 */
import { ownValue } from "../input/ownValue";

/** kubectl's default `--docker-server`, Docker Hub's key in a docker config (kubernetes/kubectl
 * pkg/cmd/create/create_secret_docker.go line 122). */
export const DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

/** Names users give Docker Hub; all are written as DOCKER_HUB_SERVER, as kubectl and `docker login` do. */
const DOCKER_HUB_NAMES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

/**
 * The deprecated token domains of IBM Cloud Container Registry and the icr.io domain that replaced each
 * (ibm-cloud-docs/Registry registry_overview.md, "Regions": registry.ng.bluemix.net → us.icr.io and so on;
 * seeds 002 line 235 and 003 line 541 list the four regional ones). Tokyo never had one.
 */
export const DEPRECATED_ICR_DOMAINS: Readonly<Record<string, string>> = {
    "registry.bluemix.net": "icr.io",
    "registry.ng.bluemix.net": "us.icr.io",
    "registry.eu-gb.bluemix.net": "uk.icr.io",
    "registry.eu-de.bluemix.net": "de.icr.io",
    "registry.au-syd.bluemix.net": "au.icr.io",
};

/** The user name of the deprecated registry tokens (seed 002 line 215: `--docker-username=token`). */
export const DEPRECATED_TOKEN_USERNAME = "token";

const HOST_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
const SERVER = new RegExp(`^(https://)?(${HOST_LABEL}(\\.${HOST_LABEL})*)(:([1-9][0-9]{0,4}))?(/[A-Za-z0-9._~/-]*)?$`);

export type ServerReading = { readonly server: string; readonly host: string } | { readonly problem: string };

/**
 * A registry server as the stack names it: a host (`quay.io`, `registry.example.com:5000`), optionally with
 * `https://` and a path. Docker Hub under any of its names becomes kubectl's DOCKER_HUB_SERVER; other servers
 * are kept as written (the kubelet matches images against the docker config's keys as given). Deprecated
 * ICR token domains are refused with the icr.io domain that replaces them.
 */
export function readServer(text: string): ServerReading {
    const m = SERVER.exec(text);
    const port = m?.[7];
    // Without a port, Number(undefined) is NaN, which is not above the limit.
    if (!m || Number(port) > 65535) {
        return {
            problem:
                "must be a registry server: a lower-case host name with an optional port and path, optionally " +
                "after https:// (e.g. quay.io, registry.example.com:5000, https://index.docker.io/v1/)",
        };
    }
    const host = m[2];
    const replacement = ownValue(DEPRECATED_ICR_DOMAINS, host);
    if (replacement !== undefined) {
        return {
            problem:
                `is a deprecated IBM Cloud Container Registry token domain; its images are served by ${replacement}: ` +
                "use the icr source (an API key) instead of a registry token",
        };
    }
    if (host.endsWith(".bluemix.net") && host.startsWith("registry.")) {
        return {
            problem: "is a deprecated IBM Cloud Container Registry token domain; use the icr.io domain of that region",
        };
    }
    if (DOCKER_HUB_NAMES.has(host)) return { server: DOCKER_HUB_SERVER, host: "docker.io" };
    return { server: text, host: port === undefined ? host : `${host}:${port}` };
}

/** The default secret name of a registry: its host with '.' and ':' as '-' (`quay-io`, `docker-io`). */
export function defaultSecretNameFor(host: string): string {
    return host.replace(/[.:]/g, "-");
}
