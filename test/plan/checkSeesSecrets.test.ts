/**
 * `npm run plan -- --check` sees a change inside a secret: the plan shows secrets by their non-secret
 * structure (core/review/secretStructure.ts), so a changed dockerEmail or the private.*icr.io servers that
 * privateEndpoints adds are resource changes, named in the diff, while no password reaches the output.
 */
import * as fs from "fs";
import * as path from "path";
import { API_KEY_PLACEHOLDER } from "../../plan/fakeCloud";
import { planIn, projectWith } from "../fakes/planProject";

const stack = (extra: string[] = []) =>
    [
        "config:",
        "  registry-access:cluster: c1",
        "  registry-access:namespaces: [team-a]",
        "  registry-access:registryRegions: [us-south]",
        "  registry-access:dockerEmail: old@example.com",
        ...extra,
        "",
    ].join("\n");

const SECRET_LINE = "  ~ changed  kubernetes:core/v1:Secret  team-a.all-icr-io";
const AUTHS = "stringData.[secret]..dockerconfigjson.auths";

describe("npm run plan -- --check sees changes inside secrets", () => {
    const dir = projectWith({ qa: stack() });
    const writeStack = (text: string) => fs.writeFileSync(path.join(dir, "Pulumi.qa.yaml"), text);

    beforeAll(() => {
        expect(planIn(dir, ["--stack", "qa", "--write"])).toMatchObject({ code: 0, stdout: "wrote plans/qa.json\n" });
        const committed = fs.readFileSync(path.join(dir, "plans", "qa.json"), "utf8");
        expect(committed).toContain('"email": "old@example.com"');
        expect(committed).not.toContain(API_KEY_PLACEHOLDER);
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("matches the plan it wrote", () => {
        writeStack(stack());
        expect(planIn(dir, ["--stack", "qa", "--check"])).toMatchObject({
            code: 0,
            stdout: "plan for stack qa matches plans/qa.json\n",
        });
    });

    it("fails on a changed registry-access:dockerEmail, naming the old and new email", () => {
        writeStack(stack().replace("old@example.com", "new@example.com"));
        const { code, stdout } = planIn(dir, ["--stack", "qa", "--check"]);
        expect(code).toBe(1);
        expect(stdout).toContain("plan for stack qa differs from plans/qa.json:");
        expect(stdout).toContain(SECRET_LINE);
        expect(stdout).toContain(`        ${AUTHS}.us.icr.io.email: "old@example.com" → "new@example.com"\n`);
        expect(stdout).toContain("0 added, 0 removed, 0 replaced, 1 changed");
        expect(stdout).not.toContain(API_KEY_PLACEHOLDER);
    });

    it("fails on registry-access:privateEndpoints: true, naming the private servers added", () => {
        writeStack(stack(["  registry-access:privateEndpoints: true"]));
        const { code, stdout } = planIn(dir, ["--stack", "qa", "--check"]);
        expect(code).toBe(1);
        expect(stdout).toContain(SECRET_LINE);
        expect(stdout).toContain(`        ${AUTHS}.private.us.icr.io.username: (none) → "iamapikey"\n`);
        expect(stdout).toContain(`        ${AUTHS}.private.us.icr.io.email: (none) → "old@example.com"\n`);
        expect(stdout).toContain(`        ${AUTHS}.private.us.icr.io.password: (none) → "[secret]"\n`);
        expect(stdout).toContain(`        ${AUTHS}.private.us.icr.io.auth: (none) → "[secret]"\n`);
        expect(stdout).not.toContain(API_KEY_PLACEHOLDER);
        expect(stdout).not.toContain(Buffer.from(`iamapikey:${API_KEY_PLACEHOLDER}`).toString("base64"));
    });
});
