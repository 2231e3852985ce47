/**
 * Dynamic provider that keeps one secret reference in one ServiceAccount's imagePullSecrets by JSON patch
 * (see pullSecretPatch.ts for why not server-side apply). Pulumi serializes this object into state and
 * runs it on the machine running `pulumi`; credentials come from clusterCredentials.ts at each call.
 */
import * as pulumi from "@pulumi/pulumi";
import { BindingConnection, FetchLike, fetchIksKubeconfig } from "./clusterCredentials";
import { JsonPatchOp, ServiceAccountClient, reconcilePullSecret } from "./pullSecretPatch";

export interface PullSecretRefInputs {
    readonly namespace: string;
    readonly serviceAccount: string;
    readonly secretName: string;
    readonly connection: BindingConnection;
}

export interface PullSecretRefOutputs extends PullSecretRefInputs {
    /** The reference was there before we added it: it is someone else's, so delete leaves it. */
    readonly referenceWasPresent: boolean;
}

export type ClientFactory = (connection: BindingConnection) => Promise<ServiceAccountClient>;

/** A client for the cluster the connection names, built with @kubernetes/client-node (an ES module). */
export async function kubernetesClient(connection: BindingConnection): Promise<ServiceAccountClient> {
    const k8s = await import("@kubernetes/client-node");
    const kc = new k8s.KubeConfig();
    if (connection.source === "ambient") {
        kc.loadFromDefault();
        if (connection.context) {
            if (!kc.getContextObject(connection.context)) {
                throw new Error(`kubeconfig context "${connection.context}" is not in your kubeconfig ` +
                    "(KUBECONFIG or ~/.kube/config); run `ibmcloud ks cluster config --cluster <cluster>` first");
            }
            kc.setCurrentContext(connection.context);
        }
    } else {
        kc.loadFromString(await fetchIksKubeconfig(connection.cluster, process.env, fetch as unknown as FetchLike));
    }
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const jsonPatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
    return {
        async read(namespace, name) {
            try {
                return await api.readNamespacedServiceAccount({ name, namespace });
            } catch (err) {
                if ((err as { code?: number }).code === 404) return undefined;
                throw err;
            }
        },
        async patch(namespace: string, name: string, ops: JsonPatchOp[]) {
            await api.patchNamespacedServiceAccount({ name, namespace, body: ops }, jsonPatch);
        },
    };
}

const IDENTITY_KEYS = ["namespace", "serviceAccount", "secretName"] as const;

/** The provider, with the cluster client injectable for tests. */
export function makePullSecretRefProvider(clientFor: ClientFactory): pulumi.dynamic.ResourceProvider {
    return {
        async check(_olds: unknown, news: PullSecretRefInputs) {
            const failures = IDENTITY_KEYS.filter((k) => typeof news[k] !== "string" || news[k] === "")
                .map((property) => ({ property, reason: `${property} must be a non-empty string` }));
            return { inputs: news, failures };
        },

        async diff(_id: string, olds: PullSecretRefOutputs, news: PullSecretRefInputs) {
            const replaces = IDENTITY_KEYS.filter((k) => olds[k] !== news[k]);
            const connectionChanged = JSON.stringify(olds.connection) !== JSON.stringify(news.connection);
            return {
                changes: replaces.length > 0 || connectionChanged,
                replaces: [...replaces],
                // Add the new reference before removing the old one: pods never lose pull access.
                deleteBeforeReplace: false,
            };
        },

        async create(inputs: PullSecretRefInputs) {
            const client = await clientFor(inputs.connection);
            const outcome = await reconcilePullSecret(client, inputs, "present");
            const outs: PullSecretRefOutputs = { ...inputs, referenceWasPresent: outcome === "unchanged" };
            return { id: `${inputs.namespace}/${inputs.serviceAccount}/${inputs.secretName}`, outs };
        },

        async update(_id: string, olds: PullSecretRefOutputs, news: PullSecretRefInputs) {
            // Only the connection changed (identity changes replace): make sure the reference is still there.
            await reconcilePullSecret(await clientFor(news.connection), news, "present");
            return { outs: { ...news, referenceWasPresent: olds.referenceWasPresent } };
        },

        async delete(_id: string, props: PullSecretRefOutputs) {
            if (props.referenceWasPresent) return;
            await reconcilePullSecret(await clientFor(props.connection), props, "absent");
        },
    };
}

/** One provider object for every binding, so Pulumi serializes it once per program. */
export const pullSecretRefProvider = makePullSecretRefProvider(kubernetesClient);

export class ServiceAccountPullSecretRef extends pulumi.dynamic.Resource {
    declare readonly namespace: pulumi.Output<string>;
    declare readonly serviceAccount: pulumi.Output<string>;
    declare readonly secretName: pulumi.Output<string>;
    declare readonly referenceWasPresent: pulumi.Output<boolean>;

    constructor(name: string, args: { [K in keyof PullSecretRefInputs]: pulumi.Input<PullSecretRefInputs[K]> },
        opts?: pulumi.CustomResourceOptions) {
        super(pullSecretRefProvider, name, { ...args, referenceWasPresent: undefined }, opts,
            "registry-access", "ServiceAccountPullSecretRef");
    }
}
