/**
 * `npm run plan [-- --stack NAME] [--json] [--show-secrets]`: the resource graph `pulumi preview` would
 * create, computed offline. Exit 0 with the plan on stdout; exit 1 with one message on stderr.
 * `--access [--json]`: who can pull what (access/); `--can-pull NAMESPACE/SERVICEACCOUNT IMAGE`: yes (exit 0)
 * or no (exit 1), with every link checked; `--check` leads with the access changes. Every mode but `--write` also
 * runs the policy pack (plan/policies.ts): violations on stderr, exit 1 for a mandatory one.
 */
import * as fs from "fs";
import * as path from "path";
import { ParseArgsConfig, parseArgs as parseNodeArgs } from "util";
import { accessModel } from "../core/access/accessModel";
import { diffAccess, formatAccess } from "../core/access/accessReport";
import { canPull } from "../core/access/canPull";
import { diffPlans, formatDiff } from "../core/review/diff";
import { StackReport, renderPlanComment } from "../core/review/prComment";
import { planMermaid } from "../core/review/mermaid";
import { formatViolations, hasMandatory, runPolicies } from "./policies";
import { PlanDocument, planDocument, planJson, planText } from "../core/review/render";
import { runProgram } from "./runProgram";
import { readStack } from "./readStackFiles";
import { stackProblemsMessage } from "../core/stackFile/stackProblems";

export interface PlanArgs {
    stack: string;
    json: boolean;
    showSecrets: boolean;
    /** Compare with plans/<stack>.json; exit 1 when they differ. */
    check: boolean;
    /** Write plans/<stack>.json. */
    write: boolean;
    mermaid: boolean;
    /** Who can pull what. */
    access: boolean;
    /** `NAMESPACE/SERVICEACCOUNT` and the image to check. */
    canPull?: { readonly who: string; readonly image: string };
    /** With --check: also write the pull-request comment to this file. */
    report?: string;
}

const USAGE =
    "usage: npm run plan -- [--stack NAME] [--json | --mermaid | --check [--report FILE] | --write | --access [--json] | " +
    "--can-pull NAMESPACE/SERVICEACCOUNT IMAGE] [--show-secrets]";

const OPTIONS = {
    stack: { type: "string", default: "dev" },
    json: { type: "boolean", default: false },
    "show-secrets": { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    mermaid: { type: "boolean", default: false },
    access: { type: "boolean", default: false },
    "can-pull": { type: "string" },
    report: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export class UsageError extends Error {}

/** Node's strict parse, its errors as UsageErrors that end with the usage line. */
function parseStrict(argv: readonly string[]) {
    try {
        return parseNodeArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
    } catch (err) {
        const { code, message } = err as NodeJS.ErrnoException;
        if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
            // Node quotes the argument: "Unknown option '--jsn'", "Unexpected argument 'x'. This command …".
            const arg = /'([^']*)'/.exec(message)?.[1] ?? message;
            throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
        }
        // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "--stack" without a name, or "--json=…".
        if (code?.startsWith("ERR_PARSE_ARGS_"))
            throw new UsageError(`${message.replace(/\n/g, " ").replace(/\.$/, "")}; ${USAGE}`);
        throw err;
    }
}

export function parseArgs(argv: readonly string[]): PlanArgs {
    const { values, positionals } = parseStrict(argv);
    const canPull = values["can-pull"];
    // The image of --can-pull is its one positional; nothing else takes one.
    if (canPull === undefined ? positionals.length > 0 : positionals.length !== 1) {
        const rule =
            canPull === undefined
                ? `unknown argument ${JSON.stringify(positionals[0])}`
                : "--can-pull takes NAMESPACE/SERVICEACCOUNT and one IMAGE";
        throw new UsageError(`${rule}; ${USAGE}`);
    }
    const args: PlanArgs = {
        stack: values.stack,
        json: values.json,
        showSecrets: values["show-secrets"],
        check: values.check,
        write: values.write,
        mermaid: values.mermaid,
        access: values.access,
        ...(canPull !== undefined ? { canPull: { who: canPull, image: positionals[0] } } : {}),
        ...(values.report !== undefined ? { report: values.report } : {}),
    };
    const modes = [args.check, args.write, args.mermaid, args.access, canPull !== undefined];
    if (modes.filter(Boolean).length + (args.json && !args.access ? 1 : 0) > 1) {
        throw new UsageError(
            `--json, --mermaid, --check, --write, --access and --can-pull are exclusive (but --access --json); ${USAGE}`,
        );
    }
    if (args.report !== undefined && !args.check) throw new UsageError(`--report needs --check; ${USAGE}`);
    if ((args.check || args.write) && args.showSecrets) {
        throw new UsageError(
            "--show-secrets cannot be used with --check or --write: committed plans keep secrets as [secret]",
        );
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`invalid stack name ${JSON.stringify(args.stack)}`);
    return args;
}

