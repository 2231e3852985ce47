/**
 * `registry-access:platform` and the keys that apply on one platform only: each combination refused with the
 * others, in one error, word for word; a Code Engine stack needs no cluster keys at all.
 */
import { RawConfig, validateConfig } from "../../core/config/validate";
import { configMessageOf } from "./clusterConfig";

const PROJECT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const list = (v: unknown[]) => JSON.stringify(v);

const messageOf = configMessageOf;

describe("platform", () => {
    it("is iks by default, and a Code Engine stack needs only its project", () => {
        expect(validateConfig({ cluster: "c1", namespaces: list(["a"]) }).platform).toBe("iks");
        expect(validateConfig({ platform: "codeengine", codeEngineProjectId: PROJECT })).toEqual({
            platform: "codeengine",
            codeEngineProjectId: PROJECT,
            roles: ["Reader"],
            roleIntent: "pull",
            protectIdentity: false,
            registryRegions: undefined,
            registryNamespaces: undefined,
            privateEndpoints: false,
            dockerEmail: undefined,
            registries: [{ type: "icr", identity: "shared" }],
            // One registry secret per ICR domain, planned once here and handed to the program.
            codeEngineSecrets: expect.arrayContaining([
                { name: "us-icr-io", server: "us.icr.io", username: "iamapikey", source: 0 },
            ]),
        });
    });

    it("reads the cluster keys' empty defaults (what the CLI injects from Pulumi.yaml) as unset on codeengine", () => {
        const raw = { platform: "codeengine", codeEngineProjectId: PROJECT, cluster: "", namespaces: "[]" };
        expect(validateConfig({ ...raw, serviceAccounts: list(["default"]), kubeconfig: "cluster" }).platform).toBe(
            "codeengine",
        );
    });

    it("refuses keys of other platforms, with the key's value and both platforms", () => {
        expect(
            messageOf({
                cluster: "c1",
                namespaces: list(["a"]),
                codeEngineProjectId: PROJECT,
                globalPullSecret: "true",
                imageStreams: list(["us.icr.io/apps/api:1"]),
            }),
        ).toBe(
            [
                "invalid stack configuration (3 problems):",
                `  - registry-access:codeEngineProjectId "${PROJECT}": is only used with platform codeengine, and this stack's platform is iks; remove it`,
                `  - registry-access:globalPullSecret "true": is only used with platform openshift, and this stack's platform is iks; remove it`,
                `  - registry-access:imageStreams "[\\"us.icr.io/apps/api:1\\"]": is only used with platform openshift, and this stack's platform is iks; remove it`,
            ].join("\n"),
        );
        expect(
            messageOf({
                platform: "codeengine",
                cluster: "c1",
                namespaces: list(["a"]),
                kubeconfig: "ambient",
                imageTrust: list(["us.icr.io/a/*"]),
            }),
        ).toBe(
            [
                "invalid stack configuration (5 problems):",
                `  - registry-access:cluster "c1": is only used with platform iks or openshift, and this stack's platform is codeengine; remove it`,
                "  - registry-access:codeEngineProjectId: is required: the ID of your Code Engine project",
                `  - registry-access:namespaces "[\\"a\\"]": is only used with platform iks or openshift, and this stack's platform is codeengine; remove it`,
                `  - registry-access:imageTrust "[\\"us.icr.io/a/*\\"]": is only used with platform iks, and this stack's platform is codeengine; remove it`,
                `  - registry-access:kubeconfig "ambient": is only used with platform iks or openshift, and this stack's platform is codeengine; remove it`,
            ].join("\n"),
        );
        // Portieris is an IKS procedure (seed 003).
        expect(
            messageOf({
                platform: "openshift",
                cluster: "c1",
                namespaces: list(["a"]),
                imageTrust: list(["us.icr.io/a/b"]),
            }),
        ).toContain("imageTrust");
    });

    it("accepts a key of other platforms written as its default, and refuses any other text", () => {
        const codeEngine = { platform: "codeengine", codeEngineProjectId: PROJECT };
        const defaults = { secretName: "all-icr-io", sourceNamespace: "registry-access", kyverno: "existing" };
        expect(validateConfig({ ...codeEngine, ...defaults, serviceAccounts: list(["default"]) }).platform).toBe(
            "codeengine",
        );
        const refusal = (key: string, text: string, platforms: string, platform: string) =>
            `  - registry-access:${key} ${JSON.stringify(text)}: is only used with platform ${platforms}, and this stack's platform is ${platform}; remove it`;
        // A required key has no default: no text of it is one, not even the word "undefined".
        expect(messageOf({ ...codeEngine, cluster: "undefined", namespaces: "not json" }).split("\n")).toEqual([
            "invalid stack configuration (2 problems):",
            refusal("cluster", "undefined", "iks or openshift", "codeengine"),
            refusal("namespaces", "not json", "iks or openshift", "codeengine"),
        ]);
        // A boolean's default is the word the CLI passes (YAML false), not any text JSON reads as false.
        expect(messageOf({ cluster: "c1", namespaces: list(["a"]), globalPullSecret: " false" }).split("\n")).toEqual([
            "invalid stack configuration (1 problem):",
            refusal("globalPullSecret", " false", "openshift", "iks"),
        ]);
    });

    it("refuses an unknown platform without guessing which keys would apply", () => {
        expect(messageOf({ platform: "gke", namespaces: "[]", globalPullSecret: "true" })).toBe(
            'invalid stack configuration (1 problem):\n  - registry-access:platform "gke": must be one of iks, openshift, codeengine',
        );
    });
});

