/**
 * YAML text to a tree that keeps every scalar as written, with whether it was plain (unquoted), and the
 * line of every mapping key. The Pulumi CLI reads YAML with gopkg.in/yaml.v3, which types only plain
 * scalars (yaml.v3 v3.0.1 decode.go:565-580 `scalar`: `n.indicatedString()` keeps quoted, literal and
 * folded scalars and `!!str` as strings); goValue.ts gives plain ones yaml.v3's types. js-yaml reads the syntax: its failsafe
 * schema plus one implicit type that marks plain scalars, and its listener for the keys' lines.
 * A key written twice in one map: yaml.v3 refuses every such key, each with its line and the first one's
 * (decode.go:767-781 `mapping`, v3.0.1: keys of the same kind and text, `a` and `"a"` too, "mapping key %#v
 * already defined at line %d"). js-yaml 4.1.0 stops at the first it sees as the same (lib/loader.js:352-359
 * storeMappingPair, "duplicated mapping key"); with its `json` option it keeps the last value instead. A file
 * js-yaml refuses so is read again with it, and the tree records each key written again (YMap.duplicates,
 * found from the listener's keys, by text) and keeps one entry per key text, the last.
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
    /** One entry per key text, in the file's order; of a key written twice, the last (its value and line). */
    readonly entries: readonly YEntry[];
    /** Each key written again in this map, in the file's order (yaml.v3 refuses them). */
    readonly duplicates: readonly YDuplicate[];
}
export interface YDuplicate {
    /** The key's text. */
    readonly key: string;
    /** 1-based line where it is written again. */
    readonly line: number;
    /** 1-based line where it is first written. */
    readonly first: number;
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
 * Whether the node from `start` to `end` is a mapping key: a ':' follows it on its line, or it is an explicit
 * key (`? key`) and its value's `:` starts a later line.
 */
function isKey(input: string, start: number, end: number): boolean {
    let p = end;
    while (input[p] === " " || input[p] === "\t") p++;
    if (input[p] === ":") return true;
    let q = start - 1;
    while (input[q] === " " || input[q] === "\t") q--;
    return input[q] === "?" && input[contentStart(input, p)] === ":";
}

/** A key as js-yaml stringified it, where it is written. */
interface KeyAt {
    readonly key: string;
    readonly line: number;
}

/** js-yaml's listener, recording each mapping's keys every time they are written, with their lines. */
function keyRecorder() {
    const keysOf = new WeakMap<object, KeyAt[]>();
    const frames: { start: number; line: number; keys: KeyAt[] }[] = [];
    let starts: number[] | undefined;
    const listener = (event: yaml.EventType, state: yaml.State) => {
        starts ??= lineStarts(state.input);
        if (event === "open") {
            const start = contentStart(state.input, state.position);
            frames.push({ start, line: lineOf(starts, start), keys: [] });
            return;
        }
        const frame = frames.pop()!;
        const result: unknown = state.result;
        // A node is composed within another for the same text (a block sequence's entry, an explicit key): the
        // innermost frame holds its keys.
        if (state.kind === "mapping" && result !== null && typeof result === "object" && !keysOf.has(result)) {
            keysOf.set(result, frame.keys);
        }
        const parent = frames[frames.length - 1];
        if (
            parent !== undefined &&
            result !== null &&
            result !== undefined &&
            isKey(state.input, frame.start, state.position)
        ) {
            parent.keys.push({ key: String(result), line: frame.line });
        }
    };
    return { keysOf, listener };
}

/** The first document, and where each mapping's keys are written. Throws YamlSyntaxError. */
function load(text: string, schema: yaml.Schema, json: boolean) {
    const { keysOf, listener } = keyRecorder();
    try {
        return { docs: yaml.loadAll(text, null, { schema, listener, json }), keysOf };
    } catch (err) {
        if (err instanceof yaml.YAMLException) {
            throw new YamlSyntaxError((err.mark?.line ?? 0) + 1, (err.mark?.column ?? 0) + 1, safeReason(err.reason));
        }
        throw err;
    }
}

/** js-yaml's result as a YNode tree. */
class TreeBuilder {
    duplicates = 0;

    constructor(
        private readonly nonce: string,
        private readonly keysOf: WeakMap<object, readonly KeyAt[]>,
    ) {}

    key(key: string, line: number): YScalar {
        const plain = key.startsWith(this.nonce);
        const text = plain ? key.slice(this.nonce.length) : key;
        // js-yaml joins a list key's items into one string (yaml.v3 refuses such keys).
        if (text.includes(this.nonce)) throw new YamlSyntaxError(line, 1, "a mapping key that is a list or a map");
        return { kind: "scalar", text, plain };
    }

    node(v: unknown, line: number): YNode {
        if (v === null || v === undefined) return { kind: "null" };
        if (v instanceof Plain) return { kind: "scalar", text: v.text, plain: true };
        if (typeof v === "string") return { kind: "scalar", text: v, plain: false };
        if (Array.isArray(v)) return { kind: "seq", items: v.map((e) => this.node(e, line)) };
        return this.map(v as Record<string, unknown>, line);
    }

    private map(v: Record<string, unknown>, line: number): YMap {
        const written = this.keysOf.get(v) ?? [];
        const lastLine = new Map(written.map((k) => [k.key, k.line]));
        // One entry per key text (`a` and "a" are two keys to js-yaml, one to yaml.v3): the last written.
        const byText = new Map<string, YEntry>();
        for (const [k, e] of Object.entries(v)) {
            const keyLine = lastLine.get(k) ?? line;
            const entry = { key: this.key(k, keyLine), line: keyLine, value: this.node(e, keyLine) };
            const other = byText.get(entry.key.text);
            if (other === undefined || other.line <= entry.line) byText.set(entry.key.text, entry);
        }
        const firstLine = new Map<string, number>();
        const duplicates: YDuplicate[] = [];
        for (const { key, line: at } of written) {
            const text = this.key(key, at).text;
            const first = firstLine.get(text);
            if (first === undefined) firstLine.set(text, at);
            else duplicates.push({ key: text, line: at, first });
        }
        this.duplicates += duplicates.length;
        // js-yaml puts integer-like keys first; keep the file's order.
        return { kind: "map", entries: [...byText.values()].sort((a, b) => a.line - b.line), duplicates };
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

    let loaded: ReturnType<typeof load>;
    // js-yaml's own refusal, should the tree not find the key written twice (a key the listener missed).
    let duplicated: YamlSyntaxError | undefined;
    try {
        loaded = load(text, schema, false);
    } catch (err) {
        if (!(err instanceof YamlSyntaxError) || err.reason !== "duplicated mapping key") throw err;
        duplicated = err;
        loaded = load(text, schema, true);
    }
    const { docs, keysOf } = loaded;
    if (docs.length === 0 || docs[0] === null || docs[0] === undefined) return undefined;
    const builder = new TreeBuilder(nonce, keysOf);
    const tree = builder.node(docs[0], 1);
    if (duplicated !== undefined && builder.duplicates === 0) throw duplicated;
    return tree;
}
