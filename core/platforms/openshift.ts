/**
 * Red Hat OpenShift on IBM Cloud, as IBM's and Red Hat's own pages describe it: what the cluster's global
 * pull secret holds before we touch it, which of our entries would collide there, and how workers pick up a
 * change. Sources:
 * - seed 001 (IBM, "OpenShift on IBM Cloud: Setting up an image registry", 2020-07-16) lines 1044-1189;
 * - ibm-cloud-docs/openshift registry.md at e8eca99b (lastupdated 2026-08-19), published as
 *   https://cloud.ibm.com/docs/openshift?topic=openshift-registry: section "Adding a private registry to the
 *   global pull secret" (#cluster_global_pull_secret, lines 1453-1610) for clusters with only RHEL workers,
 *   and "Updating the global pull secret" (#oc-pull-secret-cli, lines 1614-1724) for RHCOS workers.
 * Pure.
 */
import type { PathProblem } from "../input/problems";

/**
 * The entries of the global pull secret every Red Hat OpenShift on IBM Cloud cluster starts with (seed 001
 * lines 1050-1054; registry.md lines 1461-1465 and 1622-1626): Red Hat's registries, never ours to change.
 */
export const RED_HAT_PULL_SECRET_SERVERS = [
    "cloud.openshift.com",
    "quay.io",
    "registry.connect.redhat.com",
    "registry.redhat.io",
] as const;

/** The IBM page a reader follows for the worker steps. */
export const GLOBAL_PULL_SECRET_DOCS =
    "https://cloud.ibm.com/docs/openshift?topic=openshift-registry#cluster_global_pull_secret";

/**
 * How workers pick up a changed global pull secret on Red Hat OpenShift on IBM Cloud. IBM manages the workers
 * and its pages say to reload each one (classic, registry.md lines 1569-1580; seed 001 lines 1165-1173) or
 * replace it (VPC, lines 1584-1587); nothing rolls the change out by itself. (Red Hat's note that from
 * OpenShift 4.7.4 the Machine Config Operator applies it without a reboot is about clusters Red Hat's MCO
 * manages; IBM does not say it for its workers.) On RHCOS workers IBM documents another way altogether, a
 * DaemonSet that writes the credentials to each node (lines 1614-1724), which this project does not declare.
 */
export function globalPullSecretRollout(cluster: string): string {
    return (
        "Workers use the new entries only after IBM's worker steps (" +
        GLOBAL_PULL_SECRET_DOCS +
        `): list the workers (ibmcloud oc worker ls -c ${cluster}), then on classic infrastructure reload each ` +
        `(ibmcloud oc worker reload -c ${cluster} -w <workerID_1> -w <workerID_2>), on VPC replace each ` +
        `(ibmcloud oc worker replace --cluster ${cluster} --worker <workerID>). This is for RHEL workers; for RHCOS ` +
        "workers IBM documents a DaemonSet that writes the credentials to each node instead (#oc-pull-secret-cli)."
    );
}

/**
 * An `auths` key as CRI-O and the kubelet read it: a scheme and Docker's legacy `/v1/` or `/v2/` suffix do
 * not make another registry (containers-auth.json(5); kubernetes pkg/credentialprovider keyring.go
 * ParseSchemelessURL), nor do Docker Hub's other names.
 */
export function entryRegistry(key: string): string {
    const bare = key
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
        .replace(/\/v[12]\/?$/, "")
        .replace(/\/$/, "");
    const slash = bare.indexOf("/");
    const host = (slash < 0 ? bare : bare.slice(0, slash)).toLowerCase();
    const path = slash < 0 ? "" : bare.slice(slash);
    const hub = ["index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"].includes(host);
    return `${hub ? "docker.io" : host}${path}`;
}

/** One source's entries in the global pull secret: its servers, and where a problem with them is reported. */
export interface GlobalPullSecretSource {
    /** `registries[i].server` or `registries[i].type`. */
    readonly path: string;
    readonly index: number;
    readonly servers: readonly string[];
}

/**
 * Entries that would take the place of another's: a Red Hat registry (our provider refuses to change them,
 * so `pulumi up` would fail), or another source's server (two of ours writing one entry). Each named with
 * what it collides with.
 */
export function globalPullSecretCollisions(sources: readonly GlobalPullSecretSource[]): PathProblem[] {
    const problems: PathProblem[] = [];
    const redHat = new Map(RED_HAT_PULL_SECRET_SERVERS.map((s) => [entryRegistry(s), s]));
    const ours = new Map<string, GlobalPullSecretSource>();
    for (const source of sources) {
        for (const server of source.servers) {
            const registry = entryRegistry(server);
            const theirs = redHat.get(registry);
            const other = ours.get(registry);
            if (theirs !== undefined) {
                problems.push({
                    path: source.path,
                    value: server,
                    rule:
                        `is Red Hat's entry ${theirs} in the OpenShift global pull secret (it holds ` +
                        `${RED_HAT_PULL_SECRET_SERVERS.join(", ")}), which registry-access never changes; leave this ` +
                        "source out (globalPullSecret false) or name a path of that registry (e.g. quay.io/ORGANIZATION)",
                });
            } else if (other !== undefined && other.index !== source.index) {
                problems.push({
                    path: source.path,
                    value: server,
                    rule: `is also an entry of source [${other.index}] (${other.servers.join(", ")}); both would write the same entry of the OpenShift global pull secret`,
                });
            } else ours.set(registry, source);
        }
    }
    return problems;
}
