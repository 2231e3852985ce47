import * as pulumi from "@pulumi/pulumi";
import { ClusterConnection } from "./components/clusterConnection";
import { CodeEngineRegistryAccess, codeEngineBase } from "./components/codeEngineRegistryAccess";
import { ImageTrustPolicies } from "./components/imageTrustPolicies";
import { OpenShiftRegistryAccess } from "./components/openShiftRegistryAccess";
import { RegistrySecrets, registrySecrets } from "./components/registrySecrets";
import { readStackConfig, stackApiKey } from "./components/stackConfig";
import type { ClusterConfig, CodeEngineConfig } from "./core/config/typedConfig";
import { NamespaceSelectorAccess, sourceNamespace } from "./components/namespaceSelectorAccess";
import {
    builderPushOf,
    credentialContextOf,
    identityScopeOf,
    imageStreamsOf,
    selectorOf,
} from "./core/config/programArgs";
import { expiryNotice } from "./core/iam/keyLifecycle";
import { globalPullSecretRollout } from "./core/platforms/openshift";

/** Stack outputs; a key without a value is left out (Pulumi warns about undefined outputs). */
function defined(outputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
}

/** A Code Engine project: its registry secrets, no cluster. */
function codeEngine(config: CodeEngineConfig) {
    const access = new CodeEngineRegistryAccess(codeEngineBase(config.codeEngineProjectId), {
        projectId: config.codeEngineProjectId,
        sources: config.registries,
        secrets: config.codeEngineSecrets,
        scope: identityScopeOf(config),
        credentials: credentialContextOf(config),
    });
    return {
        serviceIdId: access.identity?.serviceId.id,
        serviceIdIamId: access.identity?.serviceId.iamId,
        policyIds: access.identity?.policies.map((p) => p.id),
        policyId: access.identity?.policies[0].id,
        /** The project's registry secrets, for `ibmcloud ce application create --registry-secret NAME`. */
        registrySecretNames: access.secrets.map((s) => s.name),
    };
}

/** A cluster (IKS or OpenShift): each namespace's pull secrets, and what its platform adds. */
function cluster(config: ClusterConfig, operatorKey?: pulumi.Output<string>) {
    const allowedSystemNamespaces = config.allowedSystemNamespaces ?? [];
    const connection = new ClusterConnection(config.cluster, {
        cluster: config.cluster,
        connection: config.connection,
        stackApiKey: operatorKey,
    });
    const selector = selectorOf(config);
    const source = selector && sourceNamespace(selector, connection);
    const access = registrySecrets({
        base: config.cluster,
        sources: config.registries,
        secrets: config.sourcePlan,
        namespaces: [...config.namespaces, ...(source ? [source.name] : [])],
        serviceAccounts: config.serviceAccounts,
        allowedSystemNamespaces,
        scope: identityScopeOf(config),
        credentials: credentialContextOf(config),
        cluster: connection,
        sourceNamespace: source,
    });
    const openShift =
        config.platform === "openshift"
            ? new OpenShiftRegistryAccess(config.cluster, {
                  cluster: config.cluster,
                  namespaces: config.namespaces,
                  allowedSystemNamespaces,
                  globalPullSecret: config.globalPullSecret,
                  builderPush: builderPushOf(config),
                  imageStreams: imageStreamsOf(config),
                  registryRoute: config.registryRoute,
                  connection,
                  sourceNamespace: source,
                  access,
              })
            : undefined;
    const selectorAccess =
        selector &&
        new NamespaceSelectorAccess(config.cluster, {
            plan: selector,
            sourceSecrets: [
                ...(access.secretResources[selector.sourceNamespace] ?? []),
                ...(openShift?.sourceSecrets ?? []),
            ],
            connection,
        });
    if (config.imageTrust !== undefined && config.imageTrustSigningKey !== undefined) {
        new ImageTrustPolicies(config.cluster, {
            namespaces: config.namespaces,
            repositories: config.imageTrust,
            signingKey: config.imageTrustSigningKey,
            otherImages: config.imageTrustOtherImages,
            kubernetes: connection.kubernetes,
            allowedSystemNamespaces,
        });
    }
    return { ...clusterOutputs(config.cluster, access, openShift), kyvernoPolicy: selectorAccess?.policy.policyName };
}

/** A cluster stack's outputs. */
function clusterOutputs(cluster: string, access: RegistrySecrets, openShift?: OpenShiftRegistryAccess) {
    const identity = access.identity;
    return {
        // The shared ICR identity's IDs; absent with per-namespace identities, an existing key, or no icr source.
        serviceIdId: identity?.serviceId.id,
        serviceIdIamId: identity?.serviceId.iamId,
        /** One policy unless registryRegions × registryNamespaces needs several; policyId is the first. */
        policyIds: identity?.policies.map((p) => p.id),
        policyId: identity?.policies[0].id,
        /** Per-namespace identities (identity perNamespace): by namespace, the service ID and its policies. */
        namespaceIdentities:
            Object.keys(access.identities).length === 0
                ? undefined
                : Object.fromEntries(
                      Object.entries(access.identities).map(([ns, id]) => [
                          ns,
                          { serviceIdId: id.serviceId.id, policyIds: id.policies.map((p) => p.id) },
                      ]),
                  ),
        /** Each namespace's pull secret: one name where the namespace has one secret (as before sources), else a list. */
        pullSecretNames: Object.fromEntries(
            Object.entries(access.pullSecrets).map(([ns, names]) => [ns, names.length === 1 ? names[0] : names]),
        ),
        /** OpenShift: the registries merged into openshift-config/pull-secret, and how workers pick them up. */
        globalPullSecretServers: openShift?.globalPullSecretEntries.length
            ? openShift.globalPullSecretEntries.map((e) => e.servers)
            : undefined,
        globalPullSecretRollout: openShift?.globalPullSecretEntries.length
            ? globalPullSecretRollout(cluster)
            : undefined,
        /** OpenShift builds: `oc set build-secret --push bc/NAME SECRET` (and `--pull`) with these. */
        builderPushSecrets: openShift?.pushIdentity ? openShift.builderPushSecrets : undefined,
    };
}

/**
 * The program. The language host calls an exported function and takes what it returns as the stack's outputs
 * (@pulumi/pulumi cmd/run/run.js), so one loaded program can be run again (tests, the offline plan).
 */
export = function registryAccess(): Record<string, unknown> {
    const config = readStackConfig();
    // Time-dependent, so a notice in the run (never in the plan): a warning before keyExpiry, an error after.
    const expiry = expiryNotice(config.keyExpiry, new Date());
    if (expiry?.level === "error") throw new pulumi.RunError(expiry.message);
    if (expiry) void pulumi.log.warn(expiry.message);
    return defined(config.platform === "codeengine" ? codeEngine(config) : cluster(config, stackApiKey()));
};
