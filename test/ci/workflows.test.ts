import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { commentMarker } from "../../core/review/prComment";

const ROOT = path.join(__dirname, "..", "..");
const load = (name: string) => yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8")) as any;
const runs = (job: any): string => job.steps.map((s: any) => s.run ?? "").join("\n");
const uses = (job: any, action: string) =>
    job.steps.find((s: any) => typeof s.uses === "string" && s.uses.startsWith(action));
const FROM_THIS_REPO = "github.event.pull_request.head.repo.full_name == github.repository";
/** list-stacks.sh prints "[]" without a real stack; a matrix over it would fail the run. */
const ANY_STACK = "needs.stacks.outputs.stacks != '[]'";
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** What preview and up share: a bounded matrix that finishes every stack, the policy pack, an exact CLI. */
function expectStackMatrix(job: any, command: string) {
    expect(job.strategy["fail-fast"]).toBe(false);
    expect(Number.isInteger(job.strategy["max-parallel"]) && job.strategy["max-parallel"] >= 1).toBe(true);
    expect(job.strategy.matrix).toEqual({ stack: "${{ fromJSON(needs.stacks.outputs.stacks) }}" });
    const step = uses(job, "pulumi/actions@");
    expect(step.with.command).toBe(command);
    // pulumi/actions v6.6.1 action.yml lines 79-81: camelCase; each item becomes --policy-pack.
    expect(step.with.policyPacks).toBe("policy");
    expect(fs.existsSync(path.join(ROOT, step.with.policyPacks, "PulumiPolicy.yaml"))).toBe(true);
    // Exactly the SDK's release (a range lets the runner's preinstalled pulumi through), at least the
    // project's floor 3.187.0 (array-of-object config).
    const version = step.with["pulumi-version"];
    expect(version).toBe(PACKAGE.dependencies["@pulumi/pulumi"]);
    const [major, minor] = String(version).split(".").map(Number);
    expect(major === 3 && minor >= 187).toBe(true);
}

