/**
 * A stack file whose values Pulumi.yaml's types refuse for some keys: plan/readStackFiles.ts's readStack hands
 * back those problems with the config of the other keys, and core/stackFile/stackProblems.ts makes one message
 * of them and of what the program's validation says of the other keys.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CONFIG_KEY_NAMES } from "../../core/config/contract";
import { stackProblemsMessage } from "../../core/stackFile/stackProblems";
import { StackFileError, readStack, readStackFiles } from "../../plan/readStackFiles";

/** The line of Pulumi.yaml that declares a key (what type errors name). */
const declaredAt = (key: string) =>
    require("fs")
        .readFileSync(require("path").join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")
        .split("\n")
        .indexOf(`  ${key}:`) + 1;
import { ROOT, WORKED_STACKS, WORKED_STACK_FILES, stackRef } from "../fakes/planProject";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A project with our Pulumi.yaml and the stack file `s`. */
function stackDir(stackFile: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-stackproblems-"));
    dirs.push(dir);
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackFile);
    return dir;
}

const MIXED =
    "config:\n" +
    "  registry-access:cluster: c1\n" +
    "  registry-access:namespaces: team-a\n" +
    "  registry-access:roles: [Owner]\n" +
    "  registry-access:privateEndpoints: CANARY\n" +
    "  registry-access:secretName:\n" +
    "    secure: v1:CANARY\n";

const NAMESPACES_TYPE = `Pulumi.s.yaml:3: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:${declaredAt("namespaces")}), but it is a string`;
const PRIVATE_ENDPOINTS_TYPE = `Pulumi.s.yaml:5: registry-access:privateEndpoints must be of type 'boolean' (Pulumi.yaml:${declaredAt("privateEndpoints")}), but it is a string other than true and false`;

describe("readStack: the keys Pulumi.yaml's types refuse, apart from the config of the others", () => {
    it("leaves the refused keys out of the config and returns their problems, each with its key", () => {
        const read = readStack(stackDir(MIXED), "s");
        expect(read.keyProblems).toEqual([
            { file: "Pulumi.s.yaml", line: 3, key: "registry-access:namespaces", message: expect.any(String) },
            { file: "Pulumi.s.yaml", line: 5, key: "registry-access:privateEndpoints", message: expect.any(String) },
        ]);
        expect(read.config["registry-access:namespaces"]).toBeUndefined();
        expect(read.config["registry-access:privateEndpoints"]).toBeUndefined();
        expect(read.config["registry-access:roles"]).toBe('["Owner"]');
        expect(read.secretKeys).toEqual(["registry-access:secretName"]);
        // readStackFiles, for what needs the whole config, throws them.
        expect(() => readStackFiles(stackDir(MIXED), "s")).toThrow(new StackFileError(read.keyProblems).message);
        expect(new StackFileError(read.keyProblems).message).toBe(`${NAMESPACES_TYPE}\n${PRIVATE_ENDPOINTS_TYPE}`);
    });

    it("throws every problem when one is not of a single key's value (the file is not what the CLI reads)", () => {
        expect(() => readStack(stackDir(`${MIXED}  registry-access:cluster: c2\n`), "s")).toThrow(
            new Error(
                `${NAMESPACES_TYPE}\n${PRIVATE_ENDPOINTS_TYPE}\n` +
                    "Pulumi.s.yaml:8: registry-access:cluster is written twice (also at line 2)",
            ),
        );
        expect(() => readStack(stackDir(`${MIXED}  x: [\n`), "s")).toThrow(
            new Error(
                "Pulumi.s.yaml:9: column 1: YAML syntax error: unexpected end of the stream within a flow collection",
            ),
        );
    });
});

describe("stackProblemsMessage: the stack file's problems and the rules' on the other keys, in one message", () => {
    it("lists both kinds, each naming its file and line or its key, never a secret's value", () => {
        const read = readStack(stackDir(MIXED), "s");
        const message = stackProblemsMessage(read.keyProblems, read.config, read.secretKeys);
        expect(message).toBe(
            [
                "invalid stack configuration (4 problems):",
                `  - ${NAMESPACES_TYPE}`,
                `  - ${PRIVATE_ENDPOINTS_TYPE}`,
                "  - registry-access:secretName: must not be a secret: it names cloud or cluster resources and appears in plans",
                '  - registry-access:roles "Owner": must be one of Reader, Writer, Manager (service access roles of container-registry; case matters)',
            ].join("\n"),
        );
        expect(message).not.toContain("CANARY");
    });

    it("a refused key is not also reported by the rules (namespaces is required on iks)", () => {
        const read = readStack(
            stackDir("config:\n  registry-access:cluster: c1\n  registry-access:namespaces: 1\n"),
            "s",
        );
        expect(stackProblemsMessage(read.keyProblems, read.config, read.secretKeys)).toBe(
            "invalid stack configuration (1 problem):\n" +
                `  - Pulumi.s.yaml:3: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:${declaredAt("namespaces")}), but it is a string`,
        );
    });

    it("any key of a committed stack refused: that problem alone, whatever the rules on several keys read", () => {
        for (const stack of WORKED_STACKS) {
            const { config, secretKeys } = readStackFiles(ROOT, stackRef(stack));
            const file = path.relative(ROOT, WORKED_STACK_FILES[stack]);
            for (const name of CONFIG_KEY_NAMES) {
                const key = `registry-access:${name}`;
                const problem = { file, line: 2, key, message: `${key} is refused` };
                const rest = Object.fromEntries(Object.entries(config).filter(([k]) => k !== key));
                expect([stack, stackProblemsMessage([problem], rest, secretKeys)]).toEqual([
                    stack,
                    `invalid stack configuration (1 problem):\n  - ${file}:2: ${key} is refused`,
                ]);
            }
        }
    });
});
