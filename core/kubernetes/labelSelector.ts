/**
 * Kubernetes label selectors (metav1.LabelSelector) as the API server validates and evaluates them. Pure.
 *
 * Validation: kubernetes/apimachinery (snapshot eed236c, 2026-07-23)
 * pkg/apis/meta/v1/validation/validation.go:64-124 (ValidateLabelSelector, ValidateLabelSelectorRequirement,
 * ValidateLabelName, ValidateLabels) with pkg/api/validate/content/kube.go:42-94 (IsLabelKey, IsLabelValue) and
 * errors.go (MaxLenError "must be no more than N bytes", RegexError). The messages are the API server's.
 * Evaluation: pkg/apis/meta/v1/helpers.go:36-74 (LabelSelectorAsSelector: no requirement matches everything) and
 * pkg/labels/selector.go:247-264 (Requirement.Matches: NotIn and DoesNotExist match an absent label).
 * The textual form is labels.Selector's String() (selector.go: `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`).
 */
import type { PathProblem } from "../input/problems";

export const SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;
export type SelectorOperator = (typeof SELECTOR_OPERATORS)[number];

export interface LabelSelectorRequirement {
    readonly key: string;
    readonly operator: SelectorOperator;
    readonly values?: readonly string[];
}

export interface LabelSelector {
    readonly matchLabels?: Readonly<Record<string, string>>;
    readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

const LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE = new RegExp(`^(${LABEL_KEY_FMT})?$`);
const KEY_MSG =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
/** content.RegexError, byte for byte (its examples are joined as "'a',  or 'b', "). */
const regexError = (msg: string, fmt: string, ...examples: string[]) =>
    `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
const KEY_RULE = regexError(KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc");
const VALUE_RULE = regexError(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    `(${LABEL_KEY_FMT})?`,
    "MyValue",
    "my_value",
    "12345",
);
/** Go's len(): bytes of the UTF-8 encoding (Buffer.byteLength's default). */
const byteLength = (s: string) => Buffer.byteLength(s);

/** content.IsLabelKey: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyErrors(key: string): string[] {
    const parts = key.split("/");
    if (parts.length > 2) {
        return [
            `a valid label key ${KEY_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
        ];
    }
    const errors: string[] = [];
    const name = parts[parts.length - 1];
    if (parts.length === 2) {
        const prefix = parts[0];
        if (prefix === "") errors.push("prefix part must be non-empty");
        else errors.push(...subdomainErrors(prefix));
    }
    if (name === "") errors.push("name part must be non-empty");
    else if (byteLength(name) > 63) errors.push("name part must be no more than 63 bytes");
    if (!LABEL_KEY.test(name)) errors.push(`name part ${KEY_RULE}`);
    return errors;
}

/** content.IsDNS1123Subdomain's messages, as IsLabelKey prefixes them. */
function subdomainErrors(prefix: string): string[] {
    const errors: string[] = [];
    if (byteLength(prefix) > 253) errors.push("prefix part must be no more than 253 bytes");
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix)) {
        errors.push(
            "prefix part " +
                regexError(
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
                    "example.com",
                ),
        );
    }
    return errors;
}

/** content.IsLabelValue: empty, or at most 63 characters of the label-key alphabet. */
export function labelValueErrors(value: string): string[] {
    const errors: string[] = [];
    if (byteLength(value) > 63) errors.push("must be no more than 63 bytes");
    if (!LABEL_VALUE.test(value)) errors.push(VALUE_RULE);
    return errors;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a selector as written in the stack file (`matchLabels`, `matchExpressions`), with every problem the API
 * server would report (paths relative to the selector: `.matchExpressions[0].values`), plus the shape errors the
 * API server's decoding would refuse (unknown fields, wrong types). `value` is set only without problems.
 */
export function readLabelSelector(raw: unknown): { value?: LabelSelector; problems: PathProblem[] } {
    const problems: PathProblem[] = [];
    const add = (path: string, value: string | undefined, rule: string) => problems.push({ path, value, rule });
    if (!isRecord(raw)) {
        add("", JSON.stringify(raw), "must be a label selector: an object with matchLabels and/or matchExpressions");
        return { problems };
    }
    for (const field of Object.keys(raw).sort()) {
        if (field !== "matchLabels" && field !== "matchExpressions")
            add(`.${field}`, undefined, "is not a field of a label selector; use matchLabels or matchExpressions");
    }
    const matchLabels = readMatchLabels(raw.matchLabels, add);
    const matchExpressions = readMatchExpressions(raw.matchExpressions, add);
    if (problems.length > 0) return { problems };
    return {
        value: {
            ...(matchLabels && Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
            ...(matchExpressions && matchExpressions.length > 0 ? { matchExpressions } : {}),
        },
        problems,
    };
}

type Add = (path: string, value: string | undefined, rule: string) => void;

function readMatchLabels(raw: unknown, add: Add): Record<string, string> | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (!isRecord(raw)) return void add(".matchLabels", JSON.stringify(raw), "must be a map of label keys to values");
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        for (const msg of labelKeyErrors(key)) add(".matchLabels", key, msg);
        if (typeof value !== "string") {
            add(`.matchLabels.${key}`, JSON.stringify(value), "must be a string (quote it in YAML)");
            continue;
        }
        for (const msg of labelValueErrors(value)) add(".matchLabels", value, msg);
        labels[key] = value;
    }
    return labels;
}

