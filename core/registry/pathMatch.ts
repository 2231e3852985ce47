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
/** A malformed chunk: matchChunk's ErrBadPattern. */
const BAD = "bad";
/** What is left of the name after a chunk matched; undefined when it did not; BAD when the chunk is malformed. */
type ChunkResult = Bytes | undefined | typeof BAD;

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

/**
 * utf8.DecodeRune: the character starting at `at` and its length in bytes. The bytes are a JS string's
 * UTF-8 (TextEncoder writes a lone surrogate as U+FFFD), so they are valid: the only invalid start is one
 * inside a character, a continuation byte (0x80-0xbf; Go refuses leads below 0xc2), RuneError one byte long.
 */
function decodeRune(bytes: Bytes, at: number): { readonly rune: number; readonly size: number } {
    const lead = bytes[at];
    if (lead < 0x80) return { rune: lead, size: 1 };
    if (lead < 0xc2) return { rune: RUNE_ERROR, size: 1 };
    const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    const leadBits = lead & (0xff >> (size + 1));
    const tail = Array.from(bytes.subarray(at + 1, at + size));
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
        // An escape skips the next byte; at the end, past it (subarray stops at the end; matchChunk reports it).
        if (b === BACKSLASH) i++;
        else if (b === OPEN) inRange = true;
        else if (b === CLOSE) inRange = false;
        else if (b === STAR && !inRange) break;
    }
    return { star: start > 0, chunk: pattern.subarray(start, i), rest: pattern.subarray(i) };
}

/**
 * getEsc (match.go:209-230): one possibly escaped character of a class, or undefined when malformed. Go's
 * other refusals (nothing after the escape or the character, invalid UTF-8) need no test here: the class
 * then ends before its ']', which the next getEsc refuses, and the pattern is valid UTF-8 (decodeRune).
 */
function getEsc(chunk: Bytes): { readonly rune: number; readonly rest: Bytes } | undefined {
    if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE) return undefined;
    const escaped = chunk[0] === BACKSLASH ? chunk.subarray(1) : chunk;
    const { rune, size } = decodeRune(escaped, 0);
    return { rune, rest: escaped.subarray(size) };
}

/** The class at the start of `chunk` (after its '['): whether `rune` is in it, and what follows it. */
function matchClass(chunk: Bytes, rune: number): { readonly inClass: boolean; readonly rest: Bytes } | undefined {
    const negated = chunk[0] === CARET;
    let rest = negated ? chunk.subarray(1) : chunk;
    let inRange = false;
    for (let ranges = 0; !(rest[0] === CLOSE && ranges > 0); ranges++) {
        const lo = getEsc(rest);
        if (lo === undefined) return undefined;
        const hi = lo.rest[0] === DASH ? getEsc(lo.rest.subarray(1)) : lo;
        if (hi === undefined) return undefined;
        if (lo.rune <= rune && rune <= hi.rune) inRange = true;
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
            // Once failed, Go reads no character: the zero rune, whose test no longer matters.
            const next = failed ? undefined : decodeRune(rest, 0);
            rest = rest.subarray(next?.size ?? 0);
            const cls = matchClass(c.subarray(1), next?.rune ?? 0);
            if (cls === undefined) return BAD;
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
            if (literal.length === 0) return BAD;
            if (!failed) {
                failed = literal[0] !== rest[0];
                rest = rest.subarray(1);
            }
            c = literal.subarray(1);
        }
    }
    return failed ? undefined : rest;
}

/** After a mismatch, Match still reads the rest of the pattern so a malformed one is reported (match.go:77-84). */
function restIsWellFormed(pattern: Bytes): boolean {
    for (let p = pattern; p.length > 0;) {
        const { chunk, rest } = scanChunk(p);
        if (matchChunk(chunk, new Uint8Array()) === BAD) return false;
        p = rest;
    }
    return true;
}

/**
 * A star's chunk tried one byte further each time, never past a '/' (match.go:58-75). Go's ErrBadPattern
 * check there never fires: matchChunk reads all of a chunk, matched or not, so the first try reported it.
 */
function matchAfterStar(chunk: Bytes, name: Bytes, lastChunk: boolean): Bytes | undefined {
    for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const here = matchChunk(chunk, name.subarray(i + 1)) as Bytes | undefined;
        // The last chunk must use up the name.
        if (here !== undefined && !(lastChunk && here.length > 0)) return here;
    }
    return undefined;
}

/** path.Match (match.go:37-88): whether all of `name` matches `pattern`, or the pattern's syntax error. */
export function pathMatch(pattern: string, name: string): PathMatch {
    const badPattern = { ok: false, error: BAD_PATTERN } as const;
    let p = utf8(pattern);
    let n = utf8(name);
    while (p.length > 0) {
        const { star, chunk, rest } = scanChunk(p);
        p = rest;
        // (Go's shortcut for a trailing star, the rest of the name unless it has a '/', is what the star's
        // loop below finds too.)
        const here = matchChunk(chunk, n);
        if (here === BAD) return badPattern;
        if (here !== undefined && (here.length === 0 || p.length > 0)) {
            n = here;
            continue;
        }
        const skipped = star ? matchAfterStar(chunk, n, p.length === 0) : undefined;
        if (skipped !== undefined) {
            n = skipped;
            continue;
        }
        return restIsWellFormed(p) ? { ok: true, matched: false } : badPattern;
    }
    return { ok: true, matched: n.length === 0 };
}
