/**
 * What every ICR identity the stack creates is given (the pull identity, per-namespace ones, OpenShift's push
 * identity, Code Engine's): its roles and the intent declared for them, the registry regions and namespaces its
 * policies are scoped to, and the life of its keys. Pure.
 */
import type { IcrRegion } from "../registry/icrCatalogue";
import type { KeyLifecycle } from "./keyLifecycle";
import type { RegistryRole, RoleIntent } from "./roleIntent";

export interface IdentityScope {
    readonly roles: readonly RegistryRole[];
    /** What the stack declared the roles are for (config roleIntent). */
    readonly roleIntent: RoleIntent;
    readonly registryRegions?: readonly IcrRegion[];
    readonly registryNamespaces?: readonly string[];
    readonly keys: KeyLifecycle;
}
