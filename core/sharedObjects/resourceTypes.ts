/**
 * The type tokens of the resources this repository's own provider serves (provider/): one place for the
 * program's classes (components/), the provider's handlers, the offline plan and the access model. Pure.
 */

/** One reference to a pull secret in one ServiceAccount's list (components/serviceAccountPullSecretRef.ts). */
export const PULL_SECRET_REF_TYPE = "registry-access:index:ServiceAccountPullSecretRef";

/** Our entries in OpenShift's global pull secret (components/globalPullSecretEntries.ts). */
export const GLOBAL_PULL_SECRET_TYPE = "registry-access:index:GlobalPullSecretEntries";

/**
 * OpenShift's global pull secret, which GLOBAL_PULL_SECRET_TYPE edits (globalPullSecretMerge.ts). Here, so that
 * the program names it without loading the merge and its JSON editor.
 */
export const GLOBAL_PULL_SECRET = { namespace: "openshift-config", name: "pull-secret" } as const;

/** Our push and pull secrets on a BuildConfig, as oc set build-secret sets them (components/buildConfigSecretRef.ts). */
export const BUILD_CONFIG_SECRET_REF_TYPE = "registry-access:index:BuildConfigSecretRef";

/** The Kyverno ClusterPolicy of a selector stack, and the removal of what it left (components/kyvernoPolicy.ts). */
export const KYVERNO_POLICY_TYPE = "registry-access:index:KyvernoPolicy";
