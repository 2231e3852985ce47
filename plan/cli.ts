/**
 * `npm run plan [-- --stack NAME] [--json] [--show-secrets]`: the resource graph `pulumi preview` would
 * create, computed offline. Exit 0 with the plan on stdout; exit 1 with one message on stderr.
 */
import * as fs from "fs";
import * as path from "path";
import { ParseArgsConfig, parseArgs as parseNodeArgs } from "util";
import { diffPlans, formatDiff } from "./diff";
import { planMermaid } from "./mermaid";
import { PlanDocument, planDocument, planJson, planText } from "./render";
import { runProgram } from "./runProgram";
import { readStackFiles } from "./readStackFiles";

export interface PlanArgs {
    stack: string;
    json: boolean;
    showSecrets: boolean;
    /** Compare with plans/<stack>.json; exit 1 when they differ. */
    check: boolean;
    /** Write plans/<stack>.json. */
    write: boolean;
    mermaid: boolean;
}

const USAGE = "usage: npm run plan -- [--stack NAME] [--json | --mermaid | --check | --write] [--show-secrets]";

const OPTIONS = {
    stack: { type: "string", default: "dev" },
    json: { type: "boolean", default: false },
    "show-secrets": { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    mermaid: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

export class UsageError extends Error {}

/** Node's strict parse, its errors as UsageErrors that end with the usage line. */
function parseStrict(argv: readonly string[]) {
    try {
        return parseNodeArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
    } catch (err) {
        const { code, message } = err as NodeJS.ErrnoException;
        if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
            // Node quotes the argument: "Unknown option '--jsn'", "Unexpected argument 'x'. This command …".
            const arg = /'(.*)'/.exec(message)?.[1] ?? message;
            throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
        }
        // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "--stack" without a name, or "--json=…".
        if (code?.startsWith("ERR_PARSE_ARGS_"))
            throw new UsageError(`${message.replace(/\n/g, " ").replace(/\.$/, "")}; ${USAGE}`);
        throw err;
    }
}

export function parseArgs(argv: readonly string[]): PlanArgs {
    const { values } = parseStrict(argv);
    const args: PlanArgs = {
        stack: values.stack,
        json: values.json,
        showSecrets: values["show-secrets"],
        check: values.check,
        write: values.write,
        mermaid: values.mermaid,
    };
    if ([args.json, args.check, args.write, args.mermaid].filter(Boolean).length > 1) {
        throw new UsageError(`--json, --mermaid, --check and --write are exclusive; ${USAGE}`);
    }
    if ((args.check || args.write) && args.showSecrets) {
        throw new UsageError(
            "--show-secrets cannot be used with --check or --write: committed plans keep secrets as [secret]",
        );
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`invalid stack name ${JSON.stringify(args.stack)}`);
    return args;
}

function check(current: PlanDocument, planFile: string, stack: string, projectDir: string): number {
    const shown = path.relative(projectDir, planFile);
    if (!fs.existsSync(planFile)) {
        process.stdout.write(`${shown} does not exist; create it with: npm run plan -- --stack ${stack} --write\n`);
        return 1;
    }
    const committed = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanDocument;
    const changes = diffPlans(committed, current);
    if (changes.length === 0) {
        process.stdout.write(`plan for stack ${stack} matches ${shown}\n`);
        return 0;
    }
    process.stdout.write(
        `plan for stack ${stack} differs from ${shown}:\n${formatDiff(changes)}` +
            `accept it with: npm run plan -- --stack ${stack} --write\n`,
    );
    return 1;
}

/** Runs the plan; returns the exit code. Program output goes to stderr so that stdout stays the plan. */
export async function main(argv: readonly string[], projectDir = path.join(__dirname, "..")): Promise<number> {
    const log = console.log;
    try {
        const args = parseArgs(argv);
        const stackConfig = readStackFiles(projectDir, args.stack);
        console.log = (...m: unknown[]) => console.error(...m);
        const run = await runProgram({ ...stackConfig, program: path.join(projectDir, "index") });
        console.log = log;
        const planFile = path.join(projectDir, "plans", `${args.stack}.json`);
        if (args.write) {
            fs.mkdirSync(path.dirname(planFile), { recursive: true });
            fs.writeFileSync(planFile, planJson(run));
            process.stdout.write(`wrote ${path.relative(projectDir, planFile)}\n`);
            return 0;
        }
        if (args.check) return check(planDocument(run), planFile, args.stack, projectDir);
        if (args.mermaid) process.stdout.write(planMermaid(planDocument(run)));
        else process.stdout.write(args.json ? planJson(run, args) : planText(run, args));
        return 0;
    } catch (err) {
        console.log = log;
        process.stderr.write(`plan: ${(err as Error)?.message ?? String(err)}\n`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
