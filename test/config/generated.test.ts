import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_KEYS } from "../../core/config/contract";
import {
    README_BEGIN,
    README_END,
    generatedFiles,
    pulumiConfigBlock,
    readmeTable,
    tableCell,
    withPulumiConfig,
    withReadmeTable,
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

    it("notices a stale Pulumi.yaml and README: a changed description, default or key", () => {
        const pulumiYaml = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const description = CONFIG_KEYS.roles.description;
        for (const stale of [
            pulumiYaml.replace(description, "Roles."),
            pulumiYaml.replace("default: [Reader]", "default: [Writer]"),
            pulumiYaml.replace("  kubeContext:\n", "  kubeCtx:\n"),
        ]) {
            expect(stale).not.toBe(pulumiYaml);
            expect(withPulumiConfig(stale)).toBe(pulumiYaml);
        }
        for (const stale of [readme.replace(description, "Roles."), readme.replace('`["Reader"]`', '`["Writer"]`')]) {
            expect(stale).not.toBe(readme);
            expect(withReadmeTable(stale)).toBe(readme);
        }
    });

    it("writes deterministic output and changes nothing when run twice", () => {
        expect(pulumiConfigBlock()).toBe(pulumiConfigBlock());
        expect(readmeTable()).toBe(readmeTable());
        for (const { content } of generatedFiles(ROOT)) {
            const again = content.includes(README_BEGIN) ? withReadmeTable(content) : withPulumiConfig(content);
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

describe("README configuration table", () => {
    const before = "# x\n\n## Configuration\n\nIntro.\n\n";
    const after = "\n\nRegions:\n\n| IAM region | domain |\n| --- | --- |\n| global | icr.io |\n\n## Next\n";
    const oldTable =
        "| key | type | default | description |\n| --- | --- | --- | --- |\n| `a` | string | required | A. |";

    it("wraps the section's key table in markers the first time, keeping the rest byte for byte", () => {
        const out = withReadmeTable(before + oldTable + after);
        expect(out).toBe(before + `${README_BEGIN}\n${readmeTable()}${README_END}` + after);
    });

    it("replaces what is between the markers afterwards", () => {
        const out = withReadmeTable(before + `${README_BEGIN}\nanything\n${README_END}` + after);
        expect(out).toBe(before + `${README_BEGIN}\n${readmeTable()}${README_END}` + after);
    });

    it("finds markers at the very start too, and refuses a begin marker without an end", () => {
        expect(withReadmeTable(`${README_BEGIN}\nold\n${README_END}\nrest\n`)).toBe(
            `${README_BEGIN}\n${readmeTable()}${README_END}\nrest\n`,
        );
        expect(() => withReadmeTable(`${before}${README_BEGIN}\n${oldTable}\n`)).toThrow(/without/);
    });

    it("escapes | in a cell, so that a row stays one row", () => {
        expect(tableCell("a | b")).toBe("a \\| b");
    });

    it("refuses a README without the section or its key table", () => {
        expect(() => withReadmeTable("# x\n")).toThrow(/no ## Configuration/);
        expect(() => withReadmeTable("## Configuration\n\ntext\n\n## Next\n| key | x |\n")).toThrow(/no key table/);
    });
});
