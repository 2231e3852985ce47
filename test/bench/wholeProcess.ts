/**
 * One whole-process run for the benchmark: the program (Pulumi.yaml's `main`, with its runtime options) or the
 * bare floor (floorProgram.js, the same options) started as the nodejs language host starts it
 * (languageHost.ts), for a stack of N namespaces, against the fake engine (fakeEngine.ts) in this process.
 * An update, not a preview: outputs are known, so every apply runs. Returns the process's CPU and peak memory
 * and what the engine saw.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeCloud } from "../../plan/fakeCloud";
import { PULL_SECRET_REF_TYPE, ownerToken, refId, refState } from "../../provider/serviceAccountPullSecretRefHandler";
import { EngineAnswers, FakeEngine } from "./fakeEngine";
import { BENCH_CLUSTER, OutputsOf, benchNamespaces, jsonBytes, longestChain, stateBytesPerNamespace } from "./figures";
import {
    ProcessFigures,
    defaultParallel,
    hostArgs,
    hostEnv,
    measureProcess,
    projectRuntime,
    pwdMain,
    runPath,
} from "./languageHost";

export const MODES = ["program", "floor"] as const;
export type Mode = (typeof MODES)[number];

export const ROOT = path.join(__dirname, "..", "..");
/** The floor's entry point, as a `main` of Pulumi.yaml would name it. */
export const FLOOR_MAIN = "test/bench/floorProgram.js";
const PROJECT = "registry-access";
const STACK = "bench";
/** The diy backend's organization (a Pulumi Cloud stack's would be the user's). */
const ORGANIZATION = "organization";
/** pulumirpc.LogSeverity ERROR. */
const ENGINE_ERROR = 3;

export interface Figures extends ProcessFigures {
    readonly mode: Mode;
    readonly n: number;
    /** Registrations, the Stack included. */
    readonly resources: number;
    /** Registrations by type. */
    readonly types: Record<string, number>;
    readonly longestChain: number;
    /** Provider functions the program called. */
    readonly invokes: number;
    /** Program only: bytes of state per namespace (figures.ts); null for the floor. */
    readonly stateBytesPerNamespace: number | null;
}

/** A direct-mode IKS stack like Pulumi.dev.yaml, with N namespaces: the engine's config map (`pkg:key` → text). */
export function benchConfig(n: number): Record<string, string> {
    return {
        "registry-access:cluster": BENCH_CLUSTER,
        "registry-access:namespaces": JSON.stringify(benchNamespaces(n)),
    };
}

/** A fixed stand-in for the 8 hex digits the provider draws per reference. */
const OWNER_NONCE = "0123abcd";

const uuidOf = (seed: string) => {
    const hex = crypto.createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/**
 * What the providers answer, and so what the engine stores: the offline plan's fake cloud (ids and computed
 * outputs of the IAM resources, inputs echoed for the rest, the cluster config read); a provider instance's
 * UUID; and for a reference what the registry-access provider stores, its id and refState.
 */
export function benchAnswers(cloud = new FakeCloud()): EngineAnswers {
    return {
        resource: (r, inputs) => {
            if (r.type.startsWith("pulumi:providers:")) return { id: uuidOf(r.urn), outputs: inputs };
            if (r.type === PULL_SECRET_REF_TYPE) {
                return {
                    id: refId(inputs as unknown as Parameters<typeof refId>[0]),
                    outputs: refState(ownerToken(r.urn, OWNER_NONCE)),
                };
            }
            const { id, state } = cloud.newResource({ ...r, inputs, custom: true });
            return { id, outputs: state };
        },
        invoke: (token, inputs) => cloud.call({ token, inputs }),
    };
}

const countBy = (xs: readonly string[]) =>
    xs.reduce<Record<string, number>>((counts, x) => ({ ...counts, [x]: (counts[x] ?? 0) + 1 }), {});

function stateFigure(engine: FakeEngine, answers: EngineAnswers, n: number): number {
    const outputsOf: OutputsOf = (r, inputs) =>
        r.custom ? answers.resource(r, inputs) : { outputs: engine.registeredOutputs.get(r.urn) ?? {} };
    // The stack output pullSecretNames holds one entry per namespace: its share of the Stack's state.
    const stack = engine.registrations.find((r) => r.type === "pulumi:pulumi:Stack");
    const names = stack && engine.registeredOutputs.get(stack.urn)?.pullSecretNames;
    return stateBytesPerNamespace(engine.registrations, benchNamespaces(n), outputsOf, names ? jsonBytes(names) : 0);
}

/** `nodeArgs`: more node flags, as Pulumi.yaml's runtime option `nodeargs` would add them (--cpu-prof). */
export async function runWholeProcess(mode: Mode, n: number, nodeArgs: readonly string[] = []): Promise<Figures> {
    const project = projectRuntime(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    const runtime = { ...project, nodeargs: [project.nodeargs ?? "", ...nodeArgs].join(" ") };
    const { pwd, entryPoint } = pwdMain(ROOT, mode === "program" ? runtime.main : FLOOR_MAIN);
    const answers = benchAnswers();
    const engine = new FakeEngine(PROJECT, STACK, answers);
    const address = await engine.start();
    // The host's directory of synchronous-invoke pipes; the SDK opens them only for a synchronous invoke,
    // which neither program makes (one would fail here rather than be measured without its cost).
    const sync = fs.mkdtempSync(path.join(os.tmpdir(), "registry-access-bench-sync-"));
    try {
        const args = hostArgs(runtime, runPath(pwd), {
            monitor: address,
            engine: address,
            sync,
            organization: ORGANIZATION,
            project: PROJECT,
            rootDirectory: ROOT,
            stack: STACK,
            pwd,
            dryRun: false,
            parallel: defaultParallel(),
            entryPoint,
        });
        const env = hostEnv(process.env, runtime, benchConfig(n));
        const measured = await measureProcess("node", args, { cwd: pwd, env }).catch((err: Error) => err);
        // The SDK reports a program's errors to the engine, not on stderr.
        const errors = engine.logs.filter((l) => l.severity >= ENGINE_ERROR).map((l) => l.message);
        if (measured instanceof Error || errors.length > 0) {
            throw new Error([`the ${mode} failed at N=${n}`, String(measured), ...errors].join("\n"));
        }
        return {
            mode,
            n,
            ...measured,
            resources: engine.registrations.length,
            types: countBy(engine.registrations.map((r) => r.type)),
            longestChain: longestChain(engine.registrations),
            invokes: engine.invokes.length,
            stateBytesPerNamespace: mode === "program" ? stateFigure(engine, answers, n) : null,
        };
    } finally {
        engine.stop();
        fs.rmSync(sync, { recursive: true, force: true });
    }
}
