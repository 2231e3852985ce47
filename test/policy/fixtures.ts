/**
 * Resources as the policies see them, hand-built from the committed plans (plans/*.json): the same types,
 * names and inputs, with docker configs built by the program's own builder (core/registry/dockerConfig.ts).
 */
import type { PolicyResource } from "../../policy/resource";
import { buildDockerConfigJson } from "../../core/registry/dockerConfig";
import { grantAnnotations } from "../../core/access/grants";

export const STACK = "urn:pulumi:dev::registry-access";

/** A resource as policies get it; `secret` lists the top-level inputs that are Pulumi secrets (offline view). */
export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    secret?: readonly string[],
): PolicyResource {
    return {
        urn: `${STACK}::${type}::${name}`,
        type,
        name,
        props,
        ...(secret === undefined ? {} : { isSecret: (path: readonly string[]) => secret.includes(path[0]) }),
    };
}

export const POLICY = "ibm:index/iamServicePolicy:IamServicePolicy";
export const SECRET = "kubernetes:core/v1:Secret";
export const CODE_ENGINE_SECRET = "ibm:index/codeEngineSecret:CodeEngineSecret";
export const K8S_PROVIDER = "pulumi:providers:kubernetes";

/** plans/openshift.json os-prod-registry-push-policy-us-south-payments, with the marker roleIntent writes. */
export function registryPolicy(overrides: Record<string, unknown> = {}): PolicyResource {
    return resource(POLICY, "os-prod-registry-push-policy-us-south-payments", {
        description:
            "Reader, Writer on container-registry for the builds of cluster os-prod (intent: push, from builderPush)",
        iamId: "iam-ServiceId-ae02e3b1-1000-4a97-f6c1-a84ee0823f74",
        resources: {
            region: "us-south",
            resource: "payments",
            resourceType: "namespace",
            service: "container-registry",
        },
        roles: ["Reader", "Writer"],
        ...overrides,
    });
}

/** plans/dev.json dev-cluster-registry-pull-policy: Reader on the whole account's registry. */
export function unscopedPullPolicy(): PolicyResource {
    return resource(POLICY, "dev-cluster-registry-pull-policy", {
        description: "Reader on container-registry for cluster dev-cluster",
        iamId: "iam-ServiceId-375390d3-bf87-a16b-be91-88694ab46f9a",
        resources: { service: "container-registry" },
        roles: ["Reader"],
    });
}

/** plans/codeengine.json's iam-identity policy: another service, none of the registry policies' business. */
export function iamIdentityPolicy(): PolicyResource {
    return resource(POLICY, "codeengine-4f2b1c9e-7d3a-4e8b-9c1f-2a6d5e8b7c40-iam-identity", {
        description: "Lets Code Engine project 4f2b1c9e-7d3a-4e8b-9c1f-2a6d5e8b7c40 read the registry key's details",
        iamId: "iam-ServiceId-9d36261a-6fc0-e8ff-3d18-7821464b4692",
        resources: {
            resource: "ServiceId-9d36261a-6fc0-e8ff-3d18-7821464b4692",
            resourceType: "serviceid",
            service: "iam-identity",
        },
        roles: ["Operator"],
    });
}

export interface SecretArgs {
    readonly namespace?: string;
    readonly secretName?: string;
    readonly servers?: readonly string[];
    readonly username?: string;
    readonly password?: string;
    /** Where the docker config goes: stringData as text (the program's way) or data as base64. */
    readonly field?: "stringData" | "data";
    readonly annotations?: Record<string, string>;
    /** Top-level inputs that are Pulumi secrets; default both data fields. */
    readonly secret?: readonly string[];
}

/** plans/dockerhub.json team-a.docker-io: a dockerconfigjson Secret of the private source. */
export function dockerConfigSecret(args: SecretArgs = {}): PolicyResource {
    const namespace = args.namespace ?? "team-a";
    const secretName = args.secretName ?? "docker-io";
    const config = buildDockerConfigJson(args.servers ?? ["https://index.docker.io/v1/"], {
        username: args.username ?? "acme-ci",
        password: args.password ?? "dckr_pat_example",
    });
    const field = args.field ?? "stringData";
    return resource(
        SECRET,
        `${namespace}.${secretName}`,
        {
            apiVersion: "v1",
            kind: "Secret",
            metadata: {
                annotations: {
                    ...grantAnnotations({
                        source: "private",
                        servers: args.servers ?? ["https://index.docker.io/v1/"],
                    }),
                    ...args.annotations,
                },
                labels: { "app.kubernetes.io/managed-by": "registry-access" },
                name: secretName,
                namespace,
            },
            [field]: {
                ".dockerconfigjson": field === "data" ? Buffer.from(config).toString("base64") : config,
            },
            type: "kubernetes.io/dockerconfigjson",
        },
        args.secret ?? ["stringData", "data"],
    );
}

/** plans/codeengine.json us-icr-io: a Code Engine registry secret. */
export function codeEngineSecret(
    data: Record<string, string> = {},
    secret: readonly string[] = ["data"],
): PolicyResource {
    return resource(
        CODE_ENGINE_SECRET,
        "us-icr-io",
        {
            data: { password: "api-key-value", server: "us.icr.io", username: "iamapikey", ...data },
            format: "registry",
            name: "us-icr-io",
            projectId: "4f2b1c9e-7d3a-4e8b-9c1f-2a6d5e8b7c40",
        },
        secret,
    );
}

/** plans/dev.json's Kubernetes provider, inputs as the wire carries them (strings). */
export function kubernetesProvider(overrides: Record<string, unknown> = {}): PolicyResource {
    return resource(K8S_PROVIDER, "dev-cluster", {
        clusterIdentifier: "cluster:dev-cluster",
        deleteUnreachable: "false",
        enableConfigMapMutable: "false",
        enablePatchForce: "false",
        enableSecretMutable: "true",
        enableServerSideApply: "true",
        kubeconfig: "{}",
        skipUpdateUnreachable: "false",
        upsertExistingObjects: "false",
        ...overrides,
    });
}

/** plans/openshift.json's ImageStream team-a.api, in another namespace when asked. */
export function imageStream(namespace = "team-a", annotations?: Record<string, string>): PolicyResource {
    return resource("kubernetes:image.openshift.io/v1:ImageStream", `${namespace}.api`, {
        apiVersion: "image.openshift.io/v1",
        kind: "ImageStream",
        metadata: {
            labels: { "app.kubernetes.io/managed-by": "registry-access" },
            name: "api",
            namespace,
            ...(annotations ? { annotations } : {}),
        },
        spec: { tags: [{ from: { kind: "DockerImage", name: "us.icr.io/payments/api:1.4" }, name: "1.4" }] },
    });
}

/** plans/openshift.json's internal-registry Route. */
export function registryRoute(name = "image-registry"): PolicyResource {
    return resource("kubernetes:route.openshift.io/v1:Route", `openshift-image-registry.${name}`, {
        apiVersion: "route.openshift.io/v1",
        kind: "Route",
        metadata: {
            annotations: { "haproxy.router.openshift.io/balance": "source" },
            labels: { "app.kubernetes.io/managed-by": "registry-access" },
            name,
            namespace: "openshift-image-registry",
        },
        spec: { port: { targetPort: "5000-tcp" }, tls: { termination: "reencrypt" }, to: { kind: "Service", name } },
    });
}
