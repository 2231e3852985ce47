/**
 * The `registry-access:` stack configuration contract: ONE declaration per key (its type, default,
 * description, whether it may be a Pulumi secret, the platforms it applies to, and the rule its value must
 * follow); the rules that involve several keys are in core/config/crossKeyRules.ts. Everything else is derived:
 *
 * - the typed config (`ConfigValues`, `RegistryAccessConfig`, core/config/typedConfig.ts): TypeScript types
 *   computed from the declaration below, no code generation;
 * - the validation (core/config/validate.ts), which only interprets this declaration;
 * - Pulumi.yaml's `config:` block and docs/configuration.md's key table, written by `npm run generate`
 *   (plan/generate.ts; test/config/generated.test.ts fails when they are stale).
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
    GUID,
    NAMESPACED_NAME,
    SECRET_REFERENCE,
    oneOf,
} from "../input/checks";
import { OTHER_IMAGES } from "../platforms/portieris";
import { KYVERNO, KYVERNO_MODES } from "../platforms/kyverno";
import { SOURCE_NAMESPACE, readNamespaceSelector } from "../platforms/selectorScope";
import type { PathProblem } from "../input/problems";

import { CALENDAR_DATE, INITIAL_KEY, KEY_LABEL_OR_INITIAL, KEY_ROTATION_LABEL } from "../iam/keyLifecycle";
import { ROLES, ROLE_INTENTS } from "../iam/roleIntent";

export { ROLES };
export type { RegistryRole } from "../iam/roleIntent";
import { BUILDER_PUSH_SECRET } from "../platforms/platformPlan";
import { IBM_DEFAULT_SECRET } from "../registry/sources/copy";
import { readRegistrySources } from "../registry/sources";
import { ICR_NAMESPACE, ICR_REGION } from "../registry/icrCatalogue";
import { ICR_IMAGE, ICR_REPOSITORY_PATTERN } from "../registry/icrImage";

export { IBM_DEFAULT_SECRET };

export const CONFIG_NAMESPACE = "registry-access";

export const KUBECONFIG_SOURCES = ["cluster", "ambient"] as const;

/** What a stack declares pull access for: an IKS cluster, a Red Hat OpenShift on IBM Cloud cluster, a Code Engine project. */
export const PLATFORMS = ["iks", "openshift", "codeengine"] as const;
export type Platform = (typeof PLATFORMS)[number];
/** The key that selects the platform; keys that declare `platforms` apply only on those. */
export const PLATFORM_KEY = "platform";
const CLUSTERS: readonly Platform[] = ["iks", "openshift"];
export type KubeconfigSource = (typeof KUBECONFIG_SOURCES)[number];

// ---------------------------------------------------------------------------------------------------
// Keys.

/**
 * Presence of a string key: `required` (no default; what to set, for the "is required" message) or `default`
 * (what Pulumi.yaml declares and the CLI injects; other keys always have one). A default of "" or [] means
 * "unset". `platforms` (on any key): the platforms the key applies to; elsewhere a value other than its
 * default is refused, and a required key is required only there (Pulumi.yaml then declares "" as its default,
 * or the CLI would demand it on every platform; "" reads as unset).
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
    readonly platforms?: readonly Platform[];
} & Presence<string>;

export type ListKey<T = unknown> = {
    readonly type: "string list";
    readonly description: string;
    /** Every element's rule. A list must hold at least one element (unless [] is its default: unset) and no duplicates. */
    readonly each: Check<T>;
    /** Only string keys are required (the empty value a required key reads as unset is text: ""). */
    readonly default: readonly string[];
    readonly required?: never;
    readonly secret?: false;
    readonly platforms?: readonly Platform[];
};

export type BooleanKey = {
    readonly type: "boolean";
    readonly description: string;
    /** `true` or `false`, exactly. */
    readonly default: boolean;
    readonly required?: never;
    readonly secret?: false;
    readonly platforms?: readonly Platform[];
};

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
    readonly platforms?: undefined;
    /**
     * Each element typed at its position, undefined where it has a problem (the rules on several keys still
     * read the others), and every problem of every element; `keyIsSecret`: the CLI marked the key secret.
     */
    readonly read: (
        items: readonly unknown[],
        keyIsSecret: boolean,
    ) => { value: (T | undefined)[]; problems: PathProblem[] };
};

/**
 * An object (Pulumi.yaml: type object), such as a label selector. `{}`, its default, means unset. Never a secret:
 * it appears in plans. Its reader reports problems under paths relative to the key (`.matchLabels`).
 */
export type ObjectKey<T = unknown> = {
    readonly type: "object";
    readonly description: string;
    readonly default: Readonly<Record<string, never>>;
    readonly required?: never;
    readonly secret?: false;
    readonly platforms?: readonly Platform[];
    readonly read: (value: unknown) => { value?: T; problems: PathProblem[] };
};

