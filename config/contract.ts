/**
 * The `registry-access:` stack configuration: its schema, defaults and validation. Pure: it takes the raw
 * string values Pulumi stores and returns a typed config, or throws one ConfigError listing every problem.
 */
import { ACCEPTED_REGION_NAMES, IcrRegion, findRegion } from "../registry/icrCatalogue";

export const CONFIG_NAMESPACE = "registry-access";

export const ROLES = ["Reader", "Writer", "Manager"] as const;
export type RegistryRole = (typeof ROLES)[number];

export const KUBECONFIG_SOURCES = ["cluster", "ambient"] as const;
export type KubeconfigSource = (typeof KUBECONFIG_SOURCES)[number];

/**
 * What an encrypted (`secure:`) value reads as when it cannot be decrypted (the offline plan): accepted
 * unchecked for keys that may be secrets, since its real value is unknown there.
 */
export const UNREADABLE_SECRET = "[secret]";

/** IBM Cloud creates a Secret of this name in `default`; ours must not take it over. */
export const IBM_DEFAULT_SECRET = { namespace: "default", name: "all-icr-io" };

export type ClusterConnectionConfig =
    | { readonly source: "cluster" }
    | { readonly source: "ambient"; readonly context?: string };

export interface RegistryAccessConfig {
    readonly cluster: string;
    readonly namespaces: readonly string[];
    readonly serviceAccounts: readonly string[];
    readonly roles: readonly RegistryRole[];
    /** undefined: every region (no region scope on the policy, every domain in the secret). */
    readonly registryRegions?: readonly IcrRegion[];
    /** undefined: every registry namespace of the account. */
    readonly registryNamespaces?: readonly string[];
    readonly privateEndpoints: boolean;
    readonly secretName: string;
    readonly dockerEmail?: string;
    readonly connection: ClusterConnectionConfig;
}

type KeyType = "string" | "string list" | "boolean";

export interface ConfigKeySpec {
    readonly key: string;
    readonly type: KeyType;
    readonly description: string;
    /** Pulumi.yaml's default (the CLI injects it); "" and [] mean "unset". Absent for required keys. */
    readonly default?: string | boolean | readonly string[];
    readonly required?: boolean;
    /** The value may be a Pulumi secret; other keys name resources and must stay plain. */
    readonly mayBeSecret?: boolean;
}

/** One row per key: the source of Pulumi.yaml's `config:` schema and README's table (a test keeps them equal). */
export const CONFIG_KEYS: readonly ConfigKeySpec[] = [
    { key: "cluster", type: "string", required: true, description: "Name or ID of the IKS or Red Hat OpenShift on IBM Cloud cluster." },
    { key: "namespaces", type: "string list", required: true, description: "Kubernetes namespaces that get the image pull secret (DNS-1123 labels, at least one, no duplicates)." },
    { key: "serviceAccounts", type: "string list", default: ["default"], description: "Service accounts, in every namespace, whose imagePullSecrets get the secret." },
    { key: "roles", type: "string list", default: ["Reader"], description: "Service access roles on container-registry: Reader, Writer, Manager." },
    { key: "registryRegions", type: "string list", default: [], description: "Registry regions to allow (IAM names such as us-south, or ICR names such as uk-south; global is icr.io). Limits the policy's region and the domains in the secret. Empty: all regions." },
    { key: "registryNamespaces", type: "string list", default: [], description: "ICR namespaces the policy is limited to (resource type namespace). Empty: all of the account's." },
    { key: "privateEndpoints", type: "boolean", default: false, description: "Also write the private.*icr.io domains into the secret." },
    { key: "secretName", type: "string", default: "all-icr-io", description: "Name of the image pull secret in each namespace." },
    { key: "dockerEmail", type: "string", default: "", mayBeSecret: true, description: "Email written into each registry entry (kubectl's --docker-email). Empty: none." },
    { key: "kubeconfig", type: "string", default: "cluster", description: "How to reach the cluster: cluster (credentials from IBM Cloud for `cluster`) or ambient (your kubeconfig)." },
    { key: "kubeContext", type: "string", default: "", description: "With kubeconfig=ambient: the kubeconfig context to use. Empty: the current context." },
];

