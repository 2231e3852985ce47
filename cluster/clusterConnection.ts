import * as ibm from "@pulumi/ibm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ClusterConnectionRef } from "./connection";
import { execKubeconfig } from "./kubeconfig";
import { ClusterConnectionConfig } from "../config/contract";
import { privateConfigDir } from "./kubeconfigDir";
import { RegistryAccessProvider } from "../sharedObjects/registryAccessProvider";

export interface ClusterConnectionArgs {
    readonly cluster: string;
    readonly connection: ClusterConnectionConfig;
    /** The stack's ibm:ibmcloudApiKey, when it sets one (the credential plugin's fallback). */
    readonly stackApiKey?: pulumi.Output<string>;
}

/** The current context of the user's kubeconfig (first KUBECONFIG file, else ~/.kube/config), if any. */
export function ambientCurrentContext(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const first = (env.KUBECONFIG ?? "").split(path.delimiter).find((p) => p !== "");
    const file = first ?? path.join(os.homedir(), ".kube", "config");
    try {
        const doc = yaml.load(fs.readFileSync(file, "utf8")) as { "current-context"?: unknown } | undefined;
        const ctx = doc?.["current-context"];
        return typeof ctx === "string" && ctx !== "" ? ctx : undefined;
    } catch {
        // Never echo the file: it may hold tokens.
        return undefined;
    }
}

/**
 * How this stack reaches its cluster: a `kubernetes` provider for the Secrets, a `registry-access`
 * provider for the shared-object edits, and the connection both record.
 * - `cluster`: the server and CA from IBM Cloud, and a credential plugin that mints a token at each use:
 *   nothing that expires is stored, so `pulumi destroy` works a month later.
 * - `ambient`: the user's kubeconfig, pinned to one context so both always talk to the same cluster.
 */
/**
 * Kubernetes provider options pinned in code, so that no PULUMI_K8S_* variable of whoever runs `pulumi up`
 * can change how our objects are treated: explicit values override the environment (pulumi/pulumi-kubernetes
 * provider/pkg/provider/provider.go lines 619-690, "If the provider flag is set ... This will override the ENV
 * var"). Never adopt an existing object of the same name (upsert), never force-take fields other managers own,
 * never drop or skip objects when the cluster is unreachable, and keep server-side apply and replacement of
 * changed Secrets as tested. With clusterIdentifier set, a change of these is an update of the provider, not a
 * replacement of its resources (same file, lines 486-499).
 */
export const PINNED_KUBERNETES_OPTIONS = {
    upsertExistingObjects: false,
    enablePatchForce: false,
    deleteUnreachable: false,
    skipUpdateUnreachable: false,
    enableServerSideApply: true,
    enableSecretMutable: false,
    enableConfigMapMutable: false,
} as const;

export class ClusterConnection extends pulumi.ComponentResource {
    readonly kubernetes: k8s.Provider;
    readonly sharedObjects: RegistryAccessProvider;
    readonly ref: ClusterConnectionRef;

    constructor(name: string, args: ClusterConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:ClusterConnection", name, {}, opts);
        if (args.connection.source === "ambient") {
            const context = args.connection.context ?? ambientCurrentContext();
            if (!context) {
                throw new pulumi.RunError(
                    "registry-access:kubeconfig is ambient, but registry-access:kubeContext is not set " +
                        "and your kubeconfig has no current context: set kubeContext so every run talks to the same cluster",
                );
            }
            this.ref = { source: "ambient", context };
            this.kubernetes = new k8s.Provider(
                name,
                { ...PINNED_KUBERNETES_OPTIONS, context, clusterIdentifier: `context:${context}` },
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
