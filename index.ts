import { ClusterConnection } from "./cluster/clusterConnection";
import { readStackConfig, stackApiKey } from "./config/stackConfig";
import { registrySecrets } from "./namespaces/registrySecrets";

const config = readStackConfig();
const operatorKey = stackApiKey();

const connection = new ClusterConnection(config.cluster, {
    cluster: config.cluster,
    connection: config.connection,
    stackApiKey: operatorKey,
});

const access = registrySecrets({ config, connection, stackApiKey: operatorKey });
const identity = access.identity;

/** Stack outputs; a key without a value is left out (Pulumi warns about undefined outputs). */
const outputs = {
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
};

export = Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
