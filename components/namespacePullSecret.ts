import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "./dockerConfig";

export const MANAGED_LABELS = {
    "app.kubernetes.io/managed-by": "pulumi",
    "app.kubernetes.io/part-of": "registry-access",
};

export interface NamespacePullSecretArgs {
    readonly namespace: string;
    readonly secretName: string;
    /** Registry domains, one `auths` entry each, in this order. */
    readonly servers: readonly string[];
    /** The IAM API key; the Secret depends on nothing else. */
    readonly apiKey: pulumi.Input<string>;
    readonly email?: string;
    readonly provider: k8s.Provider;
}

/** A `kubernetes.io/dockerconfigjson` Secret holding the API key for every registry domain in scope. */
export class NamespacePullSecret extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;
    readonly secretName: pulumi.Output<string>;

    constructor(name: string, args: NamespacePullSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:NamespacePullSecret", name, {}, opts);
        const servers = [...args.servers];
        // Plaintext inside the callback only; the result is wrapped as a secret at once.
        const dockerConfigJson = pulumi.secret(pulumi.output(args.apiKey).apply((key) =>
            buildDockerConfigJson(servers, { username: ICR_API_KEY_USERNAME, password: key, email: args.email })));

        this.secret = new k8s.core.v1.Secret(name, {
            metadata: { name: args.secretName, namespace: args.namespace, labels: MANAGED_LABELS },
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": dockerConfigJson },
        }, { parent: this, provider: args.provider });
        this.secretName = this.secret.metadata.name;

        this.registerOutputs({ secretName: this.secretName });
    }
}
