/**
 * Validation of raw `registry-access:` config against the declaration in core/config/contract.ts. Pure: it takes
 * the string values Pulumi stores (lists as JSON) and returns the typed config, or throws ONE ConfigError
 * listing every problem, each with the key, the value as written (never a secret's) and the rule it breaks.
 * It knows no key by name: every rule comes from the declaration.
 */
import {
    CONFIG_KEYS,
    CONFIG_KEY_NAMES,
    CONFIG_NAMESPACE,
    ConfigKey,
    KeySpec,
    PLATFORM_KEY,
    Platform,
} from "./contract";
import { ConfigValues, RegistryAccessConfig, programConfig } from "./typedConfig";
import { CROSS_KEY_CHECKS, CROSS_KEY_RULES, StackPlans, stackPlans } from "./crossKeyRules";
import { parseJson } from "../input/json";
import { REDACTED } from "../input/secretText";

export interface ConfigProblem {
    readonly key: string;
    /** The offending value as the user wrote it (a secret's as "[secret]"), or undefined when not shown. */
    readonly value?: string;
    readonly rule: string;
}

export class ConfigError extends Error {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(formatProblems(problems));
        this.name = "ConfigError";
    }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
    return formatProblemList(problems.map(problemLine));
}

/** One problem: `registry-access:<key> "<value>": <rule>` (no value where none is shown). */
export function problemLine(p: ConfigProblem): string {
    const shown = p.value === undefined ? "" : ` ${JSON.stringify(p.value)}`;
    return `${CONFIG_NAMESPACE}:${p.key}${shown}: ${p.rule}`;
}

