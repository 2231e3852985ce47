/**
 * `npm run plan [-- --stack NAME] [--json] [--show-secrets]`: the resource graph `pulumi preview` would
 * create, computed offline. Exit 0 with the plan on stdout; exit 1 with one message on stderr.
 */
import * as path from "path";
import { planJson, planText } from "./render";
import { runProgram } from "./runProgram";
import { readStackConfig } from "./stackFiles";

export interface PlanArgs {
    stack: string;
    json: boolean;
    showSecrets: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): PlanArgs {
    const args: PlanArgs = { stack: "dev", json: false, showSecrets: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") args.json = true;
        else if (a === "--show-secrets") args.showSecrets = true;
        else if (a === "--stack" && argv[i + 1] && !argv[i + 1].startsWith("--")) args.stack = argv[++i];
        else if (a.startsWith("--stack=")) args.stack = a.slice("--stack=".length);
        else throw new UsageError(`unknown argument ${JSON.stringify(a)}; usage: npm run plan -- [--stack NAME] [--json] [--show-secrets]`);
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(args.stack)) throw new UsageError(`invalid stack name ${JSON.stringify(args.stack)}`);
    return args;
}

/**
 * Pulumi's closure serializer (for the dynamic provider) loads every builtin module, which makes Node
 * warn about `sys` and WASI: noise in a plan. Other warnings still print.
 */
function quietSerializerWarnings(): void {
    process.removeAllListeners("warning");
    process.on("warning", (w: Error & { code?: string }) => {
        if (w.code === "DEP0025" || (w.name === "ExperimentalWarning" && /WASI/.test(w.message))) return;
        process.stderr.write(`${w.name}: ${w.message}\n`);
    });
}

/** Runs the plan; returns the exit code. Program output goes to stderr so that stdout stays the plan. */
export async function main(argv: readonly string[], projectDir = path.join(__dirname, "..")): Promise<number> {
    const log = console.log;
    quietSerializerWarnings();
    try {
        const args = parseArgs(argv);
        const stackConfig = readStackConfig(projectDir, args.stack);
        console.log = (...m: unknown[]) => console.error(...m);
        const run = await runProgram({ ...stackConfig, program: path.join(projectDir, "index") });
        console.log = log;
        process.stdout.write(args.json ? planJson(run, args) : planText(run, args));
        return 0;
    } catch (err) {
        console.log = log;
        process.stderr.write(`plan: ${(err as Error)?.message ?? String(err)}\n`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
