/**
 * ServiceAccount access through @kubernetes/client-node: with a minted credential (`cluster`), or the
 * user's own kubeconfig at the pinned context (`ambient`). Two calls per reference created: a GET and a
 * JSON PATCH.
 */
import type { ClusterConnectionRef } from "../core/cluster/connection";
import type { ClusterCredential } from "../core/cluster/credentials";
import type { SecretReader, SecretView } from "../core/registry/copySource";
import { GLOBAL_PULL_SECRET } from "../core/sharedObjects/globalPullSecretMerge";
import type {
    GlobalPullSecretClient,
    SecretView as PullSecretView,
} from "../core/sharedObjects/globalPullSecretReconcile";

/** The global pull secret, and our own Secrets whose entries are merged into it. */
export interface GlobalPullSecretAccess {
    readonly pullSecret: GlobalPullSecretClient;
    readonly ours: SecretReader;
}
import { ambientKubeconfigFiles, kubeconfigLoadError } from "../core/cluster/kubeconfigLoadError";
import type {
    JsonPatchOp,
    ServiceAccountClient,
    ServiceAccountView,
} from "../core/sharedObjects/serviceAccountPullSecretRefPatch";

// An ES module: loaded with a native import() (kept as such under module node16).
type ClientNode = typeof import("@kubernetes/client-node", { with: { "resolution-mode": "import" } });

function configFor(k8s: ClientNode, connection: ClusterConnectionRef, credential?: ClusterCredential) {
    const kc = new k8s.KubeConfig();
    if (connection.source === "ambient") {
        try {
            kc.loadFromDefault();
        } catch (err) {
            throw kubeconfigLoadError(err, ambientKubeconfigFiles());
        }
        if (!kc.getContextObject(connection.context)) {
            throw new Error(
                `kubeconfig context "${connection.context}" is not in your kubeconfig ` +
                    "(KUBECONFIG or ~/.kube/config); run `ibmcloud ks cluster config --cluster <cluster>` first",
            );
        }
        kc.setCurrentContext(connection.context);
        return kc;
    }
    const c = credential!;
    kc.loadFromOptions({
        clusters: [
            {
                name: connection.cluster,
                server: c.server,
                skipTLSVerify: false,
                ...(c.caPem ? { caData: Buffer.from(c.caPem).toString("base64") } : {}),
            },
        ],
        users: [{ name: "registry-access", token: c.token }],
        contexts: [{ name: connection.cluster, cluster: connection.cluster, user: "registry-access" }],
        currentContext: connection.cluster,
    });
    return kc;
}

/** The API's answer, or undefined when the object (or its namespace) does not exist. */
async function unlessNotFound<T>(read: Promise<unknown>): Promise<T | undefined> {
    try {
        return (await read) as T;
    } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
    }
}

/** The core/v1 API of the connection's cluster, and the client library. */
async function coreV1(connection: ClusterConnectionRef, credential?: ClusterCredential) {
    const k8s: ClientNode = await import("@kubernetes/client-node");
    return { k8s, api: configFor(k8s, connection, credential).makeApiClient(k8s.CoreV1Api) };
}

export async function serviceAccountClient(
    connection: ClusterConnectionRef,
    credential?: ClusterCredential,
): Promise<ServiceAccountClient> {
    const { k8s, api } = await coreV1(connection, credential);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    return {
        read: (namespace, name) =>
            unlessNotFound<ServiceAccountView>(api.readNamespacedServiceAccount({ name, namespace })),
        async patch(namespace: string, name: string, ops: JsonPatchOp[]) {
            await api.patchNamespacedServiceAccount({ name, namespace, body: ops }, jsonPatch);
        },
    };
}

/** Reads Secrets (copy mode's source, in namespace default) with the same connection and credential. */
export async function secretReader(
    connection: ClusterConnectionRef,
    credential?: ClusterCredential,
): Promise<SecretReader> {
    const { api } = await coreV1(connection, credential);
    return {
        read: (namespace, name) => unlessNotFound<SecretView>(api.readNamespacedSecret({ name, namespace })),
    };
}

/** OpenShift's global pull secret, read and JSON-patched with the same connection and credential. */
export async function globalPullSecretClient(
    connection: ClusterConnectionRef,
    credential?: ClusterCredential,
): Promise<GlobalPullSecretAccess> {
    const { k8s, api } = await coreV1(connection, credential);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    const { namespace, name } = GLOBAL_PULL_SECRET;
    return {
        pullSecret: {
            read: () => unlessNotFound<PullSecretView>(api.readNamespacedSecret({ name, namespace })),
            async patch(ops) {
                await api.patchNamespacedSecret({ name, namespace, body: ops }, jsonPatch);
            },
        },
        ours: {
            read: (ns, secretName) =>
                unlessNotFound<SecretView>(api.readNamespacedSecret({ name: secretName, namespace: ns })),
        },
    };
}
