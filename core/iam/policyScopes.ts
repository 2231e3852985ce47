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
export function regionScope(region: IcrRegion): Pick<PolicyScope, "region" | "geography"> {
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
    return regionScopes.flatMap((where) =>
        namespaces.map((registryNamespace) =>
            registryNamespace === undefined ? { ...where } : { ...where, registryNamespace },
        ),
    );
}

/**
 * The scope's dimensions in name order, undefined where the scope has none ("any"). A new dimension (a
 * registry source, say) is appended here; everything below follows.
 */
function nameParts(scope: PolicyScope): (string | undefined)[] {
    return [scope.region ?? scope.geography, scope.registryNamespace];
}

function nameOf(base: string, parts: readonly (string | undefined)[]): string {
    return [base, "policy", ...parts].filter((p) => p !== undefined).join("-");
}

/**
 * Resource name of a policy: the base, then the scope's parts (region or geography, registry namespace).
 * Adding a value to a dimension already in use (one more region) keeps every existing name; adding a
 * dimension (the first region, the first registry namespace) changes the names, which `formerPolicyNames`
 * answers with aliases. The global registry's policy keeps the suffix `-global` (its geography).
 */
export function policyResourceName(base: string, scope: PolicyScope): string {
    return nameOf(base, nameParts(scope));
}

/**
 * The names the scope's policy would have had in each coarser configuration, that is with some of its
 * dimensions unset: nearest first (one dimension dropped before two; among those, the later dimension
 * dropped first, e.g. `-us-south` before `-team-a`), the unscoped name last. Empty for the unscoped policy.
 */
export function coarserPolicyNames(base: string, scope: PolicyScope): string[] {
    return coarserNames(base, nameParts(scope));
}

/**
 * `coarserPolicyNames` for any number of dimensions (a new one is appended in `nameParts`): for each count of
 * kept dimensions, from all but one down to none, the subsets that keep earlier dimensions first.
 */
export function coarserNames(base: string, parts: readonly (string | undefined)[]): string[] {
    const present = parts.flatMap((p, i) => (p === undefined ? [] : [i]));
    const names: string[] = [];
    for (let size = present.length - 1; size >= 0; size--) {
        for (const keep of subsetsOfSize(present, size)) {
            names.push(
                nameOf(
                    base,
                    parts.map((p, i) => (keep.includes(i) ? p : undefined)),
                ),
            );
        }
    }
    return names;
}

/** The subsets of `items` with `size` elements, in lexicographic order of positions (earlier items kept first). */
function subsetsOfSize<T>(items: readonly T[], size: number): T[][] {
    if (size === 0) return [[]];
    return items.flatMap((first, i) => subsetsOfSize(items.slice(i + 1), size - 1).map((rest) => [first, ...rest]));
}

/**
 * The former names each policy answers to, as aliases (one list per scope, in the order of `scopes`).
 *
 * Why: a policy's resource name is its URN, and a new URN is a replacement (a new IAM policy, a new ID in
 * `policyIds`, the old one deleted), even though `resources` can be updated in place
 * (ibm_iam_service_policy has no ForceNew on it). Adding a dimension renames every policy, so each policy
 * also answers to its names in the coarser configurations the stack most likely had before (fewer
 * dimensions: see `coarserPolicyNames`), and whichever of them is in the state is updated in place.
 *
 * Rule: each former name goes to exactly one policy, the first scope in `scopes` order (config order of
 * regions, then of registry namespaces) that coarsens to it, because the engine refuses two resources
 * claiming one old resource (error 2008); so the unscoped policy becomes the first scoped one, whose ID
 * is `policyId`, and `policyId` survives the first scope. A name the current configuration uses itself
 * is never an alias (names can coincide across dimensions: registry namespace `us-south-team-a` alone and
 * region `us-south` with namespace `team-a` are both `...-policy-us-south-team-a`): the engine refuses an
 * alias that finds a resource another registration has under its URN (errors 2008, 2016), and the engine
 * matches that URN itself first anyway. Each list is nearest first, as the engine takes the first alias
 * it finds in the state (pulumi/pulumi pkg/resource/deploy/step_generator.go, getOldResource).
 *
 * Adding one more region or namespace renames nothing: the existing policies keep their names and are
 * found under them first; a new policy's aliases name only coarser configurations, not in the state.
 *
 * Removing dimensions (back to no scope, or dropping namespaces) gets no alias: the finer names the
 * stack had are not derivable from the coarser configuration (any region or namespace could have been
 * there), and aliasing a guessed one would keep one arbitrary policy's ID at best. The engine creates
 * the new, wider policy first and deletes the removed ones after the program has run, so access never
 * lapses; the policies get new IDs.
 */
