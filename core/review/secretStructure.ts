/**
 * The non-secret structure of a secret's value, for the offline plan: what a reviewer must see change
 * (registry servers, user names, emails, a kubeconfig's server and plugin command) without any value
 * that grants access. Every other leaf reads `[secret]` — never a hash, length or fragment of it.
 *
 * Recognised shapes, as an object or as JSON text:
 * - a docker config (`{"auths": {SERVER: {username, password, email, auth}}}`): servers, `username` and
 *   `email` shown; `password`, `auth`, `identitytoken`, `registrytoken` and anything else `[secret]`;
 * - Code Engine registry secret data (`{server, username, password, email}`): all but `password` shown;
 * - a kubeconfig (`kind: Config`): names, the server URL, the exec plugin's command and arguments and its
 *   variables' names shown; CA, tokens, keys, certificates, passwords and variable values `[secret]`.
 * Any other object shows its keys (a Secret's `.dockerconfigjson`), its string values recognised as above
 * or `[secret]`; any other value (an API key, a token, a hash, text that is not a recognised document) is
 * `[secret]`. User names and emails are shown because offline they are readable only when the stack file
 * holds them in plain text (an encrypted one reads as UNREADABLE_SECRET, which stays as it is).
 * Pure: no Pulumi runtime.
 */
import { parseJson } from "../input/json";
import { REDACTED } from "../input/secretText";

export const SECRET_LEAF = REDACTED;

/** In a path: an element of an array. In a pattern: any key of an object. */
const ELEMENT = Symbol("element");
const ANY_KEY = Symbol("any key");
type Segment = string | typeof ELEMENT;
/** A path below a shape's root, with ELEMENT for any element of an array and ANY_KEY for any key. */
type Pattern = readonly (Segment | typeof ANY_KEY)[];

interface Shape {
    readonly matches: (v: Record<string, unknown>) => boolean;
    /** The leaves shown as they are; every other leaf is `[secret]`. */
    readonly shown: readonly Pattern[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const CODE_ENGINE_FIELDS = new Set(["server", "username", "password", "email"]);

const SHAPES: readonly Shape[] = [
    {
        matches: (v) => isRecord(v.auths),
        shown: [
            ["auths", ANY_KEY, "username"],
            ["auths", ANY_KEY, "email"],
        ],
    },
    {
        matches: (v) => typeof v.server === "string" && Object.keys(v).every((k) => CODE_ENGINE_FIELDS.has(k)),
        shown: [["server"], ["username"], ["email"]],
    },
    {
        matches: (v) =>
            v.kind === "Config" && (Array.isArray(v.clusters) || Array.isArray(v.users) || Array.isArray(v.contexts)),
        shown: [
            ["apiVersion"],
            ["kind"],
            ["current-context"],
            ["clusters", ELEMENT, "name"],
            ["clusters", ELEMENT, "cluster", "server"],
            ["contexts", ELEMENT, "name"],
            ["contexts", ELEMENT, "context", "cluster"],
            ["contexts", ELEMENT, "context", "user"],
            ["contexts", ELEMENT, "context", "namespace"],
            ["users", ELEMENT, "name"],
            ["users", ELEMENT, "user", "exec", "apiVersion"],
            ["users", ELEMENT, "user", "exec", "command"],
            ["users", ELEMENT, "user", "exec", "args", ELEMENT],
            ["users", ELEMENT, "user", "exec", "env", ELEMENT, "name"],
            ["users", ELEMENT, "user", "exec", "interactiveMode"],
            ["users", ELEMENT, "user", "exec", "provideClusterInfo"],
        ],
    },
];

const matchesPath = (pattern: Pattern, path: readonly Segment[]) =>
    pattern.length === path.length &&
    pattern.every((p, i) => p === path[i] || (p === ANY_KEY && typeof path[i] === "string"));

/** Keys sorted; built with fromEntries so that a key such as `__proto__` stays a plain key. */
function mapRecord(v: Record<string, unknown>, f: (key: string, value: unknown) => unknown): Record<string, unknown> {
    return Object.fromEntries(
        Object.keys(v)
            .sort()
            .map((k) => [k, f(k, v[k])]),
    );
}

/** A recognised shape's leaves: shown where a pattern says so (scalars only), `[secret]` elsewhere. */
function masked(v: unknown, path: readonly Segment[], shown: readonly Pattern[]): unknown {
    if (Array.isArray(v)) return v.map((e) => masked(e, [...path, ELEMENT], shown));
    if (isRecord(v)) return mapRecord(v, (k, e) => masked(e, [...path, k], shown));
    const scalar = v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
    return scalar && shown.some((p) => matchesPath(p, path)) ? v : SECRET_LEAF;
}

function recognised(v: Record<string, unknown>): unknown {
    const shape = SHAPES.find((s) => s.matches(v));
    return shape ? masked(v, [], shape.shown) : undefined;
}

/** JSON text of a recognised shape, as its structure; undefined for anything else. */
function documentStructure(text: string): unknown {
    const parsed = parseJson(text);
    return isRecord(parsed) ? recognised(parsed) : undefined;
}

/**
 * The structure of a secret's plaintext value (plain JSON, as the mock runtime holds it): keys sorted,
 * `[secret]` for every value that is not structure. A value with no structure is just `[secret]`.
 */
export function secretStructure(value: unknown): unknown {
    if (typeof value === "string") return documentStructure(value) ?? SECRET_LEAF;
    if (Array.isArray(value)) return value.map(secretStructure);
    if (isRecord(value)) return recognised(value) ?? mapRecord(value, (_k, e) => secretStructure(e));
    return SECRET_LEAF;
}
