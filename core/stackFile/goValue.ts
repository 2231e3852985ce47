/**
 * Config values as the Pulumi CLI (Go) holds them, and the strings it hands the program.
 *
 * References are to github.com/pulumi/pulumi at 1b5949891b3cefcb9974752b24a5ecef0acc86c8 and to
 * gopkg.in/yaml.v3 v3.0.1 (the version pulumi's sdk/go.mod requires):
 * - yaml.v3 resolve.go `resolve` (lines 126-265 of v3.0.1): the type of a plain scalar: null, bool (only
 *   true/True/TRUE, false/False/FALSE: `yes` stays a string), int (strconv.ParseInt(s, 0, 64) after removing
 *   `_`: 0x1F, 0o17, 0b101 and 0777 are numbers), uint64, float (the YAML 1.2 float pattern, .inf, .nan),
 *   timestamp; anything else a string.
 * - sdk/go/common/workspace/loaders.go:219-222 (LoadProjectStackBytes): the stack file is decoded, encoded
 *   again with yaml.v3 and decoded into config.Map, so a float prints as strconv 'g' and is read back (1e3
 *   becomes the integer 1000), and a timestamp becomes time.Time.
 * - sdk/go/common/resource/config/object.go:467-527 (unmarshalObject): time.Time becomes `v.String()`
 *   ("2024-01-02 00:00:00 +0000 UTC"); a non-string map key becomes fmt "%v" of it; a map of the one key
 *   `secure` with a string is a secret (isSecureValue, 541-550).
 * - object.go:403-419 (MarshalString): a scalar's text (numbers and bools as JSON), a map or list as JSON
 *   (encoding/json: keys sorted, <, >, & escaped); config/plaintext.go:256-268 the same for decrypted values.
 * Pure.
 */
import { ownValue } from "../input/ownValue";
import { UNREADABLE_SECRET } from "../input/secretText";

export type GoValue =
    | { readonly t: "null" }
    | { readonly t: "bool"; readonly v: boolean }
    | { readonly t: "int"; readonly v: bigint }
    | { readonly t: "float"; readonly v: number }
    | { readonly t: "str"; readonly v: string }
    /** A value the offline plan cannot read: a `secure:` ciphertext, an ESC `fn::secret` or other function. */
    | { readonly t: "secret" }
    | { readonly t: "seq"; readonly v: readonly GoValue[] }
    | { readonly t: "map"; readonly v: ReadonlyMap<string, GoValue> };

/** What yaml.v3 makes of a plain scalar: a GoValue, or a timestamp (time.Time) with its Go String(). */
export type Resolved = GoValue | { readonly t: "time"; readonly goString: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseUint(s, 0, 64) digits after the sign: base prefixes 0x, 0o, 0b and a leading 0 (octal). */
function parseUnsignedBase0(s: string): bigint | undefined {
    let base = 10;
    let digits = s;
    if (/^0[xX]/.test(s)) [base, digits] = [16, s.slice(2)];
    else if (/^0[oO]/.test(s)) [base, digits] = [8, s.slice(2)];
    else if (/^0[bB]/.test(s)) [base, digits] = [2, s.slice(2)];
    else if (s.length > 1 && s[0] === "0") [base, digits] = [8, s.slice(1)];
    const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
    if (!valid.test(digits)) return undefined;
    const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[base]!;
    return BigInt(prefix + digits);
}

/** strconv.ParseInt(s, 0, 64), or else ParseUint(s, 0, 64) (no sign), as yaml.v3 tries them. */
function parseGoInt(s: string): bigint | undefined {
    const sign = s[0] === "-" || s[0] === "+" ? s[0] : "";
    const u = parseUnsignedBase0(s.slice(sign.length));
    if (u === undefined) return undefined;
    const v = sign === "-" ? -u : u;
    if (v >= INT64_MIN && v <= INT64_MAX) return v;
    if (sign === "" && v <= UINT64_MAX) return v;
    return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const RESOLVE_MAP: Record<string, GoValue> = {
    ...Object.fromEntries(["true", "True", "TRUE"].map((s) => [s, { t: "bool", v: true }])),
    ...Object.fromEntries(["false", "False", "FALSE"].map((s) => [s, { t: "bool", v: false }])),
    ...Object.fromEntries(["", "~", "null", "Null", "NULL"].map((s) => [s, { t: "null" }])),
    ...Object.fromEntries([".nan", ".NaN", ".NAN"].map((s) => [s, { t: "float", v: NaN }])),
    ...Object.fromEntries(
        [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, { t: "float", v: Infinity }]),
    ),
    ...Object.fromEntries([".inf", ".Inf", ".INF"].map((s) => [`-${s}`, { t: "float", v: -Infinity }])),
};

/** Go's strconv.ParseFloat for text the float pattern accepted: an out-of-range value is an error. */
function parseGoFloat(s: string): number | undefined {
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
}

/** yaml.v3 `resolve("", text)` for a plain scalar (resolve.go v3.0.1). */
export function resolvePlain(text: string): Resolved {
    const hint = text === "" ? "M" : text[0];
    const mapped = ownValue(RESOLVE_MAP, text);
    if (mapped !== undefined) return mapped;
    if (hint === ".") {
        const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? parseGoFloat(text) : undefined;
        return f === undefined ? { t: "str", v: text } : { t: "float", v: f };
    }
    if (!/^[-+0-9]/.test(hint)) return { t: "str", v: text };
    const time = goTimestamp(text);
    if (time !== undefined) return { t: "time", goString: time };
    const plain = text.replace(/_/g, "");
    const i = parseGoInt(plain);
    if (i !== undefined) return { t: "int", v: i };
    if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { t: "float", v: f };
    }
    // The 0b, -0b, 0o, -0o branches of resolve.go are reached only for text ParseInt(s, 0, 64) refused.
    return { t: "str", v: text };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * yaml.v3 parseTimestamp (resolve.go v3.0.1: layouts 2006-1-2T15:4:5.999999999Z07:00, the same with `t`,
 * 2006-1-2 15:4:5.999999999 and 2006-1-2) and then Go's time.Time.String(). An offset other than Z is
 * taken as a fixed zone (Go names it by the offset), as Go does unless it is the local zone's offset.
 */
export function goTimestamp(text: string): string | undefined {
    const m =
        /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
            text,
        );
    if (m === null) return undefined;
    const [, y, mo, d, sep, h, mi, s, frac, zone] = m;
    if (sep !== undefined && (sep === " ") !== (zone === undefined)) return undefined;
    const [year, month, day] = [Number(y), Number(mo), Number(d)];
    const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysIn) return undefined;
    const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    let offset = "+0000 UTC";
    if (zone !== undefined && zone !== "Z") {
        const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
        if (zh > 24 || zm > 59) return undefined;
        const o = `${zone[0]}${zone.slice(1, 3)}${zone.slice(4, 6)}`;
        offset = `${o} ${o}`;
    }
    const fraction = (frac ?? "").replace(/0+$/, "");
    return (
        `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}` +
        `${fraction === "" ? "" : `.${fraction}`} ${offset}`
    );
}

