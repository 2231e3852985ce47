// `npm run mutation:parts -- [<folder>…] [<stryker options>…]`: Stryker over the mutate list one folder at a
// time (STRYKER_PART in stryker.config.mjs), each folder's report in reports/mutation/parts/, then
// test/mutation/scores.mjs over every folder's report. With no folder named, every folder is run; with some,
// only those, and the other folders' last reports are reused (a folder whose report is missing is an error).
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
const unknown = named.filter((p) => !parts.includes(p));
if (unknown.length > 0) {
    process.stderr.write(`not a folder of the mutate list: ${unknown.join(", ")}; the folders: ${parts.join(", ")}\n`);
    process.exit(2);
}
const toRun = named.length === 0 ? parts : [...new Set(named)];

for (const part of toRun) {
    const started = Date.now();
    process.stdout.write(`== ${part}\n`);
    const run = spawnSync("npx", ["stryker", "run", ...strykerArgs], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, STRYKER_PART: part },
    });
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    process.stdout.write(`== ${part}: ${minutes} min\n`);
    if (run.status !== 0) process.exit(run.status ?? 1);
}
const missing = parts.filter((p) => !fs.existsSync(path.join(root, partReport(p))));
if (missing.length > 0) {
    process.stderr.write(`no report yet for: ${missing.join(", ")} (npm run mutation:parts -- ${missing.join(" ")})\n`);
    process.exit(1);
}
const scores = spawnSync("node", [path.join("test", "mutation", "scores.mjs"), ...parts.map(partReport)], {
    cwd: root,
    stdio: "inherit",
});
process.exit(scores.status ?? 1);
