/**
 * The plan's dependency graph as a Mermaid flowchart, for pull-request comments: one node per cloud or
 * cluster resource, grouped by the component that owns it, an edge from each dependency to its dependent.
 */
import { PlanDocument, PlanResource } from "./render";

function label(r: PlanResource): string {
    const type = r.type.split(":").pop()!;
    return `${type}<br/>${r.name}`.replace(/"/g, "#quot;");
}

export function planMermaid(doc: PlanDocument): string {
    const ids = new Map(doc.resources.map((r, i) => [r.urn, `r${i}`]));
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    // Components are the resources others are parented to (our own custom resources share their package).
    const parents = new Set(doc.resources.map((r) => r.parent));
    const isComponent = (r: PlanResource) => r.type === "pulumi:pulumi:Stack" || parents.has(r.urn);
    const nodes = doc.resources.filter((r) => !isComponent(r));

    // Group under the nearest component: a namespace's secret and references sit together.
    const groupOf = (r: PlanResource): PlanResource | undefined => {
        const p = r.parent ? byUrn.get(r.parent) : undefined;
        return p?.type === "pulumi:pulumi:Stack" ? undefined : p;
    };
    const groups = new Map<string, PlanResource[]>();
    for (const n of nodes) {
        const g = groupOf(n)?.urn ?? "";
        groups.set(g, [...(groups.get(g) ?? []), n]);
    }

    const lines = ["flowchart LR"];
    for (const [g, members] of groups) {
        const indent = g ? "    " : "  ";
        if (g) lines.push(`  subgraph ${ids.get(g)}["${label(byUrn.get(g)!)}"]`);
        for (const n of members) lines.push(`${indent}${ids.get(n.urn)}["${label(n)}"]`);
        if (g) lines.push("  end");
    }
    for (const n of nodes) {
        for (const d of n.dependsOn) if (ids.has(d)) lines.push(`  ${ids.get(d)} --> ${ids.get(n.urn)}`);
    }
    return lines.join("\n") + "\n";
}