export interface ConfigProblem {
    readonly key: string;
    /** The offending value as the user wrote it, or undefined when the key is missing. */
    readonly value?: string;
    readonly rule: string;
}

export class ConfigError extends Error {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(formatProblems(problems));
        this.name = "ConfigError";
    }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
    const lines = problems.map((p) => {
        const shown = p.value === undefined ? "" : ` ${JSON.stringify(p.value)}`;
        return `  - ${CONFIG_NAMESPACE}:${p.key}${shown}: ${p.rule}`;
    });
    const noun = problems.length === 1 ? "problem" : "problems";
    return `invalid stack configuration (${problems.length} ${noun}):\n${lines.join("\n")}`;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ICR_NAMESPACE = /^[a-z0-9][a-z0-9_-]{2,28}[a-z0-9]$/;
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const RULES = {
    label: "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit",
    subdomain: "must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit",
    icrNamespace: "must be an ICR namespace name: 4 to 30 lower-case letters, digits, '-' or '_', starting and ending with a letter or digit",
    cluster: "must be a cluster name or ID: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters",
};

function specOf(key: string): ConfigKeySpec | undefined {
    return CONFIG_KEYS.find((k) => k.key === key);
}

function isLabel(s: string): boolean {
    return s.length <= 63 && DNS1123_LABEL.test(s);
}
function isSubdomain(s: string): boolean {
    return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Raw values as Pulumi stores them: strings, with lists as JSON. */
export type RawConfig = Readonly<Record<string, string | undefined>>;

/** Collects problems while reading keys, so that every problem is reported at once. */
class Reader {
    readonly problems: ConfigProblem[] = [];
    constructor(private readonly raw: RawConfig, readonly secretKeys: ReadonlySet<string>) {}

    problem(key: string, value: string | undefined, rule: string): void {
        // A secret's value never reaches an error message.
        const shown = value !== undefined && this.secretKeys.has(key) ? "[secret]" : value;
        this.problems.push({ key, value: shown, rule });
    }

    /** An empty value is "unset" where the key's default is empty, a problem elsewhere. */
    /** A secret that could not be decrypted (offline): its real value is unknown, so it is not checked. */
    unreadable(key: string, value: string): boolean {
        return this.secretKeys.has(key) && value === UNREADABLE_SECRET;
    }

    string(key: string): string | undefined {
        const v = this.raw[key];
        if (v === undefined) return undefined;
        if (v.trim() === "") {
            if (specOf(key)?.default !== "") this.problem(key, v, "must not be empty; remove the key to use its default");
            return undefined;
        }
        return v;
    }

    list(key: string): string[] | undefined {
        const v = this.raw[key];
        if (v === undefined) return undefined;
        let parsed: unknown;
        try {
            parsed = JSON.parse(v);
        } catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) || parsed.some((e) => typeof e !== "string")) {
            this.problem(key, v, `must be a list of strings, e.g. pulumi config set --path '${key}[0]' VALUE`);
            return undefined;
        }
        // [] is "unset" where that is the key's default (e.g. registryRegions: all regions).
        const d = specOf(key)?.default;
        if (parsed.length === 0 && Array.isArray(d) && d.length === 0) return undefined;
        return parsed as string[];
    }

    boolean(key: string): boolean | undefined {
        const v = this.raw[key];
        if (v === undefined) return undefined;
        if (v === "true" || v === "false") return v === "true";
        this.problem(key, v, "must be true or false");
        return undefined;
    }

    /** Checks every element, duplicates (by `canonical`) and, when `required`, non-emptiness. */
    elements(key: string, values: string[], valid: (s: string) => boolean, rule: string,
        canonical: (s: string) => string = (s) => s, required = false): void {
        if (required && values.length === 0) this.problem(key, "[]", "must list at least one value");
        const seen = new Set<string>();
        for (const v of values) {
            if (!valid(v)) {
                this.problem(key, v, rule);
                continue;
            }
            const c = canonical(v);
            if (seen.has(c)) this.problem(key, v, "is listed more than once");
            seen.add(c);
        }
    }
}

/**
 * Validates raw `registry-access:` config (keys without the namespace). `secretKeys` names keys whose
 * values are secrets: they are never echoed in problems.
 */
