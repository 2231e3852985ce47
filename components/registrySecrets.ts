/**
 * Every namespace's pull secrets, from the stack's registry sources (registry/sources.ts) as
 * registry/sourcePlan.ts lays them out: the ICR identity (shared, per namespace, or an existing key; in this
 * account or another), copies of IBM's secrets, entitled software, other private registries. Each source's
 * docker config is built once per stack (once per namespace for per-namespace identities); every secret
 * value is a Pulumi secret from the moment it is read.
 */
import * as ibm from "@pulumi/ibm";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SecretGrant } from "../core/access/grants";
import type { ClusterConnection } from "./clusterConnection";
import { ClusterConfig } from "../core/config/contract";
import { SecretText } from "../core/input/secretText";
import { PullIdentity } from "./pullIdentity";
import { KeyLifecycle, keyLifecycleOf } from "../core/iam/keyLifecycle";
import type { RoleIntent } from "../core/iam/roleIntent";
import { IdentityDescriptions, perNamespaceIdentityNames } from "../core/iam/policyScopes";
import { GET_PULL_SECRETS } from "../core/registry/copySource";
import { domainsInScope } from "../core/registry/icrCatalogue";
import {
    ENTITLED_SERVER,
    ENTITLED_USERNAME,
    PlannedSecret,
    namespacesOf,
    planSources,
} from "../core/registry/sourcePlan";
import { IcrSource, RegistrySource } from "../core/registry/sources";
import { dockerConfigSecret, namespacePullSecret, registryDockerConfig } from "./namespacePullSecret";

/** The seeds' warning (000 line 309): a key of a person stops working when that person leaves. */
export const EXISTING_KEY_WARNING =
    "registries: the icr source uses an existing API key (identity existingKey). Make sure it is a service ID's or " +
    "a functional ID's key: a personal user's key stops working, and every pull with it fails, when that user " +
    "leaves the account or loses access.";

export interface RegistrySecretsArgs {
    readonly config: ClusterConfig;
    readonly connection: ClusterConnection;
    readonly stackApiKey?: pulumi.Output<string>;
}

export interface RegistrySecrets {
    /** The shared ICR identity, when the stack creates one. */
    readonly identity?: PullIdentity;
    /** Per-namespace ICR identities, by namespace. */
    readonly identities: Record<string, PullIdentity>;
    /** Each namespace's secret names, in source order. */
    readonly pullSecrets: Record<string, pulumi.Output<string>[]>;
    /** Each namespace's Secrets, in source order (what may wait for them: image stream imports). */
    readonly secretResources: Record<string, k8s.core.v1.Secret[]>;
    /**
     * For each source with one docker config for the whole stack (icr shared or existingKey, entitled,
     * private), by position: its first Secret and that config (what the OpenShift global pull secret merges).
     */
    readonly stackWide: ReadonlyMap<number, StackWideSecret>;
}

export interface StackWideSecret {
    readonly namespace: string;
    /** Its planned name, for resource names; secretName is the created object's. */
    readonly name: string;
    /** The registry servers its docker config has entries for. */
    readonly servers: readonly string[];
    readonly secretName: pulumi.Output<string>;
    readonly dockerConfigJson: pulumi.Output<string>;
}

/** A secret config field as a Pulumi secret: the moment its plain text leaves SecretText. */
export const secretOf = (s: SecretText) => pulumi.secret(s.reveal());

/** What the ICR identities are built from: the name base (the cluster, or the Code Engine project) and the scope. */
export interface IcrIdentityContext {
    readonly base: string;
    /** For descriptions, and the per-namespace identities. */
    readonly namespaces: readonly string[];
    readonly roles: ClusterConfig["roles"];
    readonly registryRegions?: ClusterConfig["registryRegions"];
    readonly registryNamespaces?: ClusterConfig["registryNamespaces"];
    /** The shared identity's descriptions; default a cluster's. */
    readonly descriptions?: IdentityDescriptions;
    /** The component the identities belong to; default the stack. */
    readonly parent?: pulumi.Resource;
    /** Rotation, expiry and protection of the keys. */
    readonly keys: KeyLifecycle;
    /** What the stack declared the roles are for (config roleIntent). */
    readonly roleIntent: RoleIntent;
}

/** The ICR source's identities: one shared, one per namespace, or none (an existing key). */
export function icrIdentities(ctx: IcrIdentityContext, source: IcrSource) {
    // Cross-account: the IAM objects go to the account of accountApiKey, through a second ibm provider.
    const account = source.accountApiKey
        ? new ibm.Provider(
              `${ctx.base}-iam-account`,
              { ibmcloudApiKey: secretOf(source.accountApiKey) },
              { parent: ctx.parent },
          )
        : undefined;
    const opts: pulumi.ComponentResourceOptions = { ...(account ? { providers: [account] } : {}), parent: ctx.parent };
    const common = {
        cluster: ctx.base,
        roles: ctx.roles,
        registryRegions: ctx.registryRegions,
        keys: ctx.keys,
        intent: { intent: ctx.roleIntent, declaredBy: "roleIntent" },
    };
    if (source.identity === "shared") {
        const identity = new PullIdentity(
            ctx.base,
            {
                ...common,
                namespaces: namespacesOf(source, ctx.namespaces),
                registryNamespaces: ctx.registryNamespaces,
                descriptions: ctx.descriptions,
            },
            opts,
        );
        return { identity, identities: {} as Record<string, PullIdentity> };
    }
    const identities: Record<string, PullIdentity> = {};
    if (source.identity === "perNamespace") {
        for (const ns of namespacesOf(source, ctx.namespaces)) {
            const names = perNamespaceIdentityNames(ctx.base, ns);
            identities[ns] = new PullIdentity(
                names.base,
                {
                    ...common,
                    namespaces: [ns],
                    registryNamespaces: source.registryNamespaces?.[ns] ?? ctx.registryNamespaces,
                    names,
                },
                opts,
            );
        }
    }
    return { identity: undefined, identities };
}