function writeReport(file: string, report: StackReport): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, renderPlanComment(report));
}

/** `--check`: access changes first, then the resource diff; with `report`, the pull-request comment too. */
function check(current: PlanDocument, planFile: string, args: PlanArgs, projectDir: string): number {
    const shown = path.relative(projectDir, planFile);
    const stack = args.stack;
    const missing = `${shown} does not exist; create it with: npm run plan -- --stack ${stack} --write\n`;
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
    if (changes.length === 0) {
        process.stdout.write(`plan for stack ${stack} matches ${shown}\n`);
        return 0;
    }
    const access =
        accessChanges.length === 0
            ? "access changes: none\n"
            : `access changes:\n${accessChanges.map((l) => `  ${l}`).join("\n")}\n`;
    process.stdout.write(
        `plan for stack ${stack} differs from ${shown}:\n${access}resource changes:\n${resourceChanges}` +
            `accept it with: npm run plan -- --stack ${stack} --write\n`,
    );
    return 1;
}

/** Runs the plan; returns the exit code. Program output goes to stderr so that stdout stays the plan. */
export async function main(argv: readonly string[], projectDir = path.join(__dirname, "..")): Promise<number> {
    const log = console.log;
    try {
        const args = parseArgs(argv);
        const { keyProblems, ...stackConfig } = readStack(projectDir, args.stack);
        // What the CLI warns about the stack file (e.g. a key with no value), said the same way.
        for (const warning of stackConfig.warnings) process.stderr.write(`warning: ${warning}\n`);
        // Values Pulumi.yaml's types refuse, with what the program's validation says of the other keys.
        if (keyProblems.length > 0) {
            throw new Error(stackProblemsMessage(keyProblems, stackConfig.config, stackConfig.secretKeys));
        }
        console.log = (...m: unknown[]) => console.error(...m);
        const run = await runProgram({ ...stackConfig, program: path.join(projectDir, "index") });
        console.log = log;
        // The policy pack offline (plan/policies.ts): every mode but --write reports on stderr; a mandatory
        // violation fails the command, --check included.
        const violations = args.write ? [] : runPolicies(run.registrations);
        process.stderr.write(formatViolations(violations));
        const policyCode = hasMandatory(violations) ? 1 : 0;
        const planFile = path.join(projectDir, "plans", `${args.stack}.json`);
        if (args.write) {
            fs.mkdirSync(path.dirname(planFile), { recursive: true });
            fs.writeFileSync(planFile, planJson(run));
            process.stdout.write(`wrote ${path.relative(projectDir, planFile)}\n`);
            return 0;
        }
        if (args.check) return Math.max(check(planDocument(run), planFile, args, projectDir), policyCode);
        if (args.access) {
            const rows = accessModel(planDocument(run));
            process.stdout.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : formatAccess(rows));
            return policyCode;
        }
        if (args.canPull) {
            const answer = canPull(accessModel(planDocument(run)), args.canPull.who, args.canPull.image);
            const mark = answer.allowed ? "yes" : "no";
            process.stdout.write(
                `${mark}: ${args.canPull.who} ${answer.allowed ? "can" : "cannot"} pull ${args.canPull.image}\n` +
                    answer.links
                        .map((l, i) => `  ${answer.allowed || i < answer.links.length - 1 ? "✓" : "✗"} ${l}\n`)
                        .join(""),
            );
            return answer.allowed ? policyCode : 1;
        }
        if (args.mermaid) process.stdout.write(planMermaid(planDocument(run)));
        else process.stdout.write(args.json ? planJson(run, args) : planText(run, args));
        return policyCode;
    } catch (err) {
        console.log = log;
        process.stderr.write(`plan: ${(err as Error)?.message ?? String(err)}\n`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
