/** Temporary Pulumi projects for plan CLI tests: our Pulumi.yaml and program, the stack files given. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

/** A project dir with our Pulumi.yaml, a program that is ours, and the given stack files. */
export function projectWith(stacks: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        `import program = require(${JSON.stringify(path.join(ROOT, "index"))});\nexport = program;\n`,
    );
    for (const [name, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
    return dir;
}

export function planIn(dir: string, args: string[]) {
    const r = spawnSync(
        path.join(ROOT, "node_modules", ".bin", "ts-node"),
        [
            "--transpile-only",
            "-e",
            `require(${JSON.stringify(path.join(ROOT, "plan", "cli"))}).main(${JSON.stringify(args)}, ${JSON.stringify(dir)}).then(c => process.exit(c))`,
        ],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stack files of a folder: `Pulumi.<stack>.yaml` by stack. */
const stackFilesIn = (dir: string): [string, string][] =>
    fs
        .readdirSync(dir)
        .map((f) => [/^Pulumi\.(.+)\.yaml$/.exec(f)?.[1], path.join(dir, f)] as const)
        .filter((e): e is [string, string] => e[0] !== undefined);

/** The worked stacks, by name: the project's own stack files (dev) and the examples, each with its file. */
export const WORKED_STACK_FILES: Readonly<Record<string, string>> = Object.fromEntries([
    ...stackFilesIn(ROOT),
    ...stackFilesIn(path.join(ROOT, "examples")),
]);

/** The worked stacks' names, sorted. */
export const WORKED_STACKS: readonly string[] = Object.keys(WORKED_STACK_FILES).sort();

/** The committed plan of a worked stack: plans/<stack>.json beside its stack file. */
export const committedPlanFile = (stack: string) =>
    path.join(path.dirname(WORKED_STACK_FILES[stack]), "plans", `${stack}.json`);

/** How the plan CLI names a worked stack: the project's by name, an example by its file. */
export const stackRef = (stack: string) =>
    path.dirname(WORKED_STACK_FILES[stack]) === ROOT ? stack : { file: path.relative(ROOT, WORKED_STACK_FILES[stack]) };
