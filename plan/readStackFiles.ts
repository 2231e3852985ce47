/**
 * Reads Pulumi.yaml, Pulumi.<stack>.yaml and the stack's ESC environments (committed under esc/) the way
 * the Pulumi CLI builds the config it hands a program: each value the string the CLI passes (scalars as
 * yaml.v3 types them, maps and lists as JSON), project defaults filled in, values checked against
 * Pulumi.yaml's declared types, and secrets (`secure:`, ESC functions), which cannot be decrypted offline,
 * replaced by UNREADABLE_SECRET and listed in secretKeys. The rules, with the Pulumi sources they follow,
 * are in core/stackFile/. Any problem: one Error listing each as `file:line: message`, never a value;
 * readStack instead returns the problems of single keys' values (Pulumi.yaml's type checks) with the config
 * of the other keys, so that the program's own rules can judge those at the same time.
 */
import * as fs from "fs";
import * as path from "path";
import { readEnvironment } from "../core/stackFile/esc";
import { GoValue, configText, goMerge, hasSecret } from "../core/stackFile/goValue";
import {
    Declaration,
    checkType,
    checkedContent,
    fullTypeName,
    mismatch,
    readDeclarations,
} from "../core/stackFile/projectTypes";
import { StackValue, readStackDoc } from "../core/stackFile/stackDoc";
import { duplicateKeyProblems } from "../core/stackFile/duplicateKeys";
import { Problem, problemText, sortProblems } from "../core/stackFile/values";
import { YNode, YamlSyntaxError, parseYaml } from "../core/stackFile/yamlTree";

export interface StackConfig {
    readonly project: string;
    readonly stack: string;
    /** Fully-qualified keys to the strings the Pulumi CLI would pass the program. */
    readonly config: Record<string, string>;
    /** Keys whose value is or holds a secret (the CLI's PULUMI_CONFIG_SECRET_KEYS). */
    readonly secretKeys: string[];
    /** What the CLI would warn about (`key:` with no value), as `file:line: message`. */
    readonly warnings: string[];
}

/** A stack's config with the keys whose values the stack files refuse left out, and those refusals. */
export interface StackRead extends StackConfig {
    /** Problems of single keys' values (each with its `key`), in file and line order. */
    readonly keyProblems: readonly Problem[];
}

/** One Error for every problem found, each on its line, in file and line order. */
export class StackFileError extends Error {
    constructor(readonly problems: readonly Problem[]) {
        super(sortProblems(problems).map(problemText).join("\n"));
        this.name = "StackFileError";
    }
}

function readYamlFile(file: string, display: string, problems: Problem[]): YNode | undefined {
    try {
        // readFileStripUTF8BOM (loaders.go:30-49); js-yaml drops the BOM too.
        return parseYaml(fs.readFileSync(file, "utf8"));
    } catch (err) {
        if (!(err instanceof YamlSyntaxError)) throw err;
        // The line and column and js-yaml's reason only: err.message of js-yaml quotes the file's lines.
        problems.push({
            file: display,
            line: err.line,
            message: `column ${err.column}: YAML syntax error: ${err.reason}`,
        });
        return undefined;
    }
}

function readProject(projectDir: string, problems: Problem[]) {
    const doc = readYamlFile(path.join(projectDir, "Pulumi.yaml"), "Pulumi.yaml", problems);
    duplicateKeyProblems(doc, "Pulumi.yaml", problems);
    const field = (name: string) => (doc?.kind === "map" ? doc.entries.find((e) => e.key.text === name) : undefined);
    const name = field("name")?.value;
    if (name?.kind !== "scalar" || name.text === "") {
        if (problems.length === 0) problems.push({ file: "Pulumi.yaml", message: "the project has no name" });
        throw new StackFileError(problems);
    }
    const dir = field("stackConfigDir")?.value;
    const config = field("config")?.value;
    return {
        name: name.text,
        stackConfigDir: dir?.kind === "scalar" ? dir.text : "",
        declarations: config === undefined ? [] : readDeclarations(config, name.text, "Pulumi.yaml", problems),
    };
}

/**
 * Which stack file: a stack of the project by name (`Pulumi.<stack>.yaml` in its stack config directory), or a
 * file anywhere by path (`examples/Pulumi.copy.yaml`: stack `copy`), read as the CLI reads the project's.
 */
export type StackRef = string | { readonly file: string };

/** The stack's name and file, and the name problems give the file (its path from the project). */
export function stackFileOf(projectDir: string, stackConfigDir: string, ref: StackRef) {
    const file =
        typeof ref === "string"
            ? path.join(projectDir, stackConfigDir, `Pulumi.${ref}.yaml`)
            : path.resolve(projectDir, ref.file);
    const stack = typeof ref === "string" ? ref : /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1];
    if (stack === undefined) throw new Error(`${ref.toString()}: a stack file is named Pulumi.<stack>.yaml`);
    return { stack, file, display: path.relative(projectDir, file).split(path.sep).join("/") };
}

