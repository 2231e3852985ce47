import { noSystemNamespaces } from "../../policy/systemNamespaces";
import { OPT_IN_ANNOTATION } from "../../core/kubernetes/systemNamespaces";
import { dockerConfigSecret, registryRoute, resource } from "./fixtures";

const check = noSystemNamespaces.check;
const OPT_IN = { [OPT_IN_ANNOTATION]: "allowedSystemNamespaces" };
const REFUSED = "is a system namespace";

/** An object named like the internal-registry Route, of another kind or group, or in another namespace. */
const lookalike = (
    type: string,
    apiVersion: string | undefined,
    kind: string,
    namespace = "openshift-image-registry",
) =>
    resource(type, `${namespace}.image-registry`, {
        ...(apiVersion === undefined ? {} : { apiVersion }),
        kind,
        metadata: { name: "image-registry", namespace },
    });

describe("no-system-namespaces: what counts as the internal-registry Route", () => {
    it("is an OpenShift Route (route.openshift.io) named image-registry in openshift-image-registry only", () => {
        expect(check(registryRoute())).toEqual([]);
        // The registry's own Service has the same name and namespace (IBM's procedure points the Route at it).
        expect(check(lookalike("kubernetes:core/v1:Service", "v1", "Service"))).toEqual([
            expect.stringContaining(`openshift-image-registry ${REFUSED}`),
        ]);
        // Knative Serving has a kind Route too (serving.knative.dev/v1).
        const knative = lookalike("kubernetes:serving.knative.dev/v1:Route", "serving.knative.dev/v1", "Route");
        expect(check(knative)).toEqual([expect.stringContaining(REFUSED)]);
        expect(check(lookalike("kubernetes:v1:Route", undefined, "Route"))).toEqual([expect.stringContaining(REFUSED)]);
        // Both kind and group make the Route: a CustomResource of another kind claiming the group is not it.
        const otherKind = lookalike("kubernetes:route.openshift.io/v1:Ingress", "route.openshift.io/v1", "Ingress");
        expect(check(otherKind)).toEqual([expect.stringContaining(REFUSED)]);
        const elsewhere = lookalike(
            "kubernetes:route.openshift.io/v1:Route",
            "route.openshift.io/v1",
            "Route",
            "openshift-ingress",
        );
        expect(check(elsewhere)).toEqual([expect.stringContaining(`openshift-ingress ${REFUSED}`)]);
    });
});

describe("no-system-namespaces: what it judges", () => {
    it("refuses only openshift-config's pull-secret by name there; other Secrets there need the opt-in only", () => {
        expect(
            check(
                dockerConfigSecret({
                    namespace: "openshift-config",
                    secretName: "registry-creds",
                    annotations: OPT_IN,
                }),
            ),
        ).toEqual([]);
        expect(check(dockerConfigSecret({ namespace: "openshift-config", secretName: "registry-creds" }))).toEqual([
            expect.stringContaining(`openshift-config ${REFUSED}`),
        ]);
    });

    it("judges Kubernetes objects only, and objects with no namespace by the default one", () => {
        const notKubernetes = resource("registry-access:index:NamespacePullSecret", "kube-system.x", {
            metadata: { name: "all-icr-io", namespace: "kube-system" },
            kind: "Secret",
        });
        expect(check(notKubernetes)).toEqual([]);
        expect(check(resource("kubernetes:core/v1:ConfigMap", "x", { kind: "ConfigMap" }))).toEqual([]);
        const clusterScoped = resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "reader", {
            kind: "ClusterRole",
            metadata: { name: "reader" },
        });
        expect(check(clusterScoped)).toEqual([]);
        const noNamespace = resource("kubernetes:core/v1:Secret", "all-icr-io", {
            kind: "Secret",
            metadata: { name: "all-icr-io" },
        });
        expect(check(noNamespace)).toEqual([
            "kubernetes:core/v1:Secret all-icr-io: metadata.name all-icr-io in namespace default is the secret IBM " +
                "Cloud manages in namespace default; the platform owns a Secret of that name, so no stack may manage " +
                "one, opt-in annotation or not: choose another secretName",
        ]);
    });
});
