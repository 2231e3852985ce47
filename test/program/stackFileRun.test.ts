/** A stack file read as the CLI reads it, then planned: config that comes only from an ESC environment. */
import * as fs from "fs";
import * as path from "path";
import { readStackFiles } from "../../plan/readStackFiles";
import { run } from "../fakes/programRuns";
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
