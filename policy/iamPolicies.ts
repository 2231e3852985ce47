/**
 * Policies on the container-registry IAM policies (`ibm.IamServicePolicy`): roles beyond Reader only as a
 * recorded decision (the intent marker core/iam/roleIntent.ts writes into the description), and a warning for a
 * policy that grants on the whole account's registry. Pure.
 */
import { IBM_RESOURCE_TYPES } from "../core/iam/ibmResourceTypes";
import { INTENT_MARKER, ROLE_INTENTS, RoleIntent } from "../core/iam/roleIntent";
import { GLOBAL_GEOGRAPHY, REGISTRY_SERVICE } from "../core/iam/policyScopes";
import { PolicyResource, ResourcePolicy, describeResource, isRecord, stringAt } from "./resource";

/** The role that only pulls; anything else on container-registry goes beyond it. */
const READER = "Reader";

/** Where a policy applies, read from `resources` (core/iam/policyScopes.ts policyResources) or `resourceAttributes`. */
interface RegistryScope {
    readonly region?: string;
    readonly geography?: string;
    /** The ICR namespace of `resourceType: namespace`. */
    readonly registryNamespace?: string;
}

/**
 * The scope of a policy on container-registry, or undefined for a policy on another service. `resources` is
 * the block policyResources writes (an object; a one-element list is read the same); `resourceAttributes` is
 * ibm_iam_service_policy's other form, a list of `{name, value}` (serviceName, region, resourceType, resource,
 * geography).
 */
export function registryScope(props: PolicyResource["props"]): RegistryScope | undefined {
    const listed = props.resources;
    const resources = Array.isArray(listed) ? listed[0] : listed;
    if (isRecord(resources)) {
        if (resources.service !== REGISTRY_SERVICE) return undefined;
        const namespace = resources.resourceType === "namespace" ? stringAt(resources, "resource") : undefined;
        return {
            region: stringAt(resources, "region") || undefined,
            geography: stringAt(resources, "attributes", "geography") || undefined,
            registryNamespace: namespace || undefined,
        };
    }
    const attributes = props.resourceAttributes;
    if (!Array.isArray(attributes)) return undefined;
    const attribute = (name: string) => {
        const found: unknown = attributes.find((a: unknown) => isRecord(a) && a.name === name);
        return stringAt(found, "value") || undefined;
    };
    if (attribute("serviceName") !== REGISTRY_SERVICE) return undefined;
    return {
        region: attribute("region"),
        geography: attribute("geography"),
        registryNamespace: attribute("resourceType") === "namespace" ? attribute("resource") : undefined,
    };
}

function rolesOf(props: PolicyResource["props"]): string[] {
    return Array.isArray(props.roles) ? props.roles.filter((r: unknown): r is string => typeof r === "string") : [];
}

/** The intent a role needs: push for Writer, admin for Manager and any other role beyond Reader. */
function neededIntent(role: string): RoleIntent {
    return role === "Writer" ? "push" : "admin";
}

const rank = (intent: RoleIntent) => ROLE_INTENTS.indexOf(intent);

export const registryRolesNeedIntent: ResourcePolicy = {
    name: "registry-roles-need-intent",
    description:
        "A container-registry IAM policy with roles beyond Reader must record the decision in its description: " +
        '"(intent: push, from roleIntent)" for Writer, "(intent: admin, ...)" for Manager (core/iam/roleIntent.ts).',
    enforcementLevel: "mandatory",
    check(resource) {
        if (resource.type !== IBM_RESOURCE_TYPES.policy) return [];
        if (registryScope(resource.props) === undefined) return [];
        const beyond = rolesOf(resource.props).filter((r) => r !== READER);
        if (beyond.length === 0) return [];
        const needed = beyond.map(neededIntent).reduce((a, b) => (rank(b) > rank(a) ? b : a));
        const strongest = beyond.find((r) => neededIntent(r) === needed) ?? beyond[0];
        const description = resource.props.description;
        const marker = typeof description === "string" ? INTENT_MARKER.exec(description) : null;
        const who = describeResource(resource);
        const fix =
            `set registry-access:roleIntent to ${needed} (which writes "(intent: ${needed}, from roleIntent)" into ` +
            "the description), or keep roles at Reader";
        if (marker === null) {
            return [
                `${who}: roles grants ${beyond.join(", ")} on ${REGISTRY_SERVICE}, beyond Reader, but description ` +
                    `carries no intent marker "(intent: ${needed}, from <key>)": ${fix}`,
            ];
        }
        const declared = marker[1] as RoleIntent;
        if (rank(declared) >= rank(needed)) return [];
        return [
            `${who}: roles grants ${strongest} on ${REGISTRY_SERVICE}, which needs intent ${needed}, but description ` +
                `records intent ${declared}: ${fix}`,
        ];
    },
};

export const registryPolicyScoped: ResourcePolicy = {
    name: "registry-policy-scoped",
    description:
        "A container-registry IAM policy should be scoped to a region (or the global geography) or to a registry " +
        "namespace, not to every registry namespace in every region of the account.",
    enforcementLevel: "advisory",
    check(resource) {
        if (resource.type !== IBM_RESOURCE_TYPES.policy) return [];
        const scope = registryScope(resource.props);
        if (scope === undefined) return [];
        if (scope.region !== undefined || scope.geography !== undefined || scope.registryNamespace !== undefined) {
            return [];
        }
        return [
            `${describeResource(resource)}: resources has no region, no attributes.geography (${GLOBAL_GEOGRAPHY} for ` +
                "icr.io) and no resourceType namespace, so it grants on every registry namespace in every region of " +
                "the account; set registry-access:registryRegions or registryNamespaces to narrow it",
        ];
    },
};
