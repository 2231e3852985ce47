import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_KEYS } from "../../core/config/contract";
import {
    CONFIGURATION_DOC,
    TABLE_BEGIN,
    TABLE_END,
    configurationTable,
    generatedFiles,
    pulumiConfigBlock,
    tableCell,
    withConfigurationTable,
    withPulumiConfig,
} from "../../plan/generate";

const ROOT = path.join(__dirname, "..", "..");

describe("generated files (npm run generate)", () => {
    // Computes what `npm run generate` would write, writes nothing, and compares with the files as they are.
    it.each(generatedFiles(ROOT).map((g) => [path.relative(ROOT, g.file), g] as const))(
        "%s is what npm run generate writes from core/config/contract.ts (run it after changing the declaration)",
        (_name, { file, content }) => {
            expect(fs.readFileSync(file, "utf8")).toBe(content);
        },
    );

    it("generates Pulumi.yaml and the configuration reference, not README (which links to it)", () => {
        expect(generatedFiles(ROOT).map((g) => path.relative(ROOT, g.file))).toEqual([
            "Pulumi.yaml",
            CONFIGURATION_DOC,
        ]);
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        expect(readme).not.toContain(TABLE_BEGIN);
        expect(readme).toContain(`](${CONFIGURATION_DOC})`);
    });

    it("notices a stale Pulumi.yaml and configuration reference: a changed description, default or key", () => {
        const pulumiYaml = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
        const doc = fs.readFileSync(path.join(ROOT, CONFIGURATION_DOC), "utf8");
        const description = CONFIG_KEYS.roles.description;
        for (const stale of [
            pulumiYaml.replace(description, "Roles."),
            pulumiYaml.replace("default: [Reader]", "default: [Writer]"),
            pulumiYaml.replace("  kubeContext:\n", "  kubeCtx:\n"),
        ]) {
            expect(stale).not.toBe(pulumiYaml);
            expect(withPulumiConfig(stale)).toBe(pulumiYaml);
        }
        for (const stale of [
            doc.replace(description, "Roles."),
            doc.replace('`["Reader"]`', '`["Writer"]`'),
            doc.replace("| `kubeContext` |", "| `kubeCtx` |"),
        ]) {
            expect(stale).not.toBe(doc);
            expect(withConfigurationTable(stale)).toBe(doc);
        }
    });

    it("writes deterministic output and changes nothing when run twice", () => {
        expect(pulumiConfigBlock()).toBe(pulumiConfigBlock());
        expect(configurationTable()).toBe(configurationTable());
        for (const { content } of generatedFiles(ROOT)) {
            const again = content.includes(TABLE_BEGIN) ? withConfigurationTable(content) : withPulumiConfig(content);
            expect(again).toBe(content);
        }
    });
});

describe("Pulumi.yaml config: block", () => {
    const project = [
        "name: p",
        "runtime:",
        "  name: nodejs",
        "config:",
        "  old:",
        "    type: string",
        "",
        "  other: 1",
        "",
        "# belongs to plugins",
        "plugins:",
        "  providers:",
        "    - name: x # kept",
        "",
    ].join("\n");

    it("replaces only the config: block, up to the next top-level line, keeping the rest byte for byte", () => {
        const out = withPulumiConfig(project);
        expect(
            out.startsWith(
                "name: p\nruntime:\n  name: nodejs\n" + pulumiConfigBlock() + "\n# belongs to plugins\nplugins:\n",
            ),
        ).toBe(true);
        expect(out.endsWith("plugins:\n  providers:\n    - name: x # kept\n")).toBe(true);
        expect(out).not.toContain("old:");
    });

    it("is YAML that declares each key as the declaration says", () => {
        const doc = yaml.load(withPulumiConfig(project)) as { config: Record<string, unknown> };
        expect(Object.keys(doc.config)).toEqual(Object.keys(CONFIG_KEYS));
        expect(doc.config.privateEndpoints).toEqual({
            type: "boolean",
            description: CONFIG_KEYS.privateEndpoints.description,
            default: false,
        });
        // Required on clusters only: its empty value as default, or the CLI would demand it on codeengine too.
        expect(doc.config.cluster).toEqual({
            type: "string",
            description: CONFIG_KEYS.cluster.description,
            default: "",
        });
    });

    it("finds a config: block on the first line too", () => {
        expect(withPulumiConfig("config:\n  old: 1\nname: p\n")).toBe(pulumiConfigBlock() + "name: p\n");
    });

    it("refuses a project file without a config: block rather than guess where it goes", () => {
        expect(() => withPulumiConfig("name: p\n")).toThrow(/no top-level config:/);
    });
});

describe("the configuration table between its markers", () => {
    const before = "# x\n\nIntro.\n\n";
    const after = "\n\nRegions:\n\n| IAM region | domain |\n| --- | --- |\n| global | icr.io |\n\n## Next\n";

    it("replaces what is between the markers, keeping the rest byte for byte", () => {
        const out = withConfigurationTable(before + `${TABLE_BEGIN}\nanything\n${TABLE_END}` + after);
        expect(out).toBe(before + `${TABLE_BEGIN}\n${configurationTable()}${TABLE_END}` + after);
    });

    it("finds markers at the very start too", () => {
        expect(withConfigurationTable(`${TABLE_BEGIN}\nold\n${TABLE_END}\nrest\n`)).toBe(
            `${TABLE_BEGIN}\n${configurationTable()}${TABLE_END}\nrest\n`,
        );
    });

    it("refuses a file without both markers in order, rather than guess where the table goes", () => {
        expect(() => withConfigurationTable("# x\n\n## Configuration\n\n| key | a |\n")).toThrow(/must hold the lines/);
        expect(() => withConfigurationTable(`${before}${TABLE_BEGIN}\nold\n`)).toThrow(/must hold the lines/);
        expect(() => withConfigurationTable(`${TABLE_END}\n${TABLE_BEGIN}\n`)).toThrow(/must hold the lines/);
    });

    it("has one row per key, in declaration order", () => {
        const keys = configurationTable()
            .split("\n")
            .slice(2)
            .filter((l) => l !== "")
            .map((l) => /^\| `(\w+)` \|/.exec(l)?.[1]);
        expect(keys).toEqual(Object.keys(CONFIG_KEYS));
    });

    it("escapes | in a cell, so that a row stays one row", () => {
        expect(tableCell("a | b")).toBe("a \\| b");
    });
});
