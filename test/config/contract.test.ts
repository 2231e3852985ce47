import type { LabelSelector } from "../../core/kubernetes/labelSelector";
import type { KyvernoMode } from "../../core/platforms/kyverno";
import type { RoleIntent } from "../../core/iam/roleIntent";
import { CROSS_KEY_RULES } from "../../core/config/crossKeyRules";
import type { IcrImage, IcrRepository } from "../../core/registry/icrImage";
import { RegistrySource } from "../../core/registry/sources";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, KeySpec, RegistryRole } from "../../core/config/contract";
import type { ClusterConnectionConfig, ConfigValues, RegistryAccessConfig } from "../../core/config/typedConfig";
import { validateConfig } from "../../core/config/validate";
import type { CodeEngineSecretPlan } from "../../core/platforms/platformPlan";
import type { PlannedSecret } from "../../core/registry/sourcePlan";
import { IcrRegion } from "../../core/registry/icrCatalogue";

const ROOT = path.join(__dirname, "..", "..");

interface DeclaredKey {
    readonly type: string;
    readonly description: string;
    readonly default?: unknown;
    readonly items?: unknown;
}
interface ProjectFile {
    readonly name: string;
    readonly description: string;
    readonly runtime: unknown;
    readonly main?: string;
    readonly plugins: unknown;
    readonly config: Record<string, DeclaredKey>;
}
const specs: [string, KeySpec][] = CONFIG_KEY_NAMES.map((k) => [k, CONFIG_KEYS[k]]);
/** What Pulumi.yaml declares as the default of a key required on some platforms only. */
const emptyValue = (spec: KeySpec) => (spec.platforms === undefined ? undefined : spec.type === "string" ? "" : []);

// The typed config is derived from the declaration: `tsc --noEmit` (npm test) fails when it drifts from this.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Shape<T> = { [K in keyof T]: T[K] };
const sameType = <T extends true>(): T | undefined => undefined;
sameType<
    Same<
        Shape<Extract<RegistryAccessConfig, { platform: "iks" | "openshift" }>>,
        {
            readonly platform: "iks" | "openshift";
            readonly cluster: string;
            readonly namespaces: readonly string[];
            readonly namespaceSelector?: LabelSelector;
            readonly sourceNamespace: string;
            readonly kyverno: KyvernoMode;
            readonly allowedSystemNamespaces?: readonly string[];
            readonly serviceAccounts: readonly string[];
            readonly roles: readonly RegistryRole[];
            readonly roleIntent: RoleIntent;
            readonly keyRotation?: string;
            readonly keepPreviousKey?: string;
            readonly keyExpiry?: string;
            readonly protectIdentity: boolean;
            readonly registryRegions?: readonly IcrRegion[];
            readonly registryNamespaces?: readonly string[];
            readonly privateEndpoints: boolean;
            readonly secretName: string;
            readonly dockerEmail?: string;
            readonly connection: ClusterConnectionConfig;
            readonly registries: readonly RegistrySource[];
            readonly globalPullSecret: boolean;
            readonly builderPush: boolean;
            readonly imageStreams?: readonly IcrImage[];
            readonly imageStreamNamespace?: string;
            readonly buildConfigs?: readonly { readonly namespace: string; readonly name: string }[];
            readonly registryRoute: boolean;
            readonly imageTrust?: readonly IcrRepository[];
            readonly imageTrustSigningKey?: { readonly namespace?: string; readonly name: string };
            readonly imageTrustOtherImages: "admit" | "deny";
            readonly sourcePlan: readonly PlannedSecret[];
        }
    >
>();
sameType<
    Same<
        Shape<Extract<RegistryAccessConfig, { platform: "codeengine" }>>,
        {
            readonly platform: "codeengine";
            readonly codeEngineProjectId: string;
            readonly codeEngineSecrets: readonly CodeEngineSecretPlan[];
            readonly roles: readonly RegistryRole[];
            readonly roleIntent: RoleIntent;
            readonly keyRotation?: string;
            readonly keepPreviousKey?: string;
            readonly keyExpiry?: string;
            readonly protectIdentity: boolean;
            readonly registryRegions?: readonly IcrRegion[];
            readonly registryNamespaces?: readonly string[];
            readonly privateEndpoints: boolean;
            readonly dockerEmail?: string;
            readonly registries: readonly RegistrySource[];
        }
    >
>();
sameType<Same<ConfigValues["kubeconfig"], "cluster" | "ambient">>();

