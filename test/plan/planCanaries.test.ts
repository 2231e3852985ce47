/**
 * The plan CLI, run as a user runs it, on stack files holding canaries where a user may put a secret in
 * plain text (the operator's key, an ESC definition's value) or by mistake (a registry password, a line
 * next to a YAML syntax error): no mode prints one, writes one to a file, or echoes one in an error.
 */
import * as fs from "fs";
import * as path from "path";
import { leakForms } from "../fakes/leakForms";
import { planIn, projectWith } from "../fakes/planProject";

const OPERATOR = "CANARY-operator-plain-9c1d";
const ESC_VALUE = "CANARY-esc-plain-77ab";
const PASSWORD = "CANARY-password-plain-3f3f";
const NEXT_TO_ERROR = "CANARY-next-to-syntax-error-e5e5";
const FORMS = [OPERATOR, ESC_VALUE, PASSWORD, NEXT_TO_ERROR].flatMap((c) => leakForms(c, ["iamapikey", "robot", ""]));

const expectClean = (where: string, text: string) =>
    expect({ where, found: FORMS.filter((f) => text.includes(f)) }).toEqual({ where, found: [] });

const good = [
    "config:",
    "  registry-access:cluster: c1",
    "  registry-access:namespaces: [team-a, team-b]",
    `  ibm:ibmcloudApiKey: ${OPERATOR}`,
    "",
].join("\n");

describe("plan CLI canaries", () => {
    const dir = projectWith({
        good,
        esc: ["environment:", "  - registry-access/canary", ""].join("\n"),
        plaintextPassword: [
            "config:",
            "  registry-access:cluster: c1",
            "  registry-access:namespaces: [team-a]",
            "  registry-access:registries:",
            "    - type: private",
            "      server: registry.example.com",
            "      username: robot",
            `      password: ${PASSWORD}`,
            "",
        ].join("\n"),
        writtenTwice: [
            "config:",
            "  registry-access:cluster: c1",
            "  registry-access:namespaces: [team-a]",
            `  ibm:ibmcloudApiKey: ${OPERATOR}`,
            `  ibm:ibmcloudApiKey: ${OPERATOR}`,
            "  registry-access:registries:",
            "    - type: private",
            "      server: registry.example.com",
            "      username: robot",
            `      password: ${PASSWORD}`,
            `      password: ${PASSWORD}`,
            "",
        ].join("\n"),
        typeAndRules: [
            "config:",
            "  registry-access:cluster: c1",
            `  registry-access:namespaces: ${NEXT_TO_ERROR}`,
            `  registry-access:privateEndpoints: ${NEXT_TO_ERROR}`,
            "  registry-access:registries:",
            "    - type: private",
            "      server: registry.example.com",
            "      username: robot",
            `      password: ${PASSWORD}`,
            "",
        ].join("\n"),
        syntaxError: [
            "config:",
            "  registry-access:cluster: c1",
            `  ibm:ibmcloudApiKey: ${NEXT_TO_ERROR}`,
            "  registry-access:namespaces: [team-a",
            `  registry-access:dockerEmail: "${NEXT_TO_ERROR}`,
            "",
        ].join("\n"),
    });
    fs.mkdirSync(path.join(dir, "esc", "registry-access"), { recursive: true });
    fs.writeFileSync(
        path.join(dir, "esc", "registry-access", "canary.yaml"),
        [
            "values:",
            "  pulumiConfig:",
            "    registry-access:cluster: c1",
            "    registry-access:namespaces: [team-a]",
            `    ibm:ibmcloudApiKey: ${ESC_VALUE}`,
            "",
        ].join("\n"),
    );
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it.each([
        ["text", ["--stack", "good"]],
        ["json", ["--stack", "good", "--json"]],
        ["mermaid", ["--stack", "good", "--mermaid"]],
        ["access", ["--stack", "good", "--access"]],
        ["access json", ["--stack", "good", "--access", "--json"]],
        ["can-pull", ["--stack", "good", "--can-pull", "team-a/default", "us.icr.io/apps/api:1"]],
        ["ESC definition", ["--stack", "esc", "--json"]],
    ])("%s: prints no canary on stdout or stderr", (_name, args) => {
        const r = planIn(dir, args);
        expect(r.stdout.length).toBeGreaterThan(0);
        expectClean("stdout", r.stdout);
        expectClean("stderr", r.stderr);
    });

    it("the canaries are really in the graph: --show-secrets (never used by CI) reveals them", () => {
        expect(planIn(dir, ["--stack", "good", "--json", "--show-secrets"]).stdout).toContain(OPERATOR);
        expect(planIn(dir, ["--stack", "esc", "--json", "--show-secrets"]).stdout).toContain(ESC_VALUE);
    });

    it("--write and --check --report write no canary into the plan or the comment", () => {
        const written = planIn(dir, ["--stack", "good", "--write"]);
        expect(written.code).toBe(0);
        expectClean("plan file", fs.readFileSync(path.join(dir, "plans", "good.json"), "utf8"));
        const report = path.join(dir, "report.md");
        const checked = planIn(dir, ["--stack", "esc", "--check", "--report", report]);
        expectClean("check", checked.stdout + checked.stderr);
        expectClean("report", fs.readFileSync(report, "utf8"));
    });

    it.each([
        ["a password in plain text", "plaintextPassword", /registries\[0\]\.password/],
        ["a YAML syntax error next to a secret line", "syntaxError", /Pulumi\.syntaxError\.yaml/],
        ["secrets written twice", "writtenTwice", /registries\[0\]\.password is written twice/],
        [
            "type errors with a plain-text password",
            "typeAndRules",
            /privateEndpoints[^\n]*\n[^\n]*registries\[0\]\.password/,
        ],
    ])("%s: one error naming where, never the value", (_name, stack, where) => {
        const r = planIn(dir, ["--stack", stack]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(where);
        expectClean("stderr", r.stderr);
        expectClean("stdout", r.stdout);
    });
});
