import { execFileSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const load = (name: string) => yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8")) as any;
const runs = (job: any): string => job.steps.map((s: any) => s.run ?? "").join("\n");
const uses = (job: any, action: string) =>
    job.steps.find((s: any) => typeof s.uses === "string" && s.uses.startsWith(action));
const FROM_THIS_REPO = "github.event.pull_request.head.repo.full_name == github.repository";

describe("pull-request workflow", () => {
    const wf = load("pull-request.yml");

    it("runs on pull_request (not pull_request_target, which would hand fork code the secrets)", () => {
        expect(Object.keys(wf.on)).toEqual(["pull_request"]);
        expect(wf.permissions).toEqual({ contents: "read" });
    });

    it("has a credential-free job that installs, tests and checks every stack's committed plan", () => {
        const job = wf.jobs.offline;
        expect(JSON.stringify(job)).not.toMatch(/secrets\.|vars\./);
        expect(job.if).toBeUndefined();
        expect(job.permissions).toBeUndefined();
        const commands = runs(job);
        expect(commands).toMatch(/^npm ci\b/m);
        expect(commands).toMatch(/^npm test$/m);
        expect(commands).toContain("for stack in $(.github/list-stacks.sh --lines); do");
        expect(commands).toContain('npm run plan -- --stack "$stack" --check || status=1');
    });

    it("previews each stack with pulumi/actions, one comment per stack edited in place, for this repository's branches only", () => {
        const job = wf.jobs.preview;
        expect(job.needs).toEqual(["offline", "stacks"]);
        expect(job.if).toBe(FROM_THIS_REPO);
        expect(wf.jobs.stacks.if).toBe(FROM_THIS_REPO);
        expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
        expect(job.strategy.matrix.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
        const step = uses(job, "pulumi/actions@");
        expect(step.uses).toBe("pulumi/actions@v6");
        expect(step.with).toMatchObject({ command: "preview", "comment-on-pr": true, "edit-pr-comment": true });
        expect(step.with["stack-name"]).toContain("matrix.stack");
        expect(step.env.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
        expect(runs(job)).toMatch(/^npm ci\b/m);
    });
});

describe("deploy workflow", () => {
    const wf = load("deploy.yml");

    it("runs pulumi up per stack on main, opt-in, behind each stack's environment approval", () => {
        expect(wf.on.push.branches).toEqual(["main"]);
        expect(wf.jobs.stacks.if).toBe("vars.PULUMI_DEPLOY_ON_MAIN == 'true'");
        const job = wf.jobs.up;
        expect(job.needs).toBe("stacks");
        expect(job.environment).toBe("pulumi-${{ matrix.stack }}");
        expect(job.concurrency.group).toBe("pulumi-up-${{ matrix.stack }}");
        expect(uses(job, "pulumi/actions@").with.command).toBe("up");
        expect(runs(job)).toMatch(/^npm test$/m);
    });
});

describe("list-stacks.sh", () => {
    it("lists the stack files as a JSON array and as lines", () => {
        const stacks = fs
            .readdirSync(ROOT)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter(Boolean);
        const script = path.join(ROOT, ".github", "list-stacks.sh");
        expect(JSON.parse(execFileSync(script, { encoding: "utf8" }))).toEqual(stacks);
        expect(execFileSync(script, ["--lines"], { encoding: "utf8" })).toBe(stacks.map((s) => `${s}\n`).join(""));
    });
});
