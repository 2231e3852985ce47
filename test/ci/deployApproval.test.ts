/**
 * deploy.yml's `approval` job: before any job names the environment pulumi-<stack> (which would create a
 * missing one without protection), it reads each stack's environment through the REST API and fails
 * unless every one exists and requires at least one reviewer. Its inline script runs here as
 * actions/github-script would run it, against fakes of the API.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const wf = yaml.load(fs.readFileSync(path.join(ROOT, ".github", "workflows", "deploy.yml"), "utf8")) as any;
const job = wf.jobs.approval;
const step = job.steps.find((s: any) => typeof s.uses === "string" && s.uses.startsWith("actions/github-script@"));
const script: string = step.with.script;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;

describe("deploy workflow: the approval job", () => {
    it("runs after the stack list and before up, names no environment and checks nothing out", () => {
        expect(Object.keys(wf.jobs)).toEqual(["stacks", "approval", "up"]);
        expect(job.needs).toBe("stacks");
        expect(wf.jobs.up.needs).toEqual(["stacks", "approval"]);
        expect(job).not.toHaveProperty("environment");
        // up is the only job that names an environment, and it waits for the check.
        const named = Object.entries(wf.jobs).filter(([, j]: [string, any]) => "environment" in j);
        expect(named.map(([id]) => id)).toEqual(["up"]);
        expect(job.steps.map((s: any) => s.uses)).toEqual([
            "actions/github-script@f28e40c7f34bde8b3046d885e986cb6290c5673b",
        ]);
    });

    it("has no permission but reading the repository's environments (fine-grained: Actions, read)", () => {
        expect(job.permissions).toEqual({ actions: "read" });
        expect(wf.permissions).toEqual({ contents: "read" });
    });

    it("gets the stacks from an environment variable, never by expanding ${{ }} into the script", () => {
        expect(step.env).toEqual({ STACKS: "${{ needs.stacks.outputs.stacks }}" });
        expect(script).not.toContain("${{");
        expect(script).toContain("github.rest.repos.getEnvironment({ owner, repo, environment_name: name })");
    });

    it("keeps the deploy opt-in: the stack list, and so the check and up, only run with PULUMI_DEPLOY_ON_MAIN", () => {
        expect(wf.jobs.stacks.if).toBe("vars.PULUMI_DEPLOY_ON_MAIN == 'true'");
        // Skipped with the job it needs; and with no real stack (list-stacks.sh: "[]"), so the script's
        // refusal of an empty list below never fails a repository that has only the examples.
        expect(job.if).toBe("needs.stacks.outputs.stacks != '[]'");
    });
});

type Reply = { data: any } | { status?: number; message: string };

const REVIEWED = {
    name: "pulumi-dev",
    can_admins_bypass: true,
    protection_rules: [
        { id: 1, type: "wait_timer", wait_timer: 5 },
        {
            id: 2,
            type: "required_reviewers",
            prevent_self_review: true,
            reviewers: [
                { type: "User", reviewer: { login: "alice", id: 1 } },
                { type: "Team", reviewer: { slug: "platform", id: 2 } },
            ],
        },
    ],
    deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
};
const ok = (data: any = REVIEWED): Reply => ({ data });
const fail = (status: number | undefined, message: string): Reply => ({ status, message });
const NOT_FOUND = fail(404, "Not Found");

/** Runs the approval script with STACKS and a fake API answering per environment name. */
async function check(stacks: unknown, replies: Record<string, Reply>) {
    const calls: any[] = [];
    const log: [string, string][] = [];
    const github = {
        rest: {
            repos: {
                getEnvironment: async (p: any) => {
                    calls.push(p);
                    const reply = replies[p.environment_name];
                    if (reply === undefined) throw new Error(`unexpected environment ${p.environment_name}`);
                    if ("data" in reply) return { status: 200, data: reply.data };
                    throw Object.assign(
                        new Error(reply.message),
                        reply.status === undefined ? {} : { status: reply.status },
                    );
                },
            },
        },
    };
    const core = Object.fromEntries(
        ["setFailed", "error", "warning", "notice", "info"].map((level) => [
            level,
            (m: string) => log.push([level, m]),
        ]),
    );
    const context = { repo: { owner: "o", repo: "r" } };
    const saved = process.env.STACKS;
    process.env.STACKS = typeof stacks === "string" ? stacks : JSON.stringify(stacks);
    try {
        await new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core);
    } finally {
        if (saved === undefined) delete process.env.STACKS;
        else process.env.STACKS = saved;
    }
    const failed = log.filter(([level]) => level === "setFailed").map(([, m]) => m);
    return { calls, log, failed, errors: log.filter(([level]) => level === "error").map(([, m]) => m) };
}

