import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BindingConnection } from "./clusterCredentials";
import { ServiceAccountPullSecretRef } from "./serviceAccountPatchProvider";

export interface ServiceAccountBindingArgs {
    readonly namespace: string;
    readonly serviceAccount: string;
    /** The Secret to reference; the binding waits for it and depends on nothing else. */
    readonly secret: k8s.core.v1.Secret;
    readonly connection: BindingConnection;
}

/**
 * Adds the pull secret to a ServiceAccount's imagePullSecrets, keeping every entry others put there
 * (IBM's all-icr-io, OpenShift's *-dockercfg-*), and removes only ours on delete.
 */
export class ServiceAccountBinding extends pulumi.ComponentResource {
    readonly reference: ServiceAccountPullSecretRef;

    constructor(name: string, args: ServiceAccountBindingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:ServiceAccountBinding", name, {}, opts);
        this.reference = new ServiceAccountPullSecretRef(name, {
            namespace: args.namespace,
            serviceAccount: args.serviceAccount,
            secretName: args.secret.metadata.name,
            connection: args.connection,
        }, { parent: this });
        this.registerOutputs({ serviceAccount: args.serviceAccount, namespace: args.namespace });
    }
}