describe("pull-request workflow", () => {
    const wf = load("pull-request.yml");

    it("runs on pull_request (not pull_request_target, which would hand fork code the secrets)", () => {
        expect(Object.keys(wf.on)).toEqual(["pull_request"]);
        expect(wf.permissions).toEqual({ contents: "read" });
    });

    it("has a credential-free job that installs, tests and checks every stack's committed plan, examples too", () => {
        const job = wf.jobs.offline;
        expect(JSON.stringify(job)).not.toMatch(/secrets\.|vars\./);
        expect(job.if).toBeUndefined();
        expect(job.permissions).toBeUndefined();
        const commands = runs(job);
        expect(commands).toMatch(/^npm ci\b/m);
        expect(commands).toMatch(/^npm test$/m);
        // Which stacks, and that a failure does not stop the others: test/ci/offlineSteps.test.ts runs it.
        expect(commands).toContain("for stack in $(.github/list-stacks.sh --all --lines); do");
        expect(commands).toContain('npm run -s plan -- --stack-file "$file" --check || status=1');
    });

    it("previews each stack with pulumi/actions, one comment per stack edited in place, for this repository's branches only", () => {
        const job = wf.jobs.preview;
        expect(job.needs).toEqual(["offline", "stacks"]);
        expect(job.if).toBe(`${FROM_THIS_REPO} && ${ANY_STACK}`);
        expect(wf.jobs.stacks.if).toBe(FROM_THIS_REPO);
        expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
        expectStackMatrix(job, "preview");
        const step = uses(job, "pulumi/actions@");
        expect(step.with).toMatchObject({ command: "preview", "comment-on-pr": true, "edit-pr-comment": true });
        expect(step.with["stack-name"]).toContain("matrix.stack");
        expect(step.env.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
        expect(runs(job)).toMatch(/^npm ci\b/m);
    });
});

describe("pull-request workflow: plan reports", () => {
    const job = load("pull-request.yml").jobs.offline;
    const step = job.steps.find((s: any) => typeof s.run === "string" && s.run.includes("--report"));
    const upload = uses(job, "actions/upload-artifact@");

    it("writes each stack's report and the pull-request number (from an env var) after the checks, even when they fail", () => {
        expect(job.steps.indexOf(step)).toBeGreaterThan(
            job.steps.findIndex((s: any) => /--check \|\| status=1/.test(s.run ?? "")),
        );
        expect(step.if).toBe("always()");
        // One report per previewed (real) stack: test/ci/offlineSteps.test.ts runs it.
        expect(step.run).toContain("for stack in $(.github/list-stacks.sh --lines); do");
        expect(step.run).toContain('npm run -s plan -- --stack "$stack" --check --report "reports/$stack.md" || true');
        expect(step.env).toEqual({ PR_NUMBER: "${{ github.event.pull_request.number }}" });
        expect(step.run).toContain('"$PR_NUMBER" > reports/pr-number');
        expect(step.run).not.toContain("${{");
    });

    it("uploads reports/ as the plan-reports artifact for 7 days, without credentials", () => {
        expect(job.steps.indexOf(upload)).toBeGreaterThan(job.steps.indexOf(step));
        expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
        expect(upload.if).toBe("always()");
        expect(upload.with).toMatchObject({ name: "plan-reports", path: "reports/", "retention-days": 7 });
        expect(JSON.stringify(job)).not.toMatch(/secrets\.|vars\./);
        expect(job.permissions).toBeUndefined();
        expect(load("pull-request.yml").permissions).toEqual({ contents: "read" });
    });
});

describe("plan-comment workflow", () => {
    const wf = load("plan-comment.yml");
    const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", "plan-comment.yml"), "utf8");
    const job = wf.jobs.comment;
    const script: string = uses(job, "actions/github-script@").with.script;

    it("runs only when a pull-request run of a pull_request event succeeds or fails: a cancelled one is skipped", () => {
        expect(wf.on).toEqual({ workflow_run: { workflows: ["pull-request"], types: ["completed"] } });
        expect(Object.keys(wf.jobs)).toEqual(["comment"]);
        expect(job.if).toBe(
            "github.event.workflow_run.event == 'pull_request' && " +
                "(github.event.workflow_run.conclusion == 'success' || github.event.workflow_run.conclusion == 'failure')",
        );
    });

    it("has no permissions but reading the run's artifacts and writing pull-request comments", () => {
        expect(wf.permissions).toEqual({});
        expect(job.permissions).toEqual({ actions: "read", "pull-requests": "write" });
        expect(text).not.toMatch(/secrets\.|vars\./);
    });

    it("runs nothing of the pull request's: no checkout, no node setup, no npm, no run steps", () => {
        expect(job.steps.map((s: any) => s.uses.split("@")[0])).toEqual([
            "actions/download-artifact",
            "actions/github-script",
        ]);
        expect(job.steps.every((s: any) => s.run === undefined)).toBe(true);
        expect(text).not.toMatch(/checkout|setup-node|\bnpm\b|\bnpx\b/);
        expect(script).not.toMatch(/\beval\b|new Function|child_process|\bexec(Sync|File)|spawn|\$\{\{/);
    });

    it("downloads the plan-reports artifact of the triggering run by pattern, so a run without one downloads nothing", () => {
        // download-artifact v4.3.0 src/download-artifact.ts: a `name` not found throws (lines 80-82) and fails
        // the step; a `pattern` filters the run's artifacts (lines 135-152) and downloads none without failing.
        expect(job.steps[0].with).toEqual({
            pattern: "plan-reports",
            "merge-multiple": true,
            "run-id": "${{ github.event.workflow_run.id }}",
            "github-token": "${{ github.token }}",
            path: "reports",
        });
    });

    it("checks the pull-request number, the file names and the markers, and truncates to 65536 characters", () => {
        expect(script).toContain("const LIMIT = 65536;");
        expect(script).toContain("text = text.slice(0, LIMIT);");
        expect(script).toContain("/^([0-9]{1,10})\\n?$/.exec(readCapped(path.join(DIR, 'pr-number'))");
        expect(script).toContain("const STACK = /^[A-Za-z0-9._-]+$/;");
        expect(script).toContain("if (!STACK.test(name) || !STACK.test(stack)) {");
        expect(script).toContain("const marker = `<!-- registry-access plan: ${stack} -->`;");
        expect(script).toContain("if (body.split('\\n', 1)[0] !== marker) {");
        expect(script).toContain("c.user?.login === 'github-actions[bot]'");
        expect(script).toContain("c.body.startsWith(marker)");
        expect(script).toContain("github.paginate(github.rest.issues.listComments");
        // The marker the script expects is renderPlanComment's.
        expect(script).toContain(commentMarker("STACK").replace("STACK", "${stack}"));
    });
});

describe("plan-comment script (run against fakes of the API)", () => {
    const script: string = uses(load("plan-comment.yml").jobs.comment, "actions/github-script@").with.script;
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const SHA = "0123456789abcdef0123456789abcdef01234567";
    const BOT = { login: "github-actions[bot]" };
    let dir: string;
    let cwd: string;

    beforeEach(() => {
        cwd = process.cwd();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-comment-"));
        fs.mkdirSync(path.join(dir, "reports"));
        process.chdir(dir);
    });
    afterEach(() => {
        process.chdir(cwd);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, "reports", name), text);
    const report = (stack: string, rest = "### Plan\n") => `${commentMarker(stack)}\n${rest}`;

    /** Runs the script as actions/github-script would; returns the API writes and the log. */
    async function post(comments: any[] = [], headSha = SHA) {
        const calls: [string, any][] = [];
        const log: [string, string][] = [];
        const issues = {
            listComments: () => {
                throw new Error("paginate only");
            },
            createComment: async (p: any) => void calls.push(["create", p]),
            updateComment: async (p: any) => void calls.push(["update", p]),
        };
        const github = {
            rest: {
                issues,
                pulls: { get: async (p: any) => (calls.push(["get", p]), { data: { head: { sha: headSha } } }) },
            },
            paginate: async (fn: unknown, p: any) => {
                expect(fn).toBe(issues.listComments);
                calls.push(["list", p]);
                return comments;
            },
        };
        const core = Object.fromEntries(
            ["setFailed", "warning", "notice", "info"].map((level) => [level, (m: string) => log.push([level, m])]),
        );
        const context = { repo: { owner: "o", repo: "r" }, payload: { workflow_run: { id: 7, head_sha: SHA } } };
        await new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core);
        return { calls, log, writes: calls.filter(([kind]) => kind === "create" || kind === "update") };
    }

    it("creates a comment per stack, or updates the bot's own comment that starts with the stack's marker", async () => {
        write("pr-number", "42\n");
        write("dev.md", report("dev"));
        write("copy.md", report("copy", "new\n"));
        write("openshift.md", report("openshift"));
        const { calls } = await post([
            { id: 1, user: { login: "someone" }, body: report("dev") },
            { id: 2, user: BOT, body: report("copy", "old\n") },
            { id: 3, user: BOT, body: report("openshift") },
            { id: 4, user: BOT, body: "<!-- registry-access plan: dev2 -->\n" },
        ]);
        expect(calls).toEqual([
            ["get", { owner: "o", repo: "r", pull_number: 42 }],
            ["list", { owner: "o", repo: "r", issue_number: 42, per_page: 100 }],
            ["update", { owner: "o", repo: "r", comment_id: 2, body: report("copy", "new\n") }],
            ["create", { owner: "o", repo: "r", issue_number: 42, body: report("dev") }],
        ]);
    });

    it("skips reports with another name, another marker, or that are no regular file", async () => {
        write("pr-number", "42");
        write("a b.md", report("dev"));
        write("x;y.md", report("dev"));
        write(".md", report("dev"));
        write("dev.txt", report("dev"));
        write("dev.md", report("copy"));
        write("copy.md", ` ${report("copy")}`);
        fs.mkdirSync(path.join(dir, "reports", "dir.md"));
        fs.symlinkSync("/etc/passwd", path.join(dir, "reports", "link.md"));
        const { writes, log } = await post();
        expect(writes).toEqual([]);
        expect(log.filter(([level]) => level === "warning")).toHaveLength(7);
    });

    it("truncates a report to 65536 characters, never between the halves of a surrogate pair", async () => {
        write("pr-number", "42");
        write("dev.md", report("dev", "x".repeat(100000)));
        write("copy.md", report("copy", "x".repeat(65536 - report("copy", "").length - 1) + "😀".repeat(1000)));
        const { writes } = await post();
        const bodies = Object.fromEntries(writes.map(([, p]) => [p.body.split("\n")[0], p.body]));
        expect(bodies[commentMarker("dev")]).toBe(report("dev", "x".repeat(65536 - report("dev", "").length)));
        expect(bodies[commentMarker("copy")].length).toBe(65535);
        expect(bodies[commentMarker("copy")].endsWith("x")).toBe(true);
    });

    it.each(["", "42; rm -rf /", "4 2", "1e3", "-1", "0x2a", "42\n\n", "12345678901"])(
        "posts nothing when pr-number holds %j",
        async (number) => {
            write("pr-number", number);
            write("dev.md", report("dev"));
            const { calls, log } = await post();
            expect(calls).toEqual([]);
            expect(log).toEqual([
                ["setFailed", "reports/pr-number does not hold a pull-request number: nothing posted"],
            ]);
        },
    );

    it.each([
        ["no reports directory", () => fs.rmSync(path.join(dir, "reports"), { recursive: true })],
        ["an empty one", () => undefined],
    ])("posts nothing and fails nothing when the run uploaded no artifact (%s)", async (_, arrange) => {
        arrange();
        const { calls, log } = await post();
        expect(calls).toEqual([]);
        expect(log).toEqual([["notice", "run 7 uploaded no plan-reports artifact: nothing posted"]]);
    });

    it("posts nothing without a pr-number, or when the pull request's head is not the commit the run planned", async () => {
        write("dev.md", report("dev"));
        expect((await post()).calls).toEqual([]);
        write("pr-number", "42");
        const { calls, log } = await post([], "f".repeat(40));
        expect(calls.map(([kind]) => kind)).toEqual(["get"]);
        expect(log).toEqual([["notice", `pull request #42 is at ${"f".repeat(40)}, not at ${SHA}: nothing posted`]]);
    });
});

describe("deploy workflow", () => {
    const wf = load("deploy.yml");

    it("runs pulumi up per stack on main, opt-in, behind each stack's environment approval", () => {
        expect(wf.on.push.branches).toEqual(["main"]);
        expect(wf.jobs.stacks.if).toBe("vars.PULUMI_DEPLOY_ON_MAIN == 'true'");
        const job = wf.jobs.up;
        expect(job.needs).toEqual(["stacks", "approval"]); // approval: test/ci/deployApproval.test.ts
        expect(job.environment).toBe("pulumi-${{ matrix.stack }}");
        expect(job.concurrency.group).toBe("pulumi-up-${{ matrix.stack }}");
        expect(job.if).toBe(ANY_STACK);
        expect(runs(job)).toMatch(/^npm test$/m);
        expectStackMatrix(job, "up");
        expect(job.concurrency["cancel-in-progress"]).toBe(false);
        expect(uses(job, "pulumi/actions@").with["suppress-outputs"]).toBe(true);
    });
});
