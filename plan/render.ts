/**
 * Turns a recorded program run into what a reviewer reads: a resource tree, or JSON that is identical
 * byte for byte across runs (sorted URNs and keys). Secrets print as `[secret]` unless revealed.
 */
import { specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { ProgramRun, Registration } from "./runProgram";

export const SECRET_MARK = "[secret]";

export interface RenderOptions {
    readonly showSecrets?: boolean;
}

/** Plain JSON of a wire value: secrets masked (or revealed), resource references as URNs, keys sorted. */
export function plainValue(v: unknown, opts: RenderOptions): unknown {
    if (v === unknownValue) return "[unknown]";
    if (Array.isArray(v)) return v.map((e) => plainValue(e, opts));
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o[specialSigKey] === specialSecretSig) return opts.showSecrets ? plainValue(o.value, opts) : SECRET_MARK;
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
}

export interface PlanDocument {
    stack: string;
    project: string;
    resources: PlanResource[];
}

export function planDocument(run: ProgramRun, opts: RenderOptions = {}): PlanDocument {
    const resources = [...run.registrations]
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
        .map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            dependsOn: [...r.dependsOn],
            aliases: [...r.aliases],
            inputs: plainInputs(r, opts),
        }));
    return { stack: run.stack, project: run.project, resources };
}

export function planJson(run: ProgramRun, opts: RenderOptions = {}): string {
    return JSON.stringify(planDocument(run, opts), null, 2) + "\n";
}

function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return `${parts[2]?.split("$").pop()}::${parts[3]}`;
}

export function planText(run: ProgramRun, opts: RenderOptions = {}): string {
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
