/**
 * Compares two plan documents the way a reviewer reads a preview: resources added, removed, replaced
 * (an input the provider cannot change in place differs) and changed (inputs or dependencies).
 * Secrets show only their non-secret structure on both sides (core/review/render.ts, core/review/secretStructure.ts),
 * so a changed registry server, user name or email shows, a changed password, auth or key never does.
 */
import { addedKeyNote, removedKeyNote } from "./keyNotes";
import { PlanDocument, PlanResource } from "./render";

/** Inputs whose change makes the provider replace the resource rather than update it. */
export const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
    "kubernetes:core/v1:Secret": ["metadata.name", "metadata.namespace", "type"],
    "registry-access:index:ServiceAccountPullSecretRef": ["namespace", "serviceAccount", "secretName", "connection"],
    "ibm:index/iamServiceApiKey:IamServiceApiKey": ["iamServiceId", "apikey"],
    "ibm:index/iamServicePolicy:IamServicePolicy": ["iamId", "iamServiceId"],
};

export interface InputChange {
    readonly path: string;
    readonly before?: unknown;
    readonly after?: unknown;
}

export interface ResourceChange {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly kind: "added" | "removed" | "replaced" | "changed" | "moved";
    /** The URN it had in the old plan, when it answers to it through an alias. */
    readonly movedFrom?: string;
    readonly inputs: InputChange[];
    readonly dependsOn?: { before: string[]; after: string[] };
    /** For replacements: the inputs that force it. */
    readonly replaceReasons?: string[];
    /** What a reviewer needs to know about the order of this change (a rotated key's deletion). */
    readonly note?: string;
}

/** Leaf paths of an inputs object: nested objects flattened with dots, arrays kept whole. */
export function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 0 && prefix) out.set(prefix, "{}");
        for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (prefix) {
        out.set(prefix, JSON.stringify(value));
    }
    return out;
}

/** Where a resource's explicit provider is compared: another provider is another cluster or account. */
const PROVIDER = "(provider)";

/**
 * Inputs, resource options under `(options)` (a change of protect or ignoreChanges shows too) and the explicit
 * provider under `(provider)`.
 */
function comparable(r: PlanResource, withProvider: boolean): Record<string, unknown> {
    return {
        ...r.inputs,
        ...(r.options ? { "(options)": r.options } : {}),
        ...(withProvider && r.provider ? { [PROVIDER]: r.provider } : {}),
    };
}

/** Plans written before providers were recorded have none: their resources' providers are unknown, not default. */
const recordsProviders = (doc: PlanDocument) => doc.resources.some((r) => r.provider !== undefined);

function inputChanges(before: PlanResource, after: PlanResource, withProvider: boolean): InputChange[] {
    const a = flatten(comparable(before, withProvider));
    const b = flatten(comparable(after, withProvider));
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    return paths
        .filter((p) => a.get(p) !== b.get(p))
        .map((p) => ({
            path: p,
            before: a.has(p) ? JSON.parse(a.get(p)!) : undefined,
            after: b.has(p) ? JSON.parse(b.get(p)!) : undefined,
        }));
}

/** The inputs that force a replacement; a resource moving to another provider is replaced by the engine. */
function replaced(type: string, changes: InputChange[]): string[] {
    const keys = [...(REPLACE_ON[type] ?? []), PROVIDER];
    return changes.map((c) => c.path).filter((p) => keys.some((k) => p === k || p.startsWith(`${k}.`)));
}

export function diffPlans(before: PlanDocument, after: PlanDocument): ResourceChange[] {
    const old = new Map(before.resources.map((r) => [r.urn, r]));
    const now = new Map(after.resources.map((r) => [r.urn, r]));
    // A resource whose alias names a URN of the old plan (and no longer of the new one) is that resource,
    // moved or renamed: the engine updates it in place, so it is compared, not added and removed.
    const movedTo = new Map<string, string>();
    for (const r of after.resources) {
        for (const alias of r.aliases ?? [])
            if (old.has(alias) && !now.has(alias) && !old.has(r.urn)) movedTo.set(alias, r.urn);
    }
    const movedFrom = new Map([...movedTo].map(([from, to]) => [to, from]));
    const withProvider = recordsProviders(before);
    const changes: ResourceChange[] = [];
    for (const urn of [...new Set([...old.keys(), ...now.keys()])].sort()) {
        if (movedTo.has(urn)) continue;
        const from = movedFrom.get(urn);
        const a = old.get(from ?? urn);
        const b = now.get(urn);
        if (!a) {
            const note = addedKeyNote(b!, after);
            changes.push({ urn, type: b!.type, name: b!.name, kind: "added", inputs: [], ...(note ? { note } : {}) });
        } else if (!b) {
            const note = removedKeyNote(a, before, after);
            changes.push({ urn, type: a.type, name: a.name, kind: "removed", inputs: [], ...(note ? { note } : {}) });
        } else {
            const inputs = inputChanges(a, b, withProvider);
            const depsChanged = JSON.stringify(a.dependsOn) !== JSON.stringify(b.dependsOn);
            if (inputs.length === 0 && !depsChanged && !from) continue;
            const reasons = replaced(b.type, inputs);
            const kind = reasons.length > 0 ? "replaced" : inputs.length > 0 || depsChanged ? "changed" : "moved";
            changes.push({
                urn,
                type: b.type,
                name: b.name,
                inputs,
                kind,
                ...(from ? { movedFrom: from } : {}),
                ...(depsChanged ? { dependsOn: { before: a.dependsOn, after: b.dependsOn } } : {}),
                ...(reasons.length > 0 ? { replaceReasons: reasons } : {}),
            });
        }
    }
    return changes;
}

const MARK = { added: "+", removed: "-", replaced: "±", changed: "~", moved: ">" } as const;

function show(v: unknown): string {
    return v === undefined ? "(none)" : JSON.stringify(v);
}

export function formatDiff(changes: readonly ResourceChange[]): string {
    const lines: string[] = [];
    for (const c of changes) {
        const why = c.replaceReasons ? `  (replace: ${c.replaceReasons.join(", ")} changed)` : "";
        lines.push(`  ${MARK[c.kind]} ${c.kind.padEnd(8)} ${c.type}  ${c.name}${why}`);
        if (c.movedFrom) lines.push(`        urn: ${c.movedFrom} → ${c.urn} (alias)`);
        if (c.note) for (const line of c.note.split("\n")) lines.push(`        ${line}`);
        for (const i of c.inputs) lines.push(`        ${i.path}: ${show(i.before)} → ${show(i.after)}`);
        if (c.dependsOn) lines.push(`        dependsOn: ${show(c.dependsOn.before)} → ${show(c.dependsOn.after)}`);
    }
    const count = (k: ResourceChange["kind"]) => changes.filter((c) => c.kind === k).length;
    lines.push(
        `${count("added")} added, ${count("removed")} removed, ${count("replaced")} replaced, ${count("changed")} changed` +
            (count("moved") > 0 ? `, ${count("moved")} moved` : ""),
    );
    return lines.join("\n") + "\n";
}
