/**
 * Turns a recorded program run into what a reviewer reads: a resource tree, or JSON that is identical
 * byte for byte across runs (sorted URNs and keys). Unless revealed, a plan shows a secret as
 * `{"[secret]": STRUCTURE}`, its non-secret structure (core/review/secretStructure.ts: registry servers, user
 * names, emails; every value that grants access `[secret]`), or as `[secret]` when it has none.
 */
import { specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import type { RecordedRun, Registration } from "./registration";
import { secretStructure } from "./secretStructure";

export const SECRET_MARK = "[secret]";

export interface RenderOptions {
    readonly showSecrets?: boolean;
    /**
     * Show a masked secret by its structure, `{"[secret]": STRUCTURE}`, rather than as `[secret]`; what
     * planDocument, planJson and planText do unless told `false` (so `--check` sees a changed server or
     * email). plainValue masks the whole secret unless told `true`.
     */
    readonly secretStructure?: boolean;
}

/** A masked secret: its structure under the mark, or the mark alone when it has no structure. */
function maskedSecret(value: unknown, opts: RenderOptions): unknown {
    if (!opts.secretStructure) return SECRET_MARK;
    // The plaintext goes only to secretStructure, which keeps none of its values.
    const structure = secretStructure(plainValue(value, { showSecrets: true }));
    return structure === SECRET_MARK ? SECRET_MARK : { [SECRET_MARK]: structure };
}

/** Plain JSON of a wire value: secrets masked (or revealed), resource references as URNs, keys sorted. */
export function plainValue(v: unknown, opts: RenderOptions): unknown {
    if (v === unknownValue) return "[unknown]";
    if (Array.isArray(v)) return v.map((e) => plainValue(e, opts));
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o[specialSigKey] === specialSecretSig)
        return opts.showSecrets ? plainValue(o.value, opts) : maskedSecret(o.value, opts);
    if (o[specialSigKey] === specialResourceSig) return o.urn;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) out[k] = plainValue(o[k], opts);
    return out;
}

function plainInputs(r: Registration, opts: RenderOptions): Record<string, unknown> {
    return plainValue(r.rawInputs, opts) as Record<string, unknown>;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    dependsOn: string[];
    /** Former URNs the resource answers to: `--check` reads an old plan's resource under them as this one. */
    aliases: string[];
    inputs: Record<string, unknown>;
    /** Pulumi resource options that change what the engine may do to it; absent when none is set. */
    options?: PlanResourceOptions;
    /**
     * The URN of its explicit provider (which cluster, which IBM Cloud account it goes to); absent for the
     * stack's default provider of its package.
     */
    provider?: string;
}

export interface PlanResourceOptions {
    /** The engine refuses to delete it. */
    protect?: true;
    /** Destroy leaves it in place. */
    retainOnDelete?: true;
    /** Inputs whose changes the engine ignores. */
    ignoreChanges?: string[];
}

export interface PlanDocument {
    stack: string;
    project: string;
    resources: PlanResource[];
}

/** The plan's rendering: secrets by their structure unless revealed or told otherwise. */
const planOptions = (opts: RenderOptions): RenderOptions => ({
    ...opts,
    secretStructure: opts.secretStructure ?? true,
});

/** The resource options a reviewer must see, only where set (so plans without them keep their shape). */
function resourceOptions(r: Registration): { options?: PlanResourceOptions } {
    const options: PlanResourceOptions = {
        ...(r.protect ? { protect: true as const } : {}),
        ...(r.retainOnDelete ? { retainOnDelete: true as const } : {}),
        ...(r.ignoreChanges && r.ignoreChanges.length > 0 ? { ignoreChanges: [...r.ignoreChanges] } : {}),
    };
    return Object.keys(options).length > 0 ? { options } : {};
}

export function planDocument(run: RecordedRun, opts: RenderOptions = {}): PlanDocument {
    const options = planOptions(opts);
    const resources = [...run.registrations]
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
        .map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            dependsOn: [...r.dependsOn],
            aliases: [...r.aliases],
            inputs: plainInputs(r, options),
            ...resourceOptions(r),
            ...(r.provider ? { provider: providerUrn(r.provider) } : {}),
        }));
    return { stack: run.stack, project: run.project, resources };
}

export function planJson(run: RecordedRun, opts: RenderOptions = {}): string {
    return JSON.stringify(planDocument(run, opts), null, 2) + "\n";
}

/** A provider reference is `URN::ID`; the ID (after the URN's last `::`) changes with every deployment. */
export function providerUrn(reference: string): string {
    return reference.slice(0, reference.lastIndexOf("::"));
}

function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return `${parts[2]?.split("$").pop()}::${parts[3]}`;
}

export function planText(run: RecordedRun, renderOptions: RenderOptions = {}): string {
    const opts = planOptions(renderOptions);
    const doc = planDocument(run, opts);
    const children = new Map<string | null, PlanResource[]>();
    for (const r of doc.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const lines: string[] = [
        `Offline plan of stack "${doc.stack}" (project ${doc.project}): what \`pulumi preview\` would create.`,
        "Evaluated under Pulumi's mock runtime: no credentials, no cloud, no cluster." +
            (opts.showSecrets
                ? " Secrets shown; cloud-generated values are placeholders."
                : opts.secretStructure
                  ? ' Secrets shown as [secret], or as {"[secret]": …} with only their structure (servers, user names, emails).'
                  : " Secrets shown as [secret]."),
        "",
    ];
    const walk = (parent: string | null, indent: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            lines.push(`${indent}${last ? "└─" : "├─"} + ${r.type}  ${r.name}`);
            const body = indent + (last ? "   " : "│  ");
            for (const [k, v] of Object.entries(r.inputs)) lines.push(`${body}    ${k}: ${JSON.stringify(v)}`);
            if (r.options) lines.push(`${body}    options: ${JSON.stringify(r.options)}`);
            if (r.provider) lines.push(`${body}    provider: ${shortUrn(r.provider)}`);
            if (r.dependsOn.length > 0) lines.push(`${body}    depends on: ${r.dependsOn.map(shortUrn).join(", ")}`);
            walk(r.urn, body);
        });
    };
    walk(null, "");

    const counts = new Map<string, number>();
    for (const r of doc.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    lines.push("", `Resources: ${doc.resources.length} to create`);
    for (const [type, n] of [...counts].sort()) lines.push(`    ${String(n).padStart(4)}  ${type}`);
    const outputs = plainValue(run.rawOutputs, opts) as Record<string, unknown>;
    if (Object.keys(outputs).length > 0) {
        lines.push("", "Outputs:");
        for (const [k, v] of Object.entries(outputs)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
    }
    return lines.join("\n") + "\n";
}