export type KeySpec = StringKey<any> | ListKey<any> | BooleanKey | ObjectListKey<any> | ObjectKey<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** THE declaration: one entry per `registry-access:` key, in the order Pulumi.yaml and docs/configuration.md list them. */
export const CONFIG_KEYS = {
    platform: {
        type: "string",
        default: "iks",
        check: oneOf(PLATFORMS, `must be one of ${PLATFORMS.join(", ")}`),
        description:
            "What the stack gives pull access to: iks (a Kubernetes cluster's namespaces), openshift (the same, plus the global pull secret, builds, image streams and the registry route), codeengine (a Code Engine project's registry secrets; no Kubernetes objects).",
    },
    cluster: {
        type: "string",
        required: "the name or ID of your cluster",
        platforms: CLUSTERS,
        check: CLUSTER_NAME,
        description: "Name or ID of the IKS or Red Hat OpenShift on IBM Cloud cluster.",
    },
    codeEngineProjectId: {
        type: "string",
        required: "the ID of your Code Engine project",
        platforms: ["codeengine"],
        check: GUID,
        description:
            "ID of the Code Engine project that gets the registry secrets (ibmcloud ce project get --name NAME); ibm:region must be the project's region.",
    },
    namespaces: {
        type: "string list",
        default: [],
        platforms: CLUSTERS,
        each: DNS1123_LABEL,
        description:
            "Kubernetes namespaces that get the image pull secret directly, from this stack's resources (DNS-1123 labels, no duplicates). Required unless namespaceSelector is set; both may be used together.",
    },
    namespaceSelector: {
        type: "object",
        default: {},
        platforms: CLUSTERS,
        read: (value) => readNamespaceSelector(value),
        description: `A Kubernetes label selector (matchLabels; matchExpressions with In, NotIn, Exists, DoesNotExist): namespaces matching it, now or when created later, get the pull secrets and service-account references from a Kyverno ${KYVERNO.version} ClusterPolicy, which clones the secrets of sourceNamespace. System namespaces, Kyverno's and the listed namespaces are excluded. Empty: none.`,
    },
    sourceNamespace: {
        type: "string",
        default: "registry-access",
        platforms: CLUSTERS,
        check: SOURCE_NAMESPACE,
        description:
            "With namespaceSelector: the namespace this stack creates and owns, holding the pull secrets Kyverno clones (not one of namespaces, not a system namespace).",
    },
    kyverno: {
        type: "string",
        default: "existing",
        platforms: CLUSTERS,
        check: oneOf(KYVERNO_MODES, `must be one of ${KYVERNO_MODES.join(", ")}`),
        description: `With namespaceSelector: existing (Kyverno ${KYVERNO.version} is installed; preview fails naming the version when its CRDs are missing) or install (this stack installs Helm chart ${KYVERNO.chart} ${KYVERNO.chartVersion} into namespace ${KYVERNO.namespace}, which destroy leaves in place).`,
    },
    allowedSystemNamespaces: {
        type: "string list",
        default: [],
        platforms: CLUSTERS,
        each: DNS1123_LABEL,
        description:
            "System namespaces (kube-*, ibm-*, openshift, openshift-*, calico-system, calico-apiserver, tigera-operator) that namespaces may list on purpose. Empty: none; a system namespace in namespaces is refused.",
    },
    serviceAccounts: {
        type: "string list",
        default: ["default"],
        platforms: CLUSTERS,
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
        description:
            "Service access roles on container-registry: Reader, Writer, Manager. Beyond Reader only with roleIntent.",
    },
    roleIntent: {
        type: "string",
        default: "pull",
        check: oneOf(ROLE_INTENTS, `must be one of ${ROLE_INTENTS.join(", ")}`),
        description:
            "What roles are meant to allow: pull (Reader only), push (Writer: push and delete images) or admin (Manager). roles beyond Reader are refused unless this says so; the policy's description records it.",
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
        platforms: CLUSTERS,
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
    keyRotation: {
        type: "string",
        default: "",
        check: KEY_ROTATION_LABEL,
        description:
            "Label of the current API keys (pull, per-namespace, push). A new label creates new keys, moves every secret to them and deletes the old ones after all are updated, in one pulumi up. Empty: the first keys.",
    },
    keepPreviousKey: {
        type: "string",
        default: "",
        check: KEY_LABEL_OR_INITIAL,
        description: `keyRotation label of former keys to keep for this update (${INITIAL_KEY}: the first keys), for consumers that pick up changes late (the OpenShift global pull secret on nodes); remove it in the next update to delete them.`,
    },
    keyExpiry: {
        type: "string",
        default: "",
        check: CALENDAR_DATE,
        description:
            "Date (YYYY-MM-DD, UTC) the API keys stop working (IAM expires_at; changing it updates the keys in place). Every run warns 30 days before and fails from that date. Quote it in the stack file. Empty: no expiry.",
    },
    protectIdentity: {
        type: "boolean",
        default: false,
        description:
            "Pulumi protect on the service IDs and API keys: pulumi destroy (or removing them) fails until it is turned off.",
    },
    registries: {
        type: "object list",
        default: [],
        secret: true,
        read: (items, keyIsSecret) => {
            const { problems, byPosition } = readRegistrySources(items, keyIsSecret);
            return { value: byPosition, problems };
        },
        description:
            "Registry sources, each an object with a type: icr (the pull identity: identity shared, perNamespace or existingKey; accountApiKey for another account), copy (IBM's all-icr-io or per-region secrets from namespace default), entitled (cp.icr.io with an entitlementKey), private (server, username, password). Secret fields must be set with pulumi config set --secret --path. Empty: one icr source, shared identity.",
    },
    globalPullSecret: {
        type: "boolean",
        default: false,
        platforms: ["openshift"],
        description:
            "Also merge the stack's registry entries (icr, entitled, private sources) into openshift-config/pull-secret, so every worker can pull with them; Red Hat's and every other entry stay byte for byte, and destroy removes only ours.",
    },
    builderPush: {
        type: "boolean",
        default: false,
        platforms: ["openshift"],
        description: `A push identity (Reader and Writer on container-registry, scoped like the pull identity) whose secret ${BUILDER_PUSH_SECRET} in each namespace is linked to the builder service account, as oc secrets link builder does.`,
    },
    buildConfigs: {
        type: "string list",
        default: [],
        platforms: ["openshift"],
        each: NAMESPACED_NAME,
        description: `BuildConfigs (NAMESPACE/NAME, in namespaces) whose push and pull secrets are set to ${BUILDER_PUSH_SECRET}, as oc set build-secret --push and --pull do (needs builderPush). Only a field that is empty or holds that secret is set; destroy clears only what registry-access set.`,
    },
    imageStreams: {
        type: "string list",
        default: [],
        platforms: ["openshift"],
        each: ICR_IMAGE,
        description:
            "ICR images (DOMAIN/NAMESPACE/REPOSITORY:TAG) imported as image stream tags with referencePolicy Local and scheduled import, as oc tag --reference-policy=local --scheduled does, into imageStreamNamespace.",
    },
    imageStreamNamespace: {
        type: "string",
        default: "",
        platforms: ["openshift"],
        check: DNS1123_LABEL,
        description:
            "The project (one of namespaces) whose pull secret imports imageStreams. Empty: the first of namespaces.",
    },
    registryRoute: {
        type: "boolean",
        default: false,
        platforms: ["openshift"],
        description:
            "A re-encrypt Route image-registry for the internal registry in openshift-image-registry, with haproxy.router.openshift.io/balance: source.",
    },
    imageTrust: {
        type: "string list",
        default: [],
        platforms: ["iks"],
        each: ICR_REPOSITORY_PATTERN,
        description:
            "ICR repositories (DOMAIN/NAMESPACE/REPOSITORY or DOMAIN/NAMESPACE/*) whose images must be signed: a Portieris ImagePolicy in each namespace admits them only with a signature by imageTrustSigningKey (Red Hat simple signing). Needs ibmcloud ks cluster image-security enable.",
    },
    imageTrustSigningKey: {
        type: "string",
        default: "",
        platforms: ["iks"],
        check: SECRET_REFERENCE,
        description:
            "The Secret (NAME in each namespace, or NAMESPACE/NAME) holding the ASCII-armored GPG public key, under data key `key`, that imageTrust images must be signed with (skopeo or podman --sign-by; ICR keeps the signatures). Required with imageTrust: ICR's Notary (Docker Content Trust) is gone since 2021-11-01, so Portieris trust policies cannot admit ICR images.",
    },
    imageTrustOtherImages: {
        type: "string",
        default: "admit",
        platforms: ["iks"],
        check: oneOf(OTHER_IMAGES, `must be one of ${OTHER_IMAGES.join(", ")}`),
        description:
            "Images of no imageTrust repository: admit (a last entry `*` without requirements, as before the policy existed: Portieris uses a namespace's ImagePolicies exclusively) or deny (every other image, sidecars and Docker Hub images included, is refused).",
    },
    kubeconfig: {
        type: "string",
        default: "cluster",
        platforms: CLUSTERS,
        check: oneOf(KUBECONFIG_SOURCES, `must be one of ${KUBECONFIG_SOURCES.join(", ")}`),
        description:
            "How to reach the cluster: cluster (credentials from IBM Cloud for `cluster`) or ambient (your kubeconfig).",
    },
    kubeContext: {
        type: "string",
        default: "",
        platforms: CLUSTERS,
        check: ANY_STRING,
        description:
            "With kubeconfig=ambient: the kubeconfig context to use (required there, so every machine plans and deploys the same cluster).",
    },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[];
