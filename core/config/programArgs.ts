/**
 * What the program's components are given, derived from the typed config: each component receives only
 * these, never the config itself. Pure.
 */
import type { IdentityScope } from "../iam/identityScope";
import { keyLifecycleOf } from "../iam/keyLifecycle";
import type { KyvernoMode, PolicyReference, SelectorPolicyInput } from "../platforms/kyverno";
import {
    BUILDER_PUSH_SECRET,
    BUILDER_SERVICE_ACCOUNT,
    ImageStreamPlan,
    PUSH_ROLES,
    planImageStreams,
} from "../platforms/platformPlan";
import { REFERENCE_LISTS } from "../sharedObjects/serviceAccountPullSecretRefPatch";
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

/**
 * A selector stack's Kyverno side: the secrets of the source namespace to clone (the pull secrets of its
 * planned sources, and the builder push secret on OpenShift) and the ServiceAccount references to keep.
 */
export function selectorOf(config: ClusterConfig): SelectorPlan | undefined {
    if (config.namespaceSelector === undefined) return undefined;
    const source = config.sourceNamespace;
    const pullSecrets = config.sourcePlan.filter((s) => s.namespace === source).map((s) => s.secretName);
    const pushSecret = config.platform === "openshift" && config.builderPush ? BUILDER_PUSH_SECRET : undefined;
    const references: PolicyReference[] = [
        ...config.serviceAccounts.flatMap((serviceAccount) =>
            pullSecrets.map((secret) => ({ serviceAccount, list: "imagePullSecrets" as const, secret })),
        ),
        // As the direct mode links it (components/openShiftRegistryAccess.ts): both lists of `builder`.
        ...(pushSecret === undefined
            ? []
            : REFERENCE_LISTS.map((list) => ({ serviceAccount: BUILDER_SERVICE_ACCOUNT, list, secret: pushSecret }))),
    ];
    return {
        cluster: config.cluster,
        selector: config.namespaceSelector,
        sourceNamespace: source,
        listedNamespaces: config.namespaces,
        secrets: [...pullSecrets, ...(pushSecret === undefined ? [] : [pushSecret])],
        references,
        kyverno: config.kyverno,
    };
}

export interface SelectorPlan extends SelectorPolicyInput {
    readonly kyverno: KyvernoMode;
}
