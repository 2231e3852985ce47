import { REGISTRY_ROUTE } from "../../core/platforms/platformPlan";
import { noSystemNamespaces } from "../../policy/systemNamespaces";
import {
    OPT_IN_ANNOTATION,
    SYSTEM_NAMESPACE_OPT_IN,
    systemNamespaceMetadata,
    systemNamespaceOptIn,
} from "../../core/kubernetes/systemNamespaces";
import { dockerConfigSecret, imageStream, registryRoute, resource } from "./fixtures";

const check = noSystemNamespaces.check;
const OPT_IN = { [OPT_IN_ANNOTATION]: "allowedSystemNamespaces" };

describe("no-system-namespaces", () => {
    it("the opt-in annotation is written exactly for system namespaces", () => {
        expect(SYSTEM_NAMESPACE_OPT_IN).toEqual({ "registry-access.io/opt-in": "allowedSystemNamespaces" });
        expect(systemNamespaceOptIn("kube-system", ["kube-system"])).toEqual(OPT_IN);
        expect(systemNamespaceOptIn("openshift-config", ["openshift-config"])).toEqual(OPT_IN);
        // Never inferred from the namespace alone: only a namespace the stack allows by name.
        expect(systemNamespaceOptIn("kube-system", [])).toEqual({});
        expect(systemNamespaceOptIn("kube-system", ["kube-public"])).toEqual({});
        expect(systemNamespaceOptIn("team-a", ["team-a"])).toEqual({});
        expect(systemNamespaceOptIn("team-kube-system", [])).toEqual({});
        // As metadata to spread: annotations where the opt-in applies, no key at all elsewhere.
        expect(systemNamespaceMetadata("kube-system", ["kube-system"])).toStrictEqual({ annotations: OPT_IN });
        expect(systemNamespaceMetadata("team-a", ["team-a"])).toStrictEqual({});
    });

    it("passes objects in other namespaces, and objects in a system namespace with the opt-in", () => {
        expect(check(dockerConfigSecret())).toEqual([]);
        expect(check(imageStream())).toEqual([]);
        expect(check(dockerConfigSecret({ namespace: "kube-system", annotations: OPT_IN }))).toEqual([]);
        expect(check(imageStream("ibm-system", OPT_IN))).toEqual([]);
    });

    it("refuses any Kubernetes object in a system namespace without it, naming namespace and annotation", () => {
        expect(check(dockerConfigSecret({ namespace: "kube-system" }))).toEqual([
            "kubernetes:core/v1:Secret kube-system.docker-io: metadata.namespace kube-system is a system namespace " +
                "(kube-*, ibm-*, openshift, openshift-*, calico-system, calico-apiserver, tigera-operator); put nothing " +
                "there, or list it in registry-access:allowedSystemNamespaces so that the object carries " +
                'metadata.annotations["registry-access.io/opt-in"]: allowedSystemNamespaces',
        ]);
        expect(check(imageStream("openshift"))).toHaveLength(1);
        expect(
            check(dockerConfigSecret({ namespace: "calico-system", annotations: { [OPT_IN_ANNOTATION]: "yes" } })),
        ).toHaveLength(1);
        const policy = resource(
            "kubernetes:portieris.cloud.ibm.com/v1:ImagePolicy",
            "ibm-system.registry-access-trust",
            {
                apiVersion: "portieris.cloud.ibm.com/v1",
                kind: "ImagePolicy",
                metadata: { name: "registry-access-trust", namespace: "ibm-system" },
            },
        );
        expect(check(policy)).toEqual([expect.stringContaining("metadata.namespace ibm-system is a system namespace")]);
    });

    it("lets the internal-registry Route (registryRoute) be in openshift-image-registry, and nothing else there", () => {
        expect(REGISTRY_ROUTE).toMatchObject({ namespace: "openshift-image-registry", name: "image-registry" });
        expect(check(registryRoute())).toEqual([]);
        expect(check(registryRoute("other"))).toHaveLength(1);
        expect(check(imageStream("openshift-image-registry"))).toHaveLength(1);
    });

    it.each([
        ["default", "all-icr-io", "is the secret IBM Cloud manages in namespace default"],
        ["default", "default-us-icr-io", "is the secret IBM Cloud manages in namespace default"],
        ["default", "default-icr-io", "is the secret IBM Cloud manages in namespace default"],
        ["team-a", "builder-dockercfg-x7k2p", "has the form of the pull secrets OpenShift makes for service accounts"],
        ["openshift-config", "pull-secret", "is OpenShift's global pull secret"],
    ])("never allows a Secret %s/%s, opt-in or not", (namespace, secretName, why) => {
        const messages = check(dockerConfigSecret({ namespace, secretName, annotations: OPT_IN }));
        expect(messages).toEqual([
            expect.stringContaining(
                `kubernetes:core/v1:Secret ${namespace}.${secretName}: metadata.name ${secretName} in namespace ${namespace} ${why}`,
            ),
        ]);
        expect(messages[0]).toContain("opt-in annotation or not: choose another secretName");
    });

    it("allows those names where they are not the platform's, and only judges Secrets by name", () => {
        expect(check(dockerConfigSecret({ namespace: "team-a", secretName: "all-icr-io" }))).toEqual([]);
        expect(check(dockerConfigSecret({ namespace: "team-a", secretName: "pull-secret" }))).toEqual([]);
        expect(check(imageStream("team-a"))).toEqual([]);
        const notSecret = resource("kubernetes:core/v1:ConfigMap", "default.all-icr-io", {
            kind: "ConfigMap",
            metadata: { name: "all-icr-io", namespace: "default" },
        });
        expect(check(notSecret)).toEqual([]);
        // Without a namespace a Secret lands in the provider's default namespace, `default` unless configured.
        const noNamespace = resource("kubernetes:core/v1:Secret", "all-icr-io", {
            kind: "Secret",
            metadata: { name: "all-icr-io" },
        });
        expect(check(noNamespace)).toHaveLength(1);
        expect(
            check(
                resource("registry-access:index:ServiceAccountPullSecretRef", "kube-system.default", {
                    namespace: "kube-system",
                }),
            ),
        ).toEqual([]);
    });
});