/** Problems, each a line, as one message: `invalid stack configuration (N problems):` and a `  - ` line each. */
export function formatProblemList(lines: readonly string[]): string {
    const noun = lines.length === 1 ? "problem" : "problems";
    return `invalid stack configuration (${lines.length} ${noun}):\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}

/** Raw values as Pulumi stores them (keys without the namespace): strings, with lists as JSON. */
export type RawConfig = Readonly<Record<string, string | undefined>>;

export interface ValidateOptions {
    /** Keys whose values are Pulumi secrets: never echoed in problems, and refused for keys that may not be secrets. */
    readonly secretKeys?: ReadonlySet<string>;
    /**
     * Keys that are present but whose values cannot be read here (encrypted, offline); they are secrets too.
     * Their values are not checked (they are unknown) and are passed on as given; rules that involve several
     * keys skip them.
     */
    readonly unreadable?: ReadonlySet<string>;
}

export interface CheckOptions extends ValidateOptions {
    /**
     * Keys whose values were refused before validation (the stack file's checks against Pulumi.yaml's types
     * report them): not read and not reported here, as if their value were invalid (rules on several keys that
     * read them do not run; a refused platform leaves open which keys apply).
     */
    readonly refused?: ReadonlySet<string>;
}

/**
 * A key's value as read: `undefined` when nothing was accepted (the key's problems say why), `UNSET` for a key
 * holding its empty default. An object list with problems in some elements holds its readable elements, which
 * the rules on several keys still check (CrossKeyCheck).
 */
type Read = { readonly value?: unknown } | undefined;

/** What an empty value ("", [] or {} where that is the key's default) reads as: nothing set. */
const UNSET: Read = {};

const NO_KEYS: ReadonlySet<string> = new Set();

type Report = (value: string | undefined, rule: string) => void;

/** The stack's platform, or undefined when its value is not one (the key's own problem says why). */
function platformOf(raw: RawConfig, refused: ReadonlySet<string>): Platform | undefined {
    const spec = CONFIG_KEYS[PLATFORM_KEY];
    return refused.has(PLATFORM_KEY) ? undefined : spec.check.accept(raw[PLATFORM_KEY] ?? spec.default);
}

/** The key's default as written: what setting nothing gives. */
function isDefaultText(spec: KeySpec, text: string): boolean {
    // A required key has none: its empty value ("", Pulumi.yaml's default for it) was read as unset before.
    if (spec.default === undefined) return false;
    if (spec.type === "string" || spec.type === "boolean") return text === String(spec.default);
    return JSON.stringify(parseJson(text)) === JSON.stringify(spec.default);
}

/** What Pulumi.yaml's default reads as (the CLI injects it as such a string). */
function rawDefault(spec: KeySpec): string {
    return typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default);
}

function hasEmptyDefault(spec: KeySpec): boolean {
    return spec.default === "" || (Array.isArray(spec.default) && spec.default.length === 0);
}

function readString(spec: Extract<KeySpec, { type: "string" }>, text: string, report: Report): Read {
    if (text.trim() === "") {
        // An empty value is "unset" where the key's default is empty, a problem elsewhere.
        // (A required key's empty value never gets here: readOne refuses it where the key applies, and reads
        // it as unset elsewhere.)
        if (hasEmptyDefault(spec)) return UNSET;
        report(text, "must not be empty; remove the key to use its default");
        return undefined;
    }
    const value = spec.check.accept(text);
    if (value === undefined) {
        report(text, spec.check.rule);
        return undefined;
    }
    return { value };
}

function readList(key: string, spec: Extract<KeySpec, { type: "string list" }>, text: string, report: Report): Read {
    const parsed = parseJson(text);
    if (!Array.isArray(parsed) || parsed.some((e) => typeof e !== "string")) {
        report(text, `must be a list of strings, e.g. pulumi config set --path '${key}[0]' VALUE`);
        return undefined;
    }
    if (parsed.length === 0) {
        // [] is "unset" where that is the key's default (e.g. registryRegions: all regions).
        if (hasEmptyDefault(spec)) return UNSET;
        report("[]", "must list at least one value");
        return undefined;
    }
    // Duplicates are elements with the same typed value: a region named twice, under any of its names, is
    // the same catalogue entry.
    const accepted = new Set<unknown>();
    for (const element of parsed as string[]) {
        const value = spec.each.accept(element);
        if (value === undefined) report(element, spec.each.rule);
        else if (accepted.has(value)) report(element, "is listed more than once");
        else accepted.add(value);
    }
    return { value: [...accepted] };
}

function readBoolean(text: string, report: Report): Read {
    if (text === "true" || text === "false") return { value: text === "true" };
    report(text, "must be true or false");
    return undefined;
}

/** How a structured key's reader reports a problem under a path of the key: as given (it never passes secret fields' values). */
type PathReport = (path: string, value: string | undefined, rule: string) => void;

function readObjectList(
    spec: Extract<KeySpec, { type: "object list" }>,
    text: string,
    report: Report,
    reportPath: PathReport,
    keyIsSecret: boolean,
): Read {
    const parsed = parseJson(text);
    if (!Array.isArray(parsed)) {
        report(text, "must be a list of objects, as YAML in the stack file or with pulumi config set --path");
        return undefined;
    }
    if (parsed.length === 0) return UNSET;
    // With problems, the elements read, for the rules on several keys (CrossKeyCheck); undefined at the others.
    const { value, problems } = spec.read(parsed, keyIsSecret);
    for (const p of problems) reportPath(p.path, p.value, p.rule);
    return { value };
}

/** An object key (a label selector): `{}` is unset; its reader's problems under paths of the key. */
function readObject(
    spec: Extract<KeySpec, { type: "object" }>,
    text: string,
    report: Report,
    reportPath: PathReport,
): Read {
    const parsed = parseJson(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        report(text, "must be an object, written as YAML in the stack file");
        return undefined;
    }
    if (Object.keys(parsed).length === 0) return UNSET;
    const { value, problems } = spec.read(parsed);
    for (const p of problems) reportPath(p.path, p.value, p.rule);
    return problems.length === 0 ? { value } : undefined;
}

interface KeyContext {
    readonly report: Report;
    readonly reportPath: PathReport;
    readonly isSecret: boolean;
}

function readKey(key: ConfigKey, spec: KeySpec, text: string, ctx: KeyContext): Read {
    switch (spec.type) {
        case "string":
            return readString(spec, text, ctx.report);
        case "string list":
            return readList(key, spec, text, ctx.report);
        case "boolean":
            return readBoolean(text, ctx.report);
        case "object list":
            return readObjectList(spec, text, ctx.report, ctx.reportPath, ctx.isSecret);
        case "object":
            return readObject(spec, text, ctx.report, ctx.reportPath);
    }
}

/** The state of one validation: what each key holds, and each key's problems in the declaration's order. */
class Validation {
    readonly unreadable: ReadonlySet<string>;
    readonly secret: ReadonlySet<string>;
    readonly refused: ReadonlySet<string>;
    /** Unknown keys and keys given as secrets that may not be. */
    readonly leading: ConfigProblem[] = [];
    readonly byKey = new Map<ConfigKey, ConfigProblem[]>(CONFIG_KEY_NAMES.map((k) => [k, []]));
    readonly values: Record<string, unknown> = {};
    /**
     * Keys holding a value their own rule accepted, or an object list's readable elements: what rules on several
     * keys may read (a CrossKeyRule reads no object list).
     */
    readonly accepted = new Set<ConfigKey>();

    constructor(
        readonly raw: RawConfig,
        options: CheckOptions,
    ) {
        this.unreadable = options.unreadable ?? NO_KEYS;
        this.refused = options.refused ?? NO_KEYS;
        this.secret = new Set([...(options.secretKeys ?? NO_KEYS), ...this.unreadable]);
    }

    reportFor(key: string, into: ConfigProblem[]): Report {
        // A secret's value never reaches an error message.
        return (value, rule) =>
            into.push({ key, value: value !== undefined && this.secret.has(key) ? REDACTED : value, rule });
    }

    keysNotDeclared(): void {
        const known = new Set<string>(CONFIG_KEY_NAMES);
        for (const key of Object.keys(this.raw).sort()) {
            if (!known.has(key) && !this.refused.has(key))
                this.reportFor(key, this.leading)(
                    undefined,
                    `is not a known key; known keys: ${CONFIG_KEY_NAMES.join(", ")}`,
                );
        }
        for (const key of CONFIG_KEY_NAMES) {
            if (this.secret.has(key) && !(CONFIG_KEYS[key] as KeySpec).secret && !this.refused.has(key)) {
                this.reportFor(key, this.leading)(
                    undefined,
                    "must not be a secret: it names cloud or cluster resources and appears in plans",
                );
            }
        }
    }

    /** Reads one key; its problems go under it. */
    readOne(key: ConfigKey, platform: Platform | undefined): void {
        const spec: KeySpec = CONFIG_KEYS[key];
        const report = this.reportFor(key, this.byKey.get(key)!);
        const reportPath: PathReport = (path, value, rule) =>
            this.byKey.get(key)!.push({ key: `${key}${path}`, value, rule });
        const given = this.raw[key];
        this.values[key] = undefined;
        if (this.refused.has(key)) return;
        // Unknown platform: its own problem says so; whether other keys apply is then left open.
        const applies = spec.platforms === undefined || platform === undefined || spec.platforms.includes(platform);
        if (spec.required !== undefined && (given === undefined || given.trim() === "")) {
            if (applies && platform !== undefined) return report(undefined, `is required: ${spec.required}`);
            return void this.accepted.add(key); // unset where it does not apply (or the platform is unknown)
        }
        if (!applies && given !== undefined && !isDefaultText(spec, given)) {
            return report(
                this.secret.has(key) ? undefined : given,
                `is only used with platform ${spec.platforms!.join(" or ")}, and this stack's platform is ${platform}; remove it`,
            );
        }
        if (given !== undefined && this.unreadable.has(key)) return this.passUnreadable(key, spec, given, report);
        const isSecret = this.secret.has(key);
        const read = readKey(key, spec, given ?? rawDefault(spec), { report, reportPath, isSecret });
        if (read === undefined) return;
        this.values[key] = read.value;
        this.accepted.add(key);
    }

    /** A value that cannot be read here (encrypted, offline): passed on as given, or refused for a structured key. */
    private passUnreadable(key: ConfigKey, spec: KeySpec, given: string, report: Report): void {
        if (spec.type === "object list") {
            return report(
                undefined,
                "is encrypted as a whole, so plans cannot show what it declares; write it as YAML and encrypt " +
                    `only its secret fields: pulumi config set --secret --path '${key}[0].FIELD' VALUE`,
            );
        }
        // Unknown here: passed on as given (a key that may not be a secret was refused above).
        this.values[key] = given;
    }

    /** The rules on several keys, each run when the keys it reads hold accepted values. */
    crossKeys(plans: StackPlans): void {
        const values = this.values as ConfigValues;
        for (const rule of CROSS_KEY_RULES) {
            if (!rule.keys.every((k) => this.accepted.has(k))) continue;
            if (rule.refuses(values))
                this.reportFor(rule.report, this.byKey.get(rule.report)!)(String(this.values[rule.report]), rule.rule);
        }
        for (const check of CROSS_KEY_CHECKS) {
            if (!check.keys.every((k) => this.accepted.has(k))) continue;
            for (const p of check.problems(values, plans)) {
                // Filed under the key the path starts with (`registries[1].secretName` under registries).
                const key = /^[A-Za-z]+/.exec(p.path)![0] as ConfigKey;
                this.byKey.get(key)!.push({ key: p.path, value: p.value, rule: p.rule });
            }
        }
    }
}

