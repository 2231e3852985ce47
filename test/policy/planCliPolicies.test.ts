/**
 * `npm run plan` runs the policy pack offline: violations on stderr as `policy <name> (<level>): <message>`, exit
 * 1 for a mandatory one in every mode but --write (so --check fails a pull request from a fork, no credentials
 * needed), advisory ones printed only, stdout of --json and --access --json still pure JSON.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, planIn, projectWith } from "../fakes/planProject";

const PUSH_STACK = [
    "config:",
    "  registry-access:cluster: qa-cluster",
    "  registry-access:namespaces: [team-a]",
    "  registry-access:roles: [Reader, Writer]",
    "  registry-access:roleIntent: push",
    "  registry-access:registryRegions: [us-south]",
    "",
].join("\n");

/** Our program with a stack transformation that drops the intent marker from every IAM policy's description. */
function projectWithoutMarker(): string {
    const dir = projectWith({ qa: PUSH_STACK });
    const pulumi = JSON.stringify(path.join(ROOT, "node_modules", "@pulumi", "pulumi"));
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        [
            `const pulumi = require(${pulumi});`,
            "pulumi.runtime.registerStackTransformation((args: any) =>",
            '    args.type === "ibm:index/iamServicePolicy:IamServicePolicy"',
            '        ? { props: { ...args.props, description: "Reader, Writer on container-registry" }, opts: args.opts }',
            "        : undefined,",
            ");",
            `module.exports = require(${JSON.stringify(path.join(ROOT, "index"))});`,
            "",
        ].join("\n"),
    );
    return dir;
}

const VIOLATION =
    "policy registry-roles-need-intent (mandatory): ibm:index/iamServicePolicy:IamServicePolicy " +
    "qa-cluster-registry-pull-policy-us-south: roles grants Writer on container-registry, beyond Reader, but " +
    'description carries no intent marker "(intent: push, from <key>)": set registry-access:roleIntent to push ' +
    '(which writes "(intent: push, from roleIntent)" into the description), or keep roles at Reader\n';

describe("npm run plan and the policy pack", () => {
    it("a stack with roles [Reader, Writer] and roleIntent push passes: no output on stderr, exit 0", () => {
        const dir = projectWith({ qa: PUSH_STACK });
        expect(planIn(dir, ["--stack", "qa", "--write"])).toMatchObject({ code: 0, stderr: "" });
        expect(planIn(dir, ["--stack", "qa", "--check"])).toEqual({
            code: 0,
            stdout: "plan for stack qa matches plans/qa.json\n",
            stderr: "",
        });
        const json = planIn(dir, ["--stack", "qa", "--json"]);
        expect(json).toMatchObject({ code: 0, stderr: "" });
        const policy = JSON.parse(json.stdout).resources.find(
            (r: any) => r.type === "ibm:index/iamServicePolicy:IamServicePolicy",
        );
        expect(policy.inputs.description).toContain("(intent: push, from roleIntent)");
    });

    it("the same program with the marker dropped fails every mode but --write, stdout untouched", () => {
        const dir = projectWithoutMarker();
        const json = planIn(dir, ["--stack", "qa", "--json"]);
        expect(json.code).toBe(1);
        expect(json.stderr).toBe(VIOLATION);
        expect(JSON.parse(json.stdout).stack).toBe("qa");

        // --write records the plan as it is and judges nothing; --check then fails on the policy alone.
        expect(planIn(dir, ["--stack", "qa", "--write"])).toEqual({
            code: 0,
            stdout: "wrote plans/qa.json\n",
            stderr: "",
        });
        expect(planIn(dir, ["--stack", "qa", "--check"])).toEqual({
            code: 1,
            stdout: "plan for stack qa matches plans/qa.json\n",
            stderr: VIOLATION,
        });

        const access = planIn(dir, ["--stack", "qa", "--access", "--json"]);
        expect(access).toMatchObject({ code: 1, stderr: VIOLATION });
        expect(JSON.parse(access.stdout)).toEqual(expect.any(Array));

        const text = planIn(dir, ["--stack", "qa"]);
        expect(text).toMatchObject({ code: 1, stderr: VIOLATION });
        expect(
            planIn(dir, ["--stack", "qa", "--can-pull", "team-a/default", "us.icr.io/payments/api:1"]),
        ).toMatchObject({
            code: 1,
            stderr: VIOLATION,
        });
    });

    it("advisory violations are printed and do not change the exit code", () => {
        const dir = projectWith({
            qa: "config:\n  registry-access:cluster: qa-cluster\n  registry-access:namespaces: [team-a]\n",
        });
        const { code, stdout, stderr } = planIn(dir, ["--stack", "qa", "--json"]);
        expect(code).toBe(0);
        expect(stderr).toMatch(
            /^policy registry-policy-scoped \(advisory\): ibm:index\/iamServicePolicy:IamServicePolicy qa-cluster-registry-pull-policy: resources has no region/,
        );
        expect(stderr.trim().split("\n")).toHaveLength(1);
        expect(JSON.parse(stdout).stack).toBe("qa");
    });
});
