/**
 * Nothing of others taken over, refused at config time: system namespaces (unless allowed by name), IBM's
 * pull secrets in `default`, OpenShift's per-service-account pull secrets.
 */
import { validateConfig } from "../../core/config/validate";
import { configMessageOf } from "./clusterConfig";
import { isSystemNamespace } from "../../core/kubernetes/systemNamespaces";

const list = (v: unknown[]) => JSON.stringify(v);
const messageOf = configMessageOf;
const SYSTEM =
    "is a system namespace (kube-*, ibm-*, openshift, openshift-*, calico-system, calico-apiserver, tigera-operator), which belongs to the platform; list it in registry-access:allowedSystemNamespaces too if you mean to put pull secrets there";

it.each([
    ["kube-system", true],
    ["kube-public", true],
    ["ibm-system", true],
    ["openshift", true],
    ["openshift-config", true],
    ["calico-system", true],
    ["calico-apiserver", true],
    ["tigera-operator", true],
    ["default", false],
    ["kube", false],
    ["ibm", false],
    ["team-kube-system", false],
    ["openshiftapps", false],
])("isSystemNamespace(%s) is %s", (ns, expected) => {
    expect(isSystemNamespace(ns)).toBe(expected);
});

describe("system namespaces", () => {
    it("are refused in namespaces, each named, unless allowed by name; allowances must name one in use", () => {
        const raw = { cluster: "c1", namespaces: list(["team-a", "kube-system", "openshift-config", "ibm-system"]) };
        expect(messageOf({ ...raw, allowedSystemNamespaces: list(["ibm-system", "team-a", "tigera-operator"]) })).toBe(
            [
                "invalid stack configuration (4 problems):",
                `  - registry-access:namespaces "kube-system": ${SYSTEM}`,
                `  - registry-access:namespaces "openshift-config": ${SYSTEM}`,
                '  - registry-access:allowedSystemNamespaces "team-a": is not a system namespace; remove it',
                '  - registry-access:allowedSystemNamespaces "tigera-operator": is not in registry-access:namespaces; remove it, or add it there',
            ].join("\n"),
        );
        const allowed = validateConfig({
            ...raw,
            allowedSystemNamespaces: list(["kube-system", "openshift-config", "ibm-system"]),
        });
        expect(allowed.platform !== "codeengine" && allowed.namespaces).toEqual([
            "team-a",
            "kube-system",
            "openshift-config",
            "ibm-system",
        ]);
    });
});

describe("platform-owned secret names", () => {
    it("refuses OpenShift's dockercfg names and IBM's legacy secrets in default, under the key that names them", () => {
        const raw = {
            cluster: "c1",
            namespaces: list(["default", "team-a"]),
            secretName: "default-us-icr-io",
            registries: list([
                { type: "icr" },
                {
                    type: "private",
                    server: "quay.io",
                    username: "u",
                    password: "p",
                    secretName: "builder-dockercfg-x7k2p",
                },
            ]),
        };
        expect(messageOf(raw, ["registries"])).toBe(
            [
                "invalid stack configuration (2 problems):",
                '  - registry-access:secretName "default-us-icr-io": is the secret IBM Cloud manages in namespace default; choose another secretName so that it is not taken over',
                '  - registry-access:registries[1].secretName "builder-dockercfg-x7k2p": has the form of the pull secrets OpenShift makes for service accounts (<serviceaccount>-dockercfg-<suffix>); choose another secretName so that it is not taken over',
            ].join("\n"),
        );
        // Outside `default`, IBM's legacy names are anyone's.
        expect(validateConfig({ ...raw, namespaces: list(["team-a"]), registries: "[]" }).platform).toBe("iks");
    });
});
