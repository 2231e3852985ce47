/** core/registry/pathMatch.ts against Go's own table: golang/go @ 8997f1609ed06f29d7e70f54760595c1cbdbc532 src/path/match_test.go. */
import { BAD_PATTERN, pathMatch } from "../../core/registry/pathMatch";

describe("path.Match as Go's match_test.go checks it", () => {
    it.each([
        ["match_test.go:19", "abc", "abc", { ok: true, matched: true }],
        ["match_test.go:20", "*", "abc", { ok: true, matched: true }],
        ["match_test.go:21", "*c", "abc", { ok: true, matched: true }],
        ["match_test.go:22", "a*", "a", { ok: true, matched: true }],
        ["match_test.go:23", "a*", "abc", { ok: true, matched: true }],
        ["match_test.go:24", "a*", "ab/c", { ok: true, matched: false }],
        ["match_test.go:25", "a*/b", "abc/b", { ok: true, matched: true }],
        ["match_test.go:26", "a*/b", "a/c/b", { ok: true, matched: false }],
        ["match_test.go:27", "a*b*c*d*e*/f", "axbxcxdxe/f", { ok: true, matched: true }],
        ["match_test.go:28", "a*b*c*d*e*/f", "axbxcxdxexxx/f", { ok: true, matched: true }],
        ["match_test.go:29", "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", { ok: true, matched: false }],
        ["match_test.go:30", "a*b*c*d*e*/f", "axbxcxdxexxx/fff", { ok: true, matched: false }],
        ["match_test.go:31", "a*b?c*x", "abxbbxdbxebxczzx", { ok: true, matched: true }],
        ["match_test.go:32", "a*b?c*x", "abxbbxdbxebxczzy", { ok: true, matched: false }],
        ["match_test.go:33", "ab[c]", "abc", { ok: true, matched: true }],
        ["match_test.go:34", "ab[b-d]", "abc", { ok: true, matched: true }],
        ["match_test.go:35", "ab[e-g]", "abc", { ok: true, matched: false }],
        ["match_test.go:36", "ab[^c]", "abc", { ok: true, matched: false }],
        ["match_test.go:37", "ab[^b-d]", "abc", { ok: true, matched: false }],
        ["match_test.go:38", "ab[^e-g]", "abc", { ok: true, matched: true }],
        ["match_test.go:39", "a\\*b", "a*b", { ok: true, matched: true }],
        ["match_test.go:40", "a\\*b", "ab", { ok: true, matched: false }],
        ["match_test.go:41", "a?b", "a☺b", { ok: true, matched: true }],
        ["match_test.go:42", "a[^a]b", "a☺b", { ok: true, matched: true }],
        ["match_test.go:43", "a???b", "a☺b", { ok: true, matched: false }],
        ["match_test.go:44", "a[^a][^a][^a]b", "a☺b", { ok: true, matched: false }],
        ["match_test.go:45", "[a-ζ]*", "α", { ok: true, matched: true }],
        ["match_test.go:46", "*[a-ζ]", "A", { ok: true, matched: false }],
        ["match_test.go:47", "a?b", "a/b", { ok: true, matched: false }],
        ["match_test.go:48", "a*b", "a/b", { ok: true, matched: false }],
        ["match_test.go:49", "[\\]a]", "]", { ok: true, matched: true }],
        ["match_test.go:50", "[\\-]", "-", { ok: true, matched: true }],
        ["match_test.go:51", "[x\\-]", "x", { ok: true, matched: true }],
        ["match_test.go:52", "[x\\-]", "-", { ok: true, matched: true }],
        ["match_test.go:53", "[x\\-]", "z", { ok: true, matched: false }],
        ["match_test.go:54", "[\\-x]", "x", { ok: true, matched: true }],
        ["match_test.go:55", "[\\-x]", "-", { ok: true, matched: true }],
        ["match_test.go:56", "[\\-x]", "a", { ok: true, matched: false }],
        ["match_test.go:57", "[]a]", "]", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:58", "[-]", "-", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:59", "[x-]", "x", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:60", "[x-]", "-", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:61", "[x-]", "z", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:62", "[-x]", "x", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:63", "[-x]", "-", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:64", "[-x]", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:65", "\\", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:66", "[a-b-c]", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:67", "[", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:68", "[^", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:69", "[^bc", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:70", "a[", "a", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:71", "a[", "ab", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:72", "a[", "x", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:73", "a/b[", "x", { ok: false, error: BAD_PATTERN }],
        ["match_test.go:74", "*x", "xxx", { ok: true, matched: true }],
    ] as const)("%s: Match(%j, %j)", (_source, pattern, name, expected) => {
        expect(pathMatch(pattern, name)).toEqual(expected);
    });
});

describe("bytes, not characters (match.go: `*` skips one byte at a time)", () => {
    it("lets `*` stop inside a character, where each `?` reads one invalid byte", () => {
        // ☺ is three bytes: skipping one leaves two, which `??` reads as two RuneErrors.
        expect(pathMatch("*??", "☺")).toEqual({ ok: true, matched: true });
        expect(pathMatch("??", "☺")).toEqual({ ok: true, matched: false });
        expect(pathMatch("?", "☺")).toEqual({ ok: true, matched: true });
    });

    it("reports a malformed pattern after a mismatch too", () => {
        expect(pathMatch("x[", "a")).toEqual({ ok: false, error: BAD_PATTERN });
        expect(pathMatch("*x*[", "a")).toEqual({ ok: false, error: BAD_PATTERN });
    });

    it("matches one host label of a docker-config key as the keyring does", () => {
        expect(pathMatch("*-good", "prefix-good")).toEqual({ ok: true, matched: true });
        expect(pathMatch("k*", "quay")).toEqual({ ok: true, matched: false });
        expect(pathMatch("us", "US")).toEqual({ ok: true, matched: false });
    });
});

/** Go 1.19.8's path.Match (match.go as at the commit the module cites) on further inputs, with its results. */
describe("probes run through Go's path.Match", () => {
    it.each([
        // The whole name against an empty pattern.
        ["", "a", { ok: true, matched: false }],
        ["", "", { ok: true, matched: true }],
        // '*' inside a class does not end the chunk (scanChunk's inrange).
        ["[*]", "*", { ok: true, matched: true }],
        ["a[*]b", "a*b", { ok: true, matched: true }],
        // One '?' reads one character of each UTF-8 length: U+0080, U+0800, U+10000, U+100000.
        ["?", "\u0080", { ok: true, matched: true }],
        ["?", "\u0800", { ok: true, matched: true }],
        ["?", "\u{10000}", { ok: true, matched: true }],
        ["?", "\u{100000}", { ok: true, matched: true }],
        // Each length decoded to its code point, as class ranges see it.
        ["[\u0080-\u07ff]", "é", { ok: true, matched: true }],
        ["[^\u0080-\u07ff]", "é", { ok: true, matched: false }],
        ["[\u0800-\uffff]", "☺", { ok: true, matched: true }],
        ["[\u{10000}-\u{10ffff}]", "😀", { ok: true, matched: true }],
        ["[\u{10000}-\u{10ffff}]", "☺", { ok: true, matched: false }],
        // '*' stops after U+0100's first byte: its second, 0x80, is RuneError, not U+0080.
        ["*[\u0080]", "\u0100", { ok: true, matched: false }],
        // ...which equals U+FFFD, the pattern's three-byte character.
        ["[\uFFFD]", "é", { ok: true, matched: false }],
        ["*[\uFFFD]", "é", { ok: true, matched: true }],
    ] as const)("Match(%j, %j)", (pattern, name, expected) => {
        expect(pathMatch(pattern, name)).toEqual(expected);
    });
});
