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

/** IBM Cloud answered that the cluster does not exist (any more): a delete has nothing left to do. */
export class ClusterGoneError extends Error {
    constructor(
        readonly cluster: string,
        step: string,
    ) {
        super(`cluster ${cluster} was not found by IBM Cloud (${step})`);
        this.name = "ClusterGoneError";
    }
}
