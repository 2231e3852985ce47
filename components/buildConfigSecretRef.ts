import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnectionRef } from "../core/cluster/connection";
import type { BuildSecretField } from "../core/sharedObjects/buildConfigSecretPatch";
import { BUILD_CONFIG_SECRET_REF_TYPE } from "../core/sharedObjects/resourceTypes";

export interface BuildConfigSecretRefArgs {
    readonly namespace: string;
    readonly buildConfig: string;
    /** The secret its push (and pull) secret becomes: the builds' push secret. */
    readonly secretName: pulumi.Input<string>;
    /** Which of `oc set build-secret`'s fields: `push` (spec.output.pushSecret), `pull` (the strategy's pullSecret). */
    readonly fields: readonly BuildSecretField[];
    readonly connection: ClusterConnectionRef;
    /** The stack's ibm:ibmcloudApiKey, when it sets one: the provider's last resort after the environment. */
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * A BuildConfig's push and pull secret, set as `oc set build-secret --push/--pull` sets them (seed 001 lines
 * 446-454), by this repository's provider: only a field that is empty or holds our secret is set, its ownership
 * is recorded on the BuildConfig, and delete clears only what we set and nobody changed since
 * (core/sharedObjects/buildConfigSecretPatch.ts).
 */
export class BuildConfigSecretRef extends pulumi.CustomResource {
    /** This instance's entry in the BuildConfig's ownership annotation (the provider's only output). */
    declare readonly owner: pulumi.Output<string>;

    constructor(name: string, args: BuildConfigSecretRefArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            BUILD_CONFIG_SECRET_REF_TYPE,
            name,
            {
                namespace: args.namespace,
                buildConfig: args.buildConfig,
                secretName: args.secretName,
                fields: args.fields,
                connection: args.connection,
                apiKey: args.stackApiKey,
                owner: undefined,
            },
            opts,
        );
    }
}
