/**
 * The policies of the pack `registry-access`, in the order they report: the same list runs under
 * `pulumi preview --policy-pack policy` (policy/index.ts) and over every offline plan (plan/policies.ts). Pure.
 */
import { noDeprecatedRegistries } from "./deprecatedRegistries";
import { registryPolicyScoped, registryRolesNeedIntent } from "./iamPolicies";
import { kubernetesProviderPinned } from "./kubernetesProvider";
import type { ResourcePolicy } from "./resource";
import { pullSecretDataIsSecret } from "./secretData";
import { noSystemNamespaces } from "./systemNamespaces";

export const POLICY_PACK_NAME = "registry-access";

export const REGISTRY_ACCESS_POLICIES: readonly ResourcePolicy[] = [
    registryRolesNeedIntent,
    noDeprecatedRegistries,
    pullSecretDataIsSecret,
    noSystemNamespaces,
    kubernetesProviderPinned,
    registryPolicyScoped,
];
