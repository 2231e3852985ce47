/**
 * Which stacks CI acts on. .github/list-stacks.sh and the workflows' own `run:` steps run here, as the
 * runner runs them (bash --noprofile --norc -eo pipefail FILE), in a temporary copy of the repository's top:
 * Pulumi.yaml, Pulumi.dev.yaml (the worked example, with its marker line), examples/ and a new stack. A fake
 * `npm` on PATH records each plan command and fails the ones asked to.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const MARKER =
    "# registry-access: example stack (CI neither previews nor deploys it; delete this line to make it a real stack)";
const load = (name: string) => yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8")) as any;
const offline = load("pull-request.yml").jobs.offline;
const stepRunning = (job: any, text: string): string =>
    job.steps.find((s: any) => typeof s.run === "string" && s.run.includes(text)).run;
const CHECK_STEP = stepRunning(offline, "--check || status=1");
const REPORT_STEP = stepRunning(offline, "--report");

let top: string;

beforeEach(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), "list-stacks-"));
    fs.mkdirSync(path.join(top, ".github"));
    fs.copyFileSync(path.join(ROOT, ".github", "list-stacks.sh"), path.join(top, ".github", "list-stacks.sh"));
    fs.chmodSync(path.join(top, ".github", "list-stacks.sh"), 0o755);
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(ROOT, file), path.join(top, file));
    fs.mkdirSync(path.join(top, "examples"));
    for (const name of ["copy", "openshift"]) fs.writeFileSync(path.join(top, "examples", `Pulumi.${name}.yaml`), "");
    fs.writeFileSync(path.join(top, "Pulumi.prod.yaml"), "config:\n  registry-access:cluster: prod-cluster\n");
    fs.mkdirSync(path.join(top, "bin"));
    const npm = path.join(top, "bin", "npm");
    fs.writeFileSync(
        npm,
        '#!/usr/bin/env bash\nprintf \'%s\\n\' "$*" >> "$NPM_LOG"\n' +
            '[[ -n "${NPM_FAIL:-}" && "$*" == *"$NPM_FAIL"* ]] && exit 1\nexit 0\n',
    );
    fs.chmodSync(npm, 0o755);
});
afterEach(() => fs.rmSync(top, { recursive: true, force: true }));

function listStacks(...args: string[]) {
    const result = spawnSync(path.join(top, ".github", "list-stacks.sh"), args, { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return result.stdout;
}

/** Runs a step's `run:` as GitHub's default bash shell does; returns its exit code and the npm commands. */
function runStep(script: string, env: Record<string, string> = {}) {
    const file = path.join(top, "step.sh");
    fs.writeFileSync(file, script);
    const log = path.join(top, "npm.log");
    fs.rmSync(log, { force: true });
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
        cwd: top,
        encoding: "utf8",
        env: {
            ...process.env,
            PATH: `${path.join(top, "bin")}:${path.dirname(process.execPath)}:${process.env.PATH}`,
            NPM_LOG: log,
            ...env,
        },
    });
    const npm = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
    return { status: result.status, npm, stderr: result.stderr };
}

describe("list-stacks.sh", () => {
    it("is shipped with Pulumi.dev.yaml marked, on its first line, as an example", () => {
        expect(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").split("\n")[0]).toBe(MARKER);
    });

    it("lists the real stacks only: a new stack beside the marked example is the only one", () => {
        expect(JSON.parse(listStacks())).toEqual(["prod"]);
        expect(listStacks("--lines")).toBe("prod\n");
    });

    it("lists the examples at the top too with --all", () => {
        expect(JSON.parse(listStacks("--all"))).toEqual(["dev", "prod"]);
        expect(listStacks("--all", "--lines")).toBe("dev\nprod\n");
    });

    it("prints [] (and no line) when there is no real stack", () => {
        fs.rmSync(path.join(top, "Pulumi.prod.yaml"));
        expect(listStacks()).toBe("[]\n");
        expect(listStacks("--lines")).toBe("");
    });

    it("treats a stack as real once the marker line is gone, and marks any stack file that has it", () => {
        const dev = path.join(top, "Pulumi.dev.yaml");
        fs.writeFileSync(dev, fs.readFileSync(dev, "utf8").replace(`${MARKER}\n`, ""));
        fs.appendFileSync(path.join(top, "Pulumi.prod.yaml"), "# registry-access: example stack\n");
        expect(JSON.parse(listStacks())).toEqual(["dev"]);
    });

    it("refuses an unknown argument", () => {
        const result = spawnSync(path.join(top, ".github", "list-stacks.sh"), ["--json"], { encoding: "utf8" });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/usage: .*list-stacks\.sh \[--all\] \[--lines\]/);
    });
});

describe("the workflows' stacks job", () => {
    it.each(["pull-request.yml", "deploy.yml"])("%s: writes the real stacks as its output, or fails", (name) => {
        const run = stepRunning(load(name).jobs.stacks, "list-stacks.sh");
        const output = path.join(top, "output");
        fs.writeFileSync(output, "");
        expect(runStep(run, { GITHUB_OUTPUT: output }).status).toBe(0);
        expect(fs.readFileSync(output, "utf8")).toBe('stacks=["prod"]\n');
        // A broken list must fail the step, not hand the matrix an empty output.
        fs.writeFileSync(path.join(top, ".github", "list-stacks.sh"), "#!/usr/bin/env bash\nexit 3\n");
        expect(runStep(run, { GITHUB_OUTPUT: output }).status).not.toBe(0);
    });
});

describe("pull-request workflow: the offline job's plan steps", () => {
    const CHECKS = [
        "run -s plan -- --stack dev --check",
        "run -s plan -- --stack prod --check",
        "run -s plan -- --stack-file examples/Pulumi.copy.yaml --check",
        "run -s plan -- --stack-file examples/Pulumi.openshift.yaml --check",
    ];

    it("checks the committed plan of every stack file, the marked example's and examples/ too", () => {
        expect(runStep(CHECK_STEP)).toMatchObject({ status: 0, npm: CHECKS });
    });

    it.each(["--stack dev", "examples/Pulumi.copy.yaml"])("checks them all and then fails when %s differs", (bad) => {
        expect(runStep(CHECK_STEP, { NPM_FAIL: bad })).toMatchObject({ status: 1, npm: CHECKS });
    });

    it("does without examples/", () => {
        fs.rmSync(path.join(top, "examples"), { recursive: true });
        expect(runStep(CHECK_STEP)).toMatchObject({ status: 0, npm: CHECKS.slice(0, 2) });
    });

    it("writes a report for each stack that is previewed, and the pull-request number, even when a check fails", () => {
        const { status, npm } = runStep(REPORT_STEP, { PR_NUMBER: "42", NPM_FAIL: "prod" });
        expect(status).toBe(0);
        expect(npm).toEqual(["run -s plan -- --stack prod --check --report reports/prod.md"]);
        expect(fs.readFileSync(path.join(top, "reports", "pr-number"), "utf8")).toBe("42\n");
    });
});