export function registrySecrets(args: RegistrySecretsArgs): RegistrySecrets {
    const { config, connection } = args;
    const { secrets } = planSources(config.registries, config);
    const icrDomains = domainsInScope(config.registryRegions, config.privateEndpoints);

    let identity: PullIdentity | undefined;
    let identities: Record<string, PullIdentity> = {};
    /** Docker configs by source index (and namespace, for per-namespace identities). */
    const configs = new Map<number, (ns: string) => pulumi.Output<string>>();
    const once = (value: pulumi.Output<string>) => () => value;

    config.registries.forEach((source: RegistrySource, i) => {
        switch (source.type) {
            case "icr": {
                if (source.identity === "existingKey") {
                    void pulumi.log.warn(EXISTING_KEY_WARNING);
                    configs.set(
                        i,
                        once(registryDockerConfig(secretOf(source.apiKey!), icrDomains, config.dockerEmail)),
                    );
                    return;
                }
                ({ identity, identities } = icrIdentities(
                    { ...config, base: config.cluster, keys: keyLifecycleOf(config) },
                    source,
                ));
                const shared = identity;
                if (shared) {
                    configs.set(i, once(registryDockerConfig(shared.apiKeyValue, icrDomains, config.dockerEmail)));
                } else {
                    const perNs = Object.fromEntries(
                        Object.entries(identities).map(([ns, id]) => [
                            ns,
                            registryDockerConfig(id.apiKeyValue, icrDomains, config.dockerEmail),
                        ]),
                    );
                    configs.set(i, (ns) => perNs[ns]);
                }
                return;
            }
            case "entitled":
                configs.set(
                    i,
                    once(
                        dockerConfigSecret(
                            [ENTITLED_SERVER],
                            ENTITLED_USERNAME,
                            secretOf(source.entitlementKey),
                            source.email,
                        ),
                    ),
                );
                return;
            case "private":
                configs.set(
                    i,
                    once(dockerConfigSecret([source.server], source.username, secretOf(source.password), source.email)),
                );
                return;
            case "copy":
                return; // per secret, below
        }
    });

    const copied = copiedDockerConfigs(secrets, args);
    const pullSecrets: Record<string, pulumi.Output<string>[]> = {};
    const secretResources: Record<string, k8s.core.v1.Secret[]> = {};
    const stackWide = new Map<number, StackWideSecret>();
    for (const planned of secrets) {
        const dockerConfigJson =
            planned.copyOf !== undefined ? copied(planned.copyOf) : configs.get(planned.source)!(planned.namespace);
        const access = namespacePullSecret({
            namespace: planned.namespace,
            secretName: planned.secretName,
            referenceSuffix: planned.referenceSuffix,
            dockerConfigJson,
            serviceAccounts: config.serviceAccounts,
            kubernetes: connection.kubernetes,
            sharedObjects: connection.sharedObjects,
            connection: connection.ref,
            stackApiKey: args.stackApiKey,
            grant: grantOf(config.registries[planned.source], planned, icrDomains),
            allowedSystemNamespaces: config.allowedSystemNamespaces ?? [],
        });
        (pullSecrets[planned.namespace] ??= []).push(access.secretName);
        (secretResources[planned.namespace] ??= []).push(access.secret);
        const source = config.registries[planned.source];
        const perNamespace = source.type === "copy" || (source.type === "icr" && source.identity === "perNamespace");
        // Read from the first namespace by name, not by listing order: reordering namespaces changes nothing.
        const held = stackWide.get(planned.source);
        if (!perNamespace && (held === undefined || planned.namespace < held.namespace)) {
            stackWide.set(planned.source, {
                namespace: planned.namespace,
                name: planned.secretName,
                servers: serversOf(source, icrDomains),
                secretName: access.secretName,
                dockerConfigJson,
            });
        }
    }
    return { identity, identities, pullSecrets, secretResources, stackWide };
}

/** What a planned secret grants: its source and servers (a copy's are IBM's, unknown here). */
function grantOf(source: RegistrySource, planned: PlannedSecret, icrDomains: readonly string[]): SecretGrant {
    if (planned.copyOf !== undefined) return { source: "copy", copiedFrom: `default/${planned.copyOf}` };
    return { source: source.type, servers: serversOf(source, icrDomains) };
}

/** The servers a stack-wide source's docker config has entries for. */
function serversOf(source: RegistrySource, icrDomains: readonly string[]): readonly string[] {
    if (source.type === "entitled") return [ENTITLED_SERVER];
    if (source.type === "private") return [source.server];
    return icrDomains;
}

/**
 * Copy mode: one read of IBM's secrets in `default` per stack (a function of the registry-access provider,
 * so its result is never kept in state), whatever the number of namespaces. Read at every preview and up,
 * so a rotated source reaches the copies on the next `up`.
 */
function copiedDockerConfigs(
    secrets: readonly PlannedSecret[],
    args: RegistrySecretsArgs,
): (name: string) => pulumi.Output<string> {
    const names = [...new Set(secrets.flatMap((s) => (s.copyOf === undefined ? [] : [s.copyOf])))];
    if (names.length === 0) return () => pulumi.output("");
    const result = pulumi.secret(
        pulumi.runtime.invokeOutput<{ dockerConfigJsons: Record<string, string> }>(
            GET_PULL_SECRETS,
            { connection: args.connection.ref, names, apiKey: args.stackApiKey },
            { provider: args.connection.sharedObjects },
        ),
    );
    return (name) => pulumi.secret(result.apply((r) => r.dockerConfigJsons[name]));
}
