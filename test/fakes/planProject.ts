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

/** The worked stacks: every Pulumi.<stack>.yaml of the project, sorted. */
export const WORKED_STACKS: readonly string[] = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
