/**
 * ServiceAccount and Secret access through @kubernetes/client-node: with a minted credential (`cluster`), or
 * the user's own kubeconfig at the pinned context (`ambient`). Two calls per reference created: a GET and a
 * JSON PATCH. Errors name the step, the object and the cluster, never the client's exception text.
 */
import { ClusterConnectionRef, describeConnection } from "../core/cluster/connection";
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
import { ApiVerb, KubernetesApiError, apiFailure, isAbsent } from "../core/kubernetes/apiErrors";
import type { BuildConfigClient, BuildConfigView } from "../core/sharedObjects/buildConfigSecretPatch";
import type { KyvernoClient } from "../core/platforms/kyvernoApply";
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

/**
 * Where a `cluster` connection's credential comes from: the process's cache (provider/main.ts). The first is
 * taken when the client is made; after a 401 the refused one is evicted and a fresh one taken, once.
 */
export interface CredentialSource {
    get(): Promise<ClusterCredential>;
    evict(refused: ClusterCredential): Promise<void>;
}

type CoreV1Api = InstanceType<ClientNode["CoreV1Api"]>;
type CustomObjectsApi = InstanceType<ClientNode["CustomObjectsApi"]>;
type ApiextensionsV1Api = InstanceType<ClientNode["ApiextensionsV1Api"]>;

/**
 * One API of the connection (CoreV1Api, CustomObjectsApi) behind one `call`: each failure becomes a
 * KubernetesApiError naming the step, the object and the cluster (core/kubernetes/apiErrors.ts), never the
 * client's own exception text; a 401 to a minted credential is retried once with a fresh one.
 */
async function apiOf<A extends CoreV1Api | CustomObjectsApi | ApiextensionsV1Api>(
    connection: ClusterConnectionRef,
    source: CredentialSource | undefined,
    which: (k8s: ClientNode) => new (...args: never[]) => A,
) {
    const k8s: ClientNode = await import("@kubernetes/client-node");
    let credential = connection.source === "cluster" ? await source!.get() : undefined;
    let kc = configFor(k8s, connection, credential);
    let api = kc.makeApiClient(which(k8s) as never) as A;
    const where = describeConnection(connection);
    const failure = (verb: ApiVerb, object: string, err: unknown) =>
        new KubernetesApiError({ verb, object, where, server: kc.getCurrentCluster()?.server }, apiFailure(err));
    async function once<T>(verb: ApiVerb, object: string, fn: (api: A) => Promise<T>) {
        try {
            return await fn(api);
        } catch (err) {
            throw failure(verb, object, err);
        }
    }
    async function call<T>(verb: ApiVerb, object: string, fn: (api: A) => Promise<T>): Promise<T> {
        try {
            return await once(verb, object, fn);
        } catch (err) {
            const refused = credential;
            if (!source || !refused || (err as KubernetesApiError).statusCode !== 401) throw err;
            await source.evict(refused);
            credential = await source.get();
            kc = configFor(k8s, connection, credential);
            api = kc.makeApiClient(which(k8s) as never) as A;
            return once(verb, object, fn);
        }
    }
    /** A read: undefined when the API server says the object (or its namespace) does not exist. */
    async function read<T>(object: string, fn: (api: A) => Promise<unknown>): Promise<T | undefined> {
        try {
            return (await call("read", object, fn)) as T;
        } catch (err) {
            if (err instanceof KubernetesApiError && isAbsent(err.failure)) return undefined;
            throw err;
        }
    }
    return { k8s, call, read };
}

const coreV1 = (connection: ClusterConnectionRef, source?: CredentialSource) =>
    apiOf(connection, source, (k8s) => k8s.CoreV1Api);

const serviceAccount = (namespace: string, name: string) => `ServiceAccount ${namespace}/${name}`;
const buildConfig = (namespace: string, name: string) => `BuildConfig ${namespace}/${name}`;
/** Where BuildConfigs are served (openshift/api build/v1: group build.openshift.io, resource buildconfigs). */
const BUILD_CONFIGS = { group: "build.openshift.io", version: "v1", plural: "buildconfigs" } as const;
const secret = (namespace: string, name: string) => `Secret ${namespace}/${name}`;

