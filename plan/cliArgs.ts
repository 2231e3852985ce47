/**
 * The arguments of `npm run plan`: Node's strict parser (util.parseArgs), the rules between flags, and `--help`.
 */
import { ParseArgsConfig, parseArgs as parseNodeArgs } from "util";
import type { StackRef } from "./readStackFiles";
import { parseLabels } from "../core/kubernetes/labelSelector";

export interface PlanArgs {
    /** `--stack NAME` (a stack of the project) or `--stack-file PATH` (any stack file, e.g. an example). */
    stack: StackRef;
    json: boolean;
    showSecrets: boolean;
    /** Compare with the committed plan; exit 1 when they differ. */
    check: boolean;
    /** Write the committed plan. */
    write: boolean;
    mermaid: boolean;
    /** Who can pull what. */
    access: boolean;
    /** `NAMESPACE/SERVICEACCOUNT` and the image to check. */
    canPull?: {
        readonly who: string;
        readonly image: string;
        /** `--namespace-labels k=v,…`: the namespace's labels, for namespaces chosen by namespaceSelector. */
        readonly labels?: Readonly<Record<string, string>>;
    };
    /** With --check: also write the pull-request comment to this file. */
    report?: string;
    help: boolean;
}

/** `--help`: every flag, one line each. */
export const HELP = `usage: npm run plan -- [--stack NAME | --stack-file PATH] [MODE] [--show-secrets]

The resource graph \`pulumi preview\` would create for a stack, computed offline: no credentials, no cloud.

  --stack NAME                  the project's stack Pulumi.NAME.yaml (default: dev)
  --stack-file PATH             any stack file Pulumi.NAME.yaml, such as examples/Pulumi.copy.yaml
  --json                        the plan as JSON only (pipe it with npm run -s plan)
  --mermaid                     the dependency graph as a Mermaid flowchart
  --check                       compare with the committed plan (plans/NAME.json beside the stack file); exit 1 when it differs
  --report FILE                 with --check: also write the pull-request comment to FILE
  --write                       write the committed plan
  --access                      who can pull what; with --json as JSON
  --can-pull NS/SA IMAGE        can service account NS/SA pull and run IMAGE: exit 0 yes, 1 no, 3 only if public, 2 invalid input
  --namespace-labels K=V,...    with --can-pull: the namespace's labels, to answer for namespaces namespaceSelector chooses
  --show-secrets                show secrets the config supplies (never with --check or --write)
  --help                        this text

Every mode but --write runs the policy pack: violations on stderr, exit 1 for a mandatory one.
`;

const USAGE = "usage: npm run plan -- [--stack NAME | --stack-file PATH] [MODE] [--show-secrets]; see --help";

const OPTIONS = {
    stack: { type: "string" },
    "stack-file": { type: "string" },
    json: { type: "boolean", default: false },
    "show-secrets": { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
    mermaid: { type: "boolean", default: false },
    access: { type: "boolean", default: false },
    "can-pull": { type: "string" },
    "namespace-labels": { type: "string" },
    report: { type: "string" },
    help: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** A wrong command line: exit 2, with the usage line. */
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

/** Which stack: `--stack NAME` or `--stack-file PATH`, not both; dev when neither. */
function stackOf(values: { stack?: string; "stack-file"?: string }): StackRef {
    const { stack, "stack-file": file } = values;
    if (stack !== undefined && file !== undefined)
        throw new UsageError(`--stack and --stack-file are exclusive; ${USAGE}`);
    if (file !== undefined) return { file };
    if (stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new UsageError(`invalid stack name ${JSON.stringify(stack)}`);
    }
    return stack ?? "dev";
}

/** `--namespace-labels`: label keys and values as the API server takes them, every problem named. */
function labelsOf(values: { "namespace-labels"?: string }): { labels?: Record<string, string> } {
    const text = values["namespace-labels"];
    if (text === undefined) return {};
    const { labels, problems } = parseLabels(text);
    if (problems.length > 0) throw new UsageError(`--namespace-labels: ${problems.join("; ")}`);
    return { labels };
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
        stack: stackOf(values),
        json: values.json,
        showSecrets: values["show-secrets"],
        check: values.check,
        write: values.write,
        mermaid: values.mermaid,
        access: values.access,
        help: values.help,
        ...(canPull !== undefined ? { canPull: { who: canPull, image: positionals[0], ...labelsOf(values) } } : {}),
        ...(values.report !== undefined ? { report: values.report } : {}),
    };
    const modes = [args.check, args.write, args.mermaid, args.access, canPull !== undefined];
    if (modes.filter(Boolean).length + (args.json && !args.access ? 1 : 0) > 1) {
        throw new UsageError(
            `--json, --mermaid, --check, --write, --access and --can-pull are exclusive (but --access --json); ${USAGE}`,
        );
    }
    if (args.report !== undefined && !args.check) throw new UsageError(`--report needs --check; ${USAGE}`);
    if (values["namespace-labels"] !== undefined && canPull === undefined) {
        throw new UsageError(`--namespace-labels needs --can-pull; ${USAGE}`);
    }
    if ((args.check || args.write) && args.showSecrets) {
        throw new UsageError(
            "--show-secrets cannot be used with --check or --write: committed plans keep secrets as [secret]",
        );
    }
    return args;
}

/** How a message names the stack's flag, to repeat it in a command to run. */
export const stackFlag = (stack: StackRef) =>
    typeof stack === "string" ? `--stack ${stack}` : `--stack-file ${stack.file}`;