describe("the declaration", () => {
    it("gives every key a description and either required (with what to set) or a default, never both", () => {
        for (const [key, spec] of specs) {
            expect({ key, described: spec.description.length > 0 }).toEqual({ key, described: true });
            expect({ key, one: (spec.required === undefined) !== (spec.default === undefined) }).toEqual({
                key,
                one: true,
            });
        }
    });

    it("has defaults its own rules accept: the defaults alone (with the required keys) make a valid config", () => {
        expect(() => validateConfig({ cluster: "c", namespaces: '["a"]' })).not.toThrow();
        for (const [key, spec] of specs) {
            if (spec.type === "string" && spec.default)
                expect({ key, accepted: spec.check.accept(spec.default) }).toEqual({ key, accepted: spec.default });
            if (spec.type === "string list" && spec.default) {
                for (const d of spec.default)
                    expect({ key, accepted: spec.each.accept(d) !== undefined }).toEqual({ key, accepted: true });
            }
        }
    });

    it("lets only plain string keys be secrets, and object lists hold secret fields", () => {
        for (const [key, spec] of specs.filter(([, s]) => s.secret))
            expect({ key, type: spec.type }).toEqual({
                key,
                type: spec.type === "object list" ? "object list" : "string",
            });
        expect(specs.filter(([, s]) => s.secret).map(([k]) => k)).toEqual(["dockerEmail", "registries"]);
    });

    it("has rules on several keys that read and report declared keys only", () => {
        for (const rule of CROSS_KEY_RULES) {
            for (const key of [...rule.keys, rule.report]) expect(CONFIG_KEY_NAMES).toContain(key);
            expect(rule.keys).toContain(rule.report);
        }
    });
});

describe("Pulumi.yaml config schema", () => {
    const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;

    it("declares exactly the keys the program reads, with type, description and default", () => {
        const declared = project.config;
        expect(Object.keys(declared).sort()).toEqual([...CONFIG_KEY_NAMES].sort());
        for (const [key, spec] of specs) {
            const d = declared[key];
            const type = spec.type === "string list" || spec.type === "object list" ? "array" : spec.type;
            expect({ key, type: d.type, description: d.description, default: d.default }).toEqual({
                key,
                type,
                description: spec.description,
                default: spec.default ?? emptyValue(spec),
            });
            if (type === "array") expect(d.items).toEqual({ type: spec.type === "object list" ? "object" : "string" });
        }
    });

    it("gives keys required on some platforms their empty value, so the CLI does not demand them on the others", () => {
        const required = specs.filter(([, s]) => s.required !== undefined).map(([k]) => k);
        expect(required).toEqual(["cluster", "codeEngineProjectId"]);
        expect(required.map((k) => project.config[k].default)).toEqual(["", ""]);
        // A key required on every platform would get no default, so that the CLI insists on it.
        expect(specs.filter(([, s]) => s.required !== undefined && s.platforms === undefined)).toEqual([]);
    });

    it("keeps the rest of the project file", () => {
        expect(project.name).toBe("registry-access");
        // The language host runs the compiled program (bin/program.js), not TypeScript through ts-node.
        expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: false } });
        expect(project.main).toBe("bin/program.js");
        expect(project.plugins).toEqual({ providers: [{ name: "registry-access", path: "./bin" }] });
        expect(typeof project.description).toBe("string");
    });
});

describe("the configuration reference's table (docs/configuration.md)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8");

    it("documents every key with its type, default, secrecy and description", () => {
        const rows = new Map(
            readme
                .split("\n")
                .map((l) =>
                    /^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| (yes|no|its secret fields) \| ([^|]+) \| (.+) \|$/.exec(l),
                )
                .filter((m): m is RegExpExecArray => m !== null)
                .map((m) => [
                    m[1],
                    {
                        type: m[2].trim(),
                        default: m[3].trim(),
                        secret: m[4],
                        platforms: m[5].trim(),
                        description: m[6].trim(),
                    },
                ]),
        );
        expect([...rows.keys()]).toEqual(CONFIG_KEY_NAMES);
        for (const [key, spec] of specs) {
            const shownDefault = spec.required !== undefined ? "required" : `\`${JSON.stringify(spec.default)}\``;
            expect({ key, ...rows.get(key) }).toEqual({
                key,
                type: spec.type,
                default: shownDefault,
                secret: spec.type === "object list" ? "its secret fields" : spec.secret ? "yes" : "no",
                platforms: spec.platforms?.join(", ") ?? "all",
                description: spec.description,
            });
        }
    });
});