export function parseConfig(raw: RawConfig, secretKeys: ReadonlySet<string> = new Set()): RegistryAccessConfig {
    const r = new Reader(raw, secretKeys);
    const known = new Set(CONFIG_KEYS.map((k) => k.key));
    for (const key of Object.keys(raw).sort()) {
        if (!known.has(key)) {
            r.problem(key, undefined, `is not a known key; known keys: ${[...known].join(", ")}`);
        }
    }
    for (const spec of CONFIG_KEYS) {
        if (!spec.mayBeSecret && secretKeys.has(spec.key)) {
            r.problem(spec.key, undefined, "must not be a secret: it names cloud or cluster resources and appears in plans");
        }
    }

    const cluster = r.string("cluster");
    if (raw["cluster"] === undefined) r.problem("cluster", undefined, "is required: the name or ID of your cluster");
    else if (cluster !== undefined && !CLUSTER_NAME.test(cluster)) r.problem("cluster", cluster, RULES.cluster);

    const namespaces = r.list("namespaces");
    if (raw["namespaces"] === undefined) r.problem("namespaces", undefined, "is required: list at least one Kubernetes namespace");
    else if (namespaces) r.elements("namespaces", namespaces, isLabel, RULES.label, undefined, true);

    const serviceAccounts = r.list("serviceAccounts") ?? ["default"];
    r.elements("serviceAccounts", serviceAccounts, isSubdomain, RULES.subdomain, undefined, true);

    const roles = r.list("roles") ?? ["Reader"];
    r.elements("roles", roles, (s) => (ROLES as readonly string[]).includes(s),
        `must be one of ${ROLES.join(", ")} (service access roles of container-registry; case matters)`, undefined, true);

    const regionNames = r.list("registryRegions");
    if (regionNames) {
        r.elements("registryRegions", regionNames, (s) => findRegion(s) !== undefined,
            `is not an IBM Cloud Container Registry region; allowed: ${ACCEPTED_REGION_NAMES.join(", ")}`,
            (s) => findRegion(s)!.iamRegion, true);
    }

    const registryNamespaces = r.list("registryNamespaces");
    if (registryNamespaces) {
        r.elements("registryNamespaces", registryNamespaces, (s) => ICR_NAMESPACE.test(s), RULES.icrNamespace, undefined, true);
    }

    const privateEndpoints = r.boolean("privateEndpoints") ?? false;

    const secretName = r.string("secretName") ?? "all-icr-io";
    if (!isSubdomain(secretName)) r.problem("secretName", secretName, RULES.subdomain);
    if (secretName === IBM_DEFAULT_SECRET.name && namespaces?.includes(IBM_DEFAULT_SECRET.namespace)) {
        r.problem("secretName", secretName,
            `is the secret IBM Cloud manages in namespace ${IBM_DEFAULT_SECRET.namespace}; ` +
            "choose another secretName so that it is not taken over");
    }

    const dockerEmail = r.string("dockerEmail");
    if (dockerEmail !== undefined && !r.unreadable("dockerEmail", dockerEmail) && !EMAIL.test(dockerEmail)) r.problem("dockerEmail", dockerEmail, "must be an email address such as a@b.c");

    const source = r.string("kubeconfig") ?? "cluster";
    if (!(KUBECONFIG_SOURCES as readonly string[]).includes(source)) {
        r.problem("kubeconfig", source, `must be one of ${KUBECONFIG_SOURCES.join(", ")}`);
    }
    const kubeContext = r.string("kubeContext");
    if (kubeContext !== undefined && source !== "ambient") {
        r.problem("kubeContext", kubeContext, "is only used with kubeconfig=ambient; set kubeconfig to ambient or remove kubeContext");
    }

    if (r.problems.length > 0) throw new ConfigError(r.problems);

    const regions = regionNames?.map((n) => findRegion(n)!);
    return {
        cluster: cluster!,
        namespaces: namespaces!,
        serviceAccounts,
        roles: roles as RegistryRole[],
        registryRegions: regions,
        registryNamespaces,
        privateEndpoints,
        secretName,
        dockerEmail,
        connection: source === "ambient" ? { source: "ambient", context: kubeContext } : { source: "cluster" },
    };
}
