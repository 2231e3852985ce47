import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SecretGrant, grantAnnotations } from "../core/access/grants";
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "../core/registry/dockerConfig";
import type { ClusterAccess } from "./clusterConnection";
import { systemNamespaceOptIn } from "../core/kubernetes/systemNamespaces";
import { ServiceAccountPullSecretRef } from "./serviceAccountPullSecretRef";
import type { ReferenceList } from "../core/sharedObjects/serviceAccountPullSecretRefPatch";

/** Selects what this tool manages (`kubectl get secrets -A -l app.kubernetes.io/managed-by=registry-access`). */
export const MANAGED_LABELS = { "app.kubernetes.io/managed-by": "registry-access" };

/** The component type these resources had as their parent until they moved to the stack's top level. */
export const FORMER_NAMESPACE_COMPONENT = "registry-access:index:NamespacePullSecret";

/**
 * The `.dockerconfigjson` for the API key and registry domains, as a secret. It is the same for every
 * namespace, so the program builds it once per stack.
 */
export function registryDockerConfig(
    apiKey: pulumi.Input<string>,
    servers: readonly string[],
    email?: string,
): pulumi.Output<string> {
    return dockerConfigSecret(servers, ICR_API_KEY_USERNAME, apiKey, email);
}

/** The `.dockerconfigjson` for one credential on `servers`, as a secret. */
export function dockerConfigSecret(
    servers: readonly string[],
    username: string,
    password: pulumi.Input<string>,
    email?: string,
): pulumi.Output<string> {
    const domains = [...servers];
    // Plaintext inside the callback only; the result is wrapped as a secret at once.
    return pulumi.secret(
        pulumi.output(password).apply((p) => buildDockerConfigJson(domains, { username, password: p, email })),
    );
}

export interface NamespacePullSecretArgs {
    readonly namespace: string;
    readonly secretName: string;
    /** Added to each reference's name `<namespace>.<serviceAccount>` (see PlannedSecret.referenceSuffix). */
    readonly referenceSuffix?: string;
    /** From registryDockerConfig: depends on the API key and nothing else. */
    readonly dockerConfigJson: pulumi.Output<string>;
    /** Service accounts whose imagePullSecrets reference the secret. */
    readonly serviceAccounts: readonly string[];
    readonly cluster: ClusterAccess;
    /**
     * Which lists of each ServiceAccount reference the secret: imagePullSecrets (default), and `secrets` for
     * a link such as `oc secrets link --for=pull,mount` makes (builds' credentials).
     */
    readonly lists?: readonly ReferenceList[];
    /** A component to register under; default the stack. */
    readonly parent?: pulumi.Resource;
    /** What the Secret waits for: the namespace, when the stack creates it (the selector's source namespace). */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** What the secret grants, written as annotations (the docker config itself is secret). */
    readonly grant: SecretGrant;
    /** The stack's allowedSystemNamespaces: a Secret there carries the opt-in the policy pack looks for. */
    readonly allowedSystemNamespaces: readonly string[];
}

export interface NamespacePullSecret {
    readonly secret: k8s.core.v1.Secret;
    readonly secretName: pulumi.Output<string>;
    readonly references: ServiceAccountPullSecretRef[];
}

/**
 * A namespace's pull access: one `kubernetes.io/dockerconfigjson` Secret holding the API key for every
 * registry domain in scope (resource name `<namespace>.<secretName>`), and a reference to it in each chosen
 * ServiceAccount (`<namespace>.<serviceAccount>`); each reference waits for its Secret only.
 *
 * Registered at the stack's top level, without a component per namespace: a component and the longer
 * URNs of its children cost about 500 bytes of state per namespace and a third more registrations, for
 * grouping that the names already give. Secrets created under the former component keep their identity
 * through an alias to their old URN.
 */
export function namespacePullSecret(args: NamespacePullSecretArgs): NamespacePullSecret {
    const name = `${args.namespace}.${args.secretName}`;
    const formerParent = pulumi.createUrn(name, FORMER_NAMESPACE_COMPONENT);
    const secret = new k8s.core.v1.Secret(
        name,
        {
            metadata: {
                name: args.secretName,
                namespace: args.namespace,
                labels: MANAGED_LABELS,
                // In a system namespace (config allowed it by name), the opt-in the policy pack looks for.
                annotations: {
                    ...grantAnnotations(args.grant),
                    ...systemNamespaceOptIn(args.namespace, args.allowedSystemNamespaces),
                },
            },
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": args.dockerConfigJson },
        },
        {
            provider: args.cluster.kubernetes,
            parent: args.parent,
            aliases: [pulumi.createUrn(name, "kubernetes:core/v1:Secret", formerParent)],
            ...(args.dependsOn ? { dependsOn: [...args.dependsOn] } : {}),
        },
    );
    const secretName = secret.metadata.name;

    const lists = args.lists ?? ["imagePullSecrets"];
    const references = args.serviceAccounts.flatMap((serviceAccount) =>
        lists.map(
            (list) =>
                new ServiceAccountPullSecretRef(
                    // `#secrets` marks the other list; the imagePullSecrets reference keeps its name.
                    `${args.namespace}.${serviceAccount}${args.referenceSuffix ?? ""}${list === "secrets" ? "#secrets" : ""}`,
                    {
                        namespace: args.namespace,
                        serviceAccount,
                        secretName,
                        connection: args.cluster.ref,
                        stackApiKey: args.cluster.stackApiKey,
                        ...(list === "secrets" ? { list } : {}),
                    },
                    { provider: args.cluster.sharedObjects, parent: args.parent },
                ),
        ),
    );

    return { secret, secretName, references };
}
