/**
 * `npm run bench [-- --repeat K] [--sizes 100,1000] [--parallel P] [--cpu-prof DIR]`: `pulumi up`'s program
 * process, whole, against a bare floor, for stacks of N namespaces; then the API calls of an up and a destroy.
 *
 * - The program is run as the nodejs language host runs it (languageHost.ts: `node @pulumi/pulumi/cmd/run` with
 *   the host's flags, in the directory of Pulumi.yaml's `main`, its runtime options, the stack's config in
 *   PULUMI_CONFIG), as an update, against a fake engine in this process (fakeEngine.ts) that answers as the
 *   providers would (wholeProcess.ts). The stack: direct-mode IKS like Pulumi.dev.yaml, N namespaces.
 * - The floor (floorProgram.js) is plain JavaScript started the same way with the same config and the same
 *   answers, registering the same resources (count and types: the figures check it) with minimal inputs. So the
 *   ratios price what this project adds to `pulumi up`'s process: its compiled code, its module loads, the
 *   build check, validation, and the bytes of its inputs and outputs; both pay Node, the SDKs and the engine
 *   protocol alike.
 * - CPU (user + system) and peak RSS of each node process come from GNU time (wait4's rusage); the fake engine's
 *   own work is in this process and counts for neither. Runs alternate program and floor, K of each per N, one
 *   process at a time; each figure is the median. Ratios are program / floor within this run.
 * - API calls: the real provider plugin against the fake IBM Cloud and cluster (apiCalls.ts), in a child process.
 *
 * Prints a table, the targets met or MISSED, and a last line of JSON. A benchmark, not a test: exits 0 whatever
 * the figures. --cpu-prof DIR adds node's --cpu-prof (profiles in DIR) to every program and floor process.
 */
import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import type { ApiCalls } from "./apiCalls";
import { DEFAULT_PARALLEL, median, ratio } from "./figures";
import { Figures, Mode, runWholeProcess } from "./wholeProcess";

export const TARGETS = {
    cpuRatio: 1.3,
    memoryRatio: 1.3,
    stateBytesPerNamespace: 2048,
    ibmCallsPerRun: 3,
    clusterCallsPerReference: 2,
    longestChain: 4,
};

export interface Options {
    repeat: number;
    sizes: number[];
    parallel: number;
    cpuProf?: string;
}
const DEFAULTS: Options = { repeat: 5, sizes: [100, 1000], parallel: DEFAULT_PARALLEL };
const USAGE = "usage: npm run bench -- [--repeat K] [--sizes 100,1000] [--parallel P] [--cpu-prof DIR]";

/** Node's strict parse of `npm run bench`'s arguments; its errors end with the usage line. */
function parseStrict(argv: readonly string[]) {
    try {
        const options = {
            repeat: { type: "string" },
            sizes: { type: "string" },
            parallel: { type: "string" },
            "cpu-prof": { type: "string" },
        } as const;
        return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    } catch (err) {
        const { code, message } = err as NodeJS.ErrnoException;
        if (!code?.startsWith("ERR_PARSE_ARGS_")) throw err;
        throw new Error(`${message.replace(/\n/g, " ").replace(/\.$/, "")}; ${USAGE}`, { cause: err });
    }
}

/** The options of `npm run bench`; throws on an unknown argument, a missing value or anything but positive integers. */
export function parse(argv: readonly string[]): Options {
    const values = parseStrict(argv);
    const opts: Options = {
        repeat: values.repeat === undefined ? DEFAULTS.repeat : Number(values.repeat),
        sizes: values.sizes === undefined ? DEFAULTS.sizes : values.sizes.split(",").map(Number),
        parallel: values.parallel === undefined ? DEFAULTS.parallel : Number(values.parallel),
        ...(values["cpu-prof"] === undefined ? {} : { cpuProf: path.resolve(values["cpu-prof"]) }),
    };
    if (![opts.repeat, opts.parallel, ...opts.sizes].every((x) => Number.isInteger(x) && x >= 1)) {
        throw new Error("--repeat, --sizes and --parallel take positive integers");
    }
    return opts;
}

