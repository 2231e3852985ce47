/**
 * `npm run generate`: writes, from the declaration in core/config/contract.ts, Pulumi.yaml's `config:` block and
 * the configuration reference's key table (docs/configuration.md, between its generated-section markers).
 * Everything else in both files is kept byte for byte; the output depends on the declaration alone, so running it
 * twice changes nothing. test/config/generated.test.ts fails when the committed files differ from what this would
 * write.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, KeySpec } from "../core/config/contract";

export const TABLE_BEGIN =
    "<!-- BEGIN GENERATED: configuration keys (npm run generate, from core/config/contract.ts) -->";
export const TABLE_END = "<!-- END GENERATED: configuration keys -->";
const PULUMI_YAML_NOTE =
    "  # Generated from core/config/contract.ts by `npm run generate`: change the declaration there, not these lines.";

/** One YAML scalar or flow list on one line, quoted only where YAML needs it (then with double quotes). */
function yamlValue(v: unknown): string {
    return yaml.dump(v, { flowLevel: 0, lineWidth: -1, quotingType: '"' }).trimEnd();
}

/**
 * Pulumi.yaml's `config:` block: each key's type and description, and its default (none for required keys,
 * so that the CLI insists on them). Secrecy is not declared there: Pulumi's `secret: true` would demand an
 * encrypted value, while a key here may at most be one.
 */
export function pulumiConfigBlock(): string {
    const lines = ["config:", PULUMI_YAML_NOTE];
    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        lines.push(`  ${key}:`);
        if (spec.type === "string list") lines.push("    type: array", "    items:", "      type: string");
        else if (spec.type === "object list") lines.push("    type: array", "    items:", "      type: object");
        else lines.push(`    type: ${spec.type}`);
        lines.push(`    description: ${yamlValue(spec.description)}`);
        // A key required on some platforms only gets its empty value as default: the CLI insists on keys without one.
        const shown = spec.default ?? (spec.platforms === undefined ? undefined : spec.type === "string" ? "" : []);
        if (shown !== undefined) lines.push(`    default: ${yamlValue(shown)}`);
    }
    return lines.join("\n") + "\n";
}

/** `pulumiYaml` with its top-level `config:` block (up to the next top-level line) replaced by the generated one. */
export function withPulumiConfig(pulumiYaml: string): string {
    const lines = pulumiYaml.split("\n");
    const start = lines.indexOf("config:");
    if (start < 0) throw new Error("Pulumi.yaml has no top-level config: block to replace");
    let end = start + 1;
    while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end]))) end++;
    // Blank lines just before the next top-level line belong between the blocks, not to config:.
    while (end > start + 1 && lines[end - 1] === "") end--;
    const block = pulumiConfigBlock().replace(/\n$/, "").split("\n");
    return [...lines.slice(0, start), ...block, ...lines.slice(end)].join("\n");
}

/** Text in one Markdown table cell: a `|` would end the cell. */
export function tableCell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

/** The file holding the configuration table, relative to the project root. */
export const CONFIGURATION_DOC = "docs/configuration.md";

/** The configuration table: one row per key, in declaration order. */
export function configurationTable(): string {
    const rows = [
        "| key | type | default | may be a secret | platforms | description |",
        "| --- | --- | --- | --- | --- | --- |",
    ];
    for (const key of CONFIG_KEY_NAMES) {
        const spec: KeySpec = CONFIG_KEYS[key];
        const shownDefault = spec.required !== undefined ? "required" : `\`${JSON.stringify(spec.default)}\``;
        const secrecy = spec.type === "object list" ? "its secret fields" : spec.secret ? "yes" : "no";
        const platforms = spec.platforms?.join(", ") ?? "all";
        rows.push(
            `| \`${key}\` | ${spec.type} | ${shownDefault} | ${secrecy} | ${platforms} | ${tableCell(spec.description)} |`,
        );
    }
    return rows.join("\n") + "\n";
}

/** `doc` with the generated table between its markers, which it must have (once each, begin first). */
export function withConfigurationTable(doc: string): string {
    const begin = doc.indexOf(TABLE_BEGIN);
    const end = doc.indexOf(TABLE_END, begin);
    if (begin < 0 || end < 0) {
        throw new Error(`${CONFIGURATION_DOC} must hold the lines ${TABLE_BEGIN} and ${TABLE_END}, in that order`);
    }
    return (
        doc.slice(0, begin) + `${TABLE_BEGIN}\n${configurationTable()}${TABLE_END}` + doc.slice(end + TABLE_END.length)
    );
}

export interface GeneratedFile {
    readonly file: string;
    /** What `npm run generate` writes there, given the file's current content. */
    readonly content: string;
}

/** The generated files of the project in `root`, as they should be; reads them, writes nothing. */
export function generatedFiles(root: string): GeneratedFile[] {
    const edit = (name: string, rewrite: (current: string) => string): GeneratedFile => {
        const file = path.join(root, name);
        return { file, content: rewrite(fs.readFileSync(file, "utf8")) };
    };
    return [edit("Pulumi.yaml", withPulumiConfig), edit(CONFIGURATION_DOC, withConfigurationTable)];
}

function main(): void {
    const root = path.join(__dirname, "..");
    for (const { file, content } of generatedFiles(root)) {
        const shown = path.relative(root, file);
        if (fs.readFileSync(file, "utf8") === content) {
            process.stdout.write(`${shown} is up to date\n`);
        } else {
            fs.writeFileSync(file, content);
            process.stdout.write(`wrote ${shown}\n`);
        }
    }
}

if (require.main === module) main();
