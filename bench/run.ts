/**
 * `npm run bench [-- --repeat K] [--sizes 10,100,1000]`: evaluates the program and the floor (the same
 * resources registered bare, see floorProgram.ts) for each N under the mock runtime, each run in a fresh
 * process, and prints the medians, the program/floor ratios and t(1000)/t(100). The last line is JSON.
 * A benchmark: it prints figures and exits 0 whether or not the targets are met.
 */
import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";
import type { Figures } from "./worker";

const TARGETS = { ratio: 1.2, longestChain: 4 };

function parse(argv: string[]): { repeat: number; sizes: number[] } {
    const opts = { repeat: 3, sizes: [10, 100, 1000] };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--repeat") opts.repeat = Number(argv[++i]);
        else if (argv[i] === "--sizes") opts.sizes = argv[++i].split(",").map(Number);
        else throw new Error(`unknown argument ${argv[i]}; usage: npm run bench -- [--repeat K] [--sizes 10,100,1000]`);
    }
    if (!(opts.repeat >= 1) || opts.sizes.some((n) => !(n >= 1))) throw new Error("--repeat and --sizes take positive numbers");
    return opts;
}

function measure(mode: Figures["mode"], n: number): Figures {
    const tsNode = path.join(__dirname, "..", "node_modules", ".bin", "ts-node");
    const out = execFileSync(tsNode, ["--transpile-only", path.join(__dirname, "worker.ts"), mode, String(n)],
        { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" }, maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

function main(): void {
    const { repeat, sizes } = parse(process.argv.slice(2));
    console.log(`registry-access bench: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; ` +
        `median of ${repeat} fresh-process runs per figure; program and floor alternate.`);
    const rows = sizes.map((n) => {
        const runs: Record<Figures["mode"], Figures[]> = { program: [], floor: [] };
        for (let i = 0; i < repeat; i++) for (const mode of ["program", "floor"] as const) runs[mode].push(measure(mode, n));
        const p = runs.program, f = runs.floor;
        const row = {
            n,
            resources: p[0].resources,
            sameResourcesAsFloor: [...p, ...f].every((r) => r.shape === f[0].shape && r.inputs === f[0].inputs),
            longestChain: Math.max(...p.map((r) => r.longestChain)),
            invokes: Math.max(...p.map((r) => r.invokes)),
            programMs: median(p.map((r) => r.ms)),
            floorMs: median(f.map((r) => r.ms)),
            programRssMiB: median(p.map((r) => r.maxRssMiB)),
            floorRssMiB: median(f.map((r) => r.maxRssMiB)),
            timeRatio: 0,
            memoryRatio: 0,
        };
        row.timeRatio = ratio(row.programMs, row.floorMs);
        row.memoryRatio = ratio(row.programRssMiB, row.floorRssMiB);
        return row;
    });

    console.log("");
    console.log("     N  resources  chain  invokes  program ms  floor ms  time ratio  program RSS MiB  floor RSS MiB  memory ratio");
    for (const r of rows) {
        console.log(`${String(r.n).padStart(6)}  ${String(r.resources).padStart(9)}  ${String(r.longestChain).padStart(5)}  ${String(r.invokes).padStart(7)}` +
            `  ${String(r.programMs).padStart(10)}  ${String(r.floorMs).padStart(8)}  ${r.timeRatio.toFixed(2).padStart(10)}` +
            `  ${String(r.programRssMiB).padStart(14)}  ${String(r.floorRssMiB).padStart(13)}  ${r.memoryRatio.toFixed(2).padStart(12)}`);
    }
    const at = (n: number) => rows.find((r) => r.n === n);
    const scaling = at(1000) && at(100) ? ratio(at(1000)!.programMs, at(100)!.programMs) : null;
    const largest = rows[rows.length - 1];
    const targets = {
        timeRatioAtLargest: largest.timeRatio <= TARGETS.ratio,
        memoryRatioAtLargest: largest.memoryRatio <= TARGETS.ratio,
        longestChain: rows.every((r) => r.longestChain <= TARGETS.longestChain),
        invokesConstant: rows.every((r) => r.invokes === rows[0].invokes),
        sameResourcesAsFloor: rows.every((r) => r.sameResourcesAsFloor),
    };
    console.log("");
    if (scaling !== null) console.log(`t(1000)/t(100) = ${scaling} (program)`);
    console.log(`targets at N=${largest.n}: time ratio ${largest.timeRatio} ≤ ${TARGETS.ratio}: ${targets.timeRatioAtLargest ? "met" : "MISSED"}; ` +
        `memory ratio ${largest.memoryRatio} ≤ ${TARGETS.ratio}: ${targets.memoryRatioAtLargest ? "met" : "MISSED"}; ` +
        `longest chain ≤ ${TARGETS.longestChain} for every N: ${targets.longestChain ? "met" : "MISSED"}; ` +
        `invokes constant in N: ${targets.invokesConstant ? "met" : "MISSED"}`);
    console.log(JSON.stringify({ repeat, rows, t1000OverT100: scaling, targets }));
}

main();