describe("platform codeengine", () => {
    const ce = (extra: RawConfig) => ({ platform: "codeengine", codeEngineProjectId: PROJECT, ...extra });

    it("refuses what needs a cluster, with any other problem, all at once", () => {
        const registries = list([
            { type: "icr", identity: "perNamespace" },
            { type: "copy", from: "all-icr-io" },
            { type: "entitled", entitlementKey: "x", namespaces: ["a"] },
        ]);
        expect(messageOf(ce({ registries, codeEngineProjectId: "MyProject" }), ["registries"])).toBe(
            [
                "invalid stack configuration (4 problems):",
                '  - registry-access:codeEngineProjectId "MyProject": must be a project ID: a lower-case GUID such as 01234567-89ab-cdef-0123-456789abcdef (ibmcloud ce project get --name NAME)',
                '  - registry-access:registries[0].identity "perNamespace": needs Kubernetes namespaces, which a Code Engine project does not have (platform codeengine); use identity shared or existingKey',
                '  - registry-access:registries[1].type "copy": copies a cluster\'s pull secrets, which a Code Engine project does not have (platform codeengine); use an icr source',
                "  - registry-access:registries[2].namespaces: names Kubernetes namespaces, which a Code Engine project does not have (platform codeengine); remove it",
            ].join("\n"),
        );
    });

    it("takes an icr secretName only with one registry domain in scope (a Code Engine secret has one server)", () => {
        const registries = list([{ type: "icr", secretName: "icr" }]);
        expect(messageOf(ce({ registries, registryRegions: list(["us-south", "eu-de"]) }), ["registries"])).toBe(
            [
                "invalid stack configuration (1 problem):",
                '  - registry-access:registries[0].secretName "icr": names one secret, but Code Engine takes one server per secret and 2 registry domains are in scope; remove secretName (each secret is named after its domain) or set one registryRegions',
            ].join("\n"),
        );
        expect(
            validateConfig(ce({ registries, registryRegions: list(["us-south"]) }), {
                secretKeys: new Set(["registries"]),
            }).platform,
        ).toBe("codeengine");
    });

    it("refuses two sources with the same secret name", () => {
        const registries = list([
            { type: "private", server: "quay.io", username: "u", password: "p", secretName: "regcred" },
            { type: "entitled", entitlementKey: "k", secretName: "regcred" },
        ]);
        expect(messageOf(ce({ registries }), ["registries"])).toContain(
            '  - registry-access:registries[1].secretName "regcred": is also the secret name of source [0]; give one of them another secretName',
        );
    });
});