function readMatchExpressions(raw: unknown, add: Add): LabelSelectorRequirement[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw))
        return void add(".matchExpressions", JSON.stringify(raw), "must be a list of requirements");
    return raw.flatMap(
        // Stryker disable next-line ArrayDeclaration: a requirement is unread only after a problem was added, and then readLabelSelector returns no value
        (item, i) => readRequirement(item, `.matchExpressions[${i}]`, add) ?? [],
    );
}

/** ValidateLabelSelectorRequirement: operator, values required or forbidden by it, key and value syntax. */
function readRequirement(raw: unknown, path: string, add: Add): LabelSelectorRequirement | undefined {
    if (!isRecord(raw)) return void add(path, JSON.stringify(raw), "must be an object with key, operator and values");
    for (const field of Object.keys(raw).sort()) {
        if (!["key", "operator", "values"].includes(field))
            add(`${path}.${field}`, undefined, "is not a field of a requirement; use key, operator and values");
    }
    const key = typeof raw.key === "string" ? raw.key : "";
    const operator = typeof raw.operator === "string" ? raw.operator : "";
    const values = raw.values ?? [];
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
        add(`${path}.values`, JSON.stringify(values), "must be a list of strings (quote numbers in YAML)");
        return undefined;
    }
    if (operator === "In" || operator === "NotIn") {
        if (values.length === 0)
            add(`${path}.values`, undefined, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (operator === "Exists" || operator === "DoesNotExist") {
        if (values.length > 0)
            add(`${path}.values`, undefined, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
        add(`${path}.operator`, operator, `not a valid selector operator (${SELECTOR_OPERATORS.join(", ")})`);
    }
    for (const msg of labelKeyErrors(key)) add(`${path}.key`, key, msg);
    values.forEach((v: string, i: number) => {
        for (const msg of labelValueErrors(v)) add(`${path}.values[${i}]`, v, msg);
    });
    const op = operator as SelectorOperator;
    return values.length > 0 ? { key, operator: op, values } : { key, operator: op };
}

/** Whether a selector selects nothing in particular: no requirement at all, which matches every object. */
export function isEmptySelector(selector: LabelSelector): boolean {
    return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

/** LabelSelectorAsSelector(selector).Matches(labels). */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
    const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
    const equals = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => has(k) && labels[k] === v);
    return (
        equals &&
        (selector.matchExpressions ?? []).every((r) => {
            const values = new Set(r.values);
            switch (r.operator) {
                case "In":
                    return has(r.key) && values.has(labels[r.key]);
                case "NotIn":
                    return !has(r.key) || !values.has(labels[r.key]);
                case "Exists":
                    return has(r.key);
                case "DoesNotExist":
                    return !has(r.key);
            }
        })
    );
}

/** The selector as `kubectl get -l` takes it (labels.Selector's String(): requirements sorted by key). */
export function selectorText(selector: LabelSelector): string {
    const parts: { key: string; text: string }[] = [];
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
    for (const r of selector.matchExpressions ?? []) parts.push({ key: r.key, text: requirementText(r) });
    // Sorted by key; a label and a requirement on one key keep their order (Go sorts so few by insertion).
    const keys = [...new Set(parts.map((p) => p.key))].sort();
    return keys.flatMap((k) => parts.filter((p) => p.key === k).map((p) => p.text)).join(",");
}

/** Requirement.String(): In and NotIn list their values sorted, duplicates kept (readLabelSelector gives them values). */
function requirementText(r: LabelSelectorRequirement): string {
    switch (r.operator) {
        case "In":
            return `${r.key} in (${[...r.values!].sort().join(",")})`;
        case "NotIn":
            return `${r.key} notin (${[...r.values!].sort().join(",")})`;
        case "Exists":
            return r.key;
        case "DoesNotExist":
            return `!${r.key}`;
    }
}

/** `k=v,k2=v2` (as --namespace-labels takes them): the labels, or the problems of each pair. */
export function parseLabels(text: string): { labels?: Record<string, string>; problems: string[] } {
    const labels: Record<string, string> = {};
    const problems: string[] = [];
    for (const pair of text === "" ? [] : text.split(",")) {
        const eq = pair.indexOf("=");
        if (eq < 0) {
            problems.push(`"${pair}" is not KEY=VALUE`);
            continue;
        }
        const [key, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
        for (const msg of [...labelKeyErrors(key), ...labelValueErrors(value)]) problems.push(`"${pair}": ${msg}`);
        if (Object.hasOwn(labels, key)) problems.push(`"${key}" is given twice`);
        labels[key] = value;
    }
    return problems.length > 0 ? { problems } : { labels, problems };
}
