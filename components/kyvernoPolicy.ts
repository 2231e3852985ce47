import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnectionRef } from "../core/cluster/connection";
import type { ServedScope } from "../core/platforms/kyvernoSweep";
import { KYVERNO_POLICY_TYPE } from "../core/sharedObjects/resourceTypes";

export interface KyvernoPolicyArgs {
    /** The ClusterPolicy (core/platforms/kyverno.ts selectorPolicy): what preview shows and up applies. */
    readonly policy: Record<string, unknown>;
    /** What the policy serves: what the provider keeps when it removes the clones and entries it left elsewhere. */
    readonly scope: ServedScope;
    /** Check at preview that Kyverno's CRDs exist (false when this stack installs Kyverno itself). */
    readonly requireCrds: boolean;
    readonly connection: ClusterConnectionRef;
    /** The stack's ibm:ibmcloudApiKey, when it sets one: the provider's last resort after the environment. */
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * The selector stack's Kyverno ClusterPolicy, applied by this repository's provider rather than pulumi-kubernetes:
 * Kyverno refuses in-place changes of synchronizing generate rules, so a changed policy is deleted and created
 * again (its clones kept meanwhile); after that, and after destroy, the provider removes the clones and
 * ServiceAccount entries the policy left in namespaces it no longer serves (core/platforms/kyvernoSweep.ts).
 * Preview fails with the Kyverno version to install when its CRDs are missing.
 */
export class KyvernoPolicy extends pulumi.CustomResource {
    /** The ClusterPolicy's name. */
    declare readonly policyName: pulumi.Output<string>;

    constructor(name: string, args: KyvernoPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            KYVERNO_POLICY_TYPE,
            name,
            {
                policy: args.policy,
                scope: args.scope,
                requireCrds: args.requireCrds,
                connection: args.connection,
                apiKey: args.stackApiKey,
                policyName: undefined,
            },
            opts,
        );
    }
}
