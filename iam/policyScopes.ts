/**
 * What the pull identity's IAM resources look like, as plain data: names, descriptions and policy scopes.
 */
import { IcrRegion } from "../registry/icrCatalogue";

/**
 * An IAM policy's resource scope on container-registry; absent fields mean "any".
 *
 * `region` and `geography` are exclusive: the global registry (icr.io) is not a region but the geography
 * `global`, so its policy has no `region` and the resource attribute `geography=global` instead
 * (ibm-cloud-docs/Registry registry_users.md line 55, "Setting up region-based policies for IAM": "because
 * global is a geography and not a region you must omit the `--region` option and add `geography=global`";
 * line 87 shows `ibmcloud iam service-policy-create ... --attributes "geography=global"`).
 */
export interface PolicyScope {
    /** IAM region of a local registry, e.g. us-south. */
    readonly region?: string;
    /** IAM geography; only "global" (the global registry, icr.io). */
    readonly geography?: string;
    readonly registryNamespace?: string;
}

export const REGISTRY_SERVICE = "container-registry";

/** The catalogue name of the global registry, which IAM scopes as a geography. */
export const GLOBAL_GEOGRAPHY = "global";

/** How IAM scopes one catalogue region: a geography for global, a region for the rest. */
function regionScope(region: IcrRegion): Pick<PolicyScope, "region" | "geography"> {
    return region.iamRegion === GLOBAL_GEOGRAPHY ? { geography: GLOBAL_GEOGRAPHY } : { region: region.iamRegion };
}

/**
 * One policy per (region, registry namespace) pair: an IAM policy's resource holds one region and one
 * resource, so a list of either needs one policy per combination. No scope at all gives one policy.
 * Fields that do not apply are left out of each scope.
 */
export function policyScopesFor(regions?: readonly IcrRegion[], registryNamespaces?: readonly string[]): PolicyScope[] {
    const regionScopes: Pick<PolicyScope, "region" | "geography">[] = regions?.map(regionScope) ?? [{}];
    const namespaces: (string | undefined)[] = registryNamespaces ? [...registryNamespaces] : [undefined];
    return regionScopes.flatMap((where) => namespaces.map((registryNamespace) =>
        registryNamespace === undefined ? { ...where } : { ...where, registryNamespace }));
}

/**
 * Resource name of a policy: the scope's parts after the base, so existing names survive added scopes.
 * The global registry's policy keeps the suffix `-global` (its geography), as when it was a region.
 */
export function policyResourceName(base: string, scope: PolicyScope): string {
    return [base, "policy", scope.region ?? scope.geography, scope.registryNamespace].filter((p) => p !== undefined).join("-");
}

/** The `resources` block of an `ibm.IamServicePolicy` (Terraform `ibm_iam_service_policy.resources`). */
export interface PolicyResources {
    readonly service: string;
    readonly region?: string;
    readonly resourceType?: string;
    readonly resource?: string;
    readonly attributes?: { readonly [name: string]: string };
}

/**
 * The policy's `resources` input for a scope, with only the fields that apply (no undefined members).
 * A geography goes into `attributes`, the free-form map of ibm_iam_service_policy's `resources` block
 * (IBM-Cloud/terraform-provider-ibm v1.87.1, ibm/service/iampolicy/resource_ibm_iam_service_policy.go
 * lines 119-124: `attributes`, TypeMap of strings). Without rule conditions the provider creates the
 * policy through flex.GeneratePolicyOptions (same file, lines 325-382), which sends each map entry as a
 * resource attribute with operator stringEquals (ibm/flex/structures.go lines 4170-4174, SetResourceAttribute
 * at line 3828); reads put every attribute other than the fixed ones back into the same map
 * (FlattenV2PolicyResource, line 1839, via GetV2PolicyCustomAttributes, line 1755), so it does not diff.
 */
export function policyResources(scope: PolicyScope): PolicyResources {
    return {
        service: REGISTRY_SERVICE,
        ...(scope.region === undefined ? {} : { region: scope.region }),
        ...(scope.registryNamespace === undefined ? {} : { resourceType: "namespace", resource: scope.registryNamespace }),
        ...(scope.geography === undefined ? {} : { attributes: { geography: scope.geography } }),
    };
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
