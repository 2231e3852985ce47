import * as pulumi from "@pulumi/pulumi";
import { ClusterConnection } from "./components/clusterConnection";
import { domainsInScope } from "./components/icrCatalogue";
import { NamespacePullSecret, registryDockerConfig } from "./components/namespacePullSecret";
import { PullIdentity } from "./components/pullIdentity";
import { ServiceAccountBinding } from "./components/serviceAccountBinding";
import { readStackConfig } from "./components/stackConfig";

const config = readStackConfig();

const identity = new PullIdentity(config.cluster, {
    cluster: config.cluster,
    namespaces: config.namespaces,
    roles: config.roles,
    registryRegions: config.registryRegions,
    registryNamespaces: config.registryNamespaces,
});

const connection = new ClusterConnection(config.cluster, { cluster: config.cluster, connection: config.connection });
const dockerConfigJson = registryDockerConfig(identity.apiKeyValue,
    domainsInScope(config.registryRegions, config.privateEndpoints), config.dockerEmail);

const pullSecrets: Record<string, pulumi.Output<string>> = {};
for (const namespace of config.namespaces) {
    const pullSecret = new NamespacePullSecret(`${namespace}.${config.secretName}`, {
        namespace,
        secretName: config.secretName,
        dockerConfigJson,
        provider: connection.provider,
    });
    for (const serviceAccount of config.serviceAccounts) {
        new ServiceAccountBinding(`${namespace}.${serviceAccount}`, {
            namespace,
            serviceAccount,
            secret: pullSecret.secret,
            connection: connection.bindingConnection,
        }, { parent: pullSecret });
    }
    pullSecrets[namespace] = pullSecret.secretName;
}

export const serviceIdId = identity.serviceId.id;
export const serviceIdIamId = identity.serviceId.iamId;
/** One policy unless registryRegions × registryNamespaces needs several; policyId is the first. */
export const policyIds = identity.policies.map((p) => p.id);
export const policyId = identity.policies[0].id;
export const pullSecretNames = pullSecrets;
