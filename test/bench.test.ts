import { execFileSync } from "child_process";
import * as path from "path";
import type { Registration } from "../plan/runProgram";
import { longestChain, shapeOf } from "../bench/worker";

const reg = (name: string, dependsOn: string[] = [], parent?: string): Registration =>
    ({ urn: `u:${name}`, type: "t", name, custom: true, parent, dependsOn, rawInputs: {} });

describe("bench figures", () => {
    it("counts the nodes on the longest dependency path", () => {
        expect(longestChain([])).toBe(0);
        expect(longestChain([reg("a")])).toBe(1);
        expect(longestChain([reg("id"), reg("key", ["u:id"]), reg("policy", ["u:id"]), reg("secret", ["u:key"]), reg("ref", ["u:secret"])])).toBe(4);
    });

    it("gives the same shape for the same resources in any order, another for a different parent", () => {
        const a = [reg("x"), reg("y", ["u:x"], "u:x")];
        expect(shapeOf(a)).toBe(shapeOf([...a].reverse()));
        expect(shapeOf(a)).not.toBe(shapeOf([reg("x"), reg("y", ["u:x"])]));
    });

    it("has the floor register exactly the program's resources", () => {
        const worker = (mode: string) => JSON.parse(execFileSync(path.join(__dirname, "..", "node_modules", ".bin", "ts-node"),
            ["--transpile-only", path.join(__dirname, "..", "bench", "worker.ts"), mode, "3"], { encoding: "utf8" }).trim());
        const program = worker("program");
        const floor = worker("floor");
        expect(program).toMatchObject({ resources: 19, longestChain: 4, invokes: 1 });
        expect(floor).toMatchObject({ resources: 19, longestChain: 4, invokes: 0, shape: program.shape, inputs: program.inputs });
    });
});
