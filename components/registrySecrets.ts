/**
 * Every namespace's pull secrets, from the stack's registry sources as the source plan lays them out
 * (core/registry/sourcePlan.ts, computed once by validation): each source's docker config is built once per
 * stack (once per namespace for per-namespace identities) from its kind's credential, and every secret value
 * is a Pulumi secret from the moment it is read.
 */
import type * as ibm from "@pulumi/ibm";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretGrant } from "../core/access/grants";
import type { IdentityScope } from "../core/iam/identityScope";
import { assertNever } from "../core/input/assertNever";
import { emptyRecord } from "../core/input/ownValue";
import { GET_PULL_SECRETS } from "../core/registry/copySource";
import { ICR_API_KEY_USERNAME } from "../core/registry/dockerConfig";
import type { PlannedSecret } from "../core/registry/sourcePlan";
import { RegistrySource, kindOf } from "../core/registry/sources";
import { namespacesOf } from "../core/registry/sources/icr";
import type { Credential, CredentialContext } from "../core/registry/sources/sourceKind";
import type { ClusterAccess } from "./clusterConnection";
import { IcrIdentities, icrIdentities, secretOf } from "./icrIdentities";
import { dockerConfigSecret, namespacePullSecret } from "./namespacePullSecret";
import type { PullIdentity } from "./pullIdentity";

export { secretOf };

export interface RegistrySecretsArgs {
    /** The cluster: the name base of the identities. */
    readonly base: string;
    /** `registry-access:registries`, or the default source. */
    readonly sources: readonly RegistrySource[];
    /** Where each secret goes: the source plan. */
    readonly secrets: readonly PlannedSecret[];
    /** `registry-access:namespaces` (and the selector's source namespace): what a source serves unless it names its own. */
    readonly namespaces: readonly string[];
    readonly serviceAccounts: readonly string[];
    readonly allowedSystemNamespaces: readonly string[];
    readonly scope: IdentityScope;
    readonly credentials: CredentialContext;
    readonly cluster: ClusterAccess;
    /**
     * The selector's source namespace, created by the stack: its secrets wait for it and are referenced by no
     * ServiceAccount there (Kyverno clones them into the matching namespaces).
     */
    readonly sourceNamespace?: {
        readonly name: string;
        readonly resource: pulumi.Resource;
        /** The selector as text, for the identities' descriptions. */
        readonly matching: string;
    };
}

