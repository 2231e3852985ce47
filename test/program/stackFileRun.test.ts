/** A stack file read as the CLI reads it, then planned: config that comes only from an ESC environment. */
import * as fs from "fs";
import * as path from "path";
import { readStackFiles } from "../../plan/readStackFiles";
import { planCli, run } from "../fakes/programRuns";

/** The line of Pulumi.yaml that declares a key (what type errors name). */
const declaredAt = (key: string) =>
    require("fs")
        .readFileSync(require("path").join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")
        .split("\n")
        .indexOf(`  ${key}:`) + 1;
import { projectWith } from "../fakes/planProject";

const dirs: string[] = [];
afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

it("a stack with only environment: plans", async () => {
    const dir = projectWith({ esc: "environment:\n  - registry-access/dev\n" });
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "esc", "registry-access"), { recursive: true });
    fs.writeFileSync(
        path.join(dir, "esc", "registry-access", "dev.yaml"),
        "values:\n  pulumiConfig:\n    cluster: esc-cluster\n    namespaces: [team-a]\n",
    );
    const stackConfig = readStackFiles(dir, "esc");
    expect(stackConfig.config["registry-access:cluster"]).toBe("esc-cluster");
    const names = (await run(stackConfig)).registrations.map((r) => r.name);
    expect(names).toContain("esc-cluster");
    expect(names.some((n) => n.startsWith("team-a"))).toBe(true);
});

describe("npm run plan (in process) on a stack file with problems: every one, in one message, exit 1", () => {
    it("a type error on one key and a rule violation on another", async () => {
        const dir = projectWith({
            mixed:
                "config:\n" +
                "  registry-access:cluster: c1\n" +
                "  registry-access:namespaces: team-a\n" +
                "  registry-access:roles: [Owner]\n",
        });
        dirs.push(dir);
        expect(await planCli(dir, ["--stack", "mixed"])).toEqual({
            code: 1,
            stdout: "",
            stderr:
                "plan: invalid stack configuration (2 problems):\n" +
                `  - Pulumi.mixed.yaml:3: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:${declaredAt("namespaces")}), but it is a string\n` +
                '  - registry-access:roles "Owner": must be one of Reader, Writer, Manager (service access roles of container-registry; case matters)\n',
        });
    });

    it("keys written twice, each named with its line, and nothing the rules say (the CLI reads no such file)", async () => {
        const dir = projectWith({
            twice:
                "config:\n" +
                "  registry-access:cluster: c1\n" +
                "  registry-access:roles: [Owner]\n" +
                "  registry-access:cluster: c2\n" +
                "  registry-access:registries:\n" +
                "    - type: private\n" +
                "      server: r.example\n" +
                "      server: r.example\n",
        });
        dirs.push(dir);
        expect(await planCli(dir, ["--stack", "twice"])).toEqual({
            code: 1,
            stdout: "",
            stderr:
                "plan: Pulumi.twice.yaml:4: registry-access:cluster is written twice (also at line 2)\n" +
                "Pulumi.twice.yaml:8: registry-access:registries[0].server is written twice (also at line 7)\n",
        });
    });
});
