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
import { ACCEPTED_REGION_NAMES, IcrRegion, findRegion } from "../registry/icrCatalogue";

export const CONFIG_NAMESPACE = "registry-access";

export const ROLES = ["Reader", "Writer", "Manager"] as const;
export type RegistryRole = (typeof ROLES)[number];

export const KUBECONFIG_SOURCES = ["cluster", "ambient"] as const;
export type KubeconfigSource = (typeof KUBECONFIG_SOURCES)[number];

/** IBM Cloud creates a Secret of this name in `default`; ours must not take it over. */
export const IBM_DEFAULT_SECRET = { namespace: "default", name: "all-icr-io" } as const;

// ---------------------------------------------------------------------------------------------------
// Checks: the rule one string value must follow, and the typed value it denotes.

/** The rule one string (a value, or one element of a list) must follow. */
export interface Check<T> {
    /** What a refused value breaks, as the error message states it (after the key and the value). */
    readonly rule: string;
    /** The typed value `s` denotes, or undefined when `s` breaks the rule. */
    readonly accept: (s: string) => T | undefined;
}

/** A whole-string pattern with a length limit (the regex alone does not bound the length). */
export function matching(pattern: RegExp, maxLength: number, rule: string): Check<string> {
    return { rule, accept: (s) => (s.length <= maxLength && pattern.test(s) ? s : undefined) };
}

/** One of a fixed list of names; case matters. */
export function oneOf<T extends string>(names: readonly T[], rule: string): Check<T> {
    return { rule, accept: (s) => names.find((n) => n === s) };
}

/** Any string (a kubeconfig context name is whatever the kubeconfig says). */
export const ANY_STRING: Check<string> = { rule: "", accept: (s) => s };

export const DNS1123_LABEL = matching(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    63,
    "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit",
);
export const DNS1123_SUBDOMAIN = matching(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    253,
    "must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit",
);
export const ICR_NAMESPACE = matching(
    /^[a-z0-9][a-z0-9_-]{2,28}[a-z0-9]$/,
    30,
    "must be an ICR namespace name: 4 to 30 lower-case letters, digits, '-' or '_', starting and ending with a letter or digit",
);
export const CLUSTER_NAME = matching(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    100,
    "must be a cluster name or ID: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters",
);
export const EMAIL = matching(/^[^\s@]+@[^\s@]+$/, Infinity, "must be an email address such as a@b.c");
/** An IAM or ICR region name, case-insensitive; every name of a region denotes the same catalogue entry. */
export const ICR_REGION: Check<IcrRegion> = {
    rule: `is not an IBM Cloud Container Registry region; allowed: ${ACCEPTED_REGION_NAMES.join(", ")}`,
    accept: findRegion,
};

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

export type KeySpec = StringKey<any> | ListKey<any> | BooleanKey; // eslint-disable-line @typescript-eslint/no-explicit-any

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
    Omit<ConfigValues, "kubeconfig" | "kubeContext"> & { readonly connection: ClusterConnectionConfig }
>;

export function programConfig(values: ConfigValues): RegistryAccessConfig {
    const { kubeconfig, kubeContext, ...rest } = values;
    const connection: ClusterConnectionConfig =
        kubeconfig === "ambient" ? { source: "ambient", context: kubeContext } : { source: "cluster" };
    return { ...rest, connection };
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
        keys: ["secretName", "namespaces"],
        report: "secretName",
        refuses: (v) => v.secretName === IBM_DEFAULT_SECRET.name && v.namespaces.includes(IBM_DEFAULT_SECRET.namespace),
        rule:
            `is the secret IBM Cloud manages in namespace ${IBM_DEFAULT_SECRET.namespace}; ` +
            "choose another secretName so that it is not taken over",
    }),
    crossKeyRule({
        keys: ["kubeContext", "kubeconfig"],
        report: "kubeContext",
        refuses: (v) => v.kubeContext !== undefined && v.kubeconfig !== "ambient",
        rule: "is only used with kubeconfig=ambient; set kubeconfig to ambient or remove kubeContext",
    }),
];
