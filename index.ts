import * as pulumi from "@pulumi/pulumi";
import { ClusterConnection } from "./cluster/clusterConnection";
import { domainsInScope } from "./registry/icrCatalogue";
import { namespacePullSecret, registryDockerConfig } from "./namespaces/namespacePullSecret";
import { PullIdentity } from "./iam/pullIdentity";
import { readStackConfig, stackApiKey } from "./config/stackConfig";

const config = readStackConfig();
const operatorKey = stackApiKey();

const identity = new PullIdentity(config.cluster, {
    cluster: config.cluster,
    namespaces: config.namespaces,
    roles: config.roles,
    registryRegions: config.registryRegions,
    registryNamespaces: config.registryNamespaces,
});

const connection = new ClusterConnection(config.cluster, {
    cluster: config.cluster,
    connection: config.connection,
    stackApiKey: operatorKey,
});
const dockerConfigJson = registryDockerConfig(
    identity.apiKeyValue,
    domainsInScope(config.registryRegions, config.privateEndpoints),
    config.dockerEmail,
);

const pullSecrets: Record<string, pulumi.Output<string>> = {};
for (const namespace of config.namespaces) {
    const access = namespacePullSecret({
        namespace,
        secretName: config.secretName,
        dockerConfigJson,
        serviceAccounts: config.serviceAccounts,
        kubernetes: connection.kubernetes,
        sharedObjects: connection.sharedObjects,
        connection: connection.ref,
        stackApiKey: operatorKey,
    });
    pullSecrets[namespace] = access.secretName;
}

export const serviceIdId = identity.serviceId.id;
export const serviceIdIamId = identity.serviceId.iamId;
/** One policy unless registryRegions × registryNamespaces needs several; policyId is the first. */
export const policyIds = identity.policies.map((p) => p.id);
export const policyId = identity.policies[0].id;
export const pullSecretNames = pullSecrets;
