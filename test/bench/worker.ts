/**
 * One measurement in a fresh process: `ts-node test/bench/worker.ts program|floor N` evaluates the program (or
 * the minimal floor, floorProgram.ts) for N namespaces under the mock runtime (plan/runProgram.ts) and
 * prints one JSON line of figures. Time and peak RSS are taken before anything else is computed.
 */
import * as path from "path";
import type { FakeCloud } from "../../plan/fakeCloud";
import { ProgramRun, Registration, runProgram } from "../../plan/runProgram";
import { BENCH_CLUSTER, OutputsOf, benchNamespaces, jsonBytes, longestChain, stateBytesPerNamespace } from "./figures";

export const MODES = ["program", "floor"] as const;
export type Mode = (typeof MODES)[number];

export interface Figures {
    mode: Mode;
    n: number;
    ms: number;
    maxRssMiB: number;
    resources: number;
    longestChain: number;
    /** Provider functions the program called (cloud reads). */
    invokes: number;
    /** Program only: bytes of state per namespace (figures.ts); null for the floor. */
    stateBytesPerNamespace: number | null;
}

/** A fixed stand-in for the 8 hex digits the provider draws per reference. */
const OWNER_NONCE = "0123abcd";

/**
 * What the engine would store as outputs: a component's registered outputs (the recording monitor keeps
 * them; ProgramRun exposes only the stack's), the mock's answer for custom resources (FakeCloud echoes
 * inputs), and for a reference what the real provider stores: its id and refState (provider/serviceAccountPullSecretRef.ts).
 */
function programOutputs(cloud: FakeCloud): OutputsOf {
    // Loaded after the timed run, so they weigh on neither figure; the recording monitor is not in the typings.
    const settings = require("@pulumi/pulumi/runtime/settings");
    const componentOutputs: Map<string, Record<string, unknown>> = settings.getMonitor()?.outputs ?? new Map();
    const ref =
        require("../../provider/serviceAccountPullSecretRefHandler") as typeof import("../../provider/serviceAccountPullSecretRefHandler");
    return (r: Registration, inputs: Record<string, unknown>) => {
        if (!r.custom) return { outputs: componentOutputs.get(r.urn) ?? {} };
        const { id, state } = cloud.newResource({
            type: r.type,
            name: r.name,
            inputs,
            custom: true,
            provider: r.provider,
        });
        if (r.type !== ref.PULL_SECRET_REF_TYPE) return { id, outputs: state };
        return {
            id: ref.refId(inputs as unknown as Parameters<typeof ref.refId>[0]),
            outputs: ref.refState(ref.ownerToken(r.urn, OWNER_NONCE)),
        };
    };
}

function stateFigure(run: ProgramRun, n: number): number {
    // The stack output pullSecretNames holds one entry per namespace: its share of the Stack's state.
    const shared = run.rawOutputs.pullSecretNames === undefined ? 0 : jsonBytes(run.rawOutputs.pullSecretNames);
    return stateBytesPerNamespace(run.registrations, benchNamespaces(n), programOutputs(run.cloud), shared);
}

async function main(): Promise<void> {
    const mode = process.argv[2] as Mode;
    const n = Number(process.argv[3]);
    if (!MODES.includes(mode) || !(n > 0)) throw new Error("usage: worker.ts program|floor N");
    const config = {
        "registry-access:cluster": BENCH_CLUSTER,
        "registry-access:namespaces": JSON.stringify(benchNamespaces(n)),
    };
    const program = path.join(
        __dirname,
        "..",
        "..",
        mode === "program" ? "index" : path.join("test", "bench", "floorProgram"),
    );

    const start = process.hrtime.bigint();
    const run = await runProgram({ project: "registry-access", stack: "bench", config, program });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);

    const figures: Figures = {
        mode,
        n,
        ms: Math.round(ms),
        maxRssMiB,
        resources: run.registrations.length,
        longestChain: longestChain(run.registrations),
        invokes: run.cloud.calls.length,
        stateBytesPerNamespace: mode === "program" ? stateFigure(run, n) : null,
    };
    process.stdout.write(JSON.stringify(figures) + "\n");
}

if (require.main === module) {
    main().then(
        () => process.exit(0),
        (err) => {
            process.stderr.write(`${err?.stack ?? err}\n`);
            process.exit(1);
        },
    );
}
