/**
 * Namespaces chosen by label (registry-access:namespaceSelector), served between runs by Kyverno: the
 * ClusterPolicy that clones the stack's source secrets into every matching namespace and references them in the
 * chosen ServiceAccounts, and the RBAC Kyverno's controllers need for it. Pure.
 *
 * Kyverno's semantics, from kyverno/kyverno at v1.19.0 (K:) and kyverno/website 7c0814a (W:):
 * - clone with `synchronize: true`: a change of the source reaches every clone, a deleted clone comes back, a
 *   namespace that stops matching loses its clone (W: docs/policy-types/cluster-policy/generate.md:130-153;
 *   K: pkg/webhooks/resource/generation/handler.go:192-300). `generateExisting` covers namespaces that exist
 *   when the policy is created (K: api/kyverno/v1/common_types.go:779-782; pkg/policy/generate.go:45-60).
 * - a Namespace is matched with `selector`, never `namespaceSelector` (K: pkg/engine/utils/match.go:126-128).
 * - generate rules cannot be changed in place once they synchronize (K: pkg/validation/policy/generate.go:13-61,
 *   "changes of immutable fields of a rule spec in a generate rule is disallowed"): a changed policy is deleted
 *   and created again, with `orphanDownstreamOnPolicyDelete: true` so that clones stay meanwhile (since v1.19.0
 *   policy deletion deletes clones otherwise: K: pkg/policy/generate.go:155-186); our provider removes what
 *   no longer matches (core/platforms/kyvernoSweep.ts).
 * - ServiceAccount.imagePullSecrets is atomic (k8s.io/api core/v1 types.go, +listType=atomic): a strategic
 *   merge would replace it, so entries are appended by JSON patch `add /imagePullSecrets/-`, which Kyverno
 *   applies with EnsurePathExistsOnAdd (K: pkg/engine/mutate/patch/patchJSON6902.go:20-31), guarded by an
 *   AnyNotIn precondition (W: docs/policy-types/cluster-policy/preconditions.md:198-203).
 * - mutate-existing (`targets`, `mutateExistingOnPolicyUpdate`) reaches ServiceAccounts that exist when the
 *   policy is created or a namespace starts matching (W: mutate.md:422-503); the admission rule those created later.
 * - webhook failure policy Ignore: with the default Fail, every Namespace, Secret and ServiceAccount write is
 *   refused while Kyverno is down (K: api/kyverno/v1/spec_types.go:276-286); the hourly background scan repairs
 *   what was missed (K: pkg/policy/policy_controller.go:646-683).
 * - RBAC: ClusterRoles aggregated by `rbac.kyverno.io/aggregate-to-{background,admission}-controller`
 *   (W: docs/installation/customization.md:267-293); the policy is refused unless the background controller
 *   may get, create, update and delete Secrets (K: pkg/policy/generate/validate.go:103-116) and get and update
 *   ServiceAccounts (K: pkg/policy/mutate/validate.go:118-137), and the admission controller list and get
 *   Secrets (K: pkg/validation/policy/actions.go:81-90).
 */
import * as crypto from "crypto";
// Kyverno's own API types (generated from kyverno/kyverno api/kyverno/v1 by @kubernetes-models/kyverno 2.0.0):
// the type check refuses a field Kyverno does not have, or a value of the wrong type. Types only: nothing of the
// package is loaded at run time (it is ESM, and a devDependency).
import type { IClusterPolicy } from "@kubernetes-models/kyverno/kyverno.io/v1/ClusterPolicy" with {
    "resolution-mode": "import",
};
import type { IRule } from "@kubernetes-models/kyverno/kyverno.io/v1/Rule" with { "resolution-mode": "import" };
import type { IMatchResources } from "@kubernetes-models/kyverno/kyverno.io/v1/MatchResources" with {
    "resolution-mode": "import",
};
import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector" with {
    "resolution-mode": "import",
};
import { LabelSelector } from "../kubernetes/labelSelector";
import { SYSTEM_NAMESPACE_PATTERNS } from "../kubernetes/systemNamespaces";
import type { ReferenceList } from "../sharedObjects/serviceAccountPullSecretRefPatch";
import { escapePointer } from "../sharedObjects/serviceAccountPullSecretRefPatch";

/** The Kyverno release this policy is written and tested for; ClusterPolicy (kyverno.io/v1) is gone in 1.20. */
export const KYVERNO = {
    version: "v1.19.0",
    chart: "kyverno",
    chartVersion: "3.9.0",
    repository: "https://kyverno.github.io/kyverno/",
    namespace: "kyverno",
} as const;

/** registry-access:kyverno: use the Kyverno the cluster has, or install the pinned chart. */
export const KYVERNO_MODES = ["existing", "install"] as const;
export type KyvernoMode = (typeof KYVERNO_MODES)[number];

