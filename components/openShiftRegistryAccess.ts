import * as crypto from "crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityScope } from "../core/iam/identityScope";
import { pushIdentityDescriptions, pushIdentityNames } from "../core/iam/policyScopes";
import { systemNamespaceMetadata } from "../core/kubernetes/systemNamespaces";
import {
    BUILDER_PUSH_SECRET,
    BUILDER_SERVICE_ACCOUNT,
    ImageStreamPlan,
    REGISTRY_ROUTE,
} from "../core/platforms/platformPlan";
import type { CredentialContext } from "../core/registry/sources/sourceKind";
import { GLOBAL_PULL_SECRET } from "../core/sharedObjects/resourceTypes";
import type { ClusterAccess } from "./clusterConnection";
import { BuildConfigSecretRef } from "./buildConfigSecretRef";
import { GlobalPullSecretEntries } from "./globalPullSecretEntries";
import { MANAGED_LABELS, namespacePullSecret, registryDockerConfig } from "./namespacePullSecret";
import { PullIdentity } from "./pullIdentity";
import type { RegistrySecrets } from "./registrySecrets";

export interface OpenShiftRegistryAccessArgs {
    readonly cluster: string;
    readonly namespaces: readonly string[];
    readonly allowedSystemNamespaces: readonly string[];
    /** Merge every stack-wide docker config of the namespaces' secrets into openshift-config/pull-secret. */
    readonly globalPullSecret: boolean;
    /**
     * A push identity for builds, with this scope (roles Reader and Writer), and the BuildConfigs whose push and
     * pull secrets become its secret; absent: none.
     */
    readonly builderPush?: {
        readonly scope: IdentityScope;
        readonly credentials: CredentialContext;
        readonly buildConfigs: readonly { readonly namespace: string; readonly name: string }[];
    };
    /** ICR images imported as image stream tags into `namespace`. */
    readonly imageStreams?: { readonly namespace: string; readonly streams: readonly ImageStreamPlan[] };
    readonly registryRoute: boolean;
    readonly connection: ClusterAccess;
    /** The selector's source namespace: the builder push secret is made there too, for Kyverno to clone. */
    readonly sourceNamespace?: { readonly name: string; readonly resource: pulumi.Resource };
    /** The namespaces' pull secrets (registrySecrets). */
    readonly access: Pick<RegistrySecrets, "stackWide" | "secretResources" | "account">;
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
    /** The BuildConfigs given the push secret (builderPush.buildConfigs). */
    readonly buildConfigSecrets: BuildConfigSecretRef[] = [];
    readonly imageStreams: k8s.apiextensions.CustomResource[] = [];
    /** The builder push secret in the selector's source namespace, when there is one. */
    sourcePushSecret?: k8s.core.v1.Secret;

    /** What the selector's policy clones from the source namespace besides the pull secrets. */
    get sourceSecrets(): k8s.core.v1.Secret[] {
        return this.sourcePushSecret ? [this.sourcePushSecret] : [];
    }
    route?: k8s.apiextensions.CustomResource;

    constructor(name: string, args: OpenShiftRegistryAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:OpenShiftRegistryAccess", name, {}, opts);
        if (args.globalPullSecret) this.mergeIntoGlobalPullSecret(args);
        if (args.builderPush) this.linkPushSecrets(args, args.builderPush);
        if (args.imageStreams) this.importImageStreams(args, args.imageStreams);
        if (args.registryRoute) this.route = this.registryRoute(args.connection);
        this.registerOutputs({
            globalPullSecretServers: this.globalPullSecretEntries.map((e) => e.servers),
            builderPushSecrets: this.builderPushSecrets,
        });
    }

    /** Each stack-wide docker config's entries, merged by our provider (byte-preserving, owned, hashed). */
    private mergeIntoGlobalPullSecret(args: OpenShiftRegistryAccessArgs): void {
        for (const [, wide] of args.access.stackWide) {
            this.globalPullSecretEntries.push(
                new GlobalPullSecretEntries(
                    `${GLOBAL_PULL_SECRET.namespace}.${GLOBAL_PULL_SECRET.name}@${wide.name}`,
                    {
                        connection: args.connection.ref,
                        from: { namespace: wide.namespace, secretName: wide.secretName },
                        servers: wide.servers,
                        contentHash: pulumi.secret(
                            wide.dockerConfigJson.apply((c) => crypto.createHash("sha256").update(c).digest("hex")),
                        ),
                        stackApiKey: args.connection.stackApiKey,
                    },
                    { provider: args.connection.sharedObjects, parent: this },
                ),
            );
        }
    }