export interface RegistrySecrets {
    /** The `ibm` provider of the ICR identity's account, when it is another account's (accountApiKey). */
    readonly account?: ibm.Provider;
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

/** One docker config for the whole stack: a static credential, or a shared identity's. */
export const isStackWide = (c: Credential) => c.kind === "static" || (c.kind === "identity" && !c.perNamespace);

/** Each source's docker config by namespace (copies excepted: see copiedDockerConfigs), and its identities. */
function sourceDockerConfigs(args: RegistrySecretsArgs, credentials: readonly Credential[]) {
    let identities: IcrIdentities = { perNamespace: {} };
    const configs = new Map<number, (ns: string) => pulumi.Output<string>>();
    credentials.forEach((credential, i) => {
        const source = args.sources[i];
        const warning = kindOf(source).warning;
        if (warning !== undefined) void pulumi.log.warn(warning);
        switch (credential.kind) {
            case "identity": {
                identities = icrIdentities(credential, {
                    base: args.base,
                    scope: args.scope,
                    namespaces: namespacesOf(source, args.namespaces),
                    registryNamespacesOf: credential.registryNamespacesOf,
                    ...(args.sourceNamespace
                        ? {
                              selector: {
                                  sourceNamespace: args.sourceNamespace.name,
                                  matching: args.sourceNamespace.matching,
                              },
                          }
                        : {}),
                });
                const config = (id: PullIdentity) =>
                    dockerConfigSecret(credential.servers, ICR_API_KEY_USERNAME, id.apiKeyValue, credential.email);
                const shared = identities.shared && config(identities.shared);
                const perNamespace = Object.fromEntries(
                    Object.entries(identities.perNamespace).map(([ns, id]) => [ns, config(id)]),
                );
                configs.set(i, (ns) => shared ?? perNamespace[ns]);
                return;
            }
            case "static": {
                const { servers, username, password, email } = credential;
                const config = dockerConfigSecret(servers, username, secretOf(password), email);
                configs.set(i, () => config);
                return;
            }
            case "copy":
                return; // per secret: copiedDockerConfigs
            default:
                assertNever(credential);
        }
    });
    return { identities, configs };
}

export function registrySecrets(args: RegistrySecretsArgs): RegistrySecrets {
    const credentials = args.sources.map((s) => kindOf(s).credential(s, args.credentials));
    const { identities, configs } = sourceDockerConfigs(args, credentials);
    const copied = copiedDockerConfigs(args.secrets, args.cluster);
    const pullSecrets = emptyRecord<pulumi.Output<string>[]>();
    const secretResources = emptyRecord<k8s.core.v1.Secret[]>();
    const stackWide = new Map<number, StackWideSecret>();
    for (const planned of args.secrets) {
        const credential = credentials[planned.source];
        const dockerConfigJson =
            planned.copyOf !== undefined ? copied(planned.copyOf) : configs.get(planned.source)!(planned.namespace);
        const access = namespacePullSecret({
            namespace: planned.namespace,
            secretName: planned.secretName,
            referenceSuffix: planned.referenceSuffix,
            dockerConfigJson,
            cluster: args.cluster,
            grant: grantOf(kindOf(args.sources[planned.source]).grant, planned, credential),
            allowedSystemNamespaces: args.allowedSystemNamespaces,
            ...(planned.namespace === args.sourceNamespace?.name
                ? { serviceAccounts: [], dependsOn: [args.sourceNamespace.resource] }
                : { serviceAccounts: args.serviceAccounts }),
        });
        (pullSecrets[planned.namespace] ??= []).push(access.secretName);
        (secretResources[planned.namespace] ??= []).push(access.secret);
        // Read from the first namespace by name, not by listing order: reordering namespaces changes nothing.
        const held = stackWide.get(planned.source);
        if (
            credential.kind !== "copy" &&
            isStackWide(credential) &&
            (held === undefined || planned.namespace < held.namespace)
        ) {
            stackWide.set(planned.source, {
                namespace: planned.namespace,
                name: planned.secretName,
                servers: credential.servers,
                secretName: access.secretName,
                dockerConfigJson,
            });
        }
    }
    return {
        account: identities.account,
        identity: identities.shared,
        identities: identities.perNamespace,
        pullSecrets,
        secretResources,
        stackWide,
    };
}

/** What a planned secret grants: its source and servers (a copy's are IBM's, unknown here). */
function grantOf(source: SecretGrant["source"], planned: PlannedSecret, credential: Credential): SecretGrant {
    if (planned.copyOf !== undefined || credential.kind === "copy") {
        return { source: "copy", copiedFrom: `default/${planned.copyOf}` };
    }
    return { source, servers: credential.servers };
}

/**
 * Copy mode: one read of IBM's secrets in `default` per stack (a function of the registry-access provider,
 * so its result is never kept in state), whatever the number of namespaces. Read at every preview and up,
 * so a rotated source reaches the copies on the next `up`.
 */
function copiedDockerConfigs(
    secrets: readonly PlannedSecret[],
    cluster: ClusterAccess,
): (name: string) => pulumi.Output<string> {
    const names = [...new Set(secrets.flatMap((s) => (s.copyOf === undefined ? [] : [s.copyOf])))];
    if (names.length === 0) return () => pulumi.output("");
    const result = pulumi.secret(
        pulumi.runtime.invokeOutput<{ dockerConfigJsons: Record<string, string> }>(
            GET_PULL_SECRETS,
            { connection: cluster.ref, names, apiKey: cluster.stackApiKey },
            { provider: cluster.sharedObjects },
        ),
    );
    return (name) => pulumi.secret(result.apply((r) => r.dockerConfigJsons[name]));
}
