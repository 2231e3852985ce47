/**
 * Every namespace's pull secrets, from the stack's registry sources (registry/sources.ts) as
 * registry/sourcePlan.ts lays them out: the ICR identity (shared, per namespace, or an existing key; in this
 * account or another), copies of IBM's secrets, entitled software, other private registries. Each source's
 * docker config is built once per stack (once per namespace for per-namespace identities); every secret
 * value is a Pulumi secret from the moment it is read.
 */
import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConnection } from "../cluster/clusterConnection";
import { RegistryAccessConfig } from "../config/contract";
import { SecretText } from "../config/secretText";
import { PullIdentity } from "../iam/pullIdentity";
import { perNamespaceIdentityNames } from "../iam/policyScopes";
import { GET_PULL_SECRETS } from "../registry/copySource";
import { domainsInScope } from "../registry/icrCatalogue";
import { ENTITLED_SERVER, ENTITLED_USERNAME, PlannedSecret, namespacesOf, planSources } from "../registry/sourcePlan";
import { IcrSource, RegistrySource } from "../registry/sources";
import { dockerConfigSecret, namespacePullSecret, registryDockerConfig } from "./namespacePullSecret";

/** The seeds' warning (000 line 309): a key of a person stops working when that person leaves. */
export const EXISTING_KEY_WARNING =
    "registries: the icr source uses an existing API key (identity existingKey). Make sure it is a service ID's or " +
    "a functional ID's key: a personal user's key stops working, and every pull with it fails, when that user " +
    "leaves the account or loses access.";

export interface RegistrySecretsArgs {
    readonly config: RegistryAccessConfig;
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
}

const secretOf = (s: SecretText) => pulumi.secret(s.reveal());

function icrIdentities(config: RegistryAccessConfig, source: IcrSource) {
    // Cross-account: the IAM objects go to the account of accountApiKey, through a second ibm provider.
    const account = source.accountApiKey
        ? new ibm.Provider(`${config.cluster}-iam-account`, { ibmcloudApiKey: secretOf(source.accountApiKey) })
        : undefined;
    const opts: pulumi.ComponentResourceOptions = account ? { providers: [account] } : {};
    const common = { cluster: config.cluster, roles: config.roles, registryRegions: config.registryRegions };
    if (source.identity === "shared") {
        const identity = new PullIdentity(
            config.cluster,
            {
                ...common,
                namespaces: namespacesOf(source, config.namespaces),
                registryNamespaces: config.registryNamespaces,
            },
            opts,
        );
        return { identity, identities: {} as Record<string, PullIdentity> };
    }
    const identities: Record<string, PullIdentity> = {};
    if (source.identity === "perNamespace") {
        for (const ns of namespacesOf(source, config.namespaces)) {
            const names = perNamespaceIdentityNames(config.cluster, ns);
            identities[ns] = new PullIdentity(
                names.base,
                {
                    ...common,
                    namespaces: [ns],
                    registryNamespaces: source.registryNamespaces?.[ns] ?? config.registryNamespaces,
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
                ({ identity, identities } = icrIdentities(config, source));
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
        });
        (pullSecrets[planned.namespace] ??= []).push(access.secretName);
    }
    return { identity, identities, pullSecrets };
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
