/**
 * The `registry-access:` stack configuration contract: ONE declaration per key (its type, default,
 * description, whether it may be a Pulumi secret, and the rule its value must follow), plus the rules that
 * involve several keys. Everything else is derived from it:
 *
 * - the typed config (`ConfigValues`, `RegistryAccessConfig`): TypeScript types computed from the
 *   declaration below, no code generation;
 * - the validation (config/validate.ts), which only interprets this declaration;
 * - Pulumi.yaml's `config:` block and README's configuration table, written by `npm run generate`
 *   (config/generate.ts; test/config/generated.test.ts fails when they are stale).
 *
 * Pure: no I/O, no Pulumi runtime.
 */
import {
    ANY_STRING,
    CLUSTER_NAME,
    Check,
    DNS1123_LABEL,
    DNS1123_SUBDOMAIN,
    EMAIL,
    ICR_NAMESPACE,
    ICR_REGION,
    oneOf,
} from "./checks";

import { IBM_DEFAULT_SECRET, planSources } from "../registry/sourcePlan";
import { DEFAULT_SOURCES, RegistrySource, readRegistrySources } from "../registry/sources";

export * from "./checks";
export { IBM_DEFAULT_SECRET };

export const CONFIG_NAMESPACE = "registry-access";

export const ROLES = ["Reader", "Writer", "Manager"] as const;
export type RegistryRole = (typeof ROLES)[number];

export const KUBECONFIG_SOURCES = ["cluster", "ambient"] as const;
export type KubeconfigSource = (typeof KUBECONFIG_SOURCES)[number];

// ---------------------------------------------------------------------------------------------------
// Keys.

/**
 * Presence, shared by every key: `required` (no default; what to set, for the "is required" message) or
 * `default` (what Pulumi.yaml declares and the CLI injects). A default of "" or [] means "unset".
 */
type Presence<D> =
    { readonly required: string; readonly default?: never } | { readonly default: D; readonly required?: never };

export type StringKey<T extends string = string> = {
    readonly type: "string";
    readonly description: string;
    readonly check: Check<T>;
    /**
     * The value may be a Pulumi secret (it is then never echoed in errors). Other keys name cloud or cluster
     * resources, appear in plans, and are refused as secrets. Only string keys whose check is a plain string
     * check may be secrets: a secret that cannot be read (offline) is passed on unchecked, as the string it is.
     */
    readonly secret?: boolean;
} & Presence<string>;

export type ListKey<T = unknown> = {
    readonly type: "string list";
    readonly description: string;
    /** Every element's rule. A list must hold at least one element (unless [] is its default: unset) and no duplicates. */
    readonly each: Check<T>;
    readonly secret?: false;
} & Presence<readonly string[]>;

export type BooleanKey = {
    readonly type: "boolean";
    readonly description: string;
    /** `true` or `false`, exactly. */
    readonly default: boolean;
    readonly required?: never;
    readonly secret?: false;
};

/** A problem inside a structured value: `path` is relative to the key, e.g. `[1].password`; values of secret fields are never given. */
export interface PathProblem {
    readonly path: string;
    readonly value?: string;
    readonly rule: string;
}

/**
 * A list of objects (Pulumi.yaml: an array of objects). It may hold encrypted fields, which make the
 * whole key a Pulumi secret; its reader knows which fields are secrets and never reports their values.
 */
export type ObjectListKey<T = unknown> = {
    readonly type: "object list";
    readonly description: string;
    readonly default: readonly [];
    readonly required?: never;
    readonly secret: true;
    /**
     * The typed list, and every problem of every element; `keyIsSecret`: the CLI marked the key secret.
     * `partial`: what rules on several keys read when some element has a problem (they run on the others).
     */
    readonly read: (
        items: readonly unknown[],
        keyIsSecret: boolean,
    ) => { value: T[]; problems: PathProblem[]; partial?: unknown };
};