    /** The push identity, and its secret in every namespace linked to `builder` as `oc secrets link` does. */
    private linkPushSecrets(
        args: OpenShiftRegistryAccessArgs,
        push: NonNullable<OpenShiftRegistryAccessArgs["builderPush"]>,
    ) {
        const names = pushIdentityNames(args.cluster);
        this.pushIdentity = new PullIdentity(
            names.base,
            {
                cluster: args.cluster,
                namespaces: args.namespaces,
                roles: push.scope.roles,
                registryRegions: push.scope.registryRegions,
                registryNamespaces: push.scope.registryNamespaces,
                names,
                descriptions: pushIdentityDescriptions(args.cluster, args.namespaces),
                keys: push.scope.keys,
                intent: { intent: "push", declaredBy: "builderPush" },
            },
            // Builds push to the registry the pulls come from: the ICR identity's account.
            { parent: this, ...(args.access.account ? { providers: [args.access.account] } : {}) },
        );
        const { icrDomains, dockerEmail } = push.credentials;
        const dockerConfigJson = registryDockerConfig(this.pushIdentity.apiKeyValue, icrDomains, dockerEmail);
        if (args.sourceNamespace) this.sourcePushSecret = this.sourcePush(args, dockerConfigJson, icrDomains);
        for (const namespace of args.namespaces) {
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
                cluster: args.connection,
                parent: this,
                grant: { source: "builder-push", servers: icrDomains },
                allowedSystemNamespaces: args.allowedSystemNamespaces,
            });
            this.builderPushSecrets[namespace] = pushSecret.secretName;
        }
        for (const bc of push.buildConfigs) {
            this.buildConfigSecrets.push(
                new BuildConfigSecretRef(
                    `${bc.namespace}.${bc.name}#build-secrets`,
                    {
                        namespace: bc.namespace,
                        buildConfig: bc.name,
                        secretName: this.builderPushSecrets[bc.namespace],
                        // The seed's pull secret is the push secret too (001 lines 451-454: Reader with Writer).
                        fields: ["push", "pull"],
                        connection: args.connection.ref,
                        stackApiKey: args.connection.stackApiKey,
                    },
                    { provider: args.connection.sharedObjects, parent: this },
                ),
            );
        }
    }

    /** The push secret in the selector's source namespace: no reference there, Kyverno clones it and links it. */
    private sourcePush(
        args: OpenShiftRegistryAccessArgs,
        dockerConfigJson: pulumi.Output<string>,
        servers: readonly string[],
    ) {
        const source = args.sourceNamespace!;
        return namespacePullSecret({
            namespace: source.name,
            secretName: BUILDER_PUSH_SECRET,
            dockerConfigJson,
            serviceAccounts: [],
            cluster: args.connection,
            parent: this,
            grant: { source: "builder-push", servers },
            allowedSystemNamespaces: args.allowedSystemNamespaces,
            dependsOn: [source.resource],
        }).secret;
    }

    /** Image streams importing ICR images with the namespace's pull secrets, as `oc tag --reference-policy=local --scheduled`. */
    private importImageStreams(
        args: OpenShiftRegistryAccessArgs,
        images: NonNullable<OpenShiftRegistryAccessArgs["imageStreams"]>,
    ): void {
        const namespace = images.namespace;
        for (const stream of images.streams) {
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
                            ...systemNamespaceMetadata(namespace, args.allowedSystemNamespaces),
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
                    {
                        provider: args.connection.kubernetes,
                        parent: this,
                        dependsOn: args.access.secretResources[namespace] ?? [],
                    },
                ),
            );
        }
    }

    /** The internal registry's re-encrypt route, with the seed's balance annotation. */
    private registryRoute(connection: ClusterAccess): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(
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
            { provider: connection.kubernetes, parent: this },
        );
    }
}
