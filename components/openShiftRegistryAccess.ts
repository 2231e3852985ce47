import { systemNamespaceMetadata } from "../core/kubernetes/systemNamespaces";
import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnection } from "./clusterConnection";
import type { ClusterConfig } from "../core/config/contract";
import { PullIdentity } from "./pullIdentity";
import { keyLifecycleOf } from "../core/iam/keyLifecycle";
import { pushIdentityDescriptions, pushIdentityNames } from "../core/iam/policyScopes";
import { namespacePullSecret, registryDockerConfig, MANAGED_LABELS } from "./namespacePullSecret";
import type { RegistrySecrets } from "./registrySecrets";
import { domainsInScope } from "../core/registry/icrCatalogue";
import { GlobalPullSecretEntries } from "./globalPullSecretEntries";
import { GLOBAL_PULL_SECRET } from "../core/sharedObjects/globalPullSecretMerge";
import {
    BUILDER_PUSH_SECRET,
    BUILDER_SERVICE_ACCOUNT,
    PUSH_ROLES,
    REGISTRY_ROUTE,
    planImageStreams,
} from "../core/platforms/platformPlan";

/**
 * How workers pick up a changed global pull secret. From 4.7 the Machine Config Operator writes it to each
 * node's /var/lib/kubelet/config.json without drain or reboot (openshift/machine-config-operator
 * docs/PullSecret.md); before, the seed's worker reload (001 lines 1165-1173), or a replace on VPC.
 */
export function globalPullSecretRollout(cluster: string): string {
    return (
        "OpenShift 4.7.4 and later: the Machine Config Operator writes the change to every worker without a drain or reboot. " +
        `Earlier versions: list the workers (ibmcloud oc worker ls -c ${cluster}) and reload each ` +
        `(classic: ibmcloud oc worker reload -c ${cluster} -w <workerID_1> -w <workerID_2>; ` +
        `VPC: ibmcloud oc worker replace --cluster ${cluster} --worker <workerID>).`
    );
}

export interface OpenShiftRegistryAccessArgs {
    readonly config: ClusterConfig;
    readonly connection: ClusterConnection;
    readonly access: RegistrySecrets;
    readonly stackApiKey?: pulumi.Output<string>;
}

/**
 * What Red Hat OpenShift on IBM Cloud adds to the namespaces' pull secrets (seed 001): our entries in the
 * global pull secret, a push identity linked to each namespace's `builder`, image streams imported from ICR,
 * and a route to the internal registry; each only when its key asks for it.
 */
export class OpenShiftRegistryAccess extends pulumi.ComponentResource {
    readonly globalPullSecretEntries: GlobalPullSecretEntries[] = [];
    pushIdentity?: PullIdentity;
    /** The builder push secret's name, by namespace (for `oc set build-secret --push bc/NAME SECRET`). */
    readonly builderPushSecrets: Record<string, pulumi.Output<string>> = {};
    readonly imageStreams: k8s.apiextensions.CustomResource[] = [];
    route?: k8s.apiextensions.CustomResource;

