/**
 * Edits of OpenShift's global pull secret (`openshift-config/pull-secret`): our registries go into `auths`
 * and out again; every other entry stays byte-identical, as the text is edited in place (jsonc-parser),
 * never re-serialized, and each plan checks so. Ownership: annotation `{server: owner}`, the owner being
 * the resource instance (`<project>/<stack>/<resource>#<nonce>`); a replacement (same text before `#`)
 * takes over its predecessor's entries. State keeps a hash of each entry written (never its value), so an
 * entry edited since is neither overwritten nor removed. Pure; globalPullSecretReconcile.ts applies the plans.
 */
import { createHash } from "crypto";
import { FormattingOptions, Node, applyEdits, modify, parseTree } from "jsonc-parser";
import { parseJson } from "../input/json";
import { GLOBAL_PULL_SECRET } from "./resourceTypes";
import { OWNERS_ANNOTATION } from "./serviceAccountPullSecretRefPatch";

export { GLOBAL_PULL_SECRET, OWNERS_ANNOTATION };
export const DOCKER_CONFIG_KEY = ".dockerconfigjson";
export const WHERE = `${GLOBAL_PULL_SECRET.namespace}/${GLOBAL_PULL_SECRET.name}`;

/** One `auths` value: `auth` (base64 user:password), often `username`, `password`, `email`. */
export type DockerAuthEntry = Record<string, unknown>;
/** server → entryHash. */
export type Hashes = Readonly<Record<string, string>>;
export interface CurrentPullSecret {
    /** The decoded `.dockerconfigjson` text. */
    readonly dockerConfigJson: string;
    readonly annotations?: Readonly<Record<string, string>> | null;
    readonly resourceVersion?: string | null;
}
export interface MergeWant {
    readonly owner: string;
    readonly entries: Readonly<Record<string, DockerAuthEntry>>;
    /** The hashes of what this resource wrote last (from state). */
    readonly previous?: Hashes;
}
export type RemovalWant = { readonly owner: string; readonly previous: Hashes };
export type Conflict = { readonly server: string; readonly reason: string };
export interface EditPlan {
    readonly dockerConfigJson: string;
    /** The owners annotation's new value; undefined: remove it. */
    readonly ownersAnnotation: string | undefined;
    readonly changed: boolean;
}
export type MergePlan =
    | (EditPlan & { readonly ok: true; readonly hashes: Hashes })
    | { readonly ok: false; readonly conflicts: readonly Conflict[] };

/** The error for a text we will not edit. It never quotes the text: that is the cluster's credentials. */
export const invalid = (why: string) => new Error(`${WHERE} is not a valid docker config (${why})`);

/** JSON with object keys sorted at every level: the same entry hashes the same however it is formatted. */
function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (typeof v === "object" && v !== null) {
        const keys = Object.keys(v).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(v);
}

/** Hashes the entry as written (JSON.stringify drops undefined members), so it matches what is read back. */
export const entryHash = (entry: unknown): string =>
    createHash("sha256")
        .update(canonical(JSON.parse(JSON.stringify(entry) ?? "null")))
        .digest("hex");

type Doc = { readonly text: string; readonly auths: ReadonlyMap<string, unknown> };

/** The property nodes of the top-level object and of `auths`, as the editor sees them. */
function tree(text: string) {
    const root = parseTree(text)!.children ?? [];
    return { root, auths: root.find((p) => keyOf(p) === "auths")?.children![1].children ?? [] };
}
const keyOf = (p: Node) => p.children![0].value as string;

/** Strict JSON, an object at the top, `auths` an object, no key twice (JSON.parse and the editor would disagree). */
function parseDocker(text: string): Doc {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw invalid("not JSON"); // JSON.parse's message can quote the text
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid("not a JSON object");
    const auths = (parsed as Record<string, unknown>).auths;
    if (auths !== undefined && (typeof auths !== "object" || auths === null || Array.isArray(auths))) {
        throw invalid('"auths" is not an object');
    }
    for (const props of Object.values(tree(text))) {
        if (new Set(props.map(keyOf)).size !== props.length) throw invalid("a key repeats");
    }
    return { text, auths: new Map(Object.entries((auths ?? {}) as Record<string, unknown>)) };
}

