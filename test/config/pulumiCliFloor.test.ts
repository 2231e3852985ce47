/**
 * The Pulumi CLI floor (core/config/pulumiCliFloor.ts) of the real Pulumi.yaml and every stack file, against what
 * README states and what the workflows install.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ProjectFeatures, compareVersions, pulumiCliFloor } from "../../core/config/pulumiCliFloor";

const ROOT = path.join(__dirname, "..", "..");
const read = (...p: string[]) => fs.readFileSync(path.join(ROOT, ...p), "utf8");

const project = yaml.load(read("Pulumi.yaml")) as ProjectFeatures & { config: Record<string, unknown> };

/** Every stack file, the top's and examples/: file → its `config:` map. */
function stackConfigs(): Record<string, Record<string, unknown>> {
    const files = [
        ...fs.readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f)),
        ...fs
            .readdirSync(path.join(ROOT, "examples"))
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => `examples/${f}`),
    ];
    return Object.fromEntries(
        files.map((f) => [f, ((yaml.load(read(f)) ?? {}) as { config?: Record<string, unknown> }).config ?? {}]),
    );
}

/** The versions a text states as "Pulumi CLI X.Y.Z or later" (also "**X.Y.Z or later**", "(X.Y.Z or later)"). */
function stated(markdown: string): string[] {
    return [...markdown.matchAll(/Pulumi CLI[ (*]*(\d+\.\d+\.\d+) or later/g)].map((m) => m[1]);
}

describe("the Pulumi CLI floor of this project", () => {
    const stacks = stackConfigs();
    const floor = pulumiCliFloor(project, stacks);

    it("is 3.187.0: an object value where Pulumi.yaml declares an object (namespaceSelector's default, registries items)", () => {
        expect(Object.keys(stacks)).toEqual(expect.arrayContaining(["Pulumi.dev.yaml", "examples/Pulumi.copy.yaml"]));
        expect(floor.version).toBe("3.187.0");
        const objectValues = floor.uses.find((u) => u.since === "3.187.0");
        expect(objectValues?.where).toBe("Pulumi.yaml config.namespaceSelector.default");
    });

    it("is what README's prerequisites and sdks/ibm/README.md state", () => {
        expect(stated(read("README.md"))).toEqual([floor.version]);
        expect(stated(read("sdks", "ibm", "README.md"))).toEqual([floor.version]);
    });

    it("is at most the Pulumi CLI every workflow installs", () => {
        const dir = path.join(ROOT, ".github", "workflows");
        const pins = fs
            .readdirSync(dir)
            .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/pulumi-version:\s*(\S+)/g)])
            .map((m) => m[1]);
        expect(pins.length).toBeGreaterThanOrEqual(2);
        for (const pin of pins) expect(compareVersions(pin, floor.version)).toBeGreaterThanOrEqual(0);
    });

    it("would be lower for a Pulumi.yaml of string keys only, and rises with each object feature used", () => {
        const stringsOnly = Object.fromEntries(
            Object.entries(project.config).filter(([, spec]) => (spec as { type: string }).type === "string"),
        );
        expect(Object.keys(stringsOnly)).toContain("cluster");
        const base = { ...project, config: stringsOnly };
        expect(pulumiCliFloor(base, stacks).version).toBe("3.44.0");
        const registries = { type: "array", items: { type: "object" }, default: [] };
        const declared = { ...base, config: { ...stringsOnly, registries } };
        // Declared, with only an empty default: the schema's enum is enough.
        expect(pulumiCliFloor(declared, {}).version).toBe("3.186.0");
        expect(pulumiCliFloor(declared, { "Pulumi.a.yaml": { "registry-access:registries": [] } }).version).toBe(
            "3.186.0",
        );
        // A stack value with an item: ValidateConfigValue's object case.
        const item = { "registry-access:registries": [{ type: "icr" }] };
        expect(pulumiCliFloor(declared, { "Pulumi.a.yaml": item }).uses.at(-1)).toMatchObject({
            since: "3.187.0",
            where: "Pulumi.a.yaml registry-access:registries",
        });
        // Another namespace's key is not this project's declaration.
        expect(pulumiCliFloor(declared, { "Pulumi.a.yaml": { "other:registries": [{ type: "icr" }] } }).version).toBe(
            "3.186.0",
        );
    });

    it("is older still without typed config: the providers plugin path, then runtime options", () => {
        const { config: _config, ...untyped } = project;
        expect(pulumiCliFloor(untyped, {}).version).toBe("3.37.0");
        expect(pulumiCliFloor({ ...untyped, plugins: {} }, {}).version).toBe("0.15.0");
    });

    it("compares versions numerically", () => {
        expect(compareVersions("3.248.0", "3.187.0")).toBeGreaterThan(0);
        expect(compareVersions("3.44.0", "3.187.0")).toBeLessThan(0);
        expect(compareVersions("v3.187.0", "3.187.0")).toBe(0);
        expect(() => compareVersions("^3", "3.187.0")).toThrow(/MAJOR.MINOR.PATCH/);
    });
});
