/**
 * Pulumi.yaml's `config:` declarations, and the checks the Pulumi CLI makes with them. References are to
 * github.com/pulumi/pulumi at 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
 * - sdk/go/common/workspace/project.go:277-304 (ProjectConfigType: type, items, default, value, secret),
 *   project.json:345-398 (configTypeDeclaration, configItemsType: type one of string, integer, boolean,
 *   array, object; an array's items required), project.go:486-517 (RewriteShorthandConfigValues: `key: x`
 *   is a default for the project's own keys, a value for others), project.go:837-889 (Project.Validate).
 * - project.go:760-831 (InferFullTypeName, ValidateConfigValue): the type checks.
 * - pkg/workspace/config.go:66-157 (validateStackConfigValues): each explicitly typed key's value checked,
 *   as the decrypted string for a scalar, as its JSON for a map or list; 179-193 (createConfigValue).
 * Pure.
 */
import { GoValue, configText, describe } from "./goValue";
import { Problem, parseConfigKey, stringKeyOf, toGoValue } from "./values";
import { YMap, YNode } from "./yamlTree";

export interface TypeSpec {
    readonly type: string;
    readonly items?: TypeSpec;
}

export interface Declaration {
    /** The full key, `<namespace>:<name>`. */
    readonly key: string;
    readonly line: number;
    readonly type?: TypeSpec;
    readonly default?: GoValue;
    readonly value?: GoValue;
    readonly secret: boolean;
}

const SIMPLE_TYPES = ["string", "integer", "boolean", "array", "object"];

/** InferFullTypeName (project.go:760-766). */
export function fullTypeName(spec: TypeSpec): string {
    return spec.items !== undefined ? `array<${fullTypeName(spec.items)}>` : spec.type;
}

const entry = (map: YMap, name: string) => map.entries.find((e) => e.key.text === name);

function readTypeSpec(node: YNode | undefined, file: string, line: number, problems: Problem[]): TypeSpec | undefined {
    const bad = (message: string) => {
        problems.push({ file, line, message });
        return undefined;
    };
    if (node?.kind !== "map") return bad("an items declaration must be a map with a type");
    const type = entry(node, "type")?.value;
    if (type?.kind !== "scalar" || !SIMPLE_TYPES.includes(type.text)) {
        return bad(`a type must be one of ${SIMPLE_TYPES.join(", ")}`);
    }
    const itemsNode = entry(node, "items")?.value;
    if (type.text === "array" && itemsNode === undefined) return bad("an array type must declare its items");
    const items = itemsNode === undefined ? undefined : readTypeSpec(itemsNode, file, line, problems);
    return { type: type.text, items };
}

/** The declarations of Pulumi.yaml's `config:` (`node`), with what Project.Validate refuses. */
export function readDeclarations(node: YNode, project: string, file: string, problems: Problem[]): Declaration[] {
    if (node.kind === "null") return [];
    if (node.kind !== "map") {
        problems.push({ file, message: "config must be a map of configuration keys to declarations" });
        return [];
    }
    const declarations: Declaration[] = [];
    for (const e of node.entries) {
        const raw = stringKeyOf(e.key);
        const key = "key" in raw ? parseConfigKey(project, raw.key) : undefined;
        if (key === undefined) {
            problems.push({ file, line: e.line, message: "a config key that config.ParseKey refuses" });
            continue;
        }
        const own = key.startsWith(`${project}:`);
        const convert = (v: YNode) => toGoValue(v, e.line, { esc: false, file, key, problems });
        const problem = (message: string) => problems.push({ file, line: e.line, message: `${key}: ${message}` });
        if (e.value.kind !== "map") {
            // RewriteShorthandConfigValues (project.go:500-513).
            const v = convert(e.value);
            declarations.push({ key, line: e.line, secret: false, ...(own ? { default: v } : { value: v }) });
            continue;
        }
        const d = e.value;
        const unknown = d.entries.find(
            (f) => !["type", "items", "description", "secret", "default", "value"].includes(f.key.text),
        );
        if (unknown !== undefined) problem("a declaration has only type, items, description, secret, default, value");
        const typeNode = entry(d, "type")?.value;
        const type = typeNode === undefined ? undefined : readTypeSpec(e.value, file, e.line, problems);
        const dflt = entry(d, "default")?.value;
        const value = entry(d, "value")?.value;
        const secretNode = entry(d, "secret")?.value;
        const declaration: Declaration = {
            key,
            line: e.line,
            type,
            default: dflt === undefined || dflt.kind === "null" ? undefined : convert(dflt),
            value: value === undefined || value.kind === "null" ? undefined : convert(value),
            secret: secretNode?.kind === "scalar" && secretNode.plain && /^(true|True|TRUE)$/.test(secretNode.text),
        };
        if (declaration.default !== undefined && declaration.value !== undefined) {
            problem("cannot have both a 'default' and 'value' attribute");
        }
        if (own && type !== undefined && declaration.default !== undefined) {
            if (checkType(type, declaration.default) === "no") {
                problem(`the default value is not of the expected type '${fullTypeName(type)}'`);
            }
        }
        if (!own && typeNode !== undefined) problem("is not namespaced by the project and should not define a type");
        if (!own && declaration.default !== undefined) problem("is not namespaced by the project: use 'value'");
        if (!own && declaration.value === undefined && typeNode === undefined) problem("must provide 'value'");
        declarations.push(declaration);
    }
    return declarations;
}