    constructor(name: string, args: OpenShiftRegistryAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:OpenShiftRegistryAccess", name, {}, opts);
        const { config, connection, access } = args;
        const kubernetes = { provider: connection.kubernetes, parent: this };

        if (config.globalPullSecret) {
            for (const [, wide] of access.stackWide) {
                this.globalPullSecretEntries.push(
                    new GlobalPullSecretEntries(
                        `${GLOBAL_PULL_SECRET.namespace}.${GLOBAL_PULL_SECRET.name}@${wide.name}`,
                        {
                            connection: connection.ref,
                            from: { namespace: wide.namespace, secretName: wide.secretName },
                            servers: wide.servers,
                            contentHash: pulumi.secret(
                                wide.dockerConfigJson.apply((c) => crypto.createHash("sha256").update(c).digest("hex")),
                            ),
                            stackApiKey: args.stackApiKey,
                        },
                        { provider: connection.sharedObjects, parent: this },
                    ),
                );
            }
        }

        if (config.builderPush) {
            this.pushIdentity = new PullIdentity(
                pushIdentityNames(config.cluster).base,
                {
                    cluster: config.cluster,
                    namespaces: config.namespaces,
                    roles: [...PUSH_ROLES],
                    registryRegions: config.registryRegions,
                    registryNamespaces: config.registryNamespaces,
                    names: pushIdentityNames(config.cluster),
                    descriptions: pushIdentityDescriptions(config.cluster, config.namespaces),
                    keys: keyLifecycleOf(config),
                    intent: { intent: "push", declaredBy: "builderPush" },
                },
                { parent: this },
            );
            const pushDomains = domainsInScope(config.registryRegions, config.privateEndpoints);
            const dockerConfigJson = registryDockerConfig(
                this.pushIdentity.apiKeyValue,
                pushDomains,
                config.dockerEmail,
            );
            for (const namespace of config.namespaces) {
                const pushSecret = namespacePullSecret({
                    namespace,
                    secretName: BUILDER_PUSH_SECRET,
                    referenceSuffix: `@${BUILDER_PUSH_SECRET}`,
                    dockerConfigJson,
                    serviceAccounts: [BUILDER_SERVICE_ACCOUNT],
                    // `oc secrets link builder` puts it in `secrets` (--for defaults to mount; openshift/oc
                    // pkg/cli/secrets/link.go line 65), where builds up to OpenShift 4.15 find their push secret;
                    // from 4.16 the build controller looks in imagePullSecrets instead (openshift-controller-manager
                    // pkg/build/buildutil/util.go lines 197-216, PR #292): both, as `--for=pull,mount` links.
                    lists: ["imagePullSecrets", "secrets"],
                    kubernetes: connection.kubernetes,
                    sharedObjects: connection.sharedObjects,
                    connection: connection.ref,
                    stackApiKey: args.stackApiKey,
                    parent: this,
                    grant: { source: "builder-push", servers: pushDomains },
                    allowedSystemNamespaces: config.allowedSystemNamespaces ?? [],
                });
                this.builderPushSecrets[namespace] = pushSecret.secretName;
            }
        }

        const images = config.imageStreams ?? [];
        if (images.length > 0) {
            const namespace = config.imageStreamNamespace ?? config.namespaces[0];
            for (const stream of planImageStreams(images).streams) {
                this.imageStreams.push(
                    new k8s.apiextensions.CustomResource(
                        `${namespace}.${stream.name}`,
                        {
                            apiVersion: "image.openshift.io/v1",
                            kind: "ImageStream",
                            metadata: {
                                name: stream.name,
                                namespace,
                                labels: MANAGED_LABELS,
                                ...systemNamespaceMetadata(namespace, config.allowedSystemNamespaces ?? []),
                            },
                            spec: {
                                tags: stream.tags.map((t) => ({
                                    name: t.tag,
                                    from: { kind: "DockerImage", name: t.from },
                                    importPolicy: { scheduled: true },
                                    referencePolicy: { type: "Local" },
                                })),
                            },
                        },
                        // The first import uses the namespace's pull secrets: they exist before the stream does.
                        { ...kubernetes, dependsOn: access.secretResources[namespace] ?? [] },
                    ),
                );
            }
        }

        if (config.registryRoute) {
            this.route = new k8s.apiextensions.CustomResource(
                `${REGISTRY_ROUTE.namespace}.${REGISTRY_ROUTE.name}`,
                {
                    apiVersion: "route.openshift.io/v1",
                    kind: "Route",
                    metadata: {
                        name: REGISTRY_ROUTE.name,
                        namespace: REGISTRY_ROUTE.namespace,
                        labels: MANAGED_LABELS,
                        annotations: REGISTRY_ROUTE.annotations,
                    },
                    spec: {
                        to: { kind: "Service", name: REGISTRY_ROUTE.service, weight: 100 },
                        port: { targetPort: REGISTRY_ROUTE.targetPort },
                        tls: { termination: "reencrypt" },
                        wildcardPolicy: "None",
                    },
                },
                kubernetes,
            );
        }

        this.registerOutputs({
            globalPullSecretServers: this.globalPullSecretEntries.map((e) => e.servers),
            builderPushSecrets: this.builderPushSecrets,
        });
    }
}
