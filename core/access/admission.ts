/**
 * Whether Portieris admits an image in a namespace, from the ImagePolicies of the plan (our imageTrust policies)
 * and Portieris' own selection rules (core/platforms/portieris.ts): the access report's last link. Pure.
 */
import { ImagePolicyObject, RepositoryEntry, admission } from "../platforms/portieris";
import type { PlanDocument } from "../review/render";

/** The type token of Portieris' namespaced policy as the Kubernetes provider registers it. */
export const IMAGE_POLICY_TYPE = "kubernetes:portieris.cloud.ibm.com/v1:ImagePolicy";

/** The plan's ImagePolicies by namespace, in the order the API server lists them (by name). */
export function imagePoliciesOf(plan: Pick<PlanDocument, "resources">): ReadonlyMap<string, ImagePolicyObject[]> {
    const byNamespace = new Map<string, ImagePolicyObject[]>();
    for (const r of plan.resources.filter((r) => r.type === IMAGE_POLICY_TYPE)) {
        const metadata = (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
        const spec = (r.inputs.spec ?? {}) as { repositories?: RepositoryEntry[] };
        if (metadata.namespace === undefined || metadata.name === undefined) continue;
        const policies = byNamespace.get(metadata.namespace) ?? [];
        policies.push({ namespace: metadata.namespace, name: metadata.name, repositories: spec.repositories ?? [] });
        byNamespace.set(metadata.namespace, policies);
    }
    for (const policies of byNamespace.values()) policies.sort((a, b) => (a.name < b.name ? -1 : 1));
    return byNamespace;
}

export type AdmissionLink = { readonly admitted: boolean; readonly text: string } | undefined;

/**
 * What Portieris does with `image` (as the pod spec writes it: Portieris matches the raw string) in `namespace`,
 * given this stack's ImagePolicies there; undefined where the stack has none (admission is not its business).
 */
export function admissionLink(
    policies: ReadonlyMap<string, readonly ImagePolicyObject[]>,
    namespace: string,
    image: string,
): AdmissionLink {
    const imagePolicies = policies.get(namespace);
    if (imagePolicies === undefined || imagePolicies.length === 0) return undefined;
    // Stryker disable next-line ArrayDeclaration: with ImagePolicies in the namespace Portieris never consults ClusterImagePolicies (policy.go GetPolicyToEnforce)
    const answer = admission({ namespace, imagePolicies, clusterImagePolicies: [] }, image);
    if ("denied" in answer) {
        return { admitted: false, text: `Portieris denies it in namespace ${namespace}: ${answer.denied}` };
    }
    const where = `ImagePolicy ${answer.source.name}, entry ${JSON.stringify(answer.entry.name)}`;
    switch (answer.admitted) {
        case "unconditionally":
            return { admitted: true, text: `Portieris admits it in namespace ${namespace} (${where}: no requirement)` };
        case "never":
            return {
                admitted: false,
                text: `Portieris denies it in namespace ${namespace} (${where}): ${answer.requires}`,
            };
        default:
            return {
                admitted: true,
                text: `Portieris admits it in namespace ${namespace} only when ${answer.requires} (${where})`,
            };
    }
}

const byNamespace = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : 1);

/**
 * What a reviewer must know of the plan's ImagePolicies: a namespace whose policies have no `*` entry denies
 * every image none of them names (imageTrustOtherImages deny), its sidecars' and Docker Hub images included.
 */
export function admissionNotes(plan: Pick<PlanDocument, "resources">): string[] {
    return [...imagePoliciesOf(plan)]
        .filter(([, policies]) => !policies.some((p) => p.repositories.some((r) => r.name === "*")))
        .sort(byNamespace)
        .map(([namespace, policies]) => {
            const named = [...new Set(policies.flatMap((p) => p.repositories.map((r) => r.name)))].join(", ");
            return (
                `Portieris denies every image in namespace ${namespace} but ${named || "none"} ` +
                "(imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included"
            );
        });
}
