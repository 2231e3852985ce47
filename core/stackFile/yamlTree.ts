/**
 * YAML text to a tree that keeps every scalar as written, with whether it was plain (unquoted), and the
 * line of every mapping key. The Pulumi CLI reads YAML with gopkg.in/yaml.v3, which types only plain
 * scalars (yaml.v3 v3.0.1 decode.go:565-580 `scalar`: `n.indicatedString()` keeps quoted, literal and
 * folded scalars and `!!str` as strings); goValue.ts gives plain ones yaml.v3's types. js-yaml reads the syntax: its failsafe
 * schema plus one implicit type that marks plain scalars, and its listener for the keys' lines.
 * Pure: no file access.
 */
import * as yaml from "js-yaml";
import { randomBytes } from "crypto";

export type YNode = YNull | YScalar | YSeq | YMap;
/** An empty node (`key:` with nothing after it), which yaml.v3 reads as null. */
export interface YNull {
    readonly kind: "null";
}
export interface YScalar {
    readonly kind: "scalar";
    readonly text: string;
    /** Unquoted, untagged, not a block scalar: yaml.v3 resolves its type (null, bool, int, float, timestamp). */
    readonly plain: boolean;
}
export interface YSeq {
    readonly kind: "seq";
    readonly items: readonly YNode[];
}
export interface YMap {
    readonly kind: "map";
    readonly entries: readonly YEntry[];
}
export interface YEntry {
    readonly key: YScalar;
    /** 1-based line of the key (the map's first line where js-yaml did not report one). */
    readonly line: number;
    readonly value: YNode;
}

/**
 * A YAML syntax error: where, and js-yaml's reason with any text it quotes from the file cut off.
 * Never js-yaml's `message`, which quotes the lines around the error (they may hold plaintext secrets).
 */
export class YamlSyntaxError extends Error {
    constructor(
        readonly line: number,
        readonly column: number,
        readonly reason: string,
    ) {
        super(`line ${line}, column ${column}: ${reason}`);
    }
}

/** js-yaml reasons quote a tag, alias or directive of the file in `"…"` or `!<…>`: keep the words before. */
export function safeReason(reason: string | undefined): string {
    const cut = (reason ?? "").split(/["'!<]/, 1)[0].trim();
    if (cut === "unknown tag") return "a YAML tag the offline plan does not read (only !!str, !!seq, !!map)";
    return cut === "" ? "malformed YAML" : cut;
}

class Plain {
    constructor(
        readonly text: string,
        private readonly nonce: string,
    ) {}
    // js-yaml stringifies mapping keys, but replaces objects whose tag is [object Object]: give it our own.
    get [Symbol.toStringTag](): string {
        return "Plain";
    }
    toString(): string {
        return this.nonce + this.text;
    }
}

function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
    return starts;
}

function lineOf(starts: readonly number[], position: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= position) lo = mid;
        else hi = mid - 1;
    }
    return lo + 1;
}

/** The position of the next content character (past blanks, line breaks and comments). */
function contentStart(input: string, position: number): number {
    let p = position;
    for (;;) {
        while (p < input.length && " \t\r\n".includes(input[p])) p++;
        if (input[p] !== "#") return p;
        while (p < input.length && input[p] !== "\n") p++;
    }
}

/**
 * Parses the first document of `text` (as yaml.v3's Unmarshal does); undefined for an empty document.
 * Throws YamlSyntaxError.
 */
export function parseYaml(text: string): YNode | undefined {
    const nonce = `\u0000plain-${randomBytes(8).toString("hex")}\u0000`;
    const plainType = new yaml.Type("tag:registry-access.plan,2026:plain", {
        kind: "scalar",
        resolve: () => true,
        construct: (data: string) => new Plain(data, nonce),
    });
    const schema = yaml.FAILSAFE_SCHEMA.extend({ implicit: [plainType] });

    // Key lines, per mapping object: a node is a key when a ':' follows it on its line.
    const keyLines = new WeakMap<object, Map<string, number>>();
    const frames: { line: number; keys: Map<string, number> }[] = [];
    let starts: number[] | undefined;
    const listener = (event: yaml.EventType, state: yaml.State) => {
        starts ??= lineStarts(state.input);
        if (event === "open") {
            frames.push({ line: lineOf(starts, contentStart(state.input, state.position)), keys: new Map() });
            return;
        }
        const frame = frames.pop()!;
        const result: unknown = state.result;
        if (state.kind === "mapping" && result !== null && typeof result === "object") keyLines.set(result, frame.keys);
        let p = state.position;
        while (state.input[p] === " " || state.input[p] === "\t") p++;
        const parent = frames[frames.length - 1];
        if (parent !== undefined && state.input[p] === ":" && result !== null && result !== undefined) {
            parent.keys.set(String(result), frame.line);
        }
    };

    let docs: unknown[];
    try {
        docs = yaml.loadAll(text, null, { schema, listener });
    } catch (err) {
        if (err instanceof yaml.YAMLException) {
            throw new YamlSyntaxError((err.mark?.line ?? 0) + 1, (err.mark?.column ?? 0) + 1, safeReason(err.reason));
        }
        throw err;
    }
    if (docs.length === 0 || docs[0] === null || docs[0] === undefined) return undefined;

    const decodeKey = (key: string, line: number): YScalar => {
        const plain = key.startsWith(nonce);
        const text = plain ? key.slice(nonce.length) : key;
        // js-yaml joins a list key's items into one string (yaml.v3 refuses such keys).
        if (text.includes(nonce)) throw new YamlSyntaxError(line, 1, "a mapping key that is a list or a map");
        return { kind: "scalar", text, plain };
    };
    const toNode = (v: unknown, line: number): YNode => {
        if (v === null || v === undefined) return { kind: "null" };
        if (v instanceof Plain) return { kind: "scalar", text: v.text, plain: true };
        if (typeof v === "string") return { kind: "scalar", text: v, plain: false };
        if (Array.isArray(v)) return { kind: "seq", items: v.map((e) => toNode(e, line)) };
        const lines = keyLines.get(v as object);
        const entries = Object.entries(v as Record<string, unknown>).map(([k, e]) => {
            const keyLine = lines?.get(k) ?? line;
            return { key: decodeKey(k, keyLine), line: keyLine, value: toNode(e, keyLine) };
        });
        // js-yaml puts integer-like keys first; keep the file's order.
        return { kind: "map", entries: entries.sort((a, b) => a.line - b.line) };
    };
    return toNode(docs[0], 1);
}
