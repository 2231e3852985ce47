/**
 * `npm run plan` as a user runs it: a child process per run, stdout and stderr apart.
 */
import { spawnSync } from "child_process";
import { API_KEY_PLACEHOLDER } from "../../plan/fakeCloud";
import { ROOT, planIn, projectWith } from "../fakes/planProject";

/** `npm run -s plan -- ARGS`: -s keeps npm's banner off stdout, so --json output pipes (no .npmrc silences npm). */
function plan(args: string[], cwd = ROOT) {
    const r = spawnSync("npm", ["run", "-s", "plan", "--", ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, KUBECONFIG: "/nonexistent" },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it("npm says what went wrong: a mistyped script is named, not a silent exit 1", () => {
    // As from a user's shell: `npm test` runs us under `npm run -s`, whose npm_config_* settings children inherit.
    const userShell = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
    const r = spawnSync("npm", ["run", "plna"], { cwd: ROOT, encoding: "utf8", env: userShell });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Missing script: "plna"/);
});

describe("npm run plan", () => {
    it("prints the dev stack's graph: 1 service ID, 1 policy, 1 API key, a secret and a reference per namespace", () => {
        const { code, stdout } = plan([]);
        expect(code).toBe(0);
        expect(stdout).toMatch(/^ {7}1 {2}ibm:index\/iamServiceId:IamServiceId$/m);
        expect(stdout).toMatch(/^ {7}1 {2}ibm:index\/iamServicePolicy:IamServicePolicy$/m);
        expect(stdout).toMatch(/^ {7}1 {2}ibm:index\/iamServiceApiKey:IamServiceApiKey$/m);
        expect(stdout).toMatch(/^ {7}3 {2}kubernetes:core\/v1:Secret$/m);
        expect(stdout).toMatch(/^ {7}3 {2}registry-access:index:ServiceAccountPullSecretRef$/m);
        expect(stdout).toMatch(/^ {7}1 {2}pulumi:providers:registry-access$/m);
        expect(stdout).not.toContain("pulumi-nodejs:dynamic");
        expect(stdout).toContain(
            'stringData: {"[secret]":{".dockerconfigjson":{"auths":{"au.icr.io":{"auth":"[secret]","password":"[secret]","username":"iamapikey"}',
        );
        expect(stdout).not.toContain(API_KEY_PLACEHOLDER);
    });

    it("--json prints only JSON, byte-identical across runs", () => {
        const a = plan(["--json"]);
        const b = plan(["--json"]);
        expect(a.code).toBe(0);
        expect(a.stdout).toBe(b.stdout);
        const doc = JSON.parse(a.stdout);
        expect(Object.keys(doc)).toEqual(["stack", "project", "resources"]);
        expect(doc.stack).toBe("dev");
        expect(doc.resources).toHaveLength(14);
        // `provider` only where the resource has an explicit one (the stack's default providers have none).
        for (const r of doc.resources) {
            const keys = ["urn", "type", "name", "parent", "dependsOn", "aliases", "inputs"];
            expect(Object.keys(r)).toEqual(r.provider === undefined ? keys : [...keys, "provider"]);
        }
        expect(doc.resources.filter((r: any) => r.type.startsWith("ibm:")).map((r: any) => r.provider)).toEqual([
            undefined,
            undefined,
            undefined,
        ]);
        const secret = doc.resources.find(
            (r: any) => r.name === "team-a.all-icr-io" && r.type === "kubernetes:core/v1:Secret",
        );
        expect(secret.dependsOn).toEqual([
            "urn:pulumi:dev::registry-access::registry-access:index:PullIdentity$ibm:index/iamServiceApiKey:IamServiceApiKey::dev-cluster-registry-pull-key",
        ]);
        expect(secret.inputs.stringData["[secret]"][".dockerconfigjson"].auths["icr.io"]).toEqual({
            auth: "[secret]",
            password: "[secret]",
            username: "iamapikey",
        });
    });

    it("--show-secrets reveals the fixed placeholder for the cloud-generated key", () => {
        const { code, stdout } = plan(["--json", "--show-secrets"]);
        expect(code).toBe(0);
        const doc = JSON.parse(stdout);
        const secret = doc.resources.find((r: any) => r.type === "kubernetes:core/v1:Secret");
        const dockerConfig = JSON.parse(secret.inputs.stringData[".dockerconfigjson"]);
        expect(dockerConfig.auths["icr.io"].password).toBe(API_KEY_PLACEHOLDER);
    });

    it("--stack NAME reads Pulumi.NAME.yaml, shows secure: values as [secret] and does not fail on them", () => {
        const dir = projectWith({
            prod: [
                "config:",
                "  ibm:ibmcloudApiKey:",
                "    secure: AAABAGVuY3J5cHRlZA==",
                "  registry-access:cluster: prod-cluster",
                "  registry-access:namespaces: [shop]",
                "  registry-access:dockerEmail:",
                "    secure: AAABAHNlY3JldA==",
                "",
            ].join("\n"),
        });
        const { code, stdout, stderr } = planIn(dir, ["--stack", "prod", "--json", "--show-secrets"]);
        // Only the policy pack's advice for an unscoped registry policy.
        expect(stderr).toBe(
            "policy registry-policy-scoped (advisory): ibm:index/iamServicePolicy:IamServicePolicy prod-cluster-registry-pull-policy: " +
                "resources has no region, no attributes.geography (global for icr.io) and no resourceType namespace, so it grants " +
                "on every registry namespace in every region of the account; set registry-access:registryRegions or registryNamespaces to narrow it\n",
        );
        expect(code).toBe(0);
        const doc = JSON.parse(stdout);
        expect(doc.stack).toBe("prod");
        const secret = doc.resources.find((r: any) => r.type === "kubernetes:core/v1:Secret");
        expect(secret.inputs.metadata.namespace).toBe("shop");
        expect(JSON.parse(secret.inputs.stringData[".dockerconfigjson"]).auths["icr.io"].email).toBe("[secret]");
    });

    it("reports config errors on stderr, exit 1, no stack trace, nothing on stdout", () => {
        const dir = projectWith({
            broken: "config:\n  registry-access:cluster: c1\n  registry-access:namespaces: [Bad_NS]\n  registry-access:roles: [Owner]\n",
        });
        const { code, stdout, stderr } = planIn(dir, ["--stack", "broken"]);
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain('registry-access:namespaces "Bad_NS": must be a DNS-1123 label');
        expect(stderr).toContain('registry-access:roles "Owner": must be one of Reader, Writer, Manager');
        expect(stderr).not.toMatch(/^\s+at /m);
    });

    it("plans a stack whose ESC environment only sets variables, warning that its definition is not committed", () => {
        const dir = projectWith({
            esc: [
                "environment:",
                "  - registry-access/dev",
                "config:",
                "  registry-access:cluster: c1",
                "  registry-access:namespaces: [team-a]",
                "  registry-access:registryRegions: [us-south]",
                "",
            ].join("\n"),
        });
        const { code, stdout, stderr } = planIn(dir, ["--stack", "esc", "--json"]);
        expect(code).toBe(0);
        expect(JSON.parse(stdout).stack).toBe("esc");
        expect(stderr).toBe(
            "warning: Pulumi.esc.yaml:1: environment registry-access/dev: the offline plan cannot open Pulumi ESC and reads " +
                "the environment's definition from esc/registry-access/dev.yaml, which does not exist, so its pulumiConfig values " +
                "are not in this plan; to include them, write it with `esc env get <org>/registry-access/dev --definition > esc/registry-access/dev.yaml`\n",
        );
    });

    it("says which stack file is missing", () => {
        const { code, stderr } = planIn(projectWith({}), ["--stack", "nope"]);
        expect(code).toBe(1);
        expect(stderr).toContain("no stack file Pulumi.nope.yaml");
    });
});

describe("the plan CLI as a process", () => {
    it("--help prints every flag and exits 0", () => {
        const help = planIn(ROOT, ["--help"]);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain("  --stack-file PATH");
        expect(help.stderr).toBe("");
    });

    it("plans an example by its file, and lists the project's stacks for an unknown one", () => {
        const example = planIn(ROOT, ["--stack-file", "examples/Pulumi.copy.yaml", "--check"]);
        expect(example).toMatchObject({ code: 0, stdout: "plan for stack copy matches examples/plans/copy.json\n" });
        const unknown = planIn(ROOT, ["--stack", "prod"]);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toBe(
            `plan: no stack file Pulumi.prod.yaml in ${ROOT}; its stacks: dev (a file elsewhere, such as an example: --stack-file PATH)\n`,
        );
    });

    it("answers --can-pull: yes 0, only if public 3, every link; an invalid reference 2, on stderr only", () => {
        const yes = planIn(ROOT, [
            "--stack-file",
            "examples/Pulumi.openshift.yaml",
            "--can-pull",
            "team-b/default",
            "us.icr.io/payments/api:1.4",
        ]);
        expect(yes).toEqual({
            code: 0,
            stdout:
                "yes: team-b/default can pull us.icr.io/payments/api:1.4\n" +
                "  ✓ namespace team-b has secret all-icr-io (icr)\n" +
                "  ✓ service account team-b/default references all-icr-io\n" +
                "  ✓ its docker config has credentials for us.icr.io\n" +
                "  ✓ policy of os-prod-registry-pull-id covers region us-south, registry namespace payments (region us-south, registry namespace payments)\n" +
                "  ✓ role Reader can pull\n",
            stderr: "",
        });
        const hub = planIn(ROOT, ["--can-pull", "team-a/default", "nginx:1.25"]);
        expect(hub.code).toBe(3);
        expect(hub.stdout.split("\n")[0]).toBe(
            "public only: team-a/default can pull nginx:1.25 only if it is public (no credentials of this stack for it)",
        );
        const invalid = planIn(ROOT, ["--can-pull", "team-a/default", "us.icr.io/payments/API:1"]);
        expect(invalid).toEqual({
            code: 2,
            stdout: "",
            stderr: 'plan: invalid reference "us.icr.io/payments/API:1": invalid reference format: repository name (payments/API) must be lowercase\n',
        });
        const access = planIn(ROOT, ["--stack-file", "examples/Pulumi.openshift.yaml", "--access", "--json"]);
        expect(access.code).toBe(0);
        expect(JSON.parse(access.stdout).map((r: { namespace: string }) => r.namespace)).toEqual([
            "*",
            "team-a",
            "team-a",
            "team-b",
            "team-b",
        ]);
    });

    it("reports a refused argument on stderr, exit 2, nothing on stdout", () => {
        expect(planIn(ROOT, ["--json", "--stack"])).toEqual({
            code: 2,
            stdout: "",
            stderr: expect.stringMatching(
                /^plan: Option '--stack <value>' argument missing; usage: npm run plan -- .*\n$/,
            ),
        });
    });
});