/** Runs a bench script in a fresh ts-node process and returns its last stdout line, parsed. */
export function runScript<T>(script: string, args: readonly (string | number)[]): T {
    const tsNode = path.join(__dirname, "..", "..", "node_modules", ".bin", "ts-node");
    const out = execFileSync(tsNode, ["--transpile-only", path.join(__dirname, script), ...args.map(String)], {
        encoding: "utf8",
        env: { ...process.env, KUBECONFIG: "/nonexistent" },
        maxBuffer: 1 << 20,
        stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out.trim().split("\n").pop()!);
}

export interface Row {
    n: number;
    programResources: number;
    floorResources: number;
    /** The floor registers as many resources of each type as the program. */
    sameResources: boolean;
    longestChain: number;
    invokes: number;
    programCpuMs: number;
    floorCpuMs: number;
    cpuRatio: number;
    programPeakMiB: number;
    floorPeakMiB: number;
    memoryRatio: number;
    programWallMs: number;
    floorWallMs: number;
    stateBytesPerNamespace: number;
    /** Every run's CPU ms and peak MiB, in run order: how far the medians are from each other. */
    runs: Record<Mode, { cpuMs: number; peakRssMiB: number }[]>;
    ibmCallsUp: number;
    ibmCallsDestroy: number;
    clusterCallsPerRefUp: number;
    clusterCallsPerRefDestroy: number;
    calls: ApiCalls;
}

const typesKey = (f: Figures) => JSON.stringify(Object.entries(f.types).sort());

/** One row from K runs of each (program and floor, alternating) and the API calls. */
export function row(n: number, runs: Record<Mode, Figures[]>, calls: ApiCalls): Row {
    const [p, f] = [runs.program, runs.floor];
    const mid = (rs: Figures[], k: "cpuMs" | "peakRssMiB" | "wallMs") => median(rs.map((r) => r[k]));
    const perRef = (sa: number) => Math.round((sa / n) * 100) / 100;
    return {
        n,
        programResources: p[0].resources,
        floorResources: f[0].resources,
        sameResources: [...p, ...f].every((r) => typesKey(r) === typesKey(p[0])),
        longestChain: Math.max(...p.map((r) => r.longestChain)),
        invokes: Math.max(...p.map((r) => r.invokes)),
        programCpuMs: mid(p, "cpuMs"),
        floorCpuMs: mid(f, "cpuMs"),
        cpuRatio: ratio(mid(p, "cpuMs"), mid(f, "cpuMs")),
        programPeakMiB: mid(p, "peakRssMiB"),
        floorPeakMiB: mid(f, "peakRssMiB"),
        memoryRatio: ratio(mid(p, "peakRssMiB"), mid(f, "peakRssMiB")),
        programWallMs: mid(p, "wallMs"),
        floorWallMs: mid(f, "wallMs"),
        stateBytesPerNamespace: p[0].stateBytesPerNamespace ?? NaN,
        runs: {
            program: p.map(({ cpuMs, peakRssMiB }) => ({ cpuMs, peakRssMiB })),
            floor: f.map(({ cpuMs, peakRssMiB }) => ({ cpuMs, peakRssMiB })),
        },
        ibmCallsUp: calls.up.ibmCalls,
        ibmCallsDestroy: calls.destroy.ibmCalls,
        clusterCallsPerRefUp: perRef(calls.up.serviceAccountCalls),
        clusterCallsPerRefDestroy: perRef(calls.destroy.serviceAccountCalls),
        calls,
    };
}

async function measureRow(n: number, opts: Options): Promise<Row> {
    const runs: Record<Mode, Figures[]> = { program: [], floor: [] };
    const nodeArgs = opts.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", opts.cpuProf] : [];
    for (let i = 0; i < opts.repeat; i++) {
        for (const mode of ["program", "floor"] as const) runs[mode].push(await runWholeProcess(mode, n, nodeArgs));
    }
    return row(n, runs, runScript<ApiCalls>("apiCalls.ts", [n, opts.parallel]));
}

const COLUMNS: [string, (r: Row) => string][] = [
    ["N", (r) => String(r.n)],
    ["resources prog/floor", (r) => `${r.programResources}/${r.floorResources}`],
    ["chain", (r) => String(r.longestChain)],
    ["invokes", (r) => String(r.invokes)],
    ["CPU ms prog/floor", (r) => `${r.programCpuMs}/${r.floorCpuMs}`],
    ["CPU ratio", (r) => r.cpuRatio.toFixed(2)],
    ["peak MiB prog/floor", (r) => `${r.programPeakMiB}/${r.floorPeakMiB}`],
    ["memory ratio", (r) => r.memoryRatio.toFixed(2)],
    ["wall ms prog/floor", (r) => `${r.programWallMs}/${r.floorWallMs}`],
    ["state B/ns", (r) => String(r.stateBytesPerNamespace)],
    ["IBM calls up/destroy", (r) => `${r.ibmCallsUp}/${r.ibmCallsDestroy}`],
    ["cluster calls/ref up/destroy", (r) => `${r.clusterCallsPerRefUp}/${r.clusterCallsPerRefDestroy}`],
];

export function table(rows: readonly Row[]): string[] {
    const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
    const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
    return cells.map((c) => c.map((s, i) => s.padStart(widths[i])).join("  "));
}

/** Each target with its verdict, judged at every N measured. */
export function judge(rows: readonly Row[]): { targets: Record<string, boolean>; lines: string[] } {
    const T = TARGETS;
    const each = (f: (r: Row) => string | number) => rows.map((r) => `${f(r)} at N=${r.n}`).join(", ");
    const checks: [string, boolean, string][] = [
        [
            "cpuRatio",
            rows.every((r) => r.cpuRatio <= T.cpuRatio),
            `CPU ≤ ${T.cpuRatio}× floor: ${each((r) => r.cpuRatio)}`,
        ],
        [
            "memoryRatio",
            rows.every((r) => r.memoryRatio <= T.memoryRatio),
            `peak memory ≤ ${T.memoryRatio}× floor: ${each((r) => r.memoryRatio)}`,
        ],
        [
            "stateBytesPerNamespace",
            rows.every((r) => r.stateBytesPerNamespace <= T.stateBytesPerNamespace),
            `state ≤ ${T.stateBytesPerNamespace} B per namespace: ${each((r) => r.stateBytesPerNamespace)}`,
        ],
        [
            "ibmCalls",
            rows.every((r) => Math.max(r.ibmCallsUp, r.ibmCallsDestroy) <= T.ibmCallsPerRun),
            `IBM calls ≤ ${T.ibmCallsPerRun} per up and per destroy: ${each((r) => `${r.ibmCallsUp}/${r.ibmCallsDestroy}`)}`,
        ],
        [
            "clusterCallsPerReference",
            rows.every((r) => r.clusterCallsPerRefUp <= T.clusterCallsPerReference),
            `cluster calls ≤ ${T.clusterCallsPerReference} per reference created: ${each((r) => r.clusterCallsPerRefUp)}`,
        ],
        [
            "longestChain",
            rows.every((r) => r.longestChain <= T.longestChain),
            `longest chain ≤ ${T.longestChain}: ${each((r) => r.longestChain)}`,
        ],
        [
            "invokesConstant",
            rows.every((r) => r.invokes === rows[0].invokes),
            `invokes constant in N: ${each((r) => r.invokes)}`,
        ],
        [
            "floorMatches",
            rows.every((r) => r.sameResources),
            "the floor registers as many resources of each type as the program",
        ],
        [
            "callsConsistent",
            rows.every((r) => r.calls.consistent),
            "every ServiceAccount had the entry after up and none after destroy",
        ],
    ];
    return {
        targets: Object.fromEntries(checks.map(([k, ok]) => [k, ok])),
        lines: checks.map(([, ok, text]) => `  ${ok ? "met   " : "MISSED"}  ${text}`),
    };
}

function printReport(opts: Options, rows: readonly Row[]): void {
    const [r100, r1000] = [100, 1000].map((n) => rows.find((r) => r.n === n));
    const scaling = r100 && r1000 ? ratio(r1000.programCpuMs, r100.programCpuMs) : null;
    const verdict = judge(rows);
    const plugin = rows[0].calls.credentialPlugin;
    console.log("");
    for (const line of table(rows)) console.log(line);
    console.log("");
    console.log(
        "CPU: user + system of the whole node process; peak: its maximum RSS; wall: as measured here. resources: " +
            "registrations (Stack included); chain and invokes: the program's. state B/ns: inputs + outputs the engine " +
            "would store for each namespace's resources (its Secret without the Secret's data, and its references with " +
            "owner and id), with URN, type, parent, provider and dependencies, plus the namespace's entry in the " +
            "pullSecretNames output; timestamps, source positions and propertyDependencies not counted.",
    );
    const discovery = [...new Set(rows.flatMap((r) => [r.calls.up.discoveryCalls, r.calls.destroy.discoveryCalls]))];
    console.log(
        `API calls: the registry-access provider plugin on IKS, a new process for up and for destroy; cluster calls/ref ` +
            `count ServiceAccount GET and PATCH; each up and each destroy also made ${discovery.join(" or ")} discovery ` +
            `call(s). Not in the table: the Kubernetes provider runs the exec credential plugin at least once per process ` +
            `(${plugin.ibmCalls} IBM calls and ${plugin.clusterCalls} discovery call per run), so a whole up or destroy ` +
            `costs at least ${rows[0].ibmCallsUp + plugin.ibmCalls} IBM calls.`,
    );
    if (scaling !== null) console.log(`CPU(1000)/CPU(100) = ${scaling} (program)`);
    console.log("targets:");
    for (const line of verdict.lines) console.log(line);
    console.log(JSON.stringify({ ...opts, cpu1000OverCpu100: scaling, targets: verdict.targets, rows }));
}

async function main(): Promise<void> {
    let opts = DEFAULTS;
    try {
        opts = parse(process.argv.slice(2));
        console.log(
            `registry-access bench: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; ` +
                `whole program processes as the language host starts them, median of ${opts.repeat} per figure, program ` +
                `and floor alternating; API calls with ${opts.parallel} operations in flight.`,
        );
        const rows: Row[] = [];
        for (const n of opts.sizes) {
            rows.push(await measureRow(n, opts));
            process.stderr.write(`N=${n} done\n`);
        }
        printReport(opts, rows);
    } catch (err) {
        const message = (err as { stderr?: string }).stderr || ((err as Error)?.stack ?? String(err));
        console.log(`bench failed: ${message}`);
        console.log(JSON.stringify({ ...opts, error: String((err as Error)?.message ?? err) }));
    }
    process.exit(0);
}

if (require.main === module) void main();
