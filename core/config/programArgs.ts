/**
 * What the program's components are given, derived from the typed config: each component receives only
 * these, never the config itself. Pure.
 */
import type { IdentityScope } from "../iam/identityScope";
import { keyLifecycleOf } from "../iam/keyLifecycle";
import { ImageStreamPlan, PUSH_ROLES, planImageStreams } from "../platforms/platformPlan";
import { domainsInScope } from "../registry/icrCatalogue";
import type { CredentialContext } from "../registry/sources/sourceKind";
import type { ClusterConfig, RegistryAccessConfig } from "./typedConfig";

/** The pull identities' roles, scope and keys. */
export function identityScopeOf(config: RegistryAccessConfig): IdentityScope {
    return {
        roles: config.roles,
        roleIntent: config.roleIntent,
        registryRegions: config.registryRegions,
        registryNamespaces: config.registryNamespaces,
        keys: keyLifecycleOf(config),
    };
}

/** The ICR domains in scope and the email every docker config entry of ours carries. */
export function credentialContextOf(config: RegistryAccessConfig): CredentialContext {
    return {
        icrDomains: domainsInScope(config.registryRegions, config.privateEndpoints),
        dockerEmail: config.dockerEmail,
    };
}

/** OpenShift builds' push identity: Reader and Writer, scoped and keyed like the pull identity. */
export function builderPushOf(config: ClusterConfig) {
    if (!config.builderPush) return undefined;
    return {
        scope: { ...identityScopeOf(config), roles: [...PUSH_ROLES], roleIntent: "push" as const },
        credentials: credentialContextOf(config),
        buildConfigs: config.buildConfigs ?? [],
    };
}

/** The image streams to import, and the project they go to (the first namespace by default). */
export function imageStreamsOf(
    config: ClusterConfig,
): { readonly namespace: string; readonly streams: readonly ImageStreamPlan[] } | undefined {
    const images = config.imageStreams ?? [];
    if (images.length === 0) return undefined;
    return {
        namespace: config.imageStreamNamespace ?? config.namespaces[0],
        streams: planImageStreams(images).streams,
    };
}
