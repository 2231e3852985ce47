/**
 * The program's typed config, computed from the declaration in core/config/contract.ts (no code generation):
 * each key's typed value, and the config the program reads, by platform. Pure.
 */
import type { CodeEngineSecretPlan } from "../platforms/platformPlan";
import type { PlannedSecret } from "../registry/sourcePlan";
import { DEFAULT_SOURCES, RegistrySource } from "../registry/sources";
import type { Check } from "../input/checks";
import type { CONFIG_KEYS, ConfigKey } from "./contract";

/** The typed value of a key; an empty default ("" or []) makes it optional (undefined: unset). */
type ValueOf<S> = S extends { readonly type: "boolean" }
    ? boolean
    : S extends { readonly type: "string"; readonly check: Check<infer T> }
      ? T
      : S extends { readonly type: "string list"; readonly each: Check<infer T> }
        ? readonly T[]
        : S extends { readonly type: "object list"; readonly read: (...args: never[]) => { value: (infer T)[] } }
          ? readonly T[]
          : S extends { readonly type: "object"; readonly read: (...args: never[]) => { value?: infer T } }
            ? T
            : never;
type UnsetWhenEmpty<S> = S extends { readonly default: "" | readonly [] } | { readonly type: "object" } ? true : false;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Every key's typed value, as the declaration says: `{ cluster: string; roles: readonly RegistryRole[]; … }`. */
export type ConfigValues = Simplify<
    {
        readonly [K in ConfigKey as UnsetWhenEmpty<(typeof CONFIG_KEYS)[K]> extends true ? never : K]: ValueOf<
            (typeof CONFIG_KEYS)[K]
        >;
    } & {
        readonly [K in ConfigKey as UnsetWhenEmpty<(typeof CONFIG_KEYS)[K]> extends true ? K : never]?: ValueOf<
            (typeof CONFIG_KEYS)[K]
        >;
    }
>;

export type ClusterConnectionConfig =
    { readonly source: "cluster" } | { readonly source: "ambient"; readonly context: string };

/** Keys only a cluster platform (iks, openshift) reads. */
type ClusterKeys =
    | "cluster"
    | "namespaces"
    | "namespaceSelector"
    | "sourceNamespace"
    | "kyverno"
    | "allowedSystemNamespaces"
    | "serviceAccounts"
    | "secretName"
    | "globalPullSecret"
    | "builderPush"
    | "imageStreams"
    | "imageStreamNamespace"
    | "buildConfigs"
    | "registryRoute"
    | "imageTrust"
    | "imageTrustSigningKey"
    | "imageTrustOtherImages";
type SharedConfig = Omit<
    ConfigValues,
    ClusterKeys | "kubeconfig" | "kubeContext" | "codeEngineProjectId" | "registries" | "platform"
> & {
    /** The declared sources, or the default one (the ICR pull identity). */
    readonly registries: readonly RegistrySource[];
};

/** A cluster's typed config, with `kubeconfig` and `kubeContext` as one `connection`. */
export type ClusterConfig = Simplify<
    SharedConfig &
        Pick<ConfigValues, Exclude<ClusterKeys, "namespaces">> & {
            /** The namespaces served directly ([] when only namespaceSelector chooses them). */
            readonly namespaces: readonly string[];
            readonly platform: "iks" | "openshift";
            readonly connection: ClusterConnectionConfig;
            /** Where each source's secrets go (core/registry/sourcePlan.ts), as validation planned them. */
            readonly sourcePlan: readonly PlannedSecret[];
        }
>;

/** A Code Engine project's typed config: no Kubernetes keys. */
export type CodeEngineConfig = Simplify<
    SharedConfig & {
        readonly platform: "codeengine";
        readonly codeEngineProjectId: string;
        /** The project's registry secrets, as validation planned them. */
        readonly codeEngineSecrets: readonly CodeEngineSecretPlan[];
    }
>;

/** The program's typed config, by platform. */
export type RegistryAccessConfig = ClusterConfig | CodeEngineConfig;

/** What the program needs of the rules' plans (crossKeyRules.ts StackPlans), computed there once. */
export interface DerivedPlans {
    readonly sources: { readonly secrets: readonly PlannedSecret[] };
    readonly codeEngine: { readonly secrets: readonly CodeEngineSecretPlan[] };
}

/** The config the program reads, from the values of a config with no problem. */
export function programConfig(values: ConfigValues, plans: DerivedPlans): RegistryAccessConfig {
    const { kubeconfig, kubeContext, registries, codeEngineProjectId, platform, ...rest } = values;
    // validateConfig calls this only for a config with no problem, and an element is undefined only where it has
    // one (readRegistrySources): none is undefined here.
    const shared = { ...rest, registries: (registries as readonly RegistrySource[] | undefined) ?? DEFAULT_SOURCES };
    if (platform === "codeengine") {
        const {
            cluster: _c,
            namespaces: _n,
            namespaceSelector: _ns,
            sourceNamespace: _sn,
            kyverno: _k,
            allowedSystemNamespaces: _asn,
            serviceAccounts: _sa,
            secretName: _s,
            globalPullSecret: _g,
            builderPush: _b,
            imageStreams: _i,
            imageStreamNamespace: _in,
            registryRoute: _r,
            imageTrust: _t,
            imageTrustSigningKey: _tk,
            imageTrustOtherImages: _to,
            ...common
        } = shared;
        return { ...common, platform, codeEngineProjectId, codeEngineSecrets: plans.codeEngine.secrets };
    }
    const connection: ClusterConnectionConfig =
        // crossKeyRules refuses ambient without kubeContext.
        kubeconfig === "ambient" ? { source: "ambient", context: kubeContext! } : { source: "cluster" };
    return { ...shared, namespaces: shared.namespaces ?? [], platform, connection, sourcePlan: plans.sources.secrets };
}