/** Go's strconv.FormatFloat(v, 'g', -1, 64), which is also fmt's %v of a float64. */
export function goFormatG(v: number): string {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "+Inf";
    if (v === -Infinity) return "-Inf";
    if (v === 0) return Object.is(v, -0) ? "-0" : "0";
    const [mantissa, expText] = v.toExponential().split("e");
    const exp = Number(expText);
    if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${pad(Math.abs(exp))}`;
    return String(v);
}

/** A float after the stack file's YAML round trip and encoding/json (object.go MarshalJSON). */
export function goFloatText(v: number): string {
    // 'g' gives "-0", which yaml.v3 reads back as the integer 0; otherwise encoding/json's shortest form,
    // with an exponent below 1e-6 and from 1e21 on, is JavaScript's.
    return Object.is(v, -0) ? "0" : String(v);
}

/** encoding/json's string form: JSON.stringify's, plus <, >, &, U+2028 and U+2029 escaped. */
export function goJsonString(s: string): string {
    return JSON.stringify(s).replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}

/** encoding/json sorts map keys by their bytes. */
export function byGoOrder(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** encoding/json of a value, secrets as the UNREADABLE_SECRET marker (the plan cannot decrypt them). */
export function goJson(v: GoValue): string {
    switch (v.t) {
        case "null":
            return "null";
        case "bool":
            return String(v.v);
        case "int":
            return v.v.toString();
        case "float":
            return goFloatText(v.v);
        case "str":
            return goJsonString(v.v);
        case "secret":
            return goJsonString(UNREADABLE_SECRET);
        case "seq":
            return `[${v.v.map(goJson).join(",")}]`;
        case "map":
            return `{${[...v.v.keys()]
                .sort(byGoOrder)
                .map((k) => `${goJsonString(k)}:${goJson(v.v.get(k)!)}`)
                .join(",")}}`;
    }
}

/** The string the program reads for a top-level value (object.go MarshalString, plaintext.go marshalText). */
export function configText(v: GoValue): string {
    switch (v.t) {
        case "str":
            return v.v;
        case "secret":
            return UNREADABLE_SECRET;
        default:
            return goJson(v);
    }
}

export function hasSecret(v: GoValue): boolean {
    if (v.t === "secret") return true;
    if (v.t === "seq") return v.v.some(hasSecret);
    if (v.t === "map") return [...v.v.values()].some(hasSecret);
    return false;
}

/**
 * object.go:165-179 (Merge), used by pkg/workspace/config.go:284 to put a stack's value over its
 * environment's: maps merge key by key, the receiver's value winning; anything else is the receiver's.
 */
export function goMerge(over: GoValue, base: GoValue): GoValue {
    if (over.t !== "map" || base.t !== "map") return over;
    const merged = new Map(base.v);
    for (const [k, v] of over.v) merged.set(k, base.v.has(k) ? goMerge(v, base.v.get(k)!) : v);
    return { t: "map", v: merged };
}

/** goMerge of two maps' entries. */
export function goMergeMaps(
    over: ReadonlyMap<string, GoValue>,
    base: ReadonlyMap<string, GoValue>,
): ReadonlyMap<string, GoValue> {
    const merged = goMerge({ t: "map", v: over }, { t: "map", v: base });
    return merged.t === "map" ? merged.v : over;
}

/** A short description of a value's type for messages (never its text). */
export function describe(v: GoValue): string {
    switch (v.t) {
        case "null":
            return "null";
        case "bool":
            return "a boolean";
        case "int":
        case "float":
            return "a number";
        case "str":
            return "a string";
        case "secret":
            return "a secret";
        case "seq":
            return "a list";
        case "map":
            return "a map";
    }
}