export async function serviceAccountClient(
    connection: ClusterConnectionRef,
    source?: CredentialSource,
): Promise<ServiceAccountClient> {
    const { k8s, call, read } = await coreV1(connection, source);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    return {
        read: (namespace, name) =>
            read<ServiceAccountView>(serviceAccount(namespace, name), (api) =>
                api.readNamespacedServiceAccount({ name, namespace }),
            ),
        async patch(namespace: string, name: string, ops: JsonPatchOp[]) {
            await call("patch", serviceAccount(namespace, name), (api) =>
                api.patchNamespacedServiceAccount({ name, namespace, body: ops }, jsonPatch),
            );
        },
    };
}

/** Reads Secrets (copy mode's source, in namespace default) with the same connection and credential. */
export async function secretReader(connection: ClusterConnectionRef, source?: CredentialSource): Promise<SecretReader> {
    const { read } = await coreV1(connection, source);
    return {
        read: (namespace, name) =>
            read<SecretView>(secret(namespace, name), (api) => api.readNamespacedSecret({ name, namespace })),
    };
}

/** OpenShift's global pull secret, read and JSON-patched with the same connection and credential. */
export async function globalPullSecretClient(
    connection: ClusterConnectionRef,
    source?: CredentialSource,
): Promise<GlobalPullSecretAccess> {
    const { k8s, call, read } = await coreV1(connection, source);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    const { namespace, name } = GLOBAL_PULL_SECRET;
    const pullSecret = secret(namespace, name);
    return {
        pullSecret: {
            read: () => read<PullSecretView>(pullSecret, (api) => api.readNamespacedSecret({ name, namespace })),
            async patch(ops) {
                await call("patch", pullSecret, (api) =>
                    api.patchNamespacedSecret({ name, namespace, body: ops }, jsonPatch),
                );
            },
        },
        ours: {
            read: (ns, secretName) =>
                read<SecretView>(secret(ns, secretName), (api) =>
                    api.readNamespacedSecret({ name: secretName, namespace: ns }),
                ),
        },
    };
}

/** OpenShift's BuildConfigs (build.openshift.io/v1), read and JSON-patched with the same connection and credential. */
export async function buildConfigClient(
    connection: ClusterConnectionRef,
    source?: CredentialSource,
): Promise<BuildConfigClient> {
    const { k8s, call, read } = await apiOf(connection, source, (k8s) => k8s.CustomObjectsApi);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    const at = (namespace: string, name: string) => ({ ...BUILD_CONFIGS, namespace, name });
    return {
        read: (namespace, name) =>
            read<BuildConfigView>(buildConfig(namespace, name), (api) =>
                api.getNamespacedCustomObject(at(namespace, name)),
            ),
        async patch(namespace: string, name: string, ops: JsonPatchOp[]) {
            await call("patch", buildConfig(namespace, name), (api) =>
                api.patchNamespacedCustomObject({ ...at(namespace, name), body: ops }, jsonPatch),
            );
        },
    };
}

/** Where ClusterPolicies are served (K: config/crds/kyverno/kyverno.io_clusterpolicies.yaml: kyverno.io, v1, cluster-scoped). */
const CLUSTER_POLICIES = { group: "kyverno.io", version: "v1", plural: "clusterpolicies" } as const;

/** What the selector policy needs of a cluster: Kyverno's CRDs, its ClusterPolicy, namespaces, clones, ServiceAccounts. */
export async function kyvernoClient(
    connection: ClusterConnectionRef,
    source?: CredentialSource,
): Promise<KyvernoClient> {
    const core = await coreV1(connection, source);
    const custom = await apiOf(connection, source, (k8s) => k8s.CustomObjectsApi);
    const crds = await apiOf(connection, source, (k8s) => k8s.ApiextensionsV1Api);
    return { ...policyCalls(custom, crds), ...objectCalls(core) };
}