/** strconv.Atoi: an optional sign and decimal digits, in int64's range. */
function isGoInt(s: string): boolean {
    if (!/^[+-]?[0-9]+$/.test(s)) return false;
    const v = BigInt(s);
    return v >= -(2n ** 63n) && v < 2n ** 63n;
}

/**
 * ValidateConfigValue (project.go:771-831) of `content`: "yes", "no", or "unknown" where a secret the plan
 * cannot decrypt decides (its plaintext is a string).
 */
export function checkType(spec: TypeSpec, content: GoValue): "yes" | "no" | "unknown" {
    const yes = (b: boolean) => (b ? "yes" : "no");
    switch (spec.type) {
        case "string":
            return yes(content.t === "str" || content.t === "secret");
        case "integer":
            if (content.t === "secret") return "unknown";
            if (content.t === "int") return "yes";
            if (content.t === "float") return yes(Number.isInteger(content.v));
            return yes(content.t === "str" && isGoInt(content.v));
        case "boolean":
            if (content.t === "secret") return "unknown";
            return yes(
                content.t === "bool" || (content.t === "str" && (content.v === "true" || content.v === "false")),
            );
        case "object":
            return yes(content.t === "map");
    }
    if (content.t !== "seq" || spec.items === undefined) return "no";
    let result: "yes" | "no" | "unknown" = "yes";
    for (const item of content.v) {
        const r = checkType(spec.items, item);
        if (r === "no") return "no";
        if (r === "unknown") result = "unknown";
    }
    return result;
}

/**
 * What the CLI type-checks for a top-level value (config.go:136-143): the string it passes for a scalar
 * (`0x1F` is checked as "31"), the JSON value for a map or list; a `secure:` value is a string.
 */
export function checkedContent(v: GoValue): GoValue {
    if (v.t === "seq" || v.t === "map" || v.t === "null" || v.t === "secret") return v;
    return { t: "str", v: configText(v) };
}

/** A type mismatch, said without the value: "it is a string", "its item [1][0] is a number". */
export function mismatch(spec: TypeSpec, content: GoValue, where = ""): string {
    if (spec.items !== undefined && content.t === "seq") {
        const i = content.v.findIndex((item) => checkType(spec.items!, item) === "no");
        return mismatch(spec.items, content.v[i], `${where}[${i}]`);
    }
    const subject = where === "" ? "it is" : `its item ${where} is`;
    switch (content.t) {
        case "str":
            if (spec.type === "integer") return `${subject} a string that is not a decimal integer`;
            return `${subject} ${spec.type === "boolean" ? "a string other than true and false" : "a string"}`;
        case "float":
            return `${subject} ${spec.type === "integer" ? "a number that is not whole" : "a number"}`;
        case "secret":
            return `${subject} a secret (a string)`;
        default:
            return `${subject} ${describe(content)}`;
    }
}
