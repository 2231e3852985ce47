/**
 * YAML nodes (yamlTree.ts) to config values (goValue.ts), the way the Pulumi CLI reads a stack file or an
 * ESC definition, and config keys as config.ParseKey reads them. Problems are collected, never thrown, and
 * never quote a value. References are to github.com/pulumi/pulumi at
 * 1b5949891b3cefcb9974752b24a5ecef0acc86c8 and github.com/pulumi/esc at
 * 5e20cf80ad2940f036ce01a02b60047c82d9f8c2. Pure.
 */
import { GoValue, Resolved, goFormatG, resolvePlain } from "./goValue";
import { YMap, YNode, YScalar } from "./yamlTree";

/** One problem of one file: the file's basename, a 1-based line where there is one, what is wrong. */
export interface Problem {
    readonly file: string;
    readonly line?: number;
    readonly message: string;
    /**
     * The configuration key whose value it refuses, where it concerns that value alone (Pulumi.yaml's type
     * checks): the other keys can still be checked.
     */
    readonly key?: string;
}

/** `file:line: message`. */
export function problemText(p: Problem): string {
    return `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.message}`;
}

/** In file and line order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
    return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

export interface Located {
    readonly file: string;
    readonly line: number;
}

/** A key for messages: a valid `namespace:name` key, or the text of a bad one up to its second ':'. */
export function keyForMessage(raw: string): string {
    const parts = raw.split(":");
    return parts.length <= 2 ? raw : `${parts.slice(0, 2).join(":")}:…`;
}

/**
 * config.ParseKey (sdk/go/common/resource/config/key.go:45-70, TestParseKey in key_test.go:26-48):
 * `<namespace>:<name>`, or the old `<namespace>:config:<name>`; anything else is refused. A key without
 * ':' is the project's own (workspace/loaders.go:61-89 stackConfigNamespacedWithProject for stack files,
 * pkg/workspace/config.go:159-168 parseConfigKey for Pulumi.yaml and ESC's pulumiConfig).
 */
export function parseConfigKey(project: string, raw: string): string | undefined {
    const parts = raw.split(":");
    if (parts.length === 1) return `${project}:${raw}`;
    if (parts.length === 2) return raw;
    if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
    return undefined;
}

export const PARSE_KEY_RULE =
    "a configuration key is <namespace>:<name>, or <name> alone for this project's own keys (config.ParseKey)";

/** What a scalar key is in Go: its text, or the resolved value's fmt "%v" (object.go:505-510). */
function goKeyOf(key: YScalar, esc: boolean): { key: string } | { notString: string } {
    if (!key.plain) return { key: key.text };
    const r = resolvePlain(key.text);
    switch (r.t) {
        case "str":
            return { key: r.v };
        case "time":
            return esc ? { key: key.text } : { key: r.goString };
        case "int":
            return esc ? { notString: "an integer" } : { key: r.v.toString() };
        case "bool":
            return esc ? { notString: "a boolean" } : { key: String(r.v) };
        case "float":
            return esc ? { notString: "a number" } : { key: goFormatG(r.v) };
        case "null":
            return esc ? { notString: "null" } : { key: "<nil>" };
        default:
            return { key: key.text };
    }
}

/** What a top-level key of a map is, for keys that must be strings (config keys, document keys). */
export function stringKeyOf(key: YScalar): { key: string } | { notString: string } {
    if (!key.plain) return { key: key.text };
    const r = resolvePlain(key.text);
    if (r.t === "str") return { key: r.v };
    if (r.t === "time") return { key: key.text };
    const kinds: Record<string, string> = { int: "an integer", bool: "a boolean", float: "a number", null: "null" };
    return { notString: kinds[r.t] ?? "not a string" };
}

/** The message for a key written again: `<name> is written twice (also at line <first>)`. */
export function writtenTwice(name: string, first: number): string {
    return `${name} is written twice (also at line ${first})`;
}

/**
 * `1: a` and `0x1: b` in one map: two keys to yaml.v3 (their texts differ; keys of the same text are the tree's
 * YMap.duplicates), one to the map the CLI builds (object.go:505-510 makes both "1"), where the last would
 * replace the first: each such key, its line and the first one's.
 */
function sameGoKeys(map: YMap, goKey: (key: YScalar) => string): { key: string; line: number; first: number }[] {
    const seen = new Map<string, number>();
    const dups: { key: string; line: number; first: number }[] = [];
    for (const e of map.entries) {
        const k = goKey(e.key);
        const first = seen.get(k);
        if (first !== undefined) dups.push({ key: k, line: e.line, first });
        else seen.set(k, e.line);
    }
    return dups;
}