export function formerPolicyNames(base: string, scopes: readonly PolicyScope[]): string[][] {
    const current = new Set(scopes.map((s) => policyResourceName(base, s)));
    const claimed = new Set<string>();
    return scopes.map((scope) =>
        coarserPolicyNames(base, scope).filter((name) => {
            if (current.has(name) || claimed.has(name)) return false;
            claimed.add(name);
            return true;
        }),
    );
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
 * (IBM-Cloud/terraform-provider-ibm v1.89.0, ibm/service/iampolicy/resource_ibm_iam_service_policy.go
 * lines 119-124: `attributes`, TypeMap of strings). Without rule conditions the provider creates the
 * policy through flex.GeneratePolicyOptions (same file, lines 325-382), which sends each map entry as a
 * resource attribute with operator stringEquals (ibm/flex/structures.go lines 4171-4175, SetResourceAttribute
 * at line 3828); reads put every attribute other than the fixed ones back into the same map
 * (FlattenV2PolicyResource, line 1839, via GetV2PolicyCustomAttributes, line 1755), so it does not diff.
 */
export function policyResources(scope: PolicyScope): PolicyResources {
    return {
        service: REGISTRY_SERVICE,
        ...(scope.region === undefined ? {} : { region: scope.region }),
        ...(scope.registryNamespace === undefined
            ? {}
            : { resourceType: "namespace", resource: scope.registryNamespace }),
        ...(scope.geography === undefined ? {} : { attributes: { geography: scope.geography } }),
    };
}

export interface IdentityNames {
    readonly base: string;
    readonly serviceId: string;
    readonly apiKey: string;
}

function namesFrom(base: string): IdentityNames {
    return { base, serviceId: `${base}-id`, apiKey: `${base}-key` };
}

/** The stack's shared pull identity. */
export function identityNames(cluster: string): IdentityNames {
    return namesFrom(`${cluster}-registry-pull`);
}

/** The OpenShift builds' push identity (platform openshift, builderPush). */
export function pushIdentityNames(cluster: string): IdentityNames {
    return namesFrom(`${cluster}-registry-push`);
}

/** One namespace's own identity: the seed's `<cluster_name>-<namespace>-id` and `-key` (seed 000 lines 335, 372). */
export function perNamespaceIdentityNames(cluster: string, namespace: string): IdentityNames {
    return namesFrom(`${cluster}-${namespace}`);
}

/**
 * IAM descriptions are short; name the first namespaces and count the rest. Sorted: the order namespaces are
 * listed in changes nothing the stack declares.
 */
export function describeNamespaces(namespaces: readonly string[], shown = 5): string {
    const head = [...namespaces].sort().slice(0, shown).join(", ");
    const rest = namespaces.length - shown;
    return rest > 0 ? `${head} and ${rest} more` : head;
}

/** The builds' push identity of an OpenShift cluster (builderPush). */
export function pushIdentityDescriptions(cluster: string, namespaces: readonly string[]): IdentityDescriptions {
    return {
        serviceId:
            `Pushes and pulls images in IBM Cloud Container Registry for the builds of OpenShift cluster ${cluster}, ` +
            `projects ${describeNamespaces(namespaces)} (managed by registry-access)`,
        apiKey: `Image push key of ${pushIdentityNames(cluster).serviceId} for the builds of cluster ${cluster} (managed by registry-access)`,
        subject: `the builds of cluster ${cluster}`,
    };
}

/** A Code Engine project's pull identity. */
export function codeEngineIdentityDescriptions(projectId: string, names: IdentityNames): IdentityDescriptions {
    return {
        serviceId: `Pulls images from IBM Cloud Container Registry for Code Engine project ${projectId} (managed by registry-access)`,
        apiKey: `Image pull key of ${names.serviceId} for Code Engine project ${projectId} (managed by registry-access)`,
        subject: `Code Engine project ${projectId}`,
    };
}

export interface IdentityDescriptions {
    readonly serviceId: string;
    readonly apiKey: string;
    /** What its policies are for (`Reader on container-registry for <subject>`). */
    readonly subject: string;
}

/** `matching`: the namespaceSelector (as text) whose namespaces the identity serves too, through Kyverno's clones. */
export function serviceIdDescription(cluster: string, namespaces: readonly string[], matching?: string): string {
    const served = [
        ...(namespaces.length > 0 ? [`namespaces ${describeNamespaces(namespaces)}`] : []),
        ...(matching !== undefined ? [`namespaces matching ${matching}`] : []),
    ].join(" and ");
    return `Pulls images from IBM Cloud Container Registry for Kubernetes cluster ${cluster}, ${served} (managed by registry-access)`;
}
