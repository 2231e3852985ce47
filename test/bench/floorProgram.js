// The bare floor of `npm run bench`: plain JavaScript, no TypeScript, none of this project's code, started
// exactly as the program is (test/bench/languageHost.ts). It registers what the program registers for a
// direct-mode IKS stack, resource for resource and type for type, with the fewest inputs that still give a
// cluster pull access: the two components (ClusterConnection, PullIdentity), the cluster's kubernetes and
// registry-access providers (the kubeconfig's server from the one read of the cluster config), the service
// ID, its Reader policy and API key, and per namespace one Secret with the docker config for every ICR domain
// and one ServiceAccountPullSecretRef to it. What it leaves out is the program's own cost: config validation,
// labels, annotations, descriptions, aliases, stack outputs, and checking that its build is current.
"use strict";
const { Buffer } = require("buffer");

/** Every ICR domain, as the program's default scope has them (a unit test compares them with core's catalogue). */
const ICR_DOMAINS = [
    "icr.io",
    "au.icr.io",
    "br.icr.io",
    "ca2.icr.io",
    "ca.icr.io",
    "de.icr.io",
    "es.icr.io",
    "uk.icr.io",
    "in.icr.io",
    "in2.icr.io",
    "jp2.icr.io",
    "jp.icr.io",
    "us.icr.io",
];

/** kubectl create secret docker-registry's `.dockerconfigjson` for an ICR API key on every domain. */
function dockerConfigJson(apiKey) {
    const auth = Buffer.from(`iamapikey:${apiKey}`).toString("base64");
    const entry = { username: "iamapikey", password: apiKey, auth };
    return JSON.stringify({ auths: Object.fromEntries(ICR_DOMAINS.map((d) => [d, entry])) });
}

/** Run by @pulumi/pulumi cmd/run, which calls an exported function; the SDKs load when it does. */
function floor() {
    const pulumi = require("@pulumi/pulumi");
    const ibm = require("@pulumi/ibm");
    const k8s = require("@pulumi/kubernetes");

    const config = new pulumi.Config("registry-access");
    const cluster = config.require("cluster");
    const namespaces = config.requireObject("namespaces");

    const connection = new pulumi.ComponentResource("registry-access:index:ClusterConnection", cluster);
    const clusterConfig = ibm.getContainerClusterConfigOutput({ clusterNameId: cluster }, { parent: connection });
    const kubeconfig = clusterConfig.host.apply((server) =>
        JSON.stringify({ clusters: [{ name: cluster, cluster: { server } }] }),
    );
    const kubernetes = new k8s.Provider(cluster, { kubeconfig: pulumi.secret(kubeconfig) }, { parent: connection });
    const sharedObjects = new pulumi.ProviderResource("registry-access", cluster, {}, { parent: connection });
    connection.registerOutputs({});

    const identity = new pulumi.ComponentResource("registry-access:index:PullIdentity", cluster);
    const name = `${cluster}-registry-pull`;
    const serviceId = new ibm.IamServiceId(`${name}-id`, { name: `${name}-id` }, { parent: identity });
    new ibm.IamServicePolicy(
        `${name}-policy`,
        { iamId: serviceId.iamId, roles: ["Reader"], resources: { service: "container-registry" } },
        { parent: identity },
    );
    const apiKey = new ibm.IamServiceApiKey(
        `${name}-key`,
        { name: `${name}-key`, iamServiceId: serviceId.iamId },
        { parent: identity },
    );
    identity.registerOutputs({});
    const docker = pulumi.secret(apiKey.apikey.apply(dockerConfigJson));

    for (const namespace of namespaces) {
        const secret = new k8s.core.v1.Secret(
            `${namespace}.all-icr-io`,
            {
                metadata: { name: "all-icr-io", namespace },
                type: "kubernetes.io/dockerconfigjson",
                stringData: { ".dockerconfigjson": docker },
            },
            { provider: kubernetes },
        );
        new pulumi.CustomResource(
            "registry-access:index:ServiceAccountPullSecretRef",
            `${namespace}.default`,
            {
                namespace,
                serviceAccount: "default",
                secretName: secret.metadata.name,
                connection: { source: "cluster", cluster },
            },
            { provider: sharedObjects },
        );
    }
}

module.exports = floor;
module.exports.ICR_DOMAINS = ICR_DOMAINS;