type Api<A extends CoreV1Api | CustomObjectsApi | ApiextensionsV1Api> = Awaited<ReturnType<typeof apiOf<A>>>;

const isGone = (err: unknown) => err instanceof KubernetesApiError && isAbsent(err.failure);

/** A delete that finds the object already gone is done. */
async function ignoringAbsent(p: Promise<unknown>): Promise<void> {
    try {
        await p;
    } catch (err) {
        if (!isGone(err)) throw err;
    }
}

const clusterPolicy = (name: string) => `ClusterPolicy ${name}`;

function policyCalls(custom: Api<CustomObjectsApi>, crds: Api<ApiextensionsV1Api>) {
    return {
        async missingCrds(names: readonly string[]) {
            const found = await Promise.all(
                names.map((name) =>
                    crds.read(`CustomResourceDefinition ${name}`, (api) => api.readCustomResourceDefinition({ name })),
                ),
            );
            return names.filter((_, i) => found[i] === undefined);
        },
        readPolicy: (name: string) =>
            custom.read<Record<string, unknown>>(clusterPolicy(name), (api) =>
                api.getClusterCustomObject({ ...CLUSTER_POLICIES, name }),
            ),
        async createPolicy(body: Record<string, unknown>) {
            const name = (body.metadata as { name: string }).name;
            await custom.call("create", clusterPolicy(name), (api) =>
                api.createClusterCustomObject({ ...CLUSTER_POLICIES, body }),
            );
        },
        deletePolicy: (name: string) =>
            ignoringAbsent(
                custom.call("delete", clusterPolicy(name), (api) =>
                    api.deleteClusterCustomObject({ ...CLUSTER_POLICIES, name }),
                ),
            ),
    };
}

function objectCalls(core: Api<CoreV1Api>) {
    const jsonPatch = core.k8s.setHeaderOptions("Content-Type", core.k8s.PatchStrategy.JsonPatch);
    return {
        async namespaces() {
            const list = await core.call("list", "Namespaces", (api) => api.listNamespace({}));
            return list.items.map((ns) => ({ name: ns.metadata?.name ?? "", labels: ns.metadata?.labels ?? {} }));
        },
        async secrets(labelSelector: string) {
            const list = await core.call("list", `Secrets labelled ${labelSelector}`, (api) =>
                api.listSecretForAllNamespaces({ labelSelector }),
            );
            // Metadata only: a clone's data is never kept.
            return list.items.map((s) => ({ metadata: objectMeta(s.metadata) }));
        },
        deleteSecret: (namespace: string, name: string) =>
            ignoringAbsent(
                core.call("delete", secret(namespace, name), (api) => api.deleteNamespacedSecret({ name, namespace })),
            ),
        async serviceAccounts() {
            const list = await core.call("list", "ServiceAccounts", (api) =>
                api.listServiceAccountForAllNamespaces({}),
            );
            return list.items.map((sa) => ({
                metadata: objectMeta(sa.metadata),
                imagePullSecrets: sa.imagePullSecrets ?? null,
                secrets: sa.secrets ?? null,
            }));
        },
        async patchServiceAccount(namespace: string, name: string, ops: JsonPatchOp[]) {
            await core.call("patch", serviceAccount(namespace, name), (api) =>
                api.patchNamespacedServiceAccount({ name, namespace, body: ops }, jsonPatch),
            );
        },
    };
}

function objectMeta(
    m:
        | {
              namespace?: string;
              name?: string;
              resourceVersion?: string;
              labels?: Record<string, string>;
              annotations?: Record<string, string>;
          }
        | undefined,
) {
    return {
        namespace: m?.namespace ?? "",
        name: m?.name ?? "",
        resourceVersion: m?.resourceVersion,
        labels: m?.labels ?? null,
        annotations: m?.annotations ?? null,
    };
}
