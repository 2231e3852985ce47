/**
 * The rules of the config contract that involve several keys (core/config/validate.ts runs them after each key's
 * own rule): simple ones that refuse a combination, and checks that report problems under full paths
 * (`registries[1].secretName`), from the registry sources' and the platforms' planners. Pure.
 */
import { sameKey } from "../iam/keyLifecycle";
import { roleIntentProblems } from "../iam/roleIntent";
import { systemNamespaceProblems } from "../kubernetes/systemNamespaces";
import {
    CodeEngineSecretPlan,
    imageTrustProblems,
    openShiftProblems,
    planCodeEngineSecrets,
} from "../platforms/platformPlan";
import { selectorProblems, secretNamespaces } from "../platforms/selectorScope";
import { SourcePlan, planSources } from "../registry/sourcePlan";
import { DEFAULT_SOURCES } from "../registry/sources";
import type { CONFIG_KEYS, ConfigKey, Platform } from "./contract";
import type { PathProblem } from "../input/problems";
import type { ConfigValues } from "./typedConfig";

/**
 * The keys whose value is whole once accepted: not an object list, which holds its readable elements when others
 * have problems (only a CrossKeyCheck reads those).
 */
type WholeKey = {
    [K in ConfigKey]: (typeof CONFIG_KEYS)[K] extends { readonly type: "object list" } ? never : K;
}[ConfigKey];

export interface CrossKeyRule {
    /** The keys it reads; it runs only when each of them holds a value its own rule accepted. */
    readonly keys: readonly WholeKey[];
    /** The key the problem names; its value (which it holds whenever the rule refuses) is shown. */
    readonly report: WholeKey;
    readonly refuses: (values: ConfigValues) => boolean;
    readonly rule: string;
}

/** Typed to read only the keys it declares. */
function crossKeyRule<K extends WholeKey>(r: {
    keys: readonly K[];
    report: K;
    refuses: (values: Pick<ConfigValues, K>) => boolean;
    rule: string;
}): CrossKeyRule {
    return r;
}

const onCluster = (platform: Platform | undefined) => platform !== "codeengine";

export const CROSS_KEY_RULES: readonly CrossKeyRule[] = [
    crossKeyRule({
        keys: ["kubeContext", "kubeconfig"],
        report: "kubeContext",
        refuses: (v) => v.kubeContext !== undefined && v.kubeconfig !== "ambient",
        rule: "is only used with kubeconfig=ambient; set kubeconfig to ambient or remove kubeContext",
    }),
    crossKeyRule({
        keys: ["platform", "kubeconfig", "kubeContext"],
        report: "kubeconfig",
        refuses: (v) => onCluster(v.platform) && v.kubeconfig === "ambient" && v.kubeContext === undefined,
        rule:
            "needs registry-access:kubeContext, the kubeconfig context to use (kubectl config get-contexts): " +
            "the current context differs from machine to machine, so plans and deployments would too",
    }),
    crossKeyRule({
        keys: ["keyRotation", "keepPreviousKey"],
        report: "keepPreviousKey",
        refuses: (v) => v.keepPreviousKey !== undefined && sameKey(v.keepPreviousKey, v.keyRotation ?? ""),
        rule: "names the current keys (keyRotation); name a former keyRotation label, or remove it",
    }),
];

/**
 * What the rules derive from the config and the program then uses, each computed at most once per
 * validation (on first use): the source plan of a cluster, the registry secrets of a Code Engine project.
 */
export interface StackPlans {
    readonly sources: SourcePlan;
    readonly codeEngine: { readonly secrets: CodeEngineSecretPlan[]; readonly problems: PathProblem[] };
}

export function stackPlans(v: ConfigValues): StackPlans {
    let sources: StackPlans["sources"] | undefined;
    let codeEngine: StackPlans["codeEngine"] | undefined;
    const registries = v.registries ?? DEFAULT_SOURCES;
    return {
        get sources() {
            return (sources ??= planSources(registries, {
                cluster: v.cluster,
                namespaces: secretNamespaces(v),
                secretName: v.secretName,
            }));
        },
        get codeEngine() {
            return (codeEngine ??= planCodeEngineSecrets(registries, {
                registryRegions: v.registryRegions,
                privateEndpoints: v.privateEndpoints,
            }));
        },
    };
}

/** A rule on several keys that may find several problems, each under a full path (`registries[1].secretName`). */
export interface CrossKeyCheck {
    /**
     * The keys it reads; it runs only when each of them holds a value its own rule accepted, or, for an
     * object list whose elements have problems, the elements read (undefined at the others).
     */
    readonly keys: readonly ConfigKey[];
    readonly problems: (values: ConfigValues, plans: StackPlans) => PathProblem[];
}

export const CROSS_KEY_CHECKS: readonly CrossKeyCheck[] = [
    {
        keys: ["imageTrust", "imageTrustSigningKey", "imageTrustOtherImages"],
        problems: (v) =>
            imageTrustProblems(
                v.imageTrust !== undefined,
                v.imageTrustSigningKey !== undefined,
                v.imageTrustOtherImages,
            ),
    },
    { keys: ["roles", "roleIntent"], problems: (v) => roleIntentProblems(v.roles, v.roleIntent) },
    {
        keys: ["platform", "namespaces", "allowedSystemNamespaces"],
        problems: (v) => {
            if (!onCluster(v.platform)) return [];
            // Stryker disable next-line ArrayDeclaration: a filler namespace is no system namespace, the only kind checked
            const listed = v.namespaces ?? [];
            return systemNamespaceProblems(listed, v.allowedSystemNamespaces ?? []);
        },
    },
    {
        keys: [
            "platform",
            "namespaces",
            "namespaceSelector",
            "sourceNamespace",
            "kyverno",
            "imageTrust",
            "imageStreams",
        ],
        problems: (v) => (onCluster(v.platform) ? selectorProblems(v) : []),
    },
    {
        keys: ["platform", "registries", "namespaces", "namespaceSelector", "sourceNamespace", "secretName", "cluster"],
        problems: (v, plans) => (onCluster(v.platform) ? plans.sources.problems : []),
    },
    {
        keys: ["platform", "registries", "registryRegions", "privateEndpoints"],
        problems: (v, plans) => (v.platform === "codeengine" ? plans.codeEngine.problems : []),
    },
    {
        keys: [
            "platform",
            "registries",
            "namespaces",
            "secretName",
            "cluster",
            "registryRegions",
            "registryNamespaces",
            "privateEndpoints",
            "globalPullSecret",
            "builderPush",
            "imageStreams",
            "imageStreamNamespace",
            "buildConfigs",
        ],
        problems: (v, plans) => {
            if (v.platform !== "openshift") return [];
            return openShiftProblems(v.registries ?? DEFAULT_SOURCES, {
                ...v,
                namespaces: v.namespaces ?? [],
                secretNames: [...new Set(plans.sources.secrets.map((s) => s.secretName))],
            });
        },
    },
];
