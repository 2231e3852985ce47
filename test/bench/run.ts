/**
 * `npm run bench [-- --repeat K] [--sizes 10,100,1000] [--parallel P]`: for each N, evaluates the program
 * and the minimal floor (floorProgram.ts) under the mock runtime, each run in a fresh process, program and
 * floor alternating (worker.ts); then counts the API calls of an up and a destroy of N references against
 * the real provider plugin (apiCalls.ts). One process at a time. Prints a table, the targets met or MISSED,
 * and a last line of JSON. A benchmark, not a test: it exits 0 whatever the figures.
 */
import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import type { ApiCalls } from "./apiCalls";
import { DEFAULT_PARALLEL, median, ratio } from "./figures";
import type { Figures, Mode } from "./worker";

export const TARGETS = {
    timeRatio: 1.5,
    memoryRatio: 1.5,
    stateBytesPerNamespace: 2048,
    ibmCallsPerRun: 3,
    clusterCallsPerReference: 2,
    longestChain: 4,
};

interface Options {
    repeat: number;
    sizes: number[];
    parallel: number;
}
const DEFAULTS: Options = { repeat: 3, sizes: [10, 100, 1000], parallel: DEFAULT_PARALLEL };
const USAGE = "usage: npm run bench -- [--repeat K] [--sizes 10,100,1000] [--parallel P]";

