/**
 * How the provider and the credential plugin reach a cluster. Recorded in state as plain identifying data:
 * a cluster name (credentials minted from IBM Cloud at each use) or a kubeconfig context (the user's own
 * kubeconfig, pinned so a later context switch cannot send a delete to another cluster).
 */
export type ClusterConnectionRef =
    { readonly source: "cluster"; readonly cluster: string } | { readonly source: "ambient"; readonly context: string };

export function describeConnection(c: ClusterConnectionRef): string {
    return c.source === "cluster" ? `cluster ${c.cluster}` : `kubeconfig context ${c.context}`;
}

/**
 * IBM Cloud answered that the cluster does not exist (any more): a delete has nothing left to do. The message
 * is made by core/cluster/ibmErrors.ts clusterGoneMessage, with IBM's own words.
 */
export class ClusterGoneError extends Error {
    constructor(
        readonly cluster: string,
        message: string,
    ) {
        super(message);
        this.name = "ClusterGoneError";
    }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * An error of a step on a cluster, naming the cluster: `err` itself when its message already does (IBM's
 * errors, the Kubernetes API's, a missing key), else a new Error prefixed with describeConnection. The new one
 * has no cause: a client's error can carry its request, whose headers hold the credential.
 */
export function namingConnection(connection: ClusterConnectionRef, err: unknown): Error {
    const where = describeConnection(connection);
    const message = err instanceof Error ? err.message : String(err);
    const named = new RegExp(`(?:^|[^\\w.-])${escapeRegExp(where)}(?![\\w.-])`).test(message);
    return named && err instanceof Error ? err : new Error(`${where}: ${message}`);
}
