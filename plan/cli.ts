/**
 * `npm run plan`: the resource graph `pulumi preview` would create, computed offline, and what a reviewer
 * reads of it (--check, --access, --can-pull, --mermaid); arguments and --help in plan/cliArgs.ts. Exit 0 with
 * the answer on stdout; 1 with one message on stderr (or a differing plan, a "no", a mandatory policy
 * violation); 2 for a wrong command line or an invalid --can-pull question; 3 for "only if it is public".
 */
import * as fs from "fs";
import * as path from "path";
import { accessModel } from "../core/access/accessModel";
import { diffAccess, formatAccess } from "../core/access/accessReport";
import { admissionNotes, imagePoliciesOf } from "../core/access/admission";
import { canPull, questionProblem } from "../core/access/canPull";
import { diffPlans, formatDiff } from "../core/review/diff";
import { StackReport, renderPlanComment } from "../core/review/prComment";
import { planMermaid } from "../core/review/mermaid";
import { PlanDocument, planDocument, planJson, planText } from "../core/review/render";
import { stackProblemsMessage } from "../core/stackFile/stackProblems";
import { HELP, PlanArgs, UsageError, parseArgs, stackFlag } from "./cliArgs";
import { formatViolations, hasMandatory, runPolicies } from "./policies";
import { runProgram } from "./runProgram";
import { readStack, stackFileOf } from "./readStackFiles";

export { UsageError, parseArgs };
export type { PlanArgs };

function writeReport(file: string, report: StackReport): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, renderPlanComment(report));
}

/** The committed plan of a stack: `plans/<stack>.json` beside its stack file (examples/plans/ for an example). */
function planFileOf(projectDir: string, args: PlanArgs, stack: string): string {
    const { file } = stackFileOf(projectDir, "", args.stack);
    return path.join(path.dirname(file), "plans", `${stack}.json`);
}

/** `--check`: access changes first, then the resource diff; with `report`, the pull-request comment too. */
function check(current: PlanDocument, planFile: string, args: PlanArgs, projectDir: string): number {
    const shown = path.relative(projectDir, planFile);
    const stack = current.stack;
    const missing = `${shown} does not exist; create it with: npm run plan -- ${stackFlag(args.stack)} --write\n`;
    if (!fs.existsSync(planFile)) {
        // A new stack: every access it grants is a change.
        const accessChanges = diffAccess([], accessModel(current));
        if (args.report !== undefined)
            writeReport(args.report, { stack, accessChanges, resourceChanges: missing, matches: false });
        process.stdout.write(missing);
        return 1;
    }
    const committed = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanDocument;
    const changes = diffPlans(committed, current);
    const accessChanges = diffAccess(accessModel(committed), accessModel(current));
    const resourceChanges = changes.length === 0 ? "" : formatDiff(changes);
    if (args.report !== undefined) {
        writeReport(args.report, { stack, accessChanges, resourceChanges, matches: changes.length === 0 });
    }
    const notes = admissionNotes(current)
        .map((n) => `note: ${n}\n`)
        .join("");
    if (changes.length === 0) {
        process.stdout.write(`plan for stack ${stack} matches ${shown}\n${notes}`);
        return 0;
    }
    const access =
        accessChanges.length === 0
            ? "access changes: none\n"
            : `access changes:\n${accessChanges.map((l) => `  ${l}`).join("\n")}\n`;
    process.stdout.write(
        `plan for stack ${stack} differs from ${shown}:\n${access}resource changes:\n${resourceChanges}` +
            `accept it with: npm run plan -- ${stackFlag(args.stack)} --write\n${notes}`,
    );
    return 1;
}

/** `--can-pull`: the answer's first line, then each link checked (✗ where the chain breaks). */
function answerCanPull(doc: PlanDocument, question: NonNullable<PlanArgs["canPull"]>, policyCode: number): number {
    const answer = canPull(accessModel(doc), question.who, question.image, imagePoliciesOf(doc), question.labels);
    if (answer.verdict === "invalid") throw new UsageError(answer.message);
    const links = answer.links.map((l) => `  ${l.ok ? "✓" : "✗"} ${l.text}\n`).join("");
    process.stdout.write(`${answer.summary}\n${links}`);
    const CODES = { yes: policyCode, no: 1, public: 3 } as const;
    return CODES[answer.verdict];
}

/** The program under the mock runtime, for the stack's config; program output goes to stderr. */
async function evaluate(projectDir: string, args: PlanArgs) {
    const { keyProblems, ...stackConfig } = readStack(projectDir, args.stack);
    // What the CLI warns about the stack file (e.g. a key with no value), said the same way.
    for (const warning of stackConfig.warnings) process.stderr.write(`warning: ${warning}\n`);
    // Values Pulumi.yaml's types refuse, with what the program's validation says of the other keys.
    if (keyProblems.length > 0) {
        throw new Error(stackProblemsMessage(keyProblems, stackConfig.config, stackConfig.secretKeys));
    }
    const log = console.log;
    console.log = (...m: unknown[]) => console.error(...m);
    try {
        return await runProgram({ ...stackConfig, program: path.join(projectDir, "index") });
    } finally {
        console.log = log;
    }
}

/** Runs the plan; returns the exit code. Program output goes to stderr so that stdout stays the plan. */
export async function main(argv: readonly string[], projectDir = path.join(__dirname, "..")): Promise<number> {
    try {
        const args = parseArgs(argv);
        if (args.help) return (void process.stdout.write(HELP), 0);
        // A --can-pull question that is none is refused before anything is evaluated (exit 2, stderr only).
        const question = args.canPull && questionProblem(args.canPull.who, args.canPull.image);
        if (question) throw new UsageError(question);
        const run = await evaluate(projectDir, args);
        // The policy pack offline (plan/policies.ts): every mode but --write reports on stderr; a mandatory
        // violation fails the command, --check included.
        const violations = args.write ? [] : runPolicies(run.registrations);
        process.stderr.write(formatViolations(violations));
        const policyCode = hasMandatory(violations) ? 1 : 0;
        const planFile = planFileOf(projectDir, args, run.stack);
        if (args.write) {
            fs.mkdirSync(path.dirname(planFile), { recursive: true });
            fs.writeFileSync(planFile, planJson(run));
            process.stdout.write(`wrote ${path.relative(projectDir, planFile)}\n`);
            return 0;
        }
        if (args.check) return Math.max(check(planDocument(run), planFile, args, projectDir), policyCode);
        if (args.canPull) return answerCanPull(planDocument(run), args.canPull, policyCode);
        if (args.access) {
            const rows = accessModel(planDocument(run));
            process.stdout.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : formatAccess(rows));
        } else if (args.mermaid) process.stdout.write(planMermaid(planDocument(run)));
        else process.stdout.write(args.json ? planJson(run, args) : planText(run, args));
        return policyCode;
    } catch (err) {
        process.stderr.write(`plan: ${(err as Error)?.message ?? String(err)}\n`);
        return err instanceof UsageError ? 2 : 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
