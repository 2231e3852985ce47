import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnectionRef } from "../core/cluster/connection";

import { GLOBAL_PULL_SECRET_TYPE } from "../core/sharedObjects/resourceTypes";

export interface GlobalPullSecretEntriesArgs {
    readonly connection: ClusterConnectionRef;
    /**
     * One of our own namespace Secrets: the provider reads its `.dockerconfigjson` and merges its `auths`
     * entries, so the value itself is never an input, an output or in state.
     */
    readonly from: { readonly namespace: string; readonly secretName: pulumi.Input<string> };
    /** The servers whose entries are merged: those of that Secret's docker config, as the program built it. */
    readonly servers: readonly string[];
    /** sha256 of that docker config (a secret): it changes with the value, so a rotation is an update. */
    readonly contentHash: pulumi.Output<string>;
    /** The stack's ibm:ibmcloudApiKey, when it sets one: the provider's last resort after the environment. */
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * Our registries' entries in OpenShift's global pull secret `openshift-config/pull-secret`, merged into its
 * `.dockerconfigjson` by the registry-access provider: every other entry (Red Hat's, and anyone else's) is
 * kept byte for byte, the secret is never replaced, and destroy removes only entries still holding what we
 * wrote (state keeps a hash of each, never the value).
 */
export class GlobalPullSecretEntries extends pulumi.CustomResource {
    /** The registry servers this resource's entries are for. */
    declare readonly servers: pulumi.Output<string[]>;
    /** This instance's token in the pull secret's ownership annotation. */
    declare readonly owner: pulumi.Output<string>;

    constructor(name: string, args: GlobalPullSecretEntriesArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            GLOBAL_PULL_SECRET_TYPE,
            name,
            {
                connection: args.connection,
                from: args.from,
                servers: args.servers,
                contentHash: args.contentHash,
                apiKey: args.stackApiKey,
                owner: undefined,
                entryHashes: undefined,
            },
            { ...opts, additionalSecretOutputs: ["entryHashes"] },
        );
    }
}
