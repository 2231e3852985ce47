/**
 * The minimal floor: the fewest registrations that still give a cluster pull access, through the same SDKs
 * as the program. Three IAM resources (service ID, one policy, API key) and, per namespace, one Secret and
 * one ServiceAccountPullSecretRef, each with identifying inputs only. No components, no config validation,
 * no stack outputs, and no explicit provider resources: without them the engine uses its default
 * kubernetes and registry-access providers, which it creates itself, so the program pays nothing for them.
 *
 * What it keeps because pull access needs it: the docker config is built from the key's value (the same
 * bytes as the program's, built once), so each Secret waits for the API key; each reference takes the
 * Secret's name as an output, so it waits for its Secret. Longest chain: service ID → key → Secret → ref.
 */
import * as ibm from "@pulumi/ibm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "../../core/registry/dockerConfig";
import { domainsInScope } from "../../core/registry/icrCatalogue";
import { PULL_SECRET_REF_TYPE } from "../../core/sharedObjects/resourceTypes";

/** CustomResource is abstract in the typings; this is the bare class. */
class Bare extends pulumi.CustomResource {}

const config = new pulumi.Config("registry-access");
const cluster = config.require("cluster");
const namespaces = config.requireObject<string[]>("namespaces");

const serviceId = new ibm.IamServiceId(`${cluster}-registry-pull-id`, { name: `${cluster}-registry-pull-id` });
new ibm.IamServicePolicy(`${cluster}-registry-pull-policy`, {
    iamId: serviceId.iamId,
    roles: ["Reader"],
    resources: { service: "container-registry" },
});
const apiKey = new ibm.IamServiceApiKey(`${cluster}-registry-pull-key`, {
    name: `${cluster}-registry-pull-key`,
    iamServiceId: serviceId.iamId,
});

const domains = domainsInScope(undefined, false);
const dockerConfigJson = pulumi.secret(
    apiKey.apikey.apply((key) => buildDockerConfigJson(domains, { username: ICR_API_KEY_USERNAME, password: key })),
);

for (const namespace of namespaces) {
    const secret = new k8s.core.v1.Secret(`${namespace}.all-icr-io`, {
        metadata: { name: "all-icr-io", namespace },
        type: "kubernetes.io/dockerconfigjson",
        stringData: { ".dockerconfigjson": dockerConfigJson },
    });
    new Bare(PULL_SECRET_REF_TYPE, `${namespace}.default`, {
        namespace,
        serviceAccount: "default",
        secretName: secret.metadata.name,
        connection: { source: "cluster", cluster },
    });
}