/**
 * Every rule on raw config: what each key holds, and the problems, unknown keys first, then keys given as
 * secrets that may not be, then key by key in the declaration's order (a rule on several keys under the key
 * it names).
 */
function runRules(raw: RawConfig, options: CheckOptions) {
    const validation = new Validation(raw, options);
    validation.keysNotDeclared();
    const platform = platformOf(raw, validation.refused);
    for (const key of CONFIG_KEY_NAMES) validation.readOne(key, platform);
    // Computed once, on first use: by the checks, then by the program.
    const plans = stackPlans(validation.values as ConfigValues);
    validation.crossKeys(plans);
    const problems = [...validation.leading, ...[...validation.byKey.values()].flat()];
    return { values: validation.values as ConfigValues, plans, problems };
}

/** Validates raw `registry-access:` config: the program's config, or one ConfigError with every problem. */
export function validateConfig(raw: RawConfig, options: ValidateOptions = {}): RegistryAccessConfig {
    const { values, plans, problems } = runRules(raw, options);
    if (problems.length > 0) throw new ConfigError(problems);
    return programConfig(values, plans);
}

/**
 * The problems validateConfig would report (none for a valid config), with keys refused before validation
 * left out (options.refused): what the rules say of the other keys.
 */
export function configProblems(raw: RawConfig, options: CheckOptions = {}): ConfigProblem[] {
    return runRules(raw, options).problems;
}
