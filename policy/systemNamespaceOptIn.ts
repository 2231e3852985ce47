/**
 * The annotation by which an object says it is in a system namespace on purpose: the program writes it
 * (namespaces/namespacePullSecret.ts), the policy no-system-namespaces (policy/systemNamespaces.ts) looks for it.
 * Its own module, so that the program's builders import nothing else of the pack. Pure.
 */
import { isSystemNamespace } from "../namespaces/systemNamespaces";

export const OPT_IN_ANNOTATION = "registry-access.io/opt-in";
/** The annotation with its value: the config key that allowed the namespace. */
export const SYSTEM_NAMESPACE_OPT_IN = { [OPT_IN_ANNOTATION]: "allowedSystemNamespaces" } as const;

/** The opt-in annotation for an object in `namespace`: present exactly when it is a system namespace. */
export function systemNamespaceOptIn(namespace: string): Record<string, string> {
    return isSystemNamespace(namespace) ? { ...SYSTEM_NAMESPACE_OPT_IN } : {};
}

/** The opt-in as metadata to spread: `{annotations}` in a system namespace, nothing elsewhere (plans keep their shape). */
export function systemNamespaceMetadata(namespace: string): { annotations?: Record<string, string> } {
    return isSystemNamespace(namespace) ? { annotations: systemNamespaceOptIn(namespace) } : {};
}
