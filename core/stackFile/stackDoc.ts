/**
 * A stack file's `config:` and `environment:`, read as the Pulumi CLI reads them. References are to
 * github.com/pulumi/pulumi at 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
 * - sdk/go/common/workspace/loaders.go:173-233 (LoadProjectStackBytes): an empty file is an empty stack;
 *   anything but a map is refused ("expected project to be an object", project.go:554-567); `config:` keys
 *   without ':' get the project's namespace (loaders.go:51-89); `config:` must be a map (config.Map).
 * - sdk/go/common/resource/config/map.go:310-328 (Map.UnmarshalYAML): every key through config.ParseKey.
 *   Two spellings of one key (`cluster` and `registry-access:cluster`, or `registry-access:config:cluster`)
 *   land in one Go map in random order there; here they are an error.
 * - A key written twice in one map, at any depth: yaml.v3 refuses the file (duplicateKeys.ts); a config key is
 *   named as the CLI reads it, a key inside its value by its path (`registry-access:registries[0].server`).
 * - loaders.go:359-410 (checkForEmptyConfig): `key:` with nothing (or `~`, `null`) is passed as "" (yaml.v3
 *   decode.go:565-583 `scalar`: a null node leaves config.Value zero, its UnmarshalYAML uncalled), with a warning.
 * Pure.
 */
import { GoValue, resolvePlain } from "./goValue";
import {
    Located,
    MERGE_KEY,
    PARSE_KEY_RULE,
    isMergeKey,
    Problem,
    keyForMessage,
    parseConfigKey,
    stringKeyOf,
    toGoValue,
} from "./values";
import { YNode } from "./yamlTree";
import { YPath, duplicateKeyProblems, pathText } from "./duplicateKeys";

export interface StackValue {
    readonly value: GoValue;
    readonly at: Located;
}

export interface StackDoc {
    readonly config: Map<string, StackValue>;
    readonly environment?: { readonly node: YNode; readonly at: Located };
    readonly warnings: string[];
}

const KIND: Record<string, string> = { scalar: "a scalar", seq: "a list", map: "a map", null: "empty" };

/** A path in a stack file, a config key as the CLI reads it: `registry-access:registries[0].server`. */
function stackPath(project: string): (path: YPath) => string {
    return (path) => {
        if (path[0] !== "config" || path.length < 2) return pathText(path);
        const raw = String(path[1]);
        return pathText(path.slice(2), parseConfigKey(project, raw) ?? keyForMessage(raw));
    };
}

export function readStackDoc(doc: YNode | undefined, file: string, project: string, problems: Problem[]): StackDoc {
    const result: StackDoc = { config: new Map(), warnings: [] };
    duplicateKeyProblems(doc, file, problems, stackPath(project));
    if (doc === undefined) return result;
    if (doc.kind !== "map") {
        problems.push({
            file,
            line: 1,
            message: `a stack file must be a map (config:, environment:), but this one is ${KIND[doc.kind]}`,
        });
        return result;
    }
    let configEntry: (typeof doc.entries)[number] | undefined;
    let environment: StackDoc["environment"];
    for (const e of doc.entries) {
        const k = stringKeyOf(e.key);
        if (!("key" in k)) {
            problems.push({ file, line: e.line, message: `a top-level key is ${k.notString}; keys must be strings` });
            continue;
        }
        if (k.key === "config") configEntry = e;
        else if (k.key === "environment") environment = { node: e.value, at: { file, line: e.line } };
    }
    if (configEntry === undefined || configEntry.value.kind === "null") return { ...result, environment };
    const config = configEntry.value;
    if (config.kind !== "map") {
        problems.push({
            file,
            line: configEntry.line,
            message: `config must be a map of configuration keys to values, but it is ${KIND[config.kind]}`,
        });
        return { ...result, environment };
    }
    readConfigEntries(config, file, project, problems, result);
    return { ...result, environment };
}

/** The entries of `config:`, each under its parsed key; a key set twice (in two spellings) is refused. */
function readConfigEntries(
    config: Extract<YNode, { kind: "map" }>,
    file: string,
    project: string,
    problems: Problem[],
    result: StackDoc,
): void {
    const firstLine = new Map<string, number>();
    for (const e of config.entries) {
        if (isMergeKey(e.key)) {
            problems.push({ file, line: e.line, message: `config: ${MERGE_KEY}` });
            continue;
        }
        const raw = stringKeyOf(e.key);
        if (!("key" in raw)) {
            problems.push({
                file,
                line: e.line,
                message: `a configuration key is ${raw.notString}; ${PARSE_KEY_RULE}`,
            });
            continue;
        }
        const key = parseConfigKey(project, raw.key);
        if (key === undefined) {
            problems.push({
                file,
                line: e.line,
                message: `${keyForMessage(raw.key)} is not a configuration key: ${PARSE_KEY_RULE}`,
            });
            continue;
        }
        const first = firstLine.get(key);
        if (first !== undefined) {
            problems.push({ file, line: e.line, message: `${key} is set twice (also at line ${first})` });
            continue;
        }
        firstLine.set(key, e.line);
        let value: GoValue;
        if (
            e.value.kind === "null" ||
            (e.value.kind === "scalar" && e.value.plain && resolvePlain(e.value.text).t === "null")
        ) {
            value = { t: "str", v: "" };
            result.warnings.push(
                `${file}:${e.line}: ${key} has no value: the Pulumi CLI passes it as "" and warns that a later ` +
                    `version will pass null; write "" to say so`,
            );
        } else value = toGoValue(e.value, e.line, { esc: false, file, key, problems });
        result.config.set(key, { value, at: { file, line: e.line } });
    }
}
