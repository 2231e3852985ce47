/**
 * Namespaces that belong to the platform: Kubernetes' own, IBM Cloud's, OpenShift's and Calico's. A stack
 * puts nothing there unless it names the namespace in `registry-access:allowedSystemNamespaces`. Pure.
 */
import type { PathProblem } from "../input/problems";

/**
 * `kube-*`, `ibm-*`, `openshift` and `openshift-*`, Calico's and the Tigera operator's, as wildcard patterns
 * (`*`: any characters), the form Kyverno's `names` take (kyverno/kyverno ext/wildcard/match.go).
 */
export const SYSTEM_NAMESPACE_PATTERNS = [
    "kube-*",
    "ibm-*",
    "openshift",
    "openshift-*",
    "calico-system",
    "calico-apiserver",
    "tigera-operator",
] as const;
export const SYSTEM_NAMESPACES = new RegExp(
    `^(${SYSTEM_NAMESPACE_PATTERNS.map((p) => p.replace(/\*/g, ".+")).join("|")})$`,
);
export const SYSTEM_NAMESPACES_TEXT = SYSTEM_NAMESPACE_PATTERNS.join(", ");

export function isSystemNamespace(namespace: string): boolean {
    return SYSTEM_NAMESPACES.test(namespace);
}

/** System namespaces in `namespaces` not allowed by name, and allowances that name nothing to allow. */
export function systemNamespaceProblems(namespaces: readonly string[], allowed: readonly string[]): PathProblem[] {
    const problems: PathProblem[] = [];
    const allowedSet = new Set(allowed);
    const listed = new Set(namespaces);
    for (const ns of namespaces) {
        if (isSystemNamespace(ns) && !allowedSet.has(ns)) {
            problems.push({
                path: "namespaces",
                value: ns,
                rule:
                    `is a system namespace (${SYSTEM_NAMESPACES_TEXT}), which belongs to the platform; ` +
                    "list it in registry-access:allowedSystemNamespaces too if you mean to put pull secrets there",
            });
        }
    }
    for (const ns of allowed) {
        if (!isSystemNamespace(ns)) {
            problems.push({ path: "allowedSystemNamespaces", value: ns, rule: "is not a system namespace; remove it" });
        } else if (!listed.has(ns)) {
            problems.push({
                path: "allowedSystemNamespaces",
                value: ns,
                rule: "is not in registry-access:namespaces; remove it, or add it there",
            });
        }
    }
    return problems;
}

/**
 * The annotation by which an object says it is in a system namespace on purpose, because the stack lists that
 * namespace in allowedSystemNamespaces: the program writes it, the policy pack's no-system-namespaces
 * (policy/systemNamespaces.ts) looks for it.
 */
export const OPT_IN_ANNOTATION = "registry-access.io/opt-in";
/** The annotation with its value: the config key that allowed the namespace. */
export const SYSTEM_NAMESPACE_OPT_IN = { [OPT_IN_ANNOTATION]: "allowedSystemNamespaces" } as const;

/**
 * The opt-in annotation for an object in `namespace`: present exactly when it is a system namespace the stack
 * allows by name (never inferred from the namespace alone, so the policy still catches a builder that puts
 * something in a system namespace nobody allowed).
 */
export function systemNamespaceOptIn(namespace: string, allowed: readonly string[]): Record<string, string> {
    return isSystemNamespace(namespace) && allowed.includes(namespace) ? { ...SYSTEM_NAMESPACE_OPT_IN } : {};
}

/** The opt-in as metadata to spread: `{annotations}` where it applies, nothing elsewhere (plans keep their shape). */
export function systemNamespaceMetadata(
    namespace: string,
    allowed: readonly string[],
): { annotations?: Record<string, string> } {
    const optIn = systemNamespaceOptIn(namespace, allowed);
    return Object.keys(optIn).length > 0 ? { annotations: optIn } : {};
}
