/**
 * A stack's Pulumi ESC environments, read offline from committed definitions: `esc/<name>.yaml` holds what
 * `esc env get <org>/<name> --definition` prints. References are to github.com/pulumi/pulumi at
 * 1b5949891b3cefcb9974752b24a5ecef0acc86c8 and github.com/pulumi/esc at
 * 5e20cf80ad2940f036ce01a02b60047c82d9f8c2:
 * - pulumi sdk/go/common/workspace/project.go:998-1033, 1220-1226 (Environment): a stack file's
 *   `environment:` is a list of environment names, read as the definition `{imports: [names]}`, or an inline
 *   definition.
 * - esc eval/eval.go:482-510 (evaluateImports): imports merge in order (unless `merge: false`), then the
 *   definition's own `values` over them, as JSON merge patch.
 * - pulumi pkg/workspace/config.go:195-253 (toConfigMap, toPlaintext): `values.pulumiConfig`'s keys are
 *   config keys (without ':' the project's own), secrets stay secrets.
 * A function (`fn::secret: {ciphertext: …}`, `fn::open…`) cannot be evaluated offline: its value is the
 * unreadable-secret marker, as a `secure:` value is. Pure: files come through `readFile`.
 */
import * as path from "path";
import { GoValue, goMergeMaps } from "./goValue";
import { duplicateKeyProblems, pathText } from "./duplicateKeys";
import {
    Located,
    PARSE_KEY_RULE,
    Problem,
    keyForMessage,
    parseConfigKey,
    stringKeyOf,
    toGoValue,
    writtenTwice,
} from "./values";
import { YMap, YNode, YamlSyntaxError, parseYaml } from "./yamlTree";

export interface EnvValue {
    readonly value: GoValue;
    readonly at: Located;
}

interface Evaluated {
    readonly values: ReadonlyMap<string, GoValue>;
    /** Where each `values.pulumiConfig` key was last set. */
    readonly where: ReadonlyMap<string, Located>;
}

interface Import {
    readonly name: string;
    readonly merge: boolean;
    readonly line: number;
}

/** ESC environment names: `<env>` or `<project>/<env>`, of letters, digits, `-`, `_` and `.`. */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)?$/;

/** The definition file of an environment, relative to the project directory. */
export function definitionFile(name: string): string {
    return `${path.join("esc", ...name.split("/"))}.yaml`;
}

/** Reads environments' definitions, each once, following their imports. */
class EnvironmentReader {
    private readonly cache = new Map<string, Evaluated | undefined>();

    constructor(
        private readonly readFile: (relative: string) => string | undefined,
        private readonly problems: Problem[],
        private readonly warnings: string[],
    ) {}

    problem(file: string, line: number | undefined, message: string): void {
        this.problems.push({ file, line, message });
    }

    importsOf(list: YNode | undefined, file: string, line: number): Import[] {
        if (list === undefined || list.kind === "null") return [];
        if (list.kind !== "seq") {
            this.problem(file, line, "imports must be a list of environment names");
            return [];
        }
        const imports: Import[] = [];
        for (const item of list.items) {
            if (item.kind === "scalar") imports.push({ name: item.text, merge: true, line });
            else if (item.kind === "map" && item.entries.length === 1) {
                // `- name: {merge: false}` (esc ast/environment.go ImportDecl)
                const [{ key, value, line: at }] = item.entries;
                const merge =
                    value.kind !== "map" ||
                    !value.entries.some(
                        (m) =>
                            m.key.text === "merge" &&
                            m.value.kind === "scalar" &&
                            /^(false|False|FALSE)$/.test(m.value.text),
                    );
                imports.push({ name: key.text, merge, line: at });
            } else this.problem(file, line, "an import must be an environment name");
        }
        return imports;
    }

    evaluate(definition: YMap, file: string, chain: readonly string[]): Evaluated {
        const field = (name: string) => definition.entries.find((e) => e.key.text === name);
        const importsEntry = field("imports");
        let values: ReadonlyMap<string, GoValue> = new Map();
        const where = new Map<string, Located>();
        for (const imp of this.importsOf(importsEntry?.value, file, importsEntry?.line ?? 1)) {
            const imported = this.load(imp, file, chain);
            if (imported === undefined || !imp.merge) continue;
            values = goMergeMaps(imported.values, values);
            for (const [k, l] of imported.where) where.set(k, l);
        }
        const valuesEntry = field("values");
        if (valuesEntry === undefined || valuesEntry.value.kind === "null") return { values, where };
        if (valuesEntry.value.kind !== "map") {
            this.problem(file, valuesEntry.line, "values must be a map");
            return { values, where };
        }
        return { values: goMergeMaps(this.ownValues(valuesEntry.value, file, where), values), where };
    }

    /** A definition's own `values`, recording where each pulumiConfig key is set. */
    private ownValues(values: YMap, file: string, where: Map<string, Located>): Map<string, GoValue> {
        const own = new Map<string, GoValue>();
        const problems = this.problems;
        for (const e of values.entries) {
            const k = stringKeyOf(e.key);
            if (!("key" in k)) {
                this.problem(file, e.line, `a key of values is ${k.notString}; ESC mapping keys must be strings`);
                continue;
            }
            if (k.key !== "pulumiConfig" || e.value.kind !== "map") {
                own.set(k.key, toGoValue(e.value, e.line, { esc: true, file, key: `values.${k.key}`, problems }));
                continue;
            }
            const config = new Map<string, GoValue>();
            for (const c of e.value.entries) {
                const ck = stringKeyOf(c.key);
                if (!("key" in ck)) {
                    this.problem(
                        file,
                        c.line,
                        `a key of pulumiConfig is ${ck.notString}; ESC mapping keys must be strings`,
                    );
                    continue;
                }
                const key = `pulumiConfig.${keyForMessage(ck.key)}`;
                config.set(ck.key, toGoValue(c.value, c.line, { esc: true, file, key, problems }));
                where.set(ck.key, { file, line: c.line });
            }
            own.set(k.key, { t: "map", v: config });
        }
        return own;
    }

