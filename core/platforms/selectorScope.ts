/**
 * The rules of a stack that chooses namespaces by label (registry-access:namespaceSelector) and where its
 * pull secrets are made: the listed namespaces, plus the source namespace Kyverno clones from. Pure.
 */
import { Check, DNS1123_LABEL } from "../input/checks";
import type { PathProblem } from "../input/problems";
import { LabelSelector, isEmptySelector, readLabelSelector } from "../kubernetes/labelSelector";
import { isSystemNamespace } from "../kubernetes/systemNamespaces";
import { KYVERNO, KyvernoMode } from "./kyverno";

export const DEFAULT_SOURCE_NAMESPACE = "registry-access";

export interface SelectorContext {
    readonly namespaces?: readonly string[];
    readonly namespaceSelector?: LabelSelector;
    readonly sourceNamespace: string;
    readonly kyverno: KyvernoMode;
    readonly imageTrust?: readonly unknown[];
    readonly imageStreams?: readonly unknown[];
}

/** Where the stack makes pull secrets: each listed namespace, then the source namespace with a selector. */
export function secretNamespaces(ctx: Pick<SelectorContext, "namespaces" | "namespaceSelector" | "sourceNamespace">) {
    const listed = ctx.namespaces ?? [];
    // A source namespace that is refused (its own problem says why) gets nothing planned into it.
    const usable = ctx.namespaceSelector !== undefined && !sourceNamespaceProblem(ctx.sourceNamespace, listed);
    return usable ? [...listed, ctx.sourceNamespace] : listed;
}

/**
 * registry-access:namespaceSelector as given (`{}`, its default, is unset and never reaches here). A selector
 * with nothing in it matches every namespace in Kubernetes (apimachinery LabelSelectorAsSelector), which here
 * would be written by accident (`matchLabels: {}`): refused, saying how to choose every namespace on purpose.
 */
export function readNamespaceSelector(raw: unknown): ReturnType<typeof readLabelSelector> {
    const read = readLabelSelector(raw);
    if (read.value === undefined || !isEmptySelector(read.value)) return read;
    return {
        problems: [
            {
                path: "",
                value: JSON.stringify(raw),
                rule:
                    "selects nothing in particular, which Kubernetes reads as every namespace; to mean that, write " +
                    "matchExpressions: [{key: kubernetes.io/metadata.name, operator: Exists}]",
            },
        ],
    };
}

/**
 * The source namespace's own rule, judged on the key alone so that it is reported whatever else the stack holds:
 * the stack creates and owns the namespace, so not one every cluster has, nor one Kyverno does not watch.
 */
export const SOURCE_NAMESPACE: Check<string> = {
    rule:
        `${DNS1123_LABEL.rule}; and not default, ${KYVERNO.namespace} or a system namespace ` +
        "(Kyverno does not watch them): the stack creates and owns its source namespace",
    accept: (s) =>
        DNS1123_LABEL.accept(s) !== undefined && !isSystemNamespace(s) && s !== KYVERNO.namespace && s !== "default"
            ? s
            : undefined,
};

/** Why `namespace`, an accepted SOURCE_NAMESPACE, cannot be this stack's source namespace, if it cannot. */
function sourceNamespaceProblem(namespace: string, listed: readonly string[]): string | undefined {
    return listed.includes(namespace)
        ? "is also in registry-access:namespaces; the source namespace only holds the secrets Kyverno clones: choose another"
        : undefined;
}

export function selectorProblems(ctx: SelectorContext): PathProblem[] {
    const listed = ctx.namespaces ?? [];
    if (ctx.namespaceSelector === undefined) {
        return [
            // Unset, not merely empty: a list whose every element was refused has its own problems.
            ...(ctx.namespaces === undefined
                ? [
                      {
                          path: "namespaces",
                          rule: "is required: list at least one namespace, or set registry-access:namespaceSelector",
                      },
                  ]
                : []),
            ...(ctx.sourceNamespace !== DEFAULT_SOURCE_NAMESPACE
                ? [
                      {
                          path: "sourceNamespace",
                          value: ctx.sourceNamespace,
                          rule: "is only used with namespaceSelector; remove it",
                      },
                  ]
                : []),
            ...(ctx.kyverno !== "existing"
                ? [{ path: "kyverno", value: ctx.kyverno, rule: "is only used with namespaceSelector; remove it" }]
                : []),
        ];
    }
    const problems: PathProblem[] = [];
    const source = sourceNamespaceProblem(ctx.sourceNamespace, listed);
    if (source) problems.push({ path: "sourceNamespace", value: ctx.sourceNamespace, rule: source });
    if (listed.length === 0 && ctx.imageTrust !== undefined) {
        problems.push({
            path: "imageTrust",
            rule: "needs registry-access:namespaces: Portieris ImagePolicies are written into listed namespaces, and namespaces chosen by namespaceSelector get none",
        });
    }
    if (listed.length === 0 && ctx.imageStreams !== undefined) {
        problems.push({
            path: "imageStreams",
            rule: "needs registry-access:namespaces: image streams are imported into a listed namespace (imageStreamNamespace)",
        });
    }
    return problems;
}
