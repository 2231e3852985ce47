import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_KEYS, ConfigError, RawConfig, UNREADABLE_SECRET, parseConfig } from "../../config/contract";

const base: RawConfig = { cluster: "dev-cluster", namespaces: JSON.stringify(["team-a", "team-b"]) };

function problemsOf(raw: RawConfig, secretKeys?: Set<string>) {
    try {
        parseConfig(raw, secretKeys);
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    throw new Error("expected a ConfigError");
}

describe("parseConfig: defaults", () => {
    it("fills every default for the minimal config", () => {
        expect(parseConfig(base)).toEqual({
            cluster: "dev-cluster",
            namespaces: ["team-a", "team-b"],
            serviceAccounts: ["default"],
            roles: ["Reader"],
            registryRegions: undefined,
            registryNamespaces: undefined,
            privateEndpoints: false,
            secretName: "all-icr-io",
            dockerEmail: undefined,
            connection: { source: "cluster" },
        });
    });

    it("treats the empty defaults Pulumi injects from Pulumi.yaml as unset", () => {
        const c = parseConfig({ ...base, registryRegions: "[]", registryNamespaces: "[]", dockerEmail: "", kubeContext: "" });
        expect(c.registryRegions).toBeUndefined();
        expect(c.registryNamespaces).toBeUndefined();
        expect(c.dockerEmail).toBeUndefined();
        expect(c.connection).toEqual({ source: "cluster" });
    });
});

describe("parseConfig: good inputs", () => {
    it.each<[string, RawConfig, (c: ReturnType<typeof parseConfig>) => void]>([
        ["ICR aliases resolve to IAM regions", { registryRegions: '["uk-south","US-SOUTH","global"]' },
            (c) => expect(c.registryRegions!.map((r) => r.iamRegion)).toEqual(["eu-gb", "us-south", "global"])],
        ["roles are kept in order", { roles: '["Reader","Writer"]' }, (c) => expect(c.roles).toEqual(["Reader", "Writer"])],
        ["registry namespaces", { registryNamespaces: '["team_images","ns-2x"]' },
            (c) => expect(c.registryNamespaces).toEqual(["team_images", "ns-2x"])],
        ["ambient with a context", { kubeconfig: "ambient", kubeContext: "dev/abc123" },
            (c) => expect(c.connection).toEqual({ source: "ambient", context: "dev/abc123" })],
        ["ambient without a context", { kubeconfig: "ambient" }, (c) => expect(c.connection).toEqual({ source: "ambient", context: undefined })],
        ["privateEndpoints true", { privateEndpoints: "true" }, (c) => expect(c.privateEndpoints).toBe(true)],
        ["service accounts may be subdomains", { serviceAccounts: '["default","builder","app.v2"]' },
            (c) => expect(c.serviceAccounts).toEqual(["default", "builder", "app.v2"])],
        ["all-icr-io is fine outside default", { secretName: "all-icr-io" }, (c) => expect(c.secretName).toBe("all-icr-io")],
        ["another secretName in default", { namespaces: '["default"]', secretName: "team-icr" }, (c) => expect(c.namespaces).toEqual(["default"])],
        ["dockerEmail", { dockerEmail: "a@b.c" }, (c) => expect(c.dockerEmail).toBe("a@b.c")],
    ])("%s", (_name, extra, check) => {
        check(parseConfig({ ...base, ...extra }));
    });
});

describe("parseConfig: bad inputs", () => {
    it.each<[string, RawConfig, { key: string; value?: string; rule: RegExp }]>([
        ["missing cluster", { cluster: undefined }, { key: "cluster", rule: /is required/ }],
        ["missing namespaces", { namespaces: undefined }, { key: "namespaces", rule: /is required/ }],
        ["namespaces not a list", { namespaces: "team-a,team-b" }, { key: "namespaces", value: "team-a,team-b", rule: /must be a list of strings/ }],
        ["empty namespace list", { namespaces: "[]" }, { key: "namespaces", value: "[]", rule: /at least one/ }],
        ["namespace not a DNS label", { namespaces: '["Team_A"]' }, { key: "namespaces", value: "Team_A", rule: /DNS-1123 label/ }],
        ["namespace too long", { namespaces: JSON.stringify(["a".repeat(64)]) }, { key: "namespaces", value: "a".repeat(64), rule: /DNS-1123 label/ }],
        ["duplicate namespace", { namespaces: '["a","b","a"]' }, { key: "namespaces", value: "a", rule: /more than once/ }],
        ["unknown role", { roles: '["Administrator"]' }, { key: "roles", value: "Administrator", rule: /one of Reader, Writer, Manager/ }],
        ["role case matters", { roles: '["reader"]' }, { key: "roles", value: "reader", rule: /case matters/ }],
        ["unknown region", { registryRegions: '["mars-north"]' }, { key: "registryRegions", value: "mars-north", rule: /us-south/ }],
        ["region twice under two names", { registryRegions: '["eu-gb","uk-south"]' }, { key: "registryRegions", value: "uk-south", rule: /more than once/ }],
        ["bad ICR namespace", { registryNamespaces: '["ab"]' }, { key: "registryNamespaces", value: "ab", rule: /4 to 30/ }],
        ["bad boolean", { privateEndpoints: "yes" }, { key: "privateEndpoints", value: "yes", rule: /true or false/ }],
        ["bad secret name", { secretName: "All ICR" }, { key: "secretName", value: "All ICR", rule: /DNS-1123 subdomain/ }],
        ["IBM's secret in default", { namespaces: '["default"]' }, { key: "secretName", value: "all-icr-io", rule: /IBM Cloud manages/ }],
        ["bad kubeconfig source", { kubeconfig: "file" }, { key: "kubeconfig", value: "file", rule: /one of cluster, ambient/ }],
        ["kubeContext without ambient", { kubeContext: "ctx" }, { key: "kubeContext", value: "ctx", rule: /only used with kubeconfig=ambient/ }],
        ["unknown key (typo)", { namespace: '["x"]' }, { key: "namespace", rule: /not a known key/ }],
        ["empty secretName", { secretName: " " }, { key: "secretName", value: " ", rule: /must not be empty/ }],
        ["bad email", { dockerEmail: "nobody" }, { key: "dockerEmail", value: "nobody", rule: /email address/ }],
        ["bad cluster name", { cluster: "dev cluster" }, { key: "cluster", value: "dev cluster", rule: /cluster name or ID/ }],
    ])("%s", (_name, extra, expected) => {
        const problems = problemsOf({ ...base, ...extra });
        expect(problems).toHaveLength(1);
        expect(problems[0].key).toBe(expected.key);
        expect(problems[0].value).toBe(expected.value);
        expect(problems[0].rule).toMatch(expected.rule);
    });

    it("reports every problem at once, each naming the key, the value and the rule", () => {
        const raw = { cluster: "dev cluster", namespaces: '["ok","Bad_One","ok"]', roles: '["Owner"]', privateEndpoints: "1" };
        let message = "";
        try {
            parseConfig(raw);
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

describe("Pulumi.yaml config schema", () => {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as any;

    it("declares exactly the keys the program reads, with type, description and default", () => {
        const declared = project.config as Record<string, any>;
        expect(Object.keys(declared).sort()).toEqual(CONFIG_KEYS.map((k) => k.key).sort());
        for (const spec of CONFIG_KEYS) {
            const d = declared[spec.key];
            const type = spec.type === "string list" ? "array" : spec.type;
            expect({ key: spec.key, type: d.type, description: d.description, default: d.default }).toEqual({
                key: spec.key, type, description: spec.description, default: spec.default,
            });
            if (type === "array") expect(d.items).toEqual({ type: "string" });
        }
    });

    it("gives required keys no default, so that the Pulumi CLI insists on them", () => {
        for (const spec of CONFIG_KEYS.filter((k) => k.required)) expect(project.config[spec.key].default).toBeUndefined();
    });
});

describe("parseConfig offline", () => {
    it("accepts an encrypted dockerEmail it cannot read, and still checks a readable one", () => {
        expect(parseConfig({ ...base, dockerEmail: UNREADABLE_SECRET }, new Set(["dockerEmail"])).dockerEmail).toBe(UNREADABLE_SECRET);
        expect(() => parseConfig({ ...base, dockerEmail: UNREADABLE_SECRET })).toThrow(/email address/);
    });
});

describe("README configuration table", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

    it("documents every key with its type, default and description", () => {
        const rows = new Map(readme.split("\n")
            .map((l) => /^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| (.+) \|$/.exec(l))
            .filter((m): m is RegExpExecArray => m !== null)
            .map((m) => [m[1], { type: m[2].trim(), default: m[3].trim(), description: m[4].trim() }]));
        for (const spec of CONFIG_KEYS) {
            const shownDefault = spec.required ? "required" : `\`${JSON.stringify(spec.default)}\``;
            expect({ key: spec.key, ...rows.get(spec.key) }).toEqual({
                key: spec.key, type: spec.type, default: shownDefault, description: spec.description,
            });
        }
    });
});