describe("platform openshift", () => {
    it("checks image streams against the pull secret's scope, and the other OpenShift keys, all at once", () => {
        const raw = {
            platform: "openshift",
            cluster: "c1",
            namespaces: list(["a", "b"]),
            registryRegions: list(["us-south"]),
            registryNamespaces: list(["apps"]),
            imageStreams: list([
                "de.icr.io/apps/x:1",
                "private.us.icr.io/apps/y:1",
                "us.icr.io/other/z:1",
                "us.icr.io/apps/api:1",
                "us.icr.io/apps/team/api:1",
                "us.icr.io/apps/w@sha256:abc",
            ]),
            imageStreamNamespace: "c",
            globalPullSecret: "true",
            builderPush: "true",
            registries: list([
                { type: "icr", identity: "perNamespace", namespaces: ["a"] },
                { type: "private", server: "quay.io", username: "u", password: "p", secretName: "icr-builder-push" },
            ]),
        };
        expect(messageOf(raw, ["registries"])).toBe(
            [
                "invalid stack configuration (10 problems):",
                // Red Hat's own entry, known offline (seed 001 lines 1050-1054): refused before any resource.
                '  - registry-access:registries[1].server "quay.io": is Red Hat\'s entry quay.io in the OpenShift global pull secret (it holds cloud.openshift.com, quay.io, registry.connect.redhat.com, registry.redhat.io), which registry-access never changes; leave this source out (globalPullSecret false) or name a path of that registry (e.g. quay.io/ORGANIZATION)',
                '  - registry-access:globalPullSecret "true": merges one key per registry into the cluster-wide pull secret, and identity perNamespace has one per namespace; use identity shared, or leave globalPullSecret false',
                '  - registry-access:builderPush "true": puts a secret named icr-builder-push in each namespace, which a registry source also names; give that source another secretName',
                '  - registry-access:imageStreams "us.icr.io/apps/w@sha256:abc": must be an image in IBM Cloud Container Registry: DOMAIN/NAMESPACE/REPOSITORY[:TAG] with an ICR domain such as us.icr.io, a registry namespace, and a tag (not a digest)',
                "  - registry-access:imageStreams: are imported with the icr source's pull secret in c, and no icr source serves that namespace",
                '  - registry-access:imageStreams "de.icr.io/apps/x:1": is in region eu-de, outside registryRegions: the pull secret has no entry for de.icr.io',
                '  - registry-access:imageStreams "private.us.icr.io/apps/y:1": is on a private domain; set privateEndpoints to true so the pull secret has an entry for private.us.icr.io',
                '  - registry-access:imageStreams "us.icr.io/other/z:1": is in registry namespace other, outside registryNamespaces: the pull identity may not read it',
                '  - registry-access:imageStreams "us.icr.io/apps/team/api:1": would be tag 1 of image stream api, which us.icr.io/apps/api:1 already is',
                '  - registry-access:imageStreamNamespace "c": must be one of registry-access:namespaces, so that it holds the pull secret the import uses',
            ].join("\n"),
        );
    });

    it("imports into the first namespace by default, when the icr source serves it", () => {
        const raw = { platform: "openshift", cluster: "c1", namespaces: list(["a", "b"]) };
        const images = list(["us.icr.io/apps/api:1"]);
        const served = validateConfig({ ...raw, imageStreams: images });
        expect(served.platform === "openshift" && served.imageStreams?.map((i) => i.reference)).toEqual([
            "us.icr.io/apps/api:1",
        ]);
        const registries = list([{ type: "icr", namespaces: ["b"] }]);
        expect(messageOf({ ...raw, imageStreams: images, registries }, ["registries"])).toContain(
            "imageStreams: are imported with the icr source's pull secret in a, and no icr source serves that namespace",
        );
    });

    it("gives BuildConfigs the push secret only with builderPush, and only in the stack's namespaces", () => {
        const raw = {
            platform: "openshift",
            cluster: "c1",
            namespaces: list(["a"]),
            buildConfigs: list(["a/api", "b/web"]),
        };
        expect(messageOf(raw)).toBe(
            [
                "invalid stack configuration (2 problems):",
                "  - registry-access:buildConfigs: set their push and pull secret to icr-builder-push, which only builderPush creates; set builderPush to true",
                '  - registry-access:buildConfigs "b/web": is in namespace b, which is not in registry-access:namespaces (where icr-builder-push is)',
            ].join("\n"),
        );
        const ok = validateConfig({ ...raw, builderPush: "true", buildConfigs: list(["a/api"]) });
        expect(ok.platform === "openshift" && ok.buildConfigs).toEqual([{ namespace: "a", name: "api" }]);
    });

    it("needs a signing key for imageTrust (ICR's Notary is gone), and refuses the trust keys without imageTrust", () => {
        const iks = { cluster: "c1", namespaces: list(["a"]) };
        expect(messageOf({ ...iks, imageTrust: list(["us.icr.io/apps/*"]) })).toBe(
            "invalid stack configuration (1 problem):\n" +
                "  - registry-access:imageTrustSigningKey: is required with imageTrust: images of those repositories are " +
                "admitted only with a Red Hat simple signature by this key (ICR's Notary, which Portieris trust policies " +
                "need, ended on 2021-11-01); name the Secret holding the armored GPG public key under `key`",
        );
        expect(messageOf({ ...iks, imageTrustSigningKey: "k", imageTrustOtherImages: "deny" })).toBe(
            [
                "invalid stack configuration (2 problems):",
                "  - registry-access:imageTrustSigningKey: is only used with imageTrust; remove it or set imageTrust",
                '  - registry-access:imageTrustOtherImages "deny": is only used with imageTrust; remove it or set imageTrust',
            ].join("\n"),
        );
    });
});