/** The stacks a project has: `Pulumi.<stack>.yaml` in `dir`. */
export function stacksIn(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** The stack's config as the CLI hands it to the program; any problem throws a StackFileError. */
export function readStackFiles(projectDir: string, stack: StackRef): StackConfig {
    const { keyProblems, ...config } = readStack(projectDir, stack);
    if (keyProblems.length > 0) throw new StackFileError(keyProblems);
    return config;
}

/**
 * The stack's config without the keys whose values the stack files refuse, and those refusals; any other
 * problem (YAML syntax, a key written twice, a file's shape, ESC) throws a StackFileError with every problem.
 */
export function readStack(projectDir: string, ref: StackRef): StackRead {
    const problems: Problem[] = [];
    const project = readProject(projectDir, problems);
    // The CLI loads and validates Pulumi.yaml before it reads a stack (loaders.go:109-148).
    if (problems.length > 0) throw new StackFileError(problems);
    const { stack, file: stackPath, display: file } = stackFileOf(projectDir, project.stackConfigDir, ref);
    if (!fs.existsSync(stackPath)) {
        const known = stacksIn(path.join(projectDir, project.stackConfigDir));
        throw new Error(
            `no stack file ${file} in ${projectDir}; its stacks: ${known.join(", ") || "none"}` +
                (typeof ref === "string" ? " (a file elsewhere, such as an example: --stack-file PATH)" : ""),
        );
    }
    const doc = readStackDoc(readYamlFile(stackPath, file, problems), file, project.name, problems);

    // The environment's pulumiConfig first, the stack's own config merged over it (pkg/workspace/config.go:272-293).
    const values = new Map<string, StackValue>(doc.config);
    if (doc.environment !== undefined) {
        const readFile = (relative: string) => {
            const p = path.join(projectDir, relative);
            return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
        };
        const env = readEnvironment(
            doc.environment.node,
            doc.environment.at,
            project.name,
            readFile,
            problems,
            doc.warnings,
        );
        for (const [key, envValue] of env) {
            const own = values.get(key);
            values.set(key, own === undefined ? envValue : { value: goMerge(own.value, envValue.value), at: own.at });
        }
    }
    applyDeclarations(project.name, stack, file, project.declarations, values, problems);
    if (problems.some((p) => p.key === undefined)) throw new StackFileError(problems);

    for (const p of problems) values.delete(p.key!);
    const keys = [...values.keys()].sort();
    return {
        project: project.name,
        stack,
        config: Object.fromEntries(keys.map((k) => [k, configText(values.get(k)!.value)])),
        secretKeys: keys.filter((k) => hasSecret(values.get(k)!.value)),
        warnings: doc.warnings,
        keyProblems: sortProblems(problems),
    };
}

/**
 * Project defaults and values where the stack sets nothing, required keys, and the type checks
 * (pkg/workspace/config.go:295-365 mergeConfig, 66-157 validateStackConfigValues).
 */
function applyDeclarations(
    project: string,
    stack: string,
    file: string,
    declarations: readonly Declaration[],
    values: Map<string, StackValue>,
    problems: Problem[],
): void {
    for (const d of declarations) {
        if (values.has(d.key)) continue;
        // createConfigValue (config.go:179-193): the default wins over `value` where both are (refused anyway).
        const given: GoValue | undefined = d.default ?? d.value;
        if (given !== undefined) values.set(d.key, { value: given, at: { file: "Pulumi.yaml", line: d.line } });
        else if (d.key.startsWith(`${project}:`)) {
            problems.push({
                file,
                key: d.key,
                message: `${d.key} is not set, and Pulumi.yaml:${d.line} declares it without a default (stack ${stack} is missing a configuration value)`,
            });
        }
    }
    for (const d of declarations) {
        const v = values.get(d.key);
        if (v === undefined || d.type === undefined) continue;
        if (d.secret && !hasSecret(v.value)) {
            problems.push({
                ...v.at,
                key: d.key,
                message: `${d.key} must be a secret (Pulumi.yaml declares it secret: true): set it with pulumi config set --secret`,
            });
            continue;
        }
        const content = checkedContent(v.value);
        if (checkType(d.type, content) === "no") {
            problems.push({
                ...v.at,
                key: d.key,
                message: `${d.key} must be of type '${fullTypeName(d.type)}' (Pulumi.yaml:${d.line}), but ${mismatch(d.type, content)}`,
            });
        }
    }
}
