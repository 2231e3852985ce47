/**
 * Every Kubernetes provider of the stack pins off adopting, force-patching and forgetting objects, as
 * components/clusterConnection.ts PINNED_KUBERNETES_OPTIONS does: an option left unset falls back to whoever runs
 * `pulumi` (`PULUMI_K8S_UPSERT_EXISTING_OBJECTS`, `PULUMI_K8S_ENABLE_PATCH_FORCE`, `PULUMI_K8S_DELETE_UNREACHABLE`, `PULUMI_K8S_SKIP_UPDATE_UNREACHABLE`;
 * pulumi/pulumi-kubernetes provider/pkg/provider/provider.go lines 619-694 at 94977969d641). Pure.
 */
import { ResourcePolicy, describeResource } from "./resource";

export const KUBERNETES_PROVIDER_TYPE = "pulumi:providers:kubernetes";

/** The options that must be false, and what turning each on would do to objects others own. */
export const PINNED_OFF: Readonly<Record<string, string>> = {
    upsertExistingObjects: "adopt an existing object of the same name instead of failing",
    enablePatchForce: "take over fields other field managers own",
    deleteUnreachable: "drop objects from state when the cluster cannot be reached",
    skipUpdateUnreachable: "record updates it never made when the cluster cannot be reached",
};

/**
 * Whether a provider input is false as the engine hands it over: @pulumi/kubernetes' Provider sends these as
 * JSON text (`pulumi.output(args.enablePatchForce ?? getEnvBoolean("PULUMI_K8S_ENABLE_PATCH_FORCE"))
 * .apply(JSON.stringify)`, node_modules/@pulumi/kubernetes/provider.js lines 63, 65 and 76), so `false` arrives
 * as "false"; a boolean where another SDK produced them.
 */
function isFalse(value: unknown): boolean {
    return value === false || value === "false";
}

export const kubernetesProviderPinned: ResourcePolicy = {
    name: "kubernetes-provider-pinned",
    description:
        "Every pulumi:providers:kubernetes sets upsertExistingObjects, enablePatchForce, deleteUnreachable and skipUpdateUnreachable to false, " +
        "so no PULUMI_K8S_* variable of whoever runs pulumi can turn them on (components/clusterConnection.ts).",
    enforcementLevel: "mandatory",
    check(resource) {
        if (resource.type !== KUBERNETES_PROVIDER_TYPE) return [];
        return Object.entries(PINNED_OFF).flatMap(([option, effect]) => {
            const value = resource.props[option];
            if (isFalse(value)) return [];
            const state = value === undefined || value === null ? "is not set" : "is not false";
            return [
                `${describeResource(resource)}: ${option} ${state}; it must be false, or the provider may ${effect} ` +
                    "(pin it as components/clusterConnection.ts PINNED_KUBERNETES_OPTIONS does)",
            ];
        });
    },
};