describe("deploy workflow: the approval script (run against fakes of the API)", () => {
    it("passes when the stack's environment requires a reviewer, asking for pulumi-<stack> of this repository", async () => {
        const { calls, log, failed } = await check(["dev"], { "pulumi-dev": ok() });
        expect(calls).toEqual([{ owner: "o", repo: "r", environment_name: "pulumi-dev" }]);
        expect(failed).toEqual([]);
        expect(log).toEqual([["info", "dev: pulumi-dev requires a review by one of: alice, platform"]]);
    });

    it("fails for a missing environment (404), naming the stack and how to create it", async () => {
        const { failed, errors } = await check(["dev"], { "pulumi-dev": NOT_FOUND });
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatch(/^Not deploying: 1 of 1 stacks have no environment that requires a reviewer\.\n/);
        expect(failed[0]).toContain("- dev: the environment pulumi-dev does not exist");
        expect(failed[0]).toContain('Settings → Environments → New environment "pulumi-dev" → Required reviewers');
        expect(failed[0]).toContain("https://github.com/o/r/settings/environments");
        expect(errors).toEqual([expect.stringContaining("dev: the environment pulumi-dev does not exist")]);
    });

    it.each([
        ["no protection rules", { name: "pulumi-dev", protection_rules: [] }],
        ["no protection_rules field", { name: "pulumi-dev" }],
        [
            "only a wait timer and a branch policy",
            {
                protection_rules: [
                    { type: "wait_timer", wait_timer: 30 },
                    { type: "branch_policy", id: 3 },
                ],
            },
        ],
    ])("fails for an environment with %s", async (_, data) => {
        const { failed } = await check(["dev"], { "pulumi-dev": ok(data) });
        expect(failed).toHaveLength(1);
        expect(failed[0]).toContain("- dev: the environment pulumi-dev has no required reviewers.");
        expect(failed[0]).toContain("Settings → Environments → pulumi-dev → tick Required reviewers");
    });

    it.each([
        ["an empty reviewers list", []],
        ["no reviewers field", undefined],
        ["a reviewers field that is no list", {}],
    ])("fails for required reviewers with %s", async (_, reviewers) => {
        const rule = { type: "required_reviewers", prevent_self_review: true, reviewers };
        const { failed } = await check(["dev"], { "pulumi-dev": ok({ protection_rules: [rule] }) });
        expect(failed).toHaveLength(1);
        expect(failed[0]).toContain("- dev: the environment pulumi-dev requires reviewers but lists none.");
    });

    it.each([
        [fail(500, "Server Error"), "HTTP 500: Server Error", "Re-run the workflow once the API answers."],
        [
            fail(403, "Resource not accessible by integration"),
            "HTTP 403: Resource not accessible by integration",
            "The check job's token needs `permissions: actions: read`.",
        ],
        [fail(401, "Bad credentials"), "HTTP 401: Bad credentials", "actions: read"],
        [fail(undefined, "getaddrinfo ENOTFOUND api.github.com"), "no response: getaddrinfo", "Re-run"],
    ])("fails closed when the API answers %j", async (reply, reason, hint) => {
        const { failed } = await check(["dev"], { "pulumi-dev": reply });
        expect(failed).toHaveLength(1);
        expect(failed[0]).toContain(`- dev: could not read the environment pulumi-dev (${reason}`);
        expect(failed[0]).toContain("its reviewers are unchecked: not deploying.");
        expect(failed[0]).toContain(hint);
    });

    it("lists every stack's problem at once, checking them all, and only those", async () => {
        const { calls, failed, errors, log } = await check(["copy", "dev", "openshift", "prod", "staging"], {
            "pulumi-copy": NOT_FOUND,
            "pulumi-dev": ok(),
            "pulumi-openshift": ok({ protection_rules: [] }),
            "pulumi-prod": ok({ protection_rules: [{ type: "required_reviewers", reviewers: [] }] }),
            "pulumi-staging": fail(500, "Server Error"),
        });
        expect(calls.map((c) => c.environment_name)).toEqual([
            "pulumi-copy",
            "pulumi-dev",
            "pulumi-openshift",
            "pulumi-prod",
            "pulumi-staging",
        ]);
        expect(failed).toHaveLength(1);
        const lines = failed[0].split("\n");
        expect(lines[0]).toBe("Not deploying: 4 of 5 stacks have no environment that requires a reviewer.");
        expect(lines.filter((l) => l.startsWith("- ")).map((l) => l.split(":", 1)[0])).toEqual([
            "- copy",
            "- openshift",
            "- prod",
            "- staging",
        ]);
        expect(failed[0]).not.toContain("- dev");
        expect(errors).toHaveLength(4);
        expect(log).toContainEqual(["info", "dev: pulumi-dev requires a review by one of: alice, platform"]);
    });

    it("passes, with a warning, when a reviewer may approve a run they triggered (no prevent_self_review)", async () => {
        const rule = { ...REVIEWED.protection_rules[1], prevent_self_review: false };
        const { failed, log } = await check(["dev", "prod"], {
            "pulumi-dev": ok({ protection_rules: [rule] }),
            "pulumi-prod": ok(),
        });
        expect(failed).toEqual([]);
        const warnings = log.filter(([level]) => level === "warning").map(([, m]) => m);
        expect(warnings).toEqual([
            expect.stringMatching(/^dev: pulumi-dev lets a reviewer approve .*Prevent self-review/),
        ]);
    });

    it.each([
        ["no JSON", "dev"],
        ["an empty list", "[]"],
        ["no list", '{"dev":1}'],
        ["a name with a slash", '["dev","a/b"]'],
        ["a name with a space", '["a b"]'],
        ["a number", "[1]"],
    ])("fails, asking nothing, when STACKS is %s", async (_, stacks) => {
        const { calls, failed } = await check(stacks, {});
        expect(calls).toEqual([]);
        expect(failed).toEqual([`STACKS is not a non-empty JSON array of stack names: ${JSON.stringify(stacks)}`]);
    });
});
