/**
 * Shell patterns (`*`, `?`, `[a-z]`, `\` escapes) as Go's path.Match reads them. The kubelet's keyring
 * matches each host label of a docker-config key with path/filepath.Match, which is the same algorithm on
 * Linux, where the separator is '/'. distribution/reference's FamiliarMatch uses path.Match.
 *
 * Source: golang/go @ 662feb6fbd89129f7932da3d7aadf02a5df12904 src/path/match.go:14 (ErrBadPattern),
 * :37-88 (Match), :92-116 (scanChunk), :123-206 (matchChunk), :209-230 (getEsc).
 *
 * Like Go, this works on UTF-8 bytes: `*` skips one byte at a time, so it can stop inside a multi-byte
 * character, where `?` then reads one invalid byte (utf8.RuneError). Pure.
 */

/** path.ErrBadPattern's message (match.go:14). */
export const BAD_PATTERN = "syntax error in pattern";

export type PathMatch =
    { readonly ok: true; readonly matched: boolean } | { readonly ok: false; readonly error: typeof BAD_PATTERN };

type Bytes = Uint8Array;
type ChunkResult = { readonly kind: "matched"; readonly rest: Bytes } | { readonly kind: "failed" | "bad" };

const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const QUESTION = 0x3f;
const RUNE_ERROR = 0xfffd;

const utf8 = (s: string): Bytes => new TextEncoder().encode(s);
const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/**
 * utf8.DecodeRune: the character starting at `at` and its length in bytes. The bytes come from JS strings,
 * so they are valid UTF-8; only a start inside a character gives RuneError, one byte long.
 */
function decodeRune(bytes: Bytes, at: number): { readonly rune: number; readonly size: number } {
    const lead = bytes[at];
    if (lead < 0x80) return { rune: lead, size: 1 };
    const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    const tail = Array.from(bytes.subarray(at + 1, at + size));
    if (lead < 0xc2 || lead > 0xf4 || tail.length < size - 1 || !tail.every(isContinuation)) {
        return { rune: RUNE_ERROR, size: 1 };
    }
    const leadBits = lead & (0xff >> (size + 1));
    return { rune: tail.reduce((rune, b) => (rune << 6) | (b & 0x3f), leadBits), size };
}

/** scanChunk (match.go:92-116): leading stars, then the pattern up to the next star outside a class. */
function scanChunk(pattern: Bytes): { readonly star: boolean; readonly chunk: Bytes; readonly rest: Bytes } {
    let start = 0;
    while (pattern[start] === STAR) start++;
    let inRange = false;
    let i = start;
    for (; i < pattern.length; i++) {
        const b = pattern[i];
        if (b === BACKSLASH) {
            if (i + 1 < pattern.length) i++;
        } else if (b === OPEN) inRange = true;
        else if (b === CLOSE) inRange = false;
        else if (b === STAR && !inRange) break;
    }
    return { star: start > 0, chunk: pattern.subarray(start, i), rest: pattern.subarray(i) };
}

/** getEsc (match.go:209-230): one possibly escaped character of a class, or undefined when malformed. */
function getEsc(chunk: Bytes): { readonly rune: number; readonly rest: Bytes } | undefined {
    if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE) return undefined;
    const escaped = chunk[0] === BACKSLASH ? chunk.subarray(1) : chunk;
    if (escaped.length === 0) return undefined;
    const { rune, size } = decodeRune(escaped, 0);
    const rest = escaped.subarray(size);
    return (rune === RUNE_ERROR && size === 1) || rest.length === 0 ? undefined : { rune, rest };
}

