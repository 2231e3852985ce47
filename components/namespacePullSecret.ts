import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnectionRef } from "../cluster/connection";
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "./dockerConfig";
import { ServiceAccountPullSecretRef } from "./serviceAccountPullSecretRef";

export const MANAGED_LABELS = {
    "app.kubernetes.io/managed-by": "pulumi",
    "app.kubernetes.io/part-of": "registry-access",
};

/**
 * The `.dockerconfigjson` for the API key and registry domains, as a secret. It is the same for every
 * namespace, so the program builds it once per stack.
 */
export function registryDockerConfig(apiKey: pulumi.Input<string>, servers: readonly string[], email?: string): pulumi.Output<string> {
    const domains = [...servers];
    // Plaintext inside the callback only; the result is wrapped as a secret at once.
    return pulumi.secret(pulumi.output(apiKey).apply((key) =>
        buildDockerConfigJson(domains, { username: ICR_API_KEY_USERNAME, password: key, email })));
}

export interface NamespacePullSecretArgs {
    readonly namespace: string;
    readonly secretName: string;
    /** From registryDockerConfig: depends on the API key and nothing else. */
    readonly dockerConfigJson: pulumi.Output<string>;
    /** Service accounts whose imagePullSecrets reference the secret. */
    readonly serviceAccounts: readonly string[];
    readonly kubernetes: k8s.Provider;
    readonly sharedObjects: pulumi.ProviderResource;
    readonly connection: ClusterConnectionRef;
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * A namespace's pull access: one `kubernetes.io/dockerconfigjson` Secret holding the API key for every
 * registry domain in scope, and a reference to it in each chosen ServiceAccount. One component per
 * namespace; each reference waits for its Secret only.
 */
export class NamespacePullSecret extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;
    readonly secretName: pulumi.Output<string>;
    readonly references: ServiceAccountPullSecretRef[];

    constructor(name: string, args: NamespacePullSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:NamespacePullSecret", name, {}, opts);
        this.secret = new k8s.core.v1.Secret(name, {
            metadata: { name: args.secretName, namespace: args.namespace, labels: MANAGED_LABELS },
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": args.dockerConfigJson },
        }, { parent: this, provider: args.kubernetes });
        this.secretName = this.secret.metadata.name;

        this.references = args.serviceAccounts.map((serviceAccount) =>
            new ServiceAccountPullSecretRef(`${args.namespace}.${serviceAccount}`, {
                namespace: args.namespace,
                serviceAccount,
                secretName: this.secretName,
                connection: args.connection,
                stackApiKey: args.stackApiKey,
            }, { parent: this, provider: args.sharedObjects }));

        this.registerOutputs({ secretName: this.secretName });
    }
}
