/**
 * Pure helpers of the benchmark: the longest dependency chain of a run, the state the engine would store
 * per namespace, medians and ratios. No Pulumi runtime here, so the unit tests load nothing heavy.
 */
import type { Registration } from "../../plan/runProgram";

/** The stack every bench run is about: one cluster, N namespaces. */
export const BENCH_CLUSTER = "bench-cluster";
export const benchNamespaces = (n: number) => Array.from({ length: n }, (_, i) => `ns-${String(i).padStart(5, "0")}`);

/**
 * Operations in flight when counting API calls: about the engine's default --parallel, 4 × GOMAXPROCS
 * (pulumi/pulumi v3.248.0 pkg/cmd/pulumi/operations/up.go line 73; 8 on 2 cores). References become ready
 * as their Secrets do, so a bounded pool stands for that.
 */
export const DEFAULT_PARALLEL = 10;

export const SECRET_TYPE = "kubernetes:core/v1:Secret";

/** Nodes on the longest dependency path. */
export function longestChain(registrations: readonly Registration[]): number {
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const memo = new Map<string, number>();
    const depth = (urn: string): number => {
        if (!memo.has(urn)) {
            const deps = byUrn.get(urn)?.dependsOn ?? [];
            memo.set(urn, 1 + Math.max(0, ...deps.map(depth)));
        }
        return memo.get(urn)!;
    };
    return Math.max(0, ...registrations.map((r) => depth(r.urn)));
}

/**
 * What the namespaces add to the stack: every resource named `<namespace>.<…>` (the program names each
 * namespace's Secret, references and any component so) and everything parented under one.
 */
export function perNamespaceResources(
    registrations: readonly Registration[],
    namespaces: readonly string[],
): Registration[] {
    const prefixes = namespaces.map((ns) => `${ns}.`);
    const inside = new Set<string>();
    for (const r of registrations) {
        // Registration order puts a parent before its children.
        if (prefixes.some((p) => r.name.startsWith(p)) || (r.parent !== undefined && inside.has(r.parent)))
            inside.add(r.urn);
    }
    return registrations.filter((r) => inside.has(r.urn));
}

/** The inputs as recorded, without a Secret's own data (stringData, data): that is the payload, not overhead. */
export function storedInputs(r: Registration): Record<string, unknown> {
    if (r.type !== SECRET_TYPE) return r.rawInputs;
    const { stringData: _s, data: _d, ...rest } = r.rawInputs;
    return rest;
}

/** What the engine would get back for a resource: its id (custom resources) and outputs. */
export type OutputsOf = (
    r: Registration,
    inputs: Record<string, unknown>,
) => { id?: string; outputs: Record<string, unknown> };

/** A provider reference (`URN::ID`) as state holds it: the mock's short ID replaced by a UUID's length. */
export function engineProviderRef(ref: string): string {
    return `${ref.slice(0, ref.lastIndexOf("::"))}::00000000-0000-0000-0000-000000000000`;
}

/**
 * One resource as a state file holds it (timestamps and propertyDependencies left out). No aliases: the engine
 * keeps only an alias that matched an old resource, and drops even that when it writes state (pulumi/pulumi
 * v3.248.0 pkg/resource/deploy/step_generator.go lines 690-695, snapshot.go NormalizeURNReferences with
 * state_builder.go withUpdatedAliases, lines 108-114).
 */
export function stateEntry(r: Registration, outputsOf: OutputsOf): Record<string, unknown> {
    const inputs = storedInputs(r);
    const { id, outputs } = outputsOf(r, inputs);
    return {
        urn: r.urn,
        custom: r.custom,
        ...(id === undefined ? {} : { id }),
        type: r.type,
        inputs,
        outputs,
        ...(r.parent === undefined ? {} : { parent: r.parent }),
        ...(r.provider === undefined ? {} : { provider: engineProviderRef(r.provider) }),
        dependencies: r.dependsOn,
    };
}

export const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

/**
 * Bytes of state per namespace: the per-namespace resources' entries, plus `sharedBytes` (e.g. the
 * namespace's entries in a stack output), divided by the number of namespaces.
 */
export function stateBytesPerNamespace(
    registrations: readonly Registration[],
    namespaces: readonly string[],
    outputsOf: OutputsOf,
    sharedBytes = 0,
): number {
    const total = perNamespaceResources(registrations, namespaces).reduce(
        (sum, r) => sum + jsonBytes(stateEntry(r, outputsOf)),
        sharedBytes,
    );
    return Math.round(total / namespaces.length);
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