export interface ConvertOptions {
    /** ESC's reading (esc syntax/encoding/yaml.go:419-446): timestamps stay text, keys must be strings,
     * `fn::` maps are functions; a stack file's (pulumi object.go): `secure:` maps are secrets. */
    readonly esc: boolean;
    readonly file: string;
    /** The top-level key, for messages. */
    readonly key: string;
    readonly problems: Problem[];
}

/**
 * A value node as the CLI holds it. Stack files: pulumi object.go unmarshalObject after the round trip of
 * loaders.go:219-222. ESC: esc syntax/encoding/yaml.go unmarshalYAMLNode and
 * pulumi pkg/workspace/config.go:211-253 toPlaintext. `path` names the node in messages of keys inside it
 * (`registry-access:registries[0].server`).
 */
export function toGoValue(node: YNode, line: number, o: ConvertOptions, path = o.key): GoValue {
    const problem = (at: number, message: string) => o.problems.push({ file: o.file, line: at, message });
    switch (node.kind) {
        case "null":
            return { t: "null" };
        case "scalar": {
            const r: Resolved = node.plain ? resolvePlain(node.text) : { t: "str", v: node.text };
            if (o.esc && (r.t === "str" || r.t === "time")) return escString(node.text, line, o);
            if (r.t === "time") return { t: "str", v: r.goString };
            if (r.t === "float" && !Number.isFinite(r.v)) {
                problem(
                    line,
                    `${o.key}: YAML reads a value in it as infinity or NaN, which Pulumi cannot hold ` +
                        `(encoding/json: unsupported value)`,
                );
                return { t: "null" };
            }
            return r;
        }
        case "seq":
            return { t: "seq", v: node.items.map((item, i) => toGoValue(item, line, o, `${path}[${i}]`)) };
        case "map": {
            // ESC functions (fn::secret, fn::open, …) cannot be evaluated offline: unreadable, as a secret.
            if (o.esc && node.entries.some((e) => e.key.text.startsWith("fn::"))) return { t: "secret" };
            if (!o.esc && isSecure(node)) return { t: "secret" };
            const keyOf = (key: YScalar) => {
                const k = goKeyOf(key, o.esc);
                return "key" in k ? k.key : `\u0000${key.text}`;
            };
            for (const d of sameGoKeys(node, keyOf)) problem(d.line, writtenTwice(`${path}.${d.key}`, d.first));
            const entries = new Map<string, GoValue>();
            for (const e of node.entries) {
                if (isMergeKey(e.key)) {
                    problem(e.line, `${o.key}: ${MERGE_KEY}`);
                    continue;
                }
                const k = goKeyOf(e.key, o.esc);
                if ("notString" in k) {
                    problem(e.line, `${o.key}: a key inside it is ${k.notString}; ESC mapping keys must be strings`);
                    continue;
                }
                entries.set(k.key, toGoValue(e.value, e.line, o, `${path}.${k.key}`));
            }
            return { t: "map", v: entries };
        }
    }
}

/** yaml.v3 resolves a plain `<<` key as a merge (resolve.go v3.0.1); js-yaml's failsafe reading does not. */
export const isMergeKey = (key: YScalar) => key.plain && key.text === "<<";
export const MERGE_KEY = "a YAML merge key (<<), which the offline plan does not read: write the entries out";

/** object.go isSecureValue: a map of the single key `secure` whose value is a string. */
function isSecure(node: YMap): boolean {
    if (node.entries.length !== 1) return false;
    const [{ key, value }] = node.entries;
    const k = stringKeyOf(key);
    if (!("key" in k) || k.key !== "secure" || value.kind !== "scalar") return false;
    return !value.plain || resolvePlain(value.text).t === "str";
}

/**
 * An ESC string: `$$` is `$`, `${…}` an interpolation (esc ast/interpolation.go:27-60), which the offline
 * plan does not evaluate.
 */
function escString(text: string, line: number, o: ConvertOptions): GoValue {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        if (text.startsWith("$$", i)) {
            out += "$";
            i++;
        } else if (text.startsWith("${", i)) {
            o.problems.push({
                file: o.file,
                line,
                message:
                    `${o.key}: an \${…} interpolation, which the offline plan does not evaluate ` +
                    `(write the value itself, or fn::secret for a secret)`,
            });
            return { t: "secret" };
        } else out += text[i];
    }
    return { t: "str", v: out };
}