export type KeySpec = StringKey<any> | ListKey<any> | BooleanKey | ObjectListKey<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** THE declaration: one entry per `registry-access:` key, in the order Pulumi.yaml and README list them. */
export const CONFIG_KEYS = {
    cluster: {
        type: "string",
        required: "the name or ID of your cluster",
        check: CLUSTER_NAME,
        description: "Name or ID of the IKS or Red Hat OpenShift on IBM Cloud cluster.",
    },
    namespaces: {
        type: "string list",
        required: "list at least one Kubernetes namespace",
        each: DNS1123_LABEL,
        description:
            "Kubernetes namespaces that get the image pull secret (DNS-1123 labels, at least one, no duplicates).",
    },
    serviceAccounts: {
        type: "string list",
        default: ["default"],
        each: DNS1123_SUBDOMAIN,
        description: "Service accounts, in every namespace, whose imagePullSecrets get the secret.",
    },
    roles: {
        type: "string list",
        default: ["Reader"],
        each: oneOf(
            ROLES,
            `must be one of ${ROLES.join(", ")} (service access roles of container-registry; case matters)`,
        ),
        description: "Service access roles on container-registry: Reader, Writer, Manager.",
    },
    registryRegions: {
        type: "string list",
        default: [],
        each: ICR_REGION,
        description:
            "Registry regions to allow (IAM names such as us-south, or ICR names such as uk-south; global is icr.io). Limits the policy's region and the domains in the secret. Empty: all regions.",
    },
    registryNamespaces: {
        type: "string list",
        default: [],
        each: ICR_NAMESPACE,
        description: "ICR namespaces the policy is limited to (resource type namespace). Empty: all of the account's.",
    },
    privateEndpoints: {
        type: "boolean",
        default: false,
        description: "Also write the private.*icr.io domains into the secret.",
    },
    secretName: {
        type: "string",
        default: IBM_DEFAULT_SECRET.name,
        check: DNS1123_SUBDOMAIN,
        description: "Name of the image pull secret in each namespace.",
    },
    dockerEmail: {
        type: "string",
        default: "",
        secret: true,
        check: EMAIL,
        description: "Email written into each registry entry (kubectl's --docker-email). Empty: none.",
    },
    registries: {
        type: "object list",
        default: [],
        secret: true,
        read: (items, keyIsSecret) => {
            const { sources, problems, byPosition } = readRegistrySources(items, keyIsSecret);
            return { value: sources, problems, partial: byPosition };
        },
        description:
            "Registry sources, each an object with a type: icr (the pull identity: identity shared, perNamespace or existingKey; accountApiKey for another account), copy (IBM's all-icr-io or per-region secrets from namespace default), entitled (cp.icr.io with an entitlementKey), private (server, username, password). Secret fields must be set with pulumi config set --secret --path. Empty: one icr source, shared identity.",
    },
    kubeconfig: {
        type: "string",
        default: "cluster",
        check: oneOf(KUBECONFIG_SOURCES, `must be one of ${KUBECONFIG_SOURCES.join(", ")}`),
        description:
            "How to reach the cluster: cluster (credentials from IBM Cloud for `cluster`) or ambient (your kubeconfig).",
    },
    kubeContext: {
        type: "string",
        default: "",
        check: ANY_STRING,
        description: "With kubeconfig=ambient: the kubeconfig context to use. Empty: the current context.",
    },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[];

// ---------------------------------------------------------------------------------------------------
// The typed config, derived from the declaration.

/** The typed value of a key; an empty default ("" or []) makes it optional (undefined: unset). */
type ValueOf<S> = S extends { readonly type: "boolean" }
    ? boolean
    : S extends { readonly type: "string"; readonly check: Check<infer T> }
      ? T
      : S extends { readonly type: "string list"; readonly each: Check<infer T> }
        ? readonly T[]
        : S extends { readonly type: "object list"; readonly read: (...args: never[]) => { value: (infer T)[] } }
          ? readonly T[]
          : never;
type UnsetWhenEmpty<S> = S extends { readonly default: "" | readonly [] } ? true : false;
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
    { readonly source: "cluster" } | { readonly source: "ambient"; readonly context?: string };

/** The program's typed config: the keys' values, with `kubeconfig` and `kubeContext` as one `connection`. */

export type RegistryAccessConfig = Simplify<
    Omit<ConfigValues, "kubeconfig" | "kubeContext" | "registries"> & {
        readonly connection: ClusterConnectionConfig;
        /** The declared sources, or the default one (the ICR pull identity). */
        readonly registries: readonly RegistrySource[];
    }
>;

export function programConfig(values: ConfigValues): RegistryAccessConfig {
    const { kubeconfig, kubeContext, registries, ...rest } = values;
    const connection: ClusterConnectionConfig =
        kubeconfig === "ambient" ? { source: "ambient", context: kubeContext } : { source: "cluster" };
    return { ...rest, connection, registries: registries ?? DEFAULT_SOURCES };
}

// ---------------------------------------------------------------------------------------------------
// Rules that involve several keys.

export interface CrossKeyRule {
    /** The keys it reads; it runs only when each of them holds a value its own rule accepted. */
    readonly keys: readonly ConfigKey[];
    /** The key the problem names; its value (which it holds whenever the rule refuses) is shown. */
    readonly report: ConfigKey;
    readonly refuses: (values: ConfigValues) => boolean;
    readonly rule: string;
}

/** Typed to read only the keys it declares. */
function crossKeyRule<K extends ConfigKey>(r: {
    keys: readonly K[];
    report: K;
    refuses: (values: Pick<ConfigValues, K>) => boolean;
    rule: string;
}): CrossKeyRule {
    return r;
}

export const CROSS_KEY_RULES: readonly CrossKeyRule[] = [
    crossKeyRule({
        keys: ["kubeContext", "kubeconfig"],
        report: "kubeContext",
        refuses: (v) => v.kubeContext !== undefined && v.kubeconfig !== "ambient",
        rule: "is only used with kubeconfig=ambient; set kubeconfig to ambient or remove kubeContext",
    }),
];

/** A rule on several keys that may find several problems, each under a full path (`registries[1].secretName`). */
export interface CrossKeyCheck {
    /**
     * The keys it reads; it runs only when each of them holds a value its own rule accepted, or, for an
     * object list whose elements have problems, its `partial` value (the readable elements).
     */
    readonly keys: readonly ConfigKey[];
    readonly problems: (values: ConfigValues) => PathProblem[];
}

export const CROSS_KEY_CHECKS: readonly CrossKeyCheck[] = [
    {
        keys: ["registries", "namespaces", "secretName", "cluster"],
        problems: (v) =>
            planSources(v.registries ?? DEFAULT_SOURCES, {
                cluster: v.cluster,
                namespaces: v.namespaces,
                secretName: v.secretName,
            }).problems,
    },
];
