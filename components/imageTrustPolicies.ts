import { systemNamespaceMetadata } from "../core/kubernetes/systemNamespaces";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_LABELS } from "./namespacePullSecret";
import { OTHER_IMAGES, SigningKeySecret, trustPolicyRepositories } from "../core/platforms/portieris";
import { IcrRepository, repositoryPattern } from "../core/registry/icrImage";

/** Portieris' namespaced policy (IBM/portieris, helm/portieris/crds: group portieris.cloud.ibm.com, version v1). */
export const IMAGE_POLICY = { apiVersion: "portieris.cloud.ibm.com/v1", kind: "ImagePolicy" } as const;
/** The name of our policy in each namespace. */
export const IMAGE_POLICY_NAME = "registry-access-trust";

export interface ImageTrustPoliciesArgs {
    readonly namespaces: readonly string[];
    readonly repositories: readonly IcrRepository[];
    /** The Secret with the GPG public key their images must be signed with. */
    readonly signingKey: SigningKeySecret;
    /** Images of no trusted repository: admitted (a last entry `*`) or denied. */
    readonly otherImages: (typeof OTHER_IMAGES)[number];
    readonly kubernetes: k8s.Provider;
    /** The stack's allowedSystemNamespaces: a policy there carries the opt-in the policy pack looks for. */
    readonly allowedSystemNamespaces: readonly string[];
}

/**
 * Image security enforcement (seed 003 lines 302-362): in each namespace a Portieris ImagePolicy that admits
 * images of the configured ICR repositories only with a simple signature by the signing key, and, unless told
 * to deny them, every other image as before (Portieris uses a namespace's ImagePolicies exclusively:
 * core/platforms/portieris.ts). Portieris must be enabled on the cluster (`ibmcloud ks cluster
 * image-security enable --cluster NAME`).
 */
export class ImageTrustPolicies extends pulumi.ComponentResource {
    readonly policies: k8s.apiextensions.CustomResource[];

    constructor(name: string, args: ImageTrustPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:ImageTrustPolicies", name, {}, opts);
        const repositories = trustPolicyRepositories({
            trustedRepositories: args.repositories.map(repositoryPattern),
            signingKey: args.signingKey,
            otherImages: args.otherImages,
        });
        this.policies = args.namespaces.map(
            (namespace) =>
                new k8s.apiextensions.CustomResource(
                    `${namespace}.${IMAGE_POLICY_NAME}`,
                    {
                        ...IMAGE_POLICY,
                        metadata: {
                            name: IMAGE_POLICY_NAME,
                            namespace,
                            labels: MANAGED_LABELS,
                            ...systemNamespaceMetadata(namespace, args.allowedSystemNamespaces),
                        },
                        spec: { repositories },
                    },
                    { provider: args.kubernetes, parent: this },
                ),
        );
        this.registerOutputs({});
    }
}
