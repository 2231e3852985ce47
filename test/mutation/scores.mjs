// After `stryker run` (npm run mutation): writes test/mutation-scores.json from Stryker's JSON report
// (reports/mutation/mutation.json, mutation-testing-report-schema): each mutated module's score as Stryker
// counts it, (killed + timeout) / (killed + timeout + survived + no coverage), and the mutants left out as
// equivalent, each with the reason its `// Stryker disable` comment gives. Exits 1 when a module scores
// below the floor, naming it and its survivors.
// `node test/mutation/scores.mjs <report.json>…` merges several reports (test/mutation/parts.mjs passes one
// per folder, and one per module run alone); a module found in two of them is taken from the newer report.
import * as fs from "fs";
import * as path from "path";
import { MUTATE } from "../../stryker.config.mjs";

const FLOOR = 90;
const root = path.join(import.meta.dirname, "..", "..");
const reportFiles =
    process.argv.length > 2 ? process.argv.slice(2) : [path.join("reports", "mutation", "mutation.json")];
const files = {};
const written = (reportFile) => fs.statSync(path.resolve(root, reportFile)).mtimeMs;
// Oldest first: a module run again later (its tests changed) replaces its entry from the earlier run.
for (const reportFile of [...reportFiles].sort((a, b) => written(a) - written(b))) {
    const report = JSON.parse(fs.readFileSync(path.resolve(root, reportFile), "utf8"));
    for (const [file, result] of Object.entries(report.files)) {
        const module = path.relative(root, path.resolve(root, file));
        files[module] = { mutants: result.mutants, from: reportFile };
    }
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const scores = {};
const counts = {};
const equivalent = {};
/** Static mutants (ignoreStatic in stryker.config.mjs): not tested, counted here. */
const notTested = {};
for (const module of Object.keys(files).sort()) {
    const mutants = files[module].mutants;
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
    if (detected + undetected > 0) scores[module] = Math.round((detected / (detected + undetected)) * 10000) / 100;
    counts[module] = { detected, undetected, survivors: mutants.filter((m) => UNDETECTED.has(m.status)).map(where) };
    // Ignored: by a `// Stryker disable` comment (an equivalent mutant, with its reason), or as static.
    const ignored = mutants.filter((m) => m.status === "Ignored");
    const isStatic = (m) => /static/i.test(m.statusReason ?? "");
    const disabled = ignored.filter((m) => !isStatic(m));
    if (disabled.length > 0) equivalent[module] = disabled.map((m) => ({ ...where(m), reason: m.statusReason ?? "" }));
    const statics = ignored.filter(isStatic).length;
    if (statics > 0) notTested[module] = statics;
}

function where(m) {
    return {
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement,
    };
}

fs.writeFileSync(
    path.join(root, "test", "mutation-scores.json"),
    JSON.stringify({ scores, equivalent, staticNotTested: notTested }, null, 2) + "\n",
);
writeScoreTable();
const low = Object.entries(scores).filter(([, s]) => s < FLOOR);
for (const [module, score] of low) {
    process.stderr.write(`${module}: ${score} < ${FLOOR}; survivors:\n`);
    for (const s of counts[module].survivors)
        process.stderr.write(`  ${s.line}:${s.column} ${s.mutator} → ${JSON.stringify(s.replacement)}\n`);
}
process.stdout.write(`wrote test/mutation-scores.json: ${Object.keys(scores).length} modules\n`);
process.exit(low.length > 0 ? 1 : 0);

/** The table in test/mutation/MUTATION.md, between its markers: every module of the mutate list, in its order. */
function writeScoreTable() {
    const doc = path.join(root, "test", "mutation", "MUTATION.md");
    const text = fs.readFileSync(doc, "utf8");
    const [start, end] = ["<!-- scores -->", "<!-- /scores -->"].map((marker) => text.indexOf(marker));
    if (start < 0 || end < start) return;
    const count = (module, statuses) => files[module].mutants.filter((m) => statuses.includes(m.status)).length;
    const rows = mutateModules().map((module) => {
        if (!files[module]) return `| \`${module}\` | not run |  |  |  |  |  |  |`;
        const score = scores[module] === undefined ? "–" : scores[module].toFixed(2);
        const cells = [["Killed"], ["Timeout"], ["Survived"], ["NoCoverage"]].map((st) => count(module, st));
        return `| \`${module}\` | ${score} | ${cells.join(" | ")} | ${equivalent[module]?.length ?? 0} | ${notTested[module] ?? 0} |`;
    });
    const table = [
        "| module | score | killed | timeout | survived | no coverage | equivalent | static |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...rows,
    ].join("\n");
    fs.writeFileSync(doc, `${text.slice(0, start)}<!-- scores -->\n${table}\n${text.slice(end)}`);
}

/** stryker.config.mjs's MUTATE with its globs (`dir/*.ts`) and exclusions (`!file`) resolved. */
function mutateModules() {
    const excluded = new Set(MUTATE.filter((m) => m.startsWith("!")).map((m) => m.slice(1)));
    return MUTATE.filter((m) => !m.startsWith("!"))
        .flatMap((m) =>
            m.endsWith("/*.ts")
                ? fs
                      .readdirSync(path.join(root, path.dirname(m)))
                      .filter((f) => f.endsWith(".ts"))
                      .sort()
                      .map((f) => `${path.dirname(m)}/${f}`)
                : [m],
        )
        .filter((m) => !excluded.has(m));
}