/** What a cluster needs for the policy: its CustomResourceDefinitions (K: config/crds/kyverno/). */
export const KYVERNO_CRDS = ["clusterpolicies.kyverno.io", "updaterequests.kyverno.io"] as const;

/** How to install the pinned Kyverno, for messages and docs. */
export const KYVERNO_INSTALL =
    `Kyverno ${KYVERNO.version} (Helm chart ${KYVERNO.chart} ${KYVERNO.chartVersion} from ${KYVERNO.repository}: ` +
    `helm install kyverno kyverno --repo ${KYVERNO.repository} --version ${KYVERNO.chartVersion} ` +
    `--namespace ${KYVERNO.namespace} --create-namespace), or set registry-access:kyverno to install`;

/** Labels Kyverno puts on what it generates (K: pkg/background/common/constants.go:4-19). */
export const KYVERNO_LABELS = {
    managedBy: "app.kubernetes.io/managed-by",
    policyName: "generate.kyverno.io/policy-name",
    sourceNamespace: "generate.kyverno.io/source-namespace",
} as const;

/** The annotation prefix that records, on a ServiceAccount, an entry the policy added. */
export const POLICY_ENTRY_PREFIX = "kyverno.registry-access.io/";

/** One ServiceAccount reference the policy keeps: `serviceAccount`'s `list` names `secret`. */
export interface PolicyReference {
    readonly serviceAccount: string;
    readonly list: ReferenceList;
    readonly secret: string;
}

export interface SelectorPolicyInput {
    /** The cluster: the policy's and the roles' name base. */
    readonly cluster: string;
    readonly selector: LabelSelector;
    readonly sourceNamespace: string;
    /** Secrets in sourceNamespace cloned into every matching namespace. */
    readonly secrets: readonly string[];
    readonly references: readonly PolicyReference[];
    /** Namespaces served directly (registry-access:namespaces): never touched by the policy. */
    readonly listedNamespaces: readonly string[];
}

/** The ClusterPolicy's name: `registry-access-<cluster>`, lower-cased, at most 63 characters. */
export function selectorPolicyName(cluster: string): string {
    const base = `registry-access-${cluster.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.replace(/-+$/, "");
    if (base.length <= 63) return base;
    return `${base.slice(0, 54).replace(/-+$/, "")}-${hash(cluster, 8)}`;
}

const hash = (s: string, n: number) => crypto.createHash("sha256").update(s).digest("hex").slice(0, n);

/** A Kubernetes name part of at most 63 characters: `<tag>.<name>`, or `<tag>.<hash>` when too long. */
function shortName(tag: string, name: string): string {
    const full = `${tag}.${name}`;
    return full.length <= 63 ? full : `${tag}.${hash(name, 16)}`;
}

/** The annotation recording that the policy added `secret` to `list` (value: the policy's name). */
export function policyEntryAnnotation(list: ReferenceList, secret: string): string {
    return `${POLICY_ENTRY_PREFIX}${shortName(list === "imagePullSecrets" ? "pull" : "mount", secret)}`;
}

/** Namespaces the policy never serves: the platform's, Kyverno's, the source and the listed ones. */
export function excludedNamespaces(input: Pick<SelectorPolicyInput, "sourceNamespace" | "listedNamespaces">) {
    return [...SYSTEM_NAMESPACE_PATTERNS, KYVERNO.namespace, input.sourceNamespace, ...input.listedNamespaces];
}

const TRIGGER = "{{request.object.metadata.name}}";

/** The selector as the policy writes it (a fresh copy, in Kyverno's LabelSelector type). */
function selectorField(selector: LabelSelector): ILabelSelector {
    return {
        ...(selector.matchLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
        ...(selector.matchExpressions
            ? {
                  matchExpressions: selector.matchExpressions.map((r) => ({
                      key: r.key,
                      operator: r.operator,
                      ...(r.values ? { values: [...r.values] } : {}),
                  })),
              }
            : {}),
    };
}

/** The JSON patch adding the entry and its record, as a Kyverno `patchesJson6902` string (YAML flow). */
function entryPatch(ref: PolicyReference, policyName: string): string {
    const annotation = escapePointer(policyEntryAnnotation(ref.list, ref.secret));
    return JSON.stringify([
        { op: "add", path: `/${ref.list}/-`, value: { name: ref.secret } },
        { op: "add", path: `/metadata/annotations/${annotation}`, value: policyName },
    ]);
}

/** The rules for one secret: clone it into every matching namespace. */
function cloneRule(input: SelectorPolicyInput, secret: string, exclude: IMatchResources): IRule {
    return {
        name: shortName("clone", secret),
        match: { any: [{ resources: { kinds: ["Namespace"], selector: selectorField(input.selector) } }] },
        exclude,
        generate: {
            apiVersion: "v1",
            kind: "Secret",
            name: secret,
            namespace: TRIGGER,
            synchronize: true,
            generateExisting: true,
            orphanDownstreamOnPolicyDelete: true,
            clone: { namespace: input.sourceNamespace, name: secret },
        },
    };
}

/** The entry in ServiceAccounts created or updated in matching namespaces. */
function admissionRule(
    input: SelectorPolicyInput,
    ref: PolicyReference,
    policyName: string,
    excluded: string[],
): IRule {
    return {
        name: shortName(
            `${ref.list === "imagePullSecrets" ? "pull" : "mount"}-new`,
            `${ref.serviceAccount}.${ref.secret}`,
        ),
        match: {
            any: [
                {
                    resources: {
                        kinds: ["ServiceAccount"],
                        names: [ref.serviceAccount],
                        operations: ["CREATE", "UPDATE"],
                        namespaceSelector: selectorField(input.selector),
                    },
                },
            ],
        },
        exclude: { any: [{ resources: { namespaces: excluded } }] },
        preconditions: {
            all: [
                { key: ref.secret, operator: "AnyNotIn", value: `{{ request.object.${ref.list}[].name || \`[]\` }}` },
            ],
        },
        mutate: { patchesJson6902: entryPatch(ref, policyName) },
    };
}

