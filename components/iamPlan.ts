/**
 * What the pull identity's IAM resources look like, as plain data: names, descriptions and policy scopes.
 */
import { IcrRegion } from "./icrCatalogue";

/** An IAM policy's resource scope on container-registry; absent fields mean "any". */
export interface PolicyScope {
    readonly region?: string;
    readonly registryNamespace?: string;
}

export const REGISTRY_SERVICE = "container-registry";

/**
 * One policy per (region, registry namespace) pair: an IAM policy's resource holds one region and one
 * resource, so a list of either needs one policy per combination. No scope at all gives one policy.
 */
export function planPolicyScopes(regions?: readonly IcrRegion[], registryNamespaces?: readonly string[]): PolicyScope[] {
    const regionNames: (string | undefined)[] = regions?.map((r) => r.iamRegion) ?? [undefined];
    const namespaces: (string | undefined)[] = registryNamespaces ? [...registryNamespaces] : [undefined];
    return regionNames.flatMap((region) => namespaces.map((registryNamespace) => ({ region, registryNamespace })));
}

/** Resource name of a policy: the scope's parts after the base, so existing names survive added scopes. */
export function policyResourceName(base: string, scope: PolicyScope): string {
    return [base, "policy", scope.region, scope.registryNamespace].filter((p) => p !== undefined).join("-");
}

export function identityNames(cluster: string) {
    const base = `${cluster}-registry-pull`;
    return { base, serviceId: `${base}-id`, apiKey: `${base}-key` };
}

/** IAM descriptions are short; name the first namespaces and count the rest. */
export function describeNamespaces(namespaces: readonly string[], shown = 5): string {
    const head = namespaces.slice(0, shown).join(", ");
    const rest = namespaces.length - shown;
    return rest > 0 ? `${head} and ${rest} more` : head;
}

export function serviceIdDescription(cluster: string, namespaces: readonly string[]): string {
    return `Pulls images from IBM Cloud Container Registry for Kubernetes cluster ${cluster}, ` +
        `namespaces ${describeNamespaces(namespaces)} (managed by registry-access)`;
}
