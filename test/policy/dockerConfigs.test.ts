import { credentialProperties, isKubernetesSecret, registryEntries } from "../../policy/dockerConfigs";
import {
    CODE_ENGINE_SECRET,
    SECRET,
    codeEngineSecret,
    dockerConfigSecret,
    kubernetesProvider,
    resource,
} from "./fixtures";

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** A kubernetes.io/dockerconfigjson Secret whose `.dockerconfigjson` is `value` in `field`. */
const withConfig = (field: "stringData" | "data", value: unknown) =>
    resource(SECRET, "team-a.legacy", {
        kind: "Secret",
        type: "kubernetes.io/dockerconfigjson",
        metadata: { name: "legacy", namespace: "team-a" },
        [field]: { ".dockerconfigjson": value },
    });

describe("isKubernetesSecret", () => {
    it("knows a Secret however registered: the Secret class, a SecretPatch, a CustomResource of kind Secret", () => {
        expect(isKubernetesSecret(dockerConfigSecret())).toBe(true);
        // @pulumi/kubernetes core/v1/secretPatch.js: type kubernetes:core/v1:SecretPatch, inputs kind "Secret".
        const patch = resource("kubernetes:core/v1:SecretPatch", "team-a.x", { apiVersion: "v1", kind: "Secret" });
        expect(isKubernetesSecret(patch)).toBe(true);
        expect(isKubernetesSecret(resource("kubernetes:v1:Secret", "x", { apiVersion: "v1", kind: "Secret" }))).toBe(
            true,
        );
    });

    it("is no Secret for other kinds, or outside the Kubernetes provider", () => {
        expect(isKubernetesSecret(resource("kubernetes:core/v1:ConfigMap", "x", { kind: "ConfigMap" }))).toBe(false);
        expect(isKubernetesSecret(resource("example:index:Secret", "x", { kind: "Secret" }))).toBe(false);
        expect(isKubernetesSecret(codeEngineSecret())).toBe(false);
    });
});

describe("credentialProperties", () => {
    it("names data and stringData of a docker config Secret, data of a Code Engine secret, nothing elsewhere", () => {
        expect(credentialProperties(dockerConfigSecret())).toEqual(["data", "stringData"]);
        expect(credentialProperties(codeEngineSecret())).toEqual(["data"]);
        const opaque = resource(SECRET, "a.b", { kind: "Secret", type: "Opaque", data: { k: base64("v") } });
        expect(credentialProperties(opaque)).toEqual([]);
        expect(credentialProperties(kubernetesProvider())).toEqual([]);
    });
});

describe("registryEntries", () => {
    it("reads each auths key with its username and the user part of auth, in stringData and in data", () => {
        const config = JSON.stringify({
            auths: {
                "us.icr.io": { username: "iamapikey", password: "k", auth: base64("iamapikey:k") },
                "quay.io": { auth: base64("robot:p:with:colons") },
                "cp.icr.io": { username: "cp" },
            },
        });
        const path = (field: string) => [field, ".dockerconfigjson"];
        for (const [field, value] of [
            ["stringData", config],
            ["data", base64(config)],
        ] as const) {
            expect(registryEntries(withConfig(field, value))).toStrictEqual([
                { path: path(field), server: "us.icr.io", usernames: ["iamapikey", "iamapikey"] },
                { path: path(field), server: "quay.io", usernames: ["robot"] },
                { path: path(field), server: "cp.icr.io", usernames: ["cp"] },
            ]);
        }
    });

    it("takes auth's user as the kubelet does: before the first ':', empty if it starts there, none without one", () => {
        // kubernetes pkg/credentialprovider/config.go decodeDockerConfigFieldAuth: strings.SplitN(decoded, ":", 2).
        const usersOf = (auth: string) =>
            registryEntries(withConfig("stringData", JSON.stringify({ auths: { "us.icr.io": { auth } } })))[0]
                .usernames;
        expect(usersOf(base64(":secret"))).toStrictEqual([""]);
        expect(usersOf(base64("no-colon"))).toStrictEqual([]);
    });

    it("has no entries where the value is no docker config: not JSON, no auths map, not a string", () => {
        expect(registryEntries(withConfig("stringData", "PLACEHOLDER-READ-AT-RUN-TIME"))).toEqual([]);
        expect(registryEntries(withConfig("stringData", JSON.stringify({ credsStore: "desktop" })))).toEqual([]);
        expect(registryEntries(withConfig("stringData", JSON.stringify({ auths: ["us.icr.io"] })))).toEqual([]);
        expect(registryEntries(withConfig("data", base64("{")))).toEqual([]);
        expect(registryEntries(withConfig("stringData", { auths: { "us.icr.io": {} } }))).toEqual([]);
        expect(registryEntries(withConfig("data", null))).toEqual([]);
    });

    it("reads a Code Engine registry secret's data.server and data.username; no server, no entry", () => {
        expect(registryEntries(codeEngineSecret())).toStrictEqual([
            { path: ["data"], server: "us.icr.io", usernames: ["iamapikey"] },
        ]);
        const noUser = resource(CODE_ENGINE_SECRET, "x", { format: "registry", data: { server: "quay.io" } });
        expect(registryEntries(noUser)).toStrictEqual([{ path: ["data"], server: "quay.io", usernames: [] }]);
        const generic = resource(CODE_ENGINE_SECRET, "x", { format: "generic", data: { username: "token" } });
        expect(registryEntries(generic)).toEqual([]);
    });

    it("reads nothing from resources that hold no registry credential", () => {
        const opaque = resource(SECRET, "a.b", {
            kind: "Secret",
            type: "Opaque",
            data: { server: base64("registry.ng.bluemix.net"), username: base64("token") },
        });
        expect(registryEntries(opaque)).toEqual([]);
        expect(registryEntries(kubernetesProvider())).toEqual([]);
    });
});
