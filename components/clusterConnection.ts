import * as ibm from "@pulumi/ibm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { ClusterConnectionRef } from "../core/cluster/connection";
import { execKubeconfig } from "../core/cluster/kubeconfig";
import type { ClusterConnectionConfig } from "../core/config/typedConfig";
import * as os from "os";
import * as path from "path";
import { RegistryAccessProvider } from "./registryAccessProvider";

export const KUBECONFIG_DIR_PREFIX = "registry-access-kubeconfig-";

/**
 * Where `ibm.getContainerClusterConfig` may write the cluster's kubeconfig and certificates: a new, empty
 * directory only the current user can read. The data source downloads them into `config_dir` (home directory
 * when unset) on every read (IBM-Cloud/terraform-provider-ibm v1.89.0, ibm/service/kubernetes/
 * data_source_ibm_container_cluster_config.go lines 67-72 and 157-170). A fixed, shared path under the temp
 * directory could be pre-created or read by another local user, and two stacks for the same cluster would
 * overwrite each other's files, so each program run gets its own.
 */
export function privateConfigDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), KUBECONFIG_DIR_PREFIX));
    // mkdtemp already uses 0700; chmod makes that independent of the platform's implementation.
    fs.chmodSync(dir, 0o700);
    return dir;
}

export interface ClusterConnectionArgs {
    readonly cluster: string;
    readonly connection: ClusterConnectionConfig;
    /** The stack's ibm:ibmcloudApiKey, when it sets one (the credential plugin's fallback). */
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * How this stack reaches its cluster: a `kubernetes` provider for the Secrets, a `registry-access`
 * provider for the shared-object edits, and the connection both record.
 * - `cluster`: the server and CA from IBM Cloud, and a credential plugin that mints a token at each use:
 *   nothing that expires is stored, so `pulumi destroy` works a month later.
 * - `ambient`: the user's kubeconfig, pinned to the configured context so both always talk to the same cluster.
 */
/**
 * Kubernetes provider options pinned in code, so that no PULUMI_K8S_* variable of whoever runs `pulumi up`
 * can change how our objects are treated: explicit values override the environment (pulumi/pulumi-kubernetes
 * provider/pkg/provider/provider.go lines 619-690, "If the provider flag is set ... This will override the ENV
 * var"). Never adopt an existing object of the same name (upsert), never force-take fields other managers own,
 * never drop or skip objects when the cluster is unreachable, and keep server-side apply as tested. Secrets are
 * mutable: otherwise a change of their data (a key rotation, a new domain) replaces them (provider/pkg/provider/
 * diff.go lines 23-37), and a named object is replaced delete-first (provider.go lines 1645-1659), so for a
 * moment the namespace would have no pull secret at all; updated in place, it always holds a working key.
 * With clusterIdentifier set, a change of these is an update of the provider, not a replacement of its
 * resources (same file, lines 486-499). (pulumi/pulumi-kubernetes at 94977969d.)
 */
export const PINNED_KUBERNETES_OPTIONS = {
    upsertExistingObjects: false,
    enablePatchForce: false,
    deleteUnreachable: false,
    skipUpdateUnreachable: false,
    enableServerSideApply: true,
    enableSecretMutable: true,
    enableConfigMapMutable: false,
} as const;

/** What the resources on a cluster are registered with: its two providers, the connection they record, the stack's key. */
export interface ClusterAccess {
    readonly kubernetes: k8s.Provider;
    readonly sharedObjects: RegistryAccessProvider;
    readonly ref: ClusterConnectionRef;
    /** The stack's ibm:ibmcloudApiKey, when it sets one: the provider's last resort after the environment. */
    readonly stackApiKey?: pulumi.Output<string>;
}

export class ClusterConnection extends pulumi.ComponentResource implements ClusterAccess {
    readonly kubernetes: k8s.Provider;
    readonly sharedObjects: RegistryAccessProvider;
    readonly ref: ClusterConnectionRef;
    readonly stackApiKey?: pulumi.Output<string>;

    constructor(name: string, args: ClusterConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:ClusterConnection", name, {}, opts);
        this.stackApiKey = args.stackApiKey;
        if (args.connection.source === "ambient") {
            // Always the configured context (config refuses ambient without one): never this machine's current
            // context or kubeconfig path, so every machine plans and deploys the same cluster.
            const context = args.connection.context;
            this.ref = { source: "ambient", context };
            this.kubernetes = new k8s.Provider(
                name,
                {
                    ...PINNED_KUBERNETES_OPTIONS,
                    // The SDK would fill in $KUBECONFIG, a path of this machine, and record it in the plan and in
                    // state (@pulumi/kubernetes 4.34.2 provider.js line 70); "" is the provider's "unset": it loads
                    // the ambient kubeconfig as kubectl does (pulumi-kubernetes provider.go lines 872-899).
                    kubeconfig: "",
                    context,
                    clusterIdentifier: `context:${context}`,
                },
                { parent: this },
            );
        } else {
            this.ref = { source: "cluster", cluster: args.cluster };
            const configDir = privateConfigDir();
            const clusterConfig = ibm.getContainerClusterConfigOutput(
                { clusterNameId: args.cluster, configDir },
                { parent: this },
            );
            // The data source also wrote a kubeconfig with a token there: keep nothing of it on disk.
            const endpoint = clusterConfig.apply((c) => {
                fs.rmSync(configDir, { recursive: true, force: true });
                return { server: c.host, caPem: c.caCertificate || undefined };
            });
            const kubeconfig = pulumi
                .all([endpoint, args.stackApiKey])
                .apply(([e, stackApiKey]) =>
                    execKubeconfig({ cluster: args.cluster, server: e.server, caPem: e.caPem, stackApiKey }),
                );
            this.kubernetes = new k8s.Provider(
                name,
                {
                    ...PINNED_KUBERNETES_OPTIONS,
                    kubeconfig: pulumi.secret(kubeconfig),
                    // A new server address or CA is an update of the provider, never a replacement of every Secret
                    // (pulumi-kubernetes replaces the provider only when clusterIdentifier changes).
                    clusterIdentifier: `cluster:${args.cluster}`,
                },
                { parent: this },
            );
        }
        this.sharedObjects = new RegistryAccessProvider(name, { parent: this });
        this.registerOutputs({});
    }
}