/** Node's strict parse of `npm run bench`'s arguments; its errors end with the usage line. */
function parseStrict(argv: readonly string[]) {
    try {
        const options = {
            repeat: { type: "string" },
            sizes: { type: "string" },
            parallel: { type: "string" },
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

export const runWorker = (mode: Mode, n: number) => runScript<Figures>("worker.ts", [mode, n]);

interface Row {
    n: number;
    programResources: number;
    floorResources: number;
    longestChain: number;
    invokes: number;
    programMs: number;
    floorMs: number;
    timeRatio: number;
    programRssMiB: number;
    floorRssMiB: number;
    memoryRatio: number;
    stateBytesPerNamespace: number;
    ibmCallsUp: number;
    ibmCallsDestroy: number;
    clusterCallsPerRefUp: number;
    clusterCallsPerRefDestroy: number;
    calls: ApiCalls;
}

function measureRow(n: number, repeat: number, parallel: number): Row {
    const runs: Record<Mode, Figures[]> = { program: [], floor: [] };
    for (let i = 0; i < repeat; i++)
        for (const mode of ["program", "floor"] as const) runs[mode].push(runWorker(mode, n));
    const p = runs.program,
        f = runs.floor;
    const calls = runScript<ApiCalls>("apiCalls.ts", [n, parallel]);
    const programMs = median(p.map((r) => r.ms)),
        floorMs = median(f.map((r) => r.ms));
    const programRssMiB = median(p.map((r) => r.maxRssMiB)),
        floorRssMiB = median(f.map((r) => r.maxRssMiB));
    const perRef = (sa: number) => Math.round((sa / n) * 100) / 100;
    return {
        n,
        programResources: p[0].resources,
        floorResources: f[0].resources,
        longestChain: Math.max(...p.map((r) => r.longestChain)),
        invokes: Math.max(...p.map((r) => r.invokes)),
        programMs,
        floorMs,
        timeRatio: ratio(programMs, floorMs),
        programRssMiB,
        floorRssMiB,
        memoryRatio: ratio(programRssMiB, floorRssMiB),
        stateBytesPerNamespace: p[0].stateBytesPerNamespace ?? NaN,
        ibmCallsUp: calls.up.ibmCalls,
        ibmCallsDestroy: calls.destroy.ibmCalls,
        clusterCallsPerRefUp: perRef(calls.up.serviceAccountCalls),
        clusterCallsPerRefDestroy: perRef(calls.destroy.serviceAccountCalls),
        calls,
    };
}

const COLUMNS: [string, (r: Row) => string][] = [
    ["N", (r) => String(r.n)],
    ["resources prog/floor", (r) => `${r.programResources}/${r.floorResources}`],
    ["chain", (r) => String(r.longestChain)],
    ["invokes", (r) => String(r.invokes)],
    ["program ms", (r) => String(r.programMs)],
    ["floor ms", (r) => String(r.floorMs)],
    ["time ratio", (r) => r.timeRatio.toFixed(2)],
    ["RSS MiB prog/floor", (r) => `${r.programRssMiB}/${r.floorRssMiB}`],
    ["memory ratio", (r) => r.memoryRatio.toFixed(2)],
    ["state B/ns", (r) => String(r.stateBytesPerNamespace)],
    ["IBM calls up/destroy", (r) => `${r.ibmCallsUp}/${r.ibmCallsDestroy}`],
    ["cluster calls/ref up/destroy", (r) => `${r.clusterCallsPerRefUp}/${r.clusterCallsPerRefDestroy}`],
];

function table(rows: readonly Row[]): string[] {
    const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
    const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
    return cells.map((c) => c.map((s, i) => s.padStart(widths[i])).join("  "));
}

/** Each target with its verdict; `at` is the N the ratio targets are judged at (1000, else the largest). */
export function judge(rows: readonly Row[]): { at: number; targets: Record<string, boolean>; lines: string[] } {
    const last = rows.find((r) => r.n === 1000) ?? rows[rows.length - 1];
    const T = TARGETS;
    const checks: [string, boolean, string][] = [
        [
            "timeRatio",
            last.timeRatio <= T.timeRatio,
            `evaluation time ≤ ${T.timeRatio}× floor at N=${last.n}: ${last.timeRatio}`,
        ],
        [
            "memoryRatio",
            last.memoryRatio <= T.memoryRatio,
            `peak RSS ≤ ${T.memoryRatio}× floor at N=${last.n}: ${last.memoryRatio}`,
        ],
        [
            "stateBytesPerNamespace",
            rows.every((r) => r.stateBytesPerNamespace <= T.stateBytesPerNamespace),
            `state ≤ ${T.stateBytesPerNamespace} B per namespace, every N: ${rows.map((r) => r.stateBytesPerNamespace).join(", ")}`,
        ],
        [
            "ibmCalls",
            rows.every((r) => Math.max(r.ibmCallsUp, r.ibmCallsDestroy) <= T.ibmCallsPerRun),
            `IBM calls ≤ ${T.ibmCallsPerRun} per up and per destroy, every N: ${rows.map((r) => `${r.ibmCallsUp}/${r.ibmCallsDestroy}`).join(", ")}`,
        ],
        [
            "clusterCallsPerReference",
            rows.every((r) => r.clusterCallsPerRefUp <= T.clusterCallsPerReference),
            `cluster calls ≤ ${T.clusterCallsPerReference} per reference created, every N: ${rows.map((r) => r.clusterCallsPerRefUp).join(", ")}`,
        ],
        [
            "longestChain",
            rows.every((r) => r.longestChain <= T.longestChain),
            `longest chain ≤ ${T.longestChain}, every N: ${rows.map((r) => r.longestChain).join(", ")}`,
        ],
        [
            "invokesConstant",
            rows.every((r) => r.invokes === rows[0].invokes),
            `invokes constant in N: ${rows.map((r) => r.invokes).join(", ")}`,
        ],
        [
            "callsConsistent",
            rows.every((r) => r.calls.consistent),
            "every ServiceAccount had the entry after up and none after destroy",
        ],
    ];
    return {
        at: last.n,
        targets: Object.fromEntries(checks.map(([k, ok]) => [k, ok])),
        lines: checks.map(([, ok, text]) => `  ${ok ? "met   " : "MISSED"}  ${text}`),
    };
}

function main(): void {
    let opts = DEFAULTS;
    try {
        opts = parse(process.argv.slice(2));
        console.log(
            `registry-access bench: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; ` +
                `median of ${opts.repeat} fresh-process runs per figure, program and floor alternating; API calls with ${opts.parallel} operations in flight.`,
        );
        const rows: Row[] = [];
        for (const n of opts.sizes) {
            rows.push(measureRow(n, opts.repeat, opts.parallel));
            process.stderr.write(`N=${n} done\n`);
        }
        const plugin = rows[0].calls.credentialPlugin;
        const [r100, r1000] = [100, 1000].map((n) => rows.find((r) => r.n === n));
        const scaling = r100 && r1000 ? ratio(r1000.programMs, r100.programMs) : null;
        const verdict = judge(rows);
        console.log("");
        for (const line of table(rows)) console.log(line);
        console.log("");
        console.log(
            "resources: program/floor registrations (Stack included); chain and invokes: the program's. state B/ns: inputs + outputs the engine " +
                "would store for each namespace's resources (its Secret without the Secret's data, and its references with owner and id), with " +
                "URN, type, parent, provider, dependencies and aliases, plus the namespace's entry in the pullSecretNames output; timestamps, " +
                "source positions and propertyDependencies not counted.",
        );
        const discovery = [
            ...new Set(rows.flatMap((r) => [r.calls.up.discoveryCalls, r.calls.destroy.discoveryCalls])),
        ].join(" or ");
        console.log(
            `API calls: the registry-access provider plugin on IKS, a new process for up and for destroy; cluster calls/ref count ` +
                `ServiceAccount GET and PATCH; each up and each destroy also made ${discovery} discovery call(s). Not in the table: the ` +
                `Kubernetes provider runs the exec credential plugin at least once per process (${plugin.ibmCalls} IBM calls and ` +
                `${plugin.clusterCalls} discovery call per run), so a whole up or destroy costs at least ${rows[0].ibmCallsUp + plugin.ibmCalls} IBM calls.`,
        );
        if (scaling !== null) console.log(`t(1000)/t(100) = ${scaling} (program)`);
        console.log(`targets (ratios at N=${verdict.at}):`);
        for (const line of verdict.lines) console.log(line);
        console.log(
            JSON.stringify({
                repeat: opts.repeat,
                parallel: opts.parallel,
                t1000OverT100: scaling,
                targets: verdict.targets,
                rows,
            }),
        );
    } catch (err) {
        const message = (err as { stderr?: string }).stderr || ((err as Error)?.stack ?? String(err));
        console.log(`bench failed: ${message}`);
        console.log(JSON.stringify({ ...opts, error: String((err as Error)?.message ?? err) }));
    }
    process.exit(0);
}

if (require.main === module) main();