    load(imp: Import, file: string, chain: readonly string[]): Evaluated | undefined {
        if (!NAME.test(imp.name)) {
            this.problem(file, imp.line, "an environment name must be <environment> or <project>/<environment>");
            return undefined;
        }
        if (chain.includes(imp.name)) {
            this.problem(
                file,
                imp.line,
                `environment ${imp.name} imports itself (${[...chain, imp.name].join(" → ")})`,
            );
            return undefined;
        }
        if (!this.cache.has(imp.name)) this.cache.set(imp.name, this.definition(imp, file, chain));
        return this.cache.get(imp.name);
    }

    /** An environment's committed definition, evaluated; a warning when there is none. */
    private definition(imp: Import, file: string, chain: readonly string[]): Evaluated | undefined {
        const relative = definitionFile(imp.name);
        const display = relative.split(path.sep).join("/");
        const text = this.readFile(relative);
        if (text === undefined) {
            // Not an error: an environment that only sets environment variables (IBMCLOUD_API_KEY, as README
            // suggests) changes nothing in the plan. A key it would set is then missing, and the program's
            // validation names it, after this warning.
            this.warnings.push(
                `${file}:${imp.line}: environment ${imp.name}: the offline plan cannot open Pulumi ESC and reads the ` +
                    `environment's definition from ${display}, which does not exist, so its pulumiConfig values are not ` +
                    `in this plan; to include them, write it with \`esc env get <org>/${imp.name} --definition > ${display}\``,
            );
            return undefined;
        }
        let doc: YNode | undefined;
        try {
            doc = parseYaml(text);
        } catch (err) {
            if (!(err instanceof YamlSyntaxError)) throw err;
            this.problem(display, err.line, `column ${err.column}: YAML syntax error: ${err.reason}`);
        }
        if (doc === undefined) return { values: new Map(), where: new Map() };
        if (doc.kind !== "map") {
            this.problem(display, 1, "an environment definition must be a map (imports:, values:)");
            return undefined;
        }
        this.duplicateKeys(doc, display);
        return this.evaluate(doc, display, [...chain, imp.name]);
    }

    /**
     * Keys written twice in a definition: one inside `values` is an error (eval/eval.go:407-416 and 461-468,
     * "duplicate key %q"); ESC warns of one elsewhere (a top-level key, an import's options) and reads the last
     * (ast/environment.go:311-336 parseRecord, "duplicate key %q" with severity warning).
     */
    private duplicateKeys(definition: YMap, file: string): void {
        const warned: Problem[] = definition.duplicates.map((d) => ({
            file,
            line: d.line,
            message: writtenTwice(d.key, d.first),
        }));
        for (const e of definition.entries) {
            const into = e.key.text === "values" ? this.problems : warned;
            duplicateKeyProblems(e.value, file, into, pathText, [e.key.text]);
        }
        for (const w of warned)
            this.warnings.push(`${file}:${w.line}: ${w.message}; ESC warns of it and reads the last`);
    }
}

/** The stack file's `environment:` (a list of names, or a definition), evaluated. */
function evaluateRoot(reader: EnvironmentReader, node: YNode, at: Located): Evaluated | undefined {
    if (node.kind === "null") return undefined;
    if (node.kind === "seq") {
        const imports = { kind: "scalar", text: "imports", plain: true } as const;
        const definition = {
            kind: "map",
            entries: [{ key: imports, line: at.line, value: node }],
            duplicates: [],
        } as const;
        return reader.evaluate(definition, at.file, []);
    }
    if (node.kind === "map") return reader.evaluate(node, at.file, []);
    reader.problem(at.file, at.line, "environment must be a list of environment names, or an environment definition");
    return undefined;
}

export function readEnvironment(
    node: YNode,
    at: Located,
    project: string,
    readFile: (relative: string) => string | undefined,
    problems: Problem[],
    warnings: string[] = [],
): Map<string, EnvValue> {
    const reader = new EnvironmentReader(readFile, problems, warnings);
    const root = evaluateRoot(reader, node, at);
    const config = new Map<string, EnvValue>();
    const pulumiConfig = root?.values.get("pulumiConfig");
    if (root === undefined || pulumiConfig?.t !== "map") return config;
    const rawKeys = new Map<string, string>();
    for (const [raw, value] of pulumiConfig.v) {
        const where = root.where.get(raw) ?? at;
        const key = parseConfigKey(project, raw);
        if (key === undefined) {
            reader.problem(
                where.file,
                where.line,
                `pulumiConfig.${keyForMessage(raw)} is not a configuration key: ${PARSE_KEY_RULE}`,
            );
            continue;
        }
        const other = rawKeys.get(key);
        if (other !== undefined) {
            reader.problem(where.file, where.line, `pulumiConfig sets ${key} twice (as ${other} and as ${raw})`);
            continue;
        }
        rawKeys.set(key, raw);
        config.set(key, { value, at: where });
    }
    return config;
}