/** Each server's text in `auths`, key through value. */
const entryTexts = (text: string) =>
    new Map(tree(text).auths.map((p) => [keyOf(p), text.slice(p.offset, p.offset + p.length)]));

/**
 * The formatting of the text, for what we insert: none for one-line JSON (as cloud.redhat.com issues it;
 * the formatter reflows whole lines, so it would reflow everything), else its indentation.
 */
function formattingOf(text: string): FormattingOptions | undefined {
    const span = text.trim();
    if (!span.includes("\n")) return undefined;
    const indent = /\n([ \t]+)"/.exec(span)?.[1] ?? "  "; // the first indented key's
    // No eol: the formatter takes the document's own first line end (jsonc-parser 3.3.1 format.js getEOL).
    if (indent.startsWith("\t")) return { insertSpaces: false, tabSize: 4 };
    return { insertSpaces: true, tabSize: indent.length || 2 };
}

/** Applies the edits (value undefined: remove) with `formatting`, one-line style without. */
function applyTo(text: string, edits: ReadonlyMap<string, unknown>, formatting: FormattingOptions | undefined) {
    let out = text;
    for (const [server, value] of edits) {
        const ops = modify(out, ["auths", server], value, { formattingOptions: formatting });
        // modify writes `"key": value`; one-line JSON has no space after the colon.
        const compact = formatting
            ? ops
            : ops.map((e) => ({ ...e, content: e.content.replace(/^(,?"(?:[^"\\]|\\.)*"): /, "$1:") }));
        out = applyEdits(out, compact);
    }
    return out;
}

/** The text with `edits` applied, checked: every other entry byte-identical, the result what was meant. */
function edit(doc: Doc, edits: ReadonlyMap<string, unknown>): string {
    if (edits.size === 0) return doc.text;
    const before = entryTexts(doc.text);
    const expected = new Map(doc.auths);
    for (const [server, value] of edits) {
        if (value === undefined) expected.delete(server);
        else expected.set(server, value);
    }
    const parsed = JSON.parse(doc.text) as Record<string, unknown>;
    const want = canonical({ ...parsed, auths: Object.fromEntries(expected) });
    const good = (text: string) => {
        const after = entryTexts(text);
        const kept = [...before].every(([s, t]) => edits.has(s) || after.get(s) === t);
        return kept && canonical(JSON.parse(text)) === want;
    };
    // The formatter touches only the lines edited; should it reach further, the unformatted edit cannot.
    const formatting = formattingOf(doc.text);
    for (const attempt of formatting ? [formatting, undefined] : [undefined]) {
        const text = applyTo(doc.text, edits, attempt);
        if (good(text)) return text;
    }
    throw new Error(`registry-access could not edit ${WHERE} without changing other entries; nothing was changed`);
}

/** The owners annotation; one that does not parse records nothing (so nothing counts as ours). */
function readOwners(annotations: CurrentPullSecret["annotations"]): Map<string, string> {
    const parsed = parseJson(annotations?.[OWNERS_ANNOTATION]);
    const entries = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
    return new Map(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** The annotation's value, keys sorted (so the same record is the same text); undefined: none left. */
const ownersValue = (next: Map<string, string>) =>
    next.size === 0
        ? undefined
        : JSON.stringify(Object.fromEntries([...next.keys()].sort().map((k) => [k, next.get(k)])));

/** The resource an owner token names: what comes before `#<nonce>`. */
const resourceOf = (owner: string) => (owner.lastIndexOf("#") < 0 ? owner : owner.slice(0, owner.lastIndexOf("#")));

function conflictWith(server: string, recorded: string | undefined): Conflict {
    if (recorded === undefined) {
        return { server, reason: "present and not added by registry-access; it is not ours to overwrite" };
    }
    const [project, stack] = resourceOf(recorded).split("/");
    const whose = stack === undefined ? "another owner" : `project/stack ${project}/${stack}`;
    return { server, reason: `added by another registry-access resource (${whose})` };
}

/**
 * Lets go of `servers` recorded to exactly `owner` (not to a replacement that took them over): each is
 * unrecorded, and taken out if still as we wrote it (one edited since stays).
 */
function letGo(doc: Doc, next: Map<string, string>, owner: string, servers: Hashes, edits: Map<string, unknown>) {
    for (const [server, hash] of Object.entries(servers)) {
        if (next.get(server) !== owner) continue;
        next.delete(server);
        if (doc.auths.has(server) && entryHash(doc.auths.get(server)) === hash) edits.set(server, undefined);
    }
}

const finish = (current: CurrentPullSecret, doc: Doc, edits: Map<string, unknown>, next: Map<string, string>) => {
    const dockerConfigJson = edit(doc, edits);
    const ownersAnnotation = ownersValue(next);
    const changed =
        dockerConfigJson !== current.dockerConfigJson || ownersAnnotation !== current.annotations?.[OWNERS_ANNOTATION];
    return { dockerConfigJson, ownersAnnotation, changed };
};

/**
 * Adds or updates `want.entries`, and takes out the servers of `want.previous` no longer wanted. Refuses
 * (ok false) when a wanted server is someone else's or was edited since we wrote it.
 */
export function planMerge(current: CurrentPullSecret, want: MergeWant): MergePlan {
    const doc = parseDocker(current.dockerConfigJson);
    const record = readOwners(current.annotations);
    const next = new Map(record);
    const previous = want.previous ?? {};
    const edits = new Map<string, unknown>();
    const conflicts: Conflict[] = [];
    const hashes = new Map<string, string>();
    for (const [server, entry] of Object.entries(want.entries)) {
        const wanted = entryHash(entry);
        hashes.set(server, wanted);
        if (!doc.auths.has(server)) edits.set(server, entry);
        else if (!record.has(server) || resourceOf(record.get(server)!) !== resourceOf(want.owner)) {
            conflicts.push(conflictWith(server, record.get(server)));
        } else {
            const now = entryHash(doc.auths.get(server));
            // Without a previous hash (a replacement's first write), the record alone makes it ours.
            if (now !== wanted && Object.hasOwn(previous, server) && previous[server] !== now) {
                conflicts.push({ server, reason: "edited by someone else since registry-access wrote it" });
            } else if (now !== wanted) edits.set(server, entry);
        }
        next.set(server, want.owner);
    }
    if (conflicts.length > 0) return { ok: false, conflicts };
    const gone = Object.fromEntries(Object.entries(previous).filter(([server]) => !hashes.has(server)));
    letGo(doc, next, want.owner, gone, edits);
    return { ok: true, ...finish(current, doc, edits, next), hashes: Object.fromEntries(hashes) };
}

/** Takes out the servers of `want.previous` this owner still has (see letGo). */
export function planRemoval(current: CurrentPullSecret, want: RemovalWant): EditPlan {
    const doc = parseDocker(current.dockerConfigJson);
    const next = readOwners(current.annotations);
    const edits = new Map<string, unknown>();
    letGo(doc, next, want.owner, want.previous, edits);
    return finish(current, doc, edits, next);
}

/** server → hash of the servers of `previous` still there as we wrote them and recorded to `owner` (read). */
export function presentEntries(current: CurrentPullSecret, owner: string, previous: Hashes): Record<string, string> {
    const doc = parseDocker(current.dockerConfigJson);
    const record = readOwners(current.annotations);
    const present = Object.entries(previous).filter(
        ([s, hash]) => record.get(s) === owner && doc.auths.has(s) && entryHash(doc.auths.get(s)) === hash,
    );
    return Object.fromEntries(present);
}
