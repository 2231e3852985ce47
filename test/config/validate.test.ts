import { CONFIG_KEY_NAMES } from "../../core/config/contract";
import { ConfigError, RawConfig, configProblems } from "../../core/config/validate";
import { validateClusterConfig as validateConfig } from "./clusterConfig";

const base: RawConfig = { cluster: "dev-cluster", namespaces: JSON.stringify(["team-a", "team-b"]) };

function problemsOf(raw: RawConfig, secretKeys?: Set<string>, unreadable?: Set<string>) {
    try {
        validateConfig(raw, { secretKeys, unreadable });
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    throw new Error("expected a ConfigError");
}

describe("validateConfig: defaults", () => {
    it("fills every default for the minimal config", () => {
        expect(validateConfig(base)).toEqual({
            platform: "iks",
            cluster: "dev-cluster",
            namespaces: ["team-a", "team-b"],
            namespaceSelector: undefined,
            sourceNamespace: "registry-access",
            kyverno: "existing",
            serviceAccounts: ["default"],
            roles: ["Reader"],
            roleIntent: "pull",
            protectIdentity: false,
            registryRegions: undefined,
            registryNamespaces: undefined,
            privateEndpoints: false,
            secretName: "all-icr-io",
            dockerEmail: undefined,
            connection: { source: "cluster" },
            registries: [{ type: "icr", identity: "shared" }],
            globalPullSecret: false,
            builderPush: false,
            imageStreams: undefined,
            imageStreamNamespace: undefined,
            registryRoute: false,
            imageTrust: undefined,
            imageTrustSigningKey: undefined,
            imageTrustOtherImages: "admit",
            buildConfigs: undefined,
            // The source plan, computed once here and handed to the program.
            sourcePlan: ["team-a", "team-b"].map((namespace) => ({
                namespace,
                secretName: "all-icr-io",
                source: 0,
                resourceName: `${namespace}.all-icr-io`,
                referenceSuffix: "",
                copyOf: undefined,
            })),
        });
    });

    it("treats the empty defaults Pulumi injects from Pulumi.yaml as unset", () => {
        const c = validateConfig({
            ...base,
            registryRegions: "[]",
            registryNamespaces: "[]",
            dockerEmail: "",
            kubeContext: "",
        });
        expect(c.registryRegions).toBeUndefined();
        expect(c.registryNamespaces).toBeUndefined();
        expect(c.dockerEmail).toBeUndefined();
        expect(c.connection).toEqual({ source: "cluster" });
    });
});

describe("validateConfig: good inputs", () => {
    it.each<[string, RawConfig, (c: ReturnType<typeof validateConfig>) => void]>([
        [
            "ICR aliases resolve to IAM regions",
            { registryRegions: '["uk-south","US-SOUTH","global"]' },
            (c) => expect(c.registryRegions!.map((r) => r.iamRegion)).toEqual(["eu-gb", "us-south", "global"]),
        ],
        [
            "roles are kept in order",
            { roles: '["Reader","Writer"]', roleIntent: "push" },
            (c) => expect(c.roles).toEqual(["Reader", "Writer"]),
        ],
        [
            "registry namespaces",
            { registryNamespaces: '["team_images","ns-2x"]' },
            (c) => expect(c.registryNamespaces).toEqual(["team_images", "ns-2x"]),
        ],
        [
            "ambient with a context",
            { kubeconfig: "ambient", kubeContext: "dev/abc123" },
            (c) => expect(c.connection).toEqual({ source: "ambient", context: "dev/abc123" }),
        ],
        ["privateEndpoints true", { privateEndpoints: "true" }, (c) => expect(c.privateEndpoints).toBe(true)],
        [
            "service accounts may be subdomains",
            { serviceAccounts: '["default","builder","app.v2"]' },
            (c) => expect(c.serviceAccounts).toEqual(["default", "builder", "app.v2"]),
        ],
        [
            "all-icr-io is fine outside default",
            { secretName: "all-icr-io" },
            (c) => expect(c.secretName).toBe("all-icr-io"),
        ],
        [
            "another secretName in default",
            { namespaces: '["default"]', secretName: "team-icr" },
            (c) => expect(c.namespaces).toEqual(["default"]),
        ],
        ["dockerEmail", { dockerEmail: "a@b.c" }, (c) => expect(c.dockerEmail).toBe("a@b.c")],
    ])("%s", (_name, extra, check) => {
        check(validateConfig({ ...base, ...extra }));
    });
});

describe("validateConfig: bad inputs", () => {
    it.each<[string, RawConfig, { key: string; value?: string; rule: RegExp }]>([
        ["missing cluster", { cluster: undefined }, { key: "cluster", rule: /is required/ }],
        ["missing namespaces", { namespaces: undefined }, { key: "namespaces", rule: /is required/ }],
        [
            "namespaces not a list",
            { namespaces: "team-a,team-b" },
            { key: "namespaces", value: "team-a,team-b", rule: /must be a list of strings/ },
        ],
        ["empty namespace list", { namespaces: "[]" }, { key: "namespaces", value: undefined, rule: /is required/ }],
        [
            "namespace not a DNS label",
            { namespaces: '["Team_A"]' },
            { key: "namespaces", value: "Team_A", rule: /DNS-1123 label/ },
        ],
        [
            "namespace too long",
            { namespaces: JSON.stringify(["a".repeat(64)]) },
            { key: "namespaces", value: "a".repeat(64), rule: /DNS-1123 label/ },
        ],
        [
            "duplicate namespace",
            { namespaces: '["a","b","a"]' },
            { key: "namespaces", value: "a", rule: /more than once/ },
        ],
        [
            "unknown role",
            { roles: '["Administrator"]' },
            { key: "roles", value: "Administrator", rule: /one of Reader, Writer, Manager/ },
        ],
        ["role case matters", { roles: '["reader"]' }, { key: "roles", value: "reader", rule: /case matters/ }],
        [
            "unknown region",
            { registryRegions: '["mars-north"]' },
            { key: "registryRegions", value: "mars-north", rule: /us-south/ },
        ],
        [
            "region twice under two names",
            { registryRegions: '["eu-gb","uk-south"]' },
            { key: "registryRegions", value: "uk-south", rule: /more than once/ },
        ],
        [
            "bad ICR namespace",
            { registryNamespaces: '["ab"]' },
            { key: "registryNamespaces", value: "ab", rule: /4 to 30/ },
        ],
        ["bad boolean", { privateEndpoints: "yes" }, { key: "privateEndpoints", value: "yes", rule: /true or false/ }],
        [
            "bad secret name",
            { secretName: "All ICR" },
            { key: "secretName", value: "All ICR", rule: /DNS-1123 subdomain/ },
        ],
        [
            "IBM's secret in default",
            { namespaces: '["default"]' },
            { key: "secretName", value: "all-icr-io", rule: /IBM Cloud manages/ },
        ],
        [
            "bad kubeconfig source",
            { kubeconfig: "file" },
            { key: "kubeconfig", value: "file", rule: /one of cluster, ambient/ },
        ],
        [
            "ambient without a context (the current context differs per machine)",
            { kubeconfig: "ambient" },
            { key: "kubeconfig", value: "ambient", rule: /needs registry-access:kubeContext/ },
        ],
        [
            "Writer without roleIntent",
            { roles: '["Reader","Writer"]' },
            { key: "roles", value: "Reader, Writer", rule: /set registry-access:roleIntent to push if you mean it/ },
        ],
        [
            "Manager with roleIntent push",
            { roles: '["Manager"]', roleIntent: "push" },
            { key: "roles", value: "Manager", rule: /set registry-access:roleIntent to admin/ },
        ],
        [
            "roleIntent push with Reader only",
            { roleIntent: "push" },
            { key: "roleIntent", value: "push", rule: /asks for Writer, but roles grants only Reader/ },
        ],
        [
            "unknown roleIntent",
            { roleIntent: "write" },
            { key: "roleIntent", value: "write", rule: /one of pull, push, admin/ },
        ],
        [
            "keyRotation initial",
            { keyRotation: "initial" },
            { key: "keyRotation", value: "initial", rule: /not initial/ },
        ],
        ["keyRotation upper case", { keyRotation: "Q4" }, { key: "keyRotation", value: "Q4", rule: /rotation label/ }],
        [
            "keepPreviousKey is the current key",
            { keyRotation: "2", keepPreviousKey: "2" },
            { key: "keepPreviousKey", value: "2", rule: /names the current keys/ },
        ],
        [
            "keepPreviousKey initial before any rotation",
            { keepPreviousKey: "initial" },
            { key: "keepPreviousKey", value: "initial", rule: /names the current keys/ },
        ],
        [
            "keyExpiry not a date",
            { keyExpiry: "2027-02-30" },
            { key: "keyExpiry", value: "2027-02-30", rule: /YYYY-MM-DD/ },
        ],
        [
            "keyExpiry unquoted in the stack file (the CLI passes YAML's timestamp)",
            { keyExpiry: "2027-06-30 00:00:00 +0000 UTC" },
            {
                key: "keyExpiry",
                value: "2027-06-30 00:00:00 +0000 UTC",
                rule: /quoted in the stack file \('2027-06-30'\)/,
            },
        ],
        [
            "kubeContext without ambient",
            { kubeContext: "ctx" },
            { key: "kubeContext", value: "ctx", rule: /only used with kubeconfig=ambient/ },
        ],
        ["unknown key (typo)", { namespace: '["x"]' }, { key: "namespace", rule: /not a known key/ }],
        ["empty secretName", { secretName: " " }, { key: "secretName", value: " ", rule: /must not be empty/ }],
        ["bad email", { dockerEmail: "nobody" }, { key: "dockerEmail", value: "nobody", rule: /email address/ }],
        [
            "bad cluster name",
            { cluster: "dev cluster" },
            { key: "cluster", value: "dev cluster", rule: /cluster name or ID/ },
        ],
        [
            "unknown platform",
            { platform: "eks" },
            { key: "platform", value: "eks", rule: /one of iks, openshift, codeengine/ },
        ],
        [
            "Code Engine project not a GUID",
            { platform: "codeengine", cluster: "", namespaces: "[]", codeEngineProjectId: "my-project" },
            { key: "codeEngineProjectId", value: "my-project", rule: /lower-case GUID/ },
        ],
        [
            "allowance for a namespace that is not a system one",
            { allowedSystemNamespaces: '["team-a"]' },
            { key: "allowedSystemNamespaces", value: "team-a", rule: /is not a system namespace/ },
        ],
        [
            "service account not a subdomain",
            { serviceAccounts: '["Default"]' },
            { key: "serviceAccounts", value: "Default", rule: /DNS-1123 subdomain/ },
        ],
        [
            "boolean written as yes",
            { globalPullSecret: "yes", platform: "openshift" },
            { key: "globalPullSecret", value: "yes", rule: /true or false/ },
        ],
        [
            "boolean written as True",
            { builderPush: "True", platform: "openshift" },
            { key: "builderPush", value: "True", rule: /true or false/ },
        ],
        [
            "boolean written as 1",
            { registryRoute: "1", platform: "openshift" },
            { key: "registryRoute", value: "1", rule: /true or false/ },
        ],
        [
            "boolean written as on",
            { protectIdentity: "on" },
            { key: "protectIdentity", value: "on", rule: /true or false/ },
        ],
        [
            "image stream with a digest",
            { platform: "openshift", imageStreams: '["us.icr.io/apps/api@sha256:0000"]' },
            { key: "imageStreams", value: "us.icr.io/apps/api@sha256:0000", rule: /not a digest/ },
        ],
        [
            "image stream namespace not a label",
            { platform: "openshift", imageStreamNamespace: "Team_A" },
            { key: "imageStreamNamespace", value: "Team_A", rule: /DNS-1123 label/ },
        ],
        [
            "build config without a namespace",
            { platform: "openshift", builderPush: "true", buildConfigs: '["api"]' },
            { key: "buildConfigs", value: "api", rule: /must be NAMESPACE\/NAME/ },
        ],
        [
            "trusted repository outside ICR",
            { imageTrust: '["docker.io/library/*"]', imageTrustSigningKey: "k" },
            { key: "imageTrust", value: "docker.io/library/*", rule: /ICR repository/ },
        ],
        [
            "signing key not a Secret's name",
            { imageTrust: '["us.icr.io/apps/*"]', imageTrustSigningKey: "Keys/X" },
            { key: "imageTrustSigningKey", value: "Keys/X", rule: /must be NAME/ },
        ],
        [
            "other images neither admitted nor denied",
            { imageTrust: '["us.icr.io/apps/*"]', imageTrustSigningKey: "k", imageTrustOtherImages: "allow" },
            { key: "imageTrustOtherImages", value: "allow", rule: /must be one of admit, deny/ },
        ],
        [
            "registries not a list of objects",
            { registries: '"icr"' },
            { key: "registries", value: '"icr"', rule: /list of objects/ },
        ],
        [
            "selector with an operator the API server does not know",
            { namespaceSelector: '{"matchExpressions":[{"key":"team","operator":"Equals","values":["a"]}]}' },
            { key: "namespaceSelector.matchExpressions[0].operator", value: "Equals", rule: /not a valid/ },
        ],
        [
            "source namespace not a label",
            { namespaceSelector: '{"matchLabels":{"pull":"icr"}}', sourceNamespace: "Registry" },
            { key: "sourceNamespace", value: "Registry", rule: /DNS-1123 label/ },
        ],
        [
            "kyverno neither existing nor install",
            { namespaceSelector: '{"matchLabels":{"pull":"icr"}}', kyverno: "helm" },
            { key: "kyverno", value: "helm", rule: /must be one of existing, install/ },
        ],
    ])("%s", (_name, extra, expected) => {
        const problems = problemsOf({ ...base, ...extra });
        expect(problems).toHaveLength(1);
        expect(problems[0].key).toBe(expected.key);
        expect(problems[0].value).toBe(expected.value);
        expect(problems[0].rule).toMatch(expected.rule);
    });

    it("has a row for every key of the contract", () => {
        const table = expect.getState().testPath!;
        const text = require("fs").readFileSync(table, "utf8") as string;
        const start = text.indexOf('describe("validateConfig: bad inputs"');
        const rows = text.slice(start, text.indexOf('])("%s"', start));
        const covered = new Set([...rows.matchAll(/\{ key: "([A-Za-z]+)/g)].map((m) => m[1]));
        expect(CONFIG_KEY_NAMES.filter((k) => !covered.has(k))).toEqual([]);
    });

    it("reports every problem at once, each naming the key, the value and the rule", () => {
        const raw = {
            cluster: "dev cluster",
            namespaces: '["ok","Bad_One","ok"]',
            roles: '["Owner"]',
            privateEndpoints: "1",
        };
        let message = "";
        try {
            validateConfig(raw);
        } catch (err) {
            message = (err as Error).message;
        }
        expect(message.split("\n")).toEqual([
            "invalid stack configuration (5 problems):",
            expect.stringMatching(/^ {2}- registry-access:cluster "dev cluster": must be a cluster name or ID/),
            expect.stringMatching(/^ {2}- registry-access:namespaces "Bad_One": must be a DNS-1123 label/),
            expect.stringMatching(/^ {2}- registry-access:namespaces "ok": is listed more than once$/),
            expect.stringMatching(/^ {2}- registry-access:roles "Owner": must be one of Reader, Writer, Manager/),
            expect.stringMatching(/^ {2}- registry-access:privateEndpoints "1": must be true or false$/),
        ]);
    });

    it("never echoes a secret key's value", () => {
        const problems = problemsOf({ ...base, dockerEmail: "s3cr3t-not-an-email" }, new Set(["dockerEmail"]));
        expect(problems).toEqual([{ key: "dockerEmail", value: "[secret]", rule: expect.stringMatching(/email/) }]);
        expect(JSON.stringify(problems)).not.toContain("s3cr3t");
    });

    it("refuses secrets for keys that name resources", () => {
        const problems = problemsOf({ ...base }, new Set(["namespaces"]));
        expect(problems.map((p) => [p.key, p.value])).toEqual([["namespaces", undefined]]);
        expect(problems[0].rule).toMatch(/must not be a secret/);
    });
});

describe("validateConfig: messages, word for word", () => {
    it("states each rule in full", () => {
        const rules = (raw: RawConfig) => problemsOf({ ...base, ...raw }).map((p) => p.rule);
        // The CLI injects Pulumi.yaml's "" for a cluster's keys when absent (they are unused on codeengine).
        expect(rules({ cluster: " " })).toEqual(["is required: the name or ID of your cluster"]);
        expect(rules({ secretName: " " })).toEqual(["must not be empty; remove the key to use its default"]);
        expect(rules({ namespaces: '["default"]' })).toEqual([
            "is the secret IBM Cloud manages in namespace default; choose another secretName so that it is not taken over",
        ]);
        expect(rules({ registryRegions: '["mars-north"]' })).toEqual([
            "is not an IBM Cloud Container Registry region; allowed: global, au-syd, br-sao, ca-mon, ca-tor, eu-de, " +
                "eu-es, eu-gb, in-che, in-mum, jp-osa, jp-tok, us-south, ap-south, eu-central, uk-south, ap-north",
        ]);
        expect(rules({ cluster: undefined, namespaces: undefined })).toEqual([
            "is required: the name or ID of your cluster",
            "is required: list at least one namespace, or set registry-access:namespaceSelector",
        ]);
    });

    it("is a ConfigError, and names unknown keys in sorted order whatever order they came in", () => {
        let error: unknown;
        try {
            validateConfig({ zeta: "1", ...base, alpha: "2" });
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).name).toBe("ConfigError");
        expect((error as ConfigError).problems.map((p) => p.key)).toEqual(["alpha", "zeta"]);
    });
});

describe("validateConfig: registries", () => {
    const PASSWORD = "CANARY-REGISTRY-PASSWORD-0e0e";
    const registries = (items: unknown[]) => JSON.stringify(items);

    it("is one icr source with a shared identity when absent or empty", () => {
        expect(validateConfig(base).registries).toEqual([{ type: "icr", identity: "shared" }]);
        expect(validateConfig({ ...base, registries: "[]" }).registries).toEqual([{ type: "icr", identity: "shared" }]);
    });

    it("refuses a password in a key the CLI did not mark secret (plain text in the stack file), without echoing it", () => {
        const raw = {
            ...base,
            registries: registries([{ type: "private", server: "quay.io", username: "u", password: PASSWORD }]),
        };
        expect(() => validateConfig(raw)).toThrow(
            /registry-access:registries\[0\]\.password: is a secret and must not be written in plain text/,
        );
        expect(() => validateConfig(raw)).not.toThrow(PASSWORD);
        expect(validateConfig(raw, { secretKeys: new Set(["registries"]) }).registries).toHaveLength(1);
    });

    it("hands the program the sources as read, in order", () => {
        const raw = {
            ...base,
            registries: registries([{ type: "entitled", entitlementKey: PASSWORD }, { type: "icr" }]),
        };
        const read = validateConfig(raw, { secretKeys: new Set(["registries"]) }).registries;
        expect(read.map((s) => s.type)).toEqual(["entitled", "icr"]);
        expect(read[0].type === "entitled" && read[0].entitlementKey.reveal()).toBe(PASSWORD);
    });

    it("refuses, offline, a list encrypted as a whole: plans could not show it", () => {
        expect(() =>
            validateConfig({ ...base, registries: "[secret]" }, { unreadable: new Set(["registries"]) }),
        ).toThrow(/registry-access:registries: is encrypted as a whole/);
    });

    it("lists every problem at once: other keys', each source's, and the rules between the sources that read", () => {
        const raw = {
            ...base,
            roles: '["Boss"]',
            registries: registries([
                { type: "icr" },
                { type: "icr", namespaces: ["team-z"] },
                { type: "copy", from: "all" },
                { type: "entitled", entitlementKey: "k", secretName: "same" },
                { type: "private", server: "quay.io", username: "u", password: "p", secretName: "same" },
            ]),
        };
        let message = "";
        try {
            validateConfig(raw, { secretKeys: new Set(["registries"]) });
        } catch (e) {
            message = (e as Error).message;
        }
        // [2] cannot be read, so no rule between sources speaks of it; the others are still checked.
        expect(message.split("\n")).toEqual([
            "invalid stack configuration (5 problems):",
            '  - registry-access:roles "Boss": must be one of Reader, Writer, Manager (service access roles of container-registry; case matters)',
            '  - registry-access:registries[2].from "all": must be one of all-icr-io, per-region',
            '  - registry-access:registries[1].type "icr": is the second icr source (the first is [0]); a stack has one ICR identity',
            '  - registry-access:registries[1].namespaces "team-z": is not in registry-access:namespaces',
            '  - registry-access:registries[4].secretName "same": is also the secret name of source [3] in the namespaces both serve; give one of them another secretName',
        ]);
    });

    it("refuses a value that is not a list of objects, showing it (or [secret] when the key is secret)", () => {
        const rule = "must be a list of objects, as YAML in the stack file or with pulumi config set --path";
        for (const text of ["{}", "not json", '"icr"']) {
            expect(problemsOf({ ...base, registries: text })).toEqual([{ key: "registries", value: text, rule }]);
            expect(problemsOf({ ...base, registries: text }, new Set(["registries"]))).toEqual([
                { key: "registries", value: "[secret]", rule },
            ]);
        }
    });

    it("reads a key named unreadable but not given as absent: its default", () => {
        // (Not refused as "encrypted as a whole", which only a value given can be.)
        expect(validateConfig(base, { unreadable: new Set(["registries"]) }).registries).toEqual([
            { type: "icr", identity: "shared" },
        ]);
    });

    it("says how to encrypt only the secret fields when the list is encrypted as a whole", () => {
        expect(problemsOf({ ...base, registries: "[secret]" }, undefined, new Set(["registries"]))).toEqual([
            {
                key: "registries",
                rule:
                    "is encrypted as a whole, so plans cannot show what it declares; write it as YAML and encrypt only " +
                    "its secret fields: pulumi config set --secret --path 'registries[0].FIELD' VALUE",
            },
        ]);
    });
});

describe("validateConfig: rules on several keys", () => {
    it("run only once every key they read holds a valid value", () => {
        // kubeconfig is invalid, so the rule tying kubeContext to kubeconfig=ambient does not run.
        expect(problemsOf({ ...base, kubeconfig: "file", kubeContext: "ctx" }).map((p) => p.key)).toEqual([
            "kubeconfig",
        ]);
        expect(problemsOf({ ...base, kubeContext: "ctx" }).map((p) => p.key)).toEqual(["kubeContext"]);
    });
});

describe("configProblems: what the rules say of the keys a stack file did not refuse", () => {
    const keysOf = (raw: RawConfig, refused: string[], secretKeys: string[] = []) =>
        configProblems(raw, { refused: new Set(refused), secretKeys: new Set(secretKeys) }).map((p) => p.key);

    it("is validateConfig's problems, in its order, and none for a valid config", () => {
        const raw = { ...base, roles: '["Owner"]', cluster: "dev cluster", extra: "x" };
        expect(configProblems(raw)).toEqual(problemsOf(raw));
        expect(configProblems(base)).toEqual([]);
    });

    it("neither reads nor reports a refused key: not required, not unknown, not a secret it may not be", () => {
        expect(keysOf({ cluster: "c" }, [])).toEqual(["namespaces"]);
        expect(keysOf({ cluster: "c" }, ["namespaces"])).toEqual([]);
        expect(keysOf({ ...base, roles: '["Owner"]' }, ["roles"])).toEqual([]);
        expect(keysOf({ ...base, extra: "x" }, ["extra"])).toEqual([]);
        expect(keysOf({ ...base }, ["namespaces"], ["namespaces"])).toEqual([]);
        expect(keysOf({ ...base, roles: '["Owner"]' }, ["namespaces"])).toEqual(["roles"]);
    });

    it("skips the rules on several keys that read a refused key", () => {
        expect(keysOf({ ...base, kubeContext: "ctx" }, [])).toEqual(["kubeContext"]);
        expect(keysOf({ ...base, kubeContext: "ctx" }, ["kubeconfig"])).toEqual([]);
    });

    it("leaves open which keys apply when the platform is refused, as when it is invalid", () => {
        expect(keysOf({ namespaces: '["a"]' }, [])).toEqual(["cluster"]);
        expect(keysOf({ namespaces: '["a"]' }, ["platform"])).toEqual([]);
        expect(keysOf({ namespaces: '["a"]', platform: "nope" }, [])).toEqual(["platform"]);
        const projectId = "0b1f6b1e-5e4a-4a0b-9a55-2d6c3e1f7a90";
        expect(keysOf({ ...base, codeEngineProjectId: projectId }, [])).toEqual(["codeEngineProjectId"]);
        expect(keysOf({ ...base, codeEngineProjectId: projectId }, ["platform"])).toEqual([]);
    });
});