/** The entry in ServiceAccounts that exist when the policy is created or their namespace starts matching. */
function existingRule(
    input: SelectorPolicyInput,
    ref: PolicyReference,
    policyName: string,
    exclude: IMatchResources,
): IRule {
    return {
        name: shortName(
            `${ref.list === "imagePullSecrets" ? "pull" : "mount"}-existing`,
            `${ref.serviceAccount}.${ref.secret}`,
        ),
        match: { any: [{ resources: { kinds: ["Namespace"], selector: selectorField(input.selector) } }] },
        exclude,
        mutate: {
            mutateExistingOnPolicyUpdate: true,
            targets: [
                {
                    apiVersion: "v1",
                    kind: "ServiceAccount",
                    namespace: TRIGGER,
                    name: ref.serviceAccount,
                    preconditions: {
                        all: [
                            {
                                key: ref.secret,
                                operator: "AnyNotIn",
                                value: `{{ target.${ref.list}[].name || \`[]\` }}`,
                            },
                        ],
                    },
                },
            ],
            patchesJson6902: entryPatch(ref, policyName),
        },
    };
}

/** The ClusterPolicy (kyverno.io/v1) of a selector stack. */
export function selectorPolicy(input: SelectorPolicyInput): IClusterPolicy & { metadata: { name: string } } {
    const name = selectorPolicyName(input.cluster);
    const excluded = excludedNamespaces(input);
    const excludeNamespaces: IMatchResources = { any: [{ resources: { kinds: ["Namespace"], names: excluded } }] };
    return {
        apiVersion: "kyverno.io/v1",
        kind: "ClusterPolicy",
        metadata: {
            name,
            labels: { "app.kubernetes.io/managed-by": "registry-access" },
            annotations: {
                "policies.kyverno.io/title": "registry-access pull secrets",
                "policies.kyverno.io/description": `Pull secrets of registry-access (cluster ${input.cluster}) for namespaces matching its namespaceSelector.`,
            },
        },
        spec: {
            background: true,
            webhookConfiguration: { failurePolicy: "Ignore", timeoutSeconds: 10 },
            rules: [
                ...input.secrets.map((s) => cloneRule(input, s, excludeNamespaces)),
                ...input.references.map((r) => admissionRule(input, r, name, excluded)),
                ...input.references.map((r) => existingRule(input, r, name, excludeNamespaces)),
            ],
        },
    };
}

export interface AggregatedRole {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly rules: readonly { apiGroups: string[]; resources: string[]; verbs: string[] }[];
}

/** The ClusterRoles aggregated into Kyverno's controllers: Secrets and ServiceAccounts only. */
export function kyvernoRoles(cluster: string): AggregatedRole[] {
    const name = selectorPolicyName(cluster);
    return [
        {
            name: `${name}:background`,
            labels: { "rbac.kyverno.io/aggregate-to-background-controller": "true" },
            rules: [
                {
                    apiGroups: [""],
                    resources: ["secrets"],
                    verbs: ["get", "list", "watch", "create", "update", "delete"],
                },
                { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["get", "list", "watch", "update"] },
            ],
        },
        {
            name: `${name}:admission`,
            labels: { "rbac.kyverno.io/aggregate-to-admission-controller": "true" },
            rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }],
        },
    ];
}
