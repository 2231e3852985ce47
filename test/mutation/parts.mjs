// `npm run mutation:parts -- [<folder>|<module>.ts …] [<stryker options>…]`: Stryker over the mutate list one
// folder at a time (STRYKER_PART in stryker.config.mjs), each folder's report in reports/mutation/parts/, then
// test/mutation/scores.mjs over every report there. With no folder named, every folder is run; with some,
// only those, and the other folders' last reports are reused (a folder whose report is missing is an error).
// A module named (`core/registry/keyring.ts`) is run alone into a report of its own (STRYKER_MODULE), which
// supersedes the folder's older report for that module.
// The arguments from the first one starting with `--` on go to Stryker (e.g. --concurrency 1).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { MUTATE, partOf, partReport } from "../../stryker.config.mjs";

const root = path.join(import.meta.dirname, "..", "..");
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith("--"));
const named = firstOption < 0 ? args : args.slice(0, firstOption);
const strykerArgs = firstOption < 0 ? [] : args.slice(firstOption);
const parts = [...new Set(MUTATE.filter((m) => !m.startsWith("!")).map(partOf))];
const modules = named.filter((p) => p.endsWith(".ts"));
const folders = named.filter((p) => !p.endsWith(".ts"));
const unknown = [...folders.filter((p) => !parts.includes(p)), ...modules.filter((m) => !parts.includes(partOf(m)))];
if (unknown.length > 0) {
    process.stderr.write(`not a folder of the mutate list: ${unknown.join(", ")}; the folders: ${parts.join(", ")}\n`);
    process.exit(2);
}
const toRun = named.length === 0 ? parts : [...new Set(folders)];

/** One Stryker run over what `env` selects (STRYKER_MODULE or STRYKER_PART); stops everything if it fails. */
function runStryker(label, env) {
    const started = Date.now();
    process.stdout.write(`== ${label}\n`);
    const run = spawnSync("npx", ["stryker", "run", ...strykerArgs], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, ...env },
    });
    process.stdout.write(`== ${label}: ${((Date.now() - started) / 60000).toFixed(1)} min\n`);
    if (run.status !== 0) process.exit(run.status ?? 1);
}
for (const module of new Set(modules)) runStryker(module, { STRYKER_MODULE: module });
for (const part of toRun) runStryker(part, { STRYKER_PART: part });
const missing = parts.filter((p) => !fs.existsSync(path.join(root, partReport(p))));
if (missing.length > 0) {
    process.stderr.write(`no report yet for: ${missing.join(", ")} (npm run mutation:parts -- ${missing.join(" ")})\n`);
    process.exit(1);
}
const partsDir = path.dirname(partReport("x"));
const reports = fs.readdirSync(path.join(root, partsDir)).filter((f) => f.endsWith(".json"));
const scores = spawnSync(
    "node",
    [path.join("test", "mutation", "scores.mjs"), ...reports.map((f) => path.join(partsDir, f))],
    {
        cwd: root,
        stdio: "inherit",
    },
);
process.exit(scores.status ?? 1);
