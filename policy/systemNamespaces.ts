/**
 * Nothing of ours in the platform's namespaces unless the stack chose it, and no Secret under a name the
 * platform owns. A Kubernetes object in a system namespace (core/kubernetes/systemNamespaces.ts) must carry the
 * opt-in annotation of core/kubernetes/systemNamespaces.ts, which components/namespacePullSecret.ts writes exactly when
 * a Secret's namespace is one (config refuses a system namespace not listed in `registry-access:allowedSystemNamespaces`). A Secret named
 * like IBM's or OpenShift's is refused everywhere, annotation or not. Pure.
 */
import { isSystemNamespace, SYSTEM_NAMESPACES_TEXT } from "../core/kubernetes/systemNamespaces";
import { REGISTRY_ROUTE } from "../core/platforms/platformPlan";
import { platformOwner } from "../core/registry/sourcePlan";
import { GLOBAL_PULL_SECRET } from "../core/sharedObjects/globalPullSecretMerge";
import { isKubernetesSecret } from "./dockerConfigs";
import { OPT_IN_ANNOTATION, SYSTEM_NAMESPACE_OPT_IN } from "../core/kubernetes/systemNamespaces";
import { PolicyResource, ResourcePolicy, describeResource, stringAt } from "./resource";

/**
 * The one object a platform procedure itself puts in a system namespace: OpenShift's internal-registry Route
 * (`registryRoute`), which IBM's procedure creates in openshift-image-registry, where the registry's Service is.
 */
function isRegistryRoute(resource: PolicyResource, namespace: string, name: string | undefined): boolean {
    return (
        resource.props.kind === "Route" &&
        stringAt(resource.props, "apiVersion")?.startsWith("route.openshift.io/") === true &&
        namespace === REGISTRY_ROUTE.namespace &&
        name === REGISTRY_ROUTE.name
    );
}

/** Why a Secret of this name belongs to the platform: IBM's and OpenShift's pull secrets. */
function platformSecretOwner(namespace: string, name: string): string | undefined {
    if (namespace === GLOBAL_PULL_SECRET.namespace && name === GLOBAL_PULL_SECRET.name) {
        return "is OpenShift's global pull secret, which only GlobalPullSecretEntries edits, entry by entry";
    }
    return platformOwner(namespace, name);
}

export const noSystemNamespaces: ResourcePolicy = {
    name: "no-system-namespaces",
    description:
        `No Kubernetes object in a system namespace (${SYSTEM_NAMESPACES_TEXT}) without the annotation ` +
        `${OPT_IN_ANNOTATION}: ${SYSTEM_NAMESPACE_OPT_IN[OPT_IN_ANNOTATION]}, and never a Secret named like the ` +
        "platform's (*-dockercfg-*, openshift-config/pull-secret, default/all-icr-io, default/default-<region>-icr-io).",
    enforcementLevel: "mandatory",
    check(resource) {
        if (!resource.type.startsWith("kubernetes:")) return [];
        const metadata = resource.props.metadata;
        const who = describeResource(resource);
        const messages: string[] = [];
        // An object without a namespace goes to the provider's default one, `default` unless configured.
        const namespace = stringAt(metadata, "namespace") ?? "default";
        const name = stringAt(metadata, "name");
        if (isSystemNamespace(namespace) && !isRegistryRoute(resource, namespace, name)) {
            const optIn = stringAt(metadata, "annotations", OPT_IN_ANNOTATION);
            if (optIn !== SYSTEM_NAMESPACE_OPT_IN[OPT_IN_ANNOTATION]) {
                messages.push(
                    `${who}: metadata.namespace ${namespace} is a system namespace (${SYSTEM_NAMESPACES_TEXT}); put ` +
                        "nothing there, or list it in registry-access:allowedSystemNamespaces so that the object " +
                        `carries metadata.annotations["${OPT_IN_ANNOTATION}"]: ${SYSTEM_NAMESPACE_OPT_IN[OPT_IN_ANNOTATION]}`,
                );
            }
        }
        if (name !== undefined && isKubernetesSecret(resource)) {
            const owner = platformSecretOwner(namespace, name);
            if (owner !== undefined) {
                messages.push(
                    `${who}: metadata.name ${name} in namespace ${namespace} ${owner}; the platform owns a Secret of ` +
                        "that name, so no stack may manage one, opt-in annotation or not: choose another secretName",
                );
            }
        }
        return messages;
    },
};
