/**
 * The floor: the same resources the program registers for N namespaces (same types, names, parents,
 * dependencies and input shapes), registered bare through the same SDKs: no config validation, no
 * catalogue, no docker-config builder, no component classes. Inputs are literals prepared before timing.
 */
import * as ibm from "@pulumi/ibm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface FloorInputs {
    readonly cluster: string;
    readonly namespaces: readonly string[];
    readonly description: string;
    readonly keyDescription: string;
    readonly dockerConfigJson: string;
    readonly kubeconfig: string;
    readonly providerText: string;
}

const inputs = (globalThis as unknown as { __floorInputs: FloorInputs }).__floorInputs;
const { cluster } = inputs;
/** The bare SDK classes, opened up: registerOutputs is protected, CustomResource abstract. */
class Bare extends pulumi.ComponentResource {
    done(): void { this.registerOutputs({}); }
}
class BareCustom extends pulumi.CustomResource {}
const component = (type: string, name: string, parent?: pulumi.Resource) =>
    new Bare(`registry-access:index:${type}`, name, {}, { parent });

const identity = component("PullIdentity", cluster);
const serviceId = new ibm.IamServiceId(`${cluster}-registry-pull-id`,
    { name: `${cluster}-registry-pull-id`, description: inputs.description }, { parent: identity });
const policy = new ibm.IamServicePolicy(`${cluster}-registry-pull-policy`, {
    iamId: serviceId.iamId, roles: ["Reader"], description: `Reader on container-registry for cluster ${cluster}`,
    resources: { service: "container-registry" },
}, { parent: identity });
const apiKey = new ibm.IamServiceApiKey(`${cluster}-registry-pull-key`, {
    name: `${cluster}-registry-pull-key`, iamServiceId: serviceId.iamId, description: inputs.keyDescription,
}, { parent: identity });
identity.done();

const connection = component("ClusterConnection", cluster);
const provider = new k8s.Provider(cluster, { kubeconfig: pulumi.secret(inputs.kubeconfig) }, { parent: connection });
connection.done();

const dockerConfig = pulumi.secret(inputs.dockerConfigJson);
const names: Record<string, pulumi.Output<string>> = {};
for (const ns of inputs.namespaces) {
    const owner = component("NamespacePullSecret", `${ns}.all-icr-io`);
    const secret = new k8s.core.v1.Secret(`${ns}.all-icr-io`, {
        metadata: { name: "all-icr-io", namespace: ns, labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "registry-access" } },
        type: "kubernetes.io/dockerconfigjson",
        stringData: { ".dockerconfigjson": dockerConfig },
    }, { parent: owner, provider, dependsOn: [apiKey] });
    const binding = component("ServiceAccountBinding", `${ns}.default`, owner);
    new BareCustom("pulumi-nodejs:dynamic/registry-access:ServiceAccountPullSecretRef", `${ns}.default`, {
        namespace: ns, serviceAccount: "default", secretName: secret.metadata.name,
        connection: { source: "cluster", cluster }, referenceWasPresent: undefined, __provider: inputs.providerText,
    }, { parent: binding });
    binding.done();
    owner.done();
    names[ns] = secret.metadata.name;
}

export const serviceIdId = serviceId.id;
export const serviceIdIamId = serviceId.iamId;
export const policyIds = [policy.id];
export const policyId = policy.id;
export const pullSecretNames = names;