/** The class at the start of `chunk` (after its '['): whether `rune` is in it, and what follows it. */
function matchClass(
    chunk: Bytes,
    rune: number | undefined,
): { readonly inClass: boolean; readonly rest: Bytes } | undefined {
    const negated = chunk[0] === CARET;
    let rest = negated ? chunk.subarray(1) : chunk;
    let inRange = false;
    for (let ranges = 0; !(rest[0] === CLOSE && ranges > 0); ranges++) {
        const lo = getEsc(rest);
        if (lo === undefined) return undefined;
        const hi = lo.rest[0] === DASH ? getEsc(lo.rest.subarray(1)) : lo;
        if (hi === undefined) return undefined;
        if (rune !== undefined && lo.rune <= rune && rune <= hi.rune) inRange = true;
        rest = hi.rest;
    }
    return { inClass: inRange !== negated, rest: rest.subarray(1) };
}

/**
 * matchChunk (match.go:123-206): whether `chunk` (no stars) matches the start of `s`, and what is left of
 * `s`. After a mismatch it still reads the rest of the chunk, to report a malformed one.
 */
function matchChunk(chunk: Bytes, s: Bytes): ChunkResult {
    let failed = false;
    let rest = s;
    for (let c = chunk; c.length > 0;) {
        failed ||= rest.length === 0;
        if (c[0] === OPEN) {
            const next = failed ? undefined : decodeRune(rest, 0);
            rest = rest.subarray(next?.size ?? 0);
            const cls = matchClass(c.subarray(1), next?.rune);
            if (cls === undefined) return { kind: "bad" };
            failed ||= !cls.inClass;
            c = cls.rest;
        } else if (c[0] === QUESTION) {
            if (!failed) {
                failed = rest[0] === SLASH;
                rest = rest.subarray(decodeRune(rest, 0).size);
            }
            c = c.subarray(1);
        } else {
            const literal = c[0] === BACKSLASH ? c.subarray(1) : c;
            if (literal.length === 0) return { kind: "bad" };
            if (!failed) {
                failed = literal[0] !== rest[0];
                rest = rest.subarray(1);
            }
            c = literal.subarray(1);
        }
    }
    return failed ? { kind: "failed" } : { kind: "matched", rest };
}

/** After a mismatch, Match still reads the rest of the pattern so a malformed one is reported (match.go:77-84). */
function restIsWellFormed(pattern: Bytes): boolean {
    for (let p = pattern; p.length > 0;) {
        const { chunk, rest } = scanChunk(p);
        if (matchChunk(chunk, new Uint8Array()).kind === "bad") return false;
        p = rest;
    }
    return true;
}

/** A star's chunk tried one byte further each time, never past a '/' (match.go:58-75). */
function matchAfterStar(chunk: Bytes, name: Bytes, lastChunk: boolean): ChunkResult {
    for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const here = matchChunk(chunk, name.subarray(i + 1));
        if (here.kind === "bad") return here;
        // The last chunk must use up the name.
        if (here.kind === "matched" && !(lastChunk && here.rest.length > 0)) return here;
    }
    return { kind: "failed" };
}

/** path.Match (match.go:37-88): whether all of `name` matches `pattern`, or the pattern's syntax error. */
export function pathMatch(pattern: string, name: string): PathMatch {
    const badPattern = { ok: false, error: BAD_PATTERN } as const;
    let p = utf8(pattern);
    let n = utf8(name);
    while (p.length > 0) {
        const { star, chunk, rest } = scanChunk(p);
        p = rest;
        // A trailing star matches the rest of the name unless it has a '/'.
        if (star && chunk.length === 0) return { ok: true, matched: !n.includes(SLASH) };
        const here = matchChunk(chunk, n);
        if (here.kind === "matched" && (here.rest.length === 0 || p.length > 0)) {
            n = here.rest;
            continue;
        }
        if (here.kind === "bad") return badPattern;
        const skipped = star ? matchAfterStar(chunk, n, p.length === 0) : ({ kind: "failed" } as const);
        if (skipped.kind === "bad") return badPattern;
        if (skipped.kind === "matched") {
            n = skipped.rest;
            continue;
        }
        return restIsWellFormed(p) ? { ok: true, matched: false } : badPattern;
    }
    return { ok: true, matched: n.length === 0 };
}
