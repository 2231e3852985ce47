import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnectionRef } from "../core/cluster/connection";
import type { ReferenceList } from "../core/sharedObjects/serviceAccountPullSecretRefPatch";

import { PULL_SECRET_REF_TYPE } from "../core/sharedObjects/resourceTypes";

export interface ServiceAccountPullSecretRefArgs {
    readonly namespace: string;
    readonly serviceAccount: string;
    readonly secretName: pulumi.Input<string>;
    readonly connection: ClusterConnectionRef;
    /** `secrets` for a link as `oc secrets link` makes it (builds' credentials); default imagePullSecrets. */
    readonly list?: ReferenceList;
    /** The stack's ibm:ibmcloudApiKey, when it sets one: the provider's last resort after the environment. */
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * One reference to a pull secret in one ServiceAccount's imagePullSecrets. The provider edits the list by
 * JSON patch, keeps every entry others put there (IBM's all-icr-io, OpenShift's *-dockercfg-*), records its
 * ownership on the ServiceAccount, and removes the entry only when no owner remains.
 */
export class ServiceAccountPullSecretRef extends pulumi.CustomResource {
    /** This instance's entry in the ServiceAccount's ownership annotation (the provider's only output). */
    declare readonly owner: pulumi.Output<string>;

    constructor(name: string, args: ServiceAccountPullSecretRefArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            PULL_SECRET_REF_TYPE,
            name,
            {
                namespace: args.namespace,
                serviceAccount: args.serviceAccount,
                secretName: args.secretName,
                connection: args.connection,
                // Only when set: the SDK makes an output, four promises and their stack traces, for every
                // property given, undefined or not, and there is a reference per namespace and service account.
                ...(args.list === undefined ? {} : { list: args.list }),
                ...(args.stackApiKey === undefined ? {} : { apiKey: args.stackApiKey }),
                owner: undefined,
            },
            opts,
        );
    }
}
