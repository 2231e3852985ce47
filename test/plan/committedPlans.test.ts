/**
 * Every worked stack file (the project's and the examples') plans as its committed plans/<stack>.json beside
 * it says (what `npm run plan -- --check` checks), in process: a stack file or the program changing without its
 * plan fails here.
 */
import * as fs from "fs";
import { PlanDocument, planDocument, planText } from "../../core/review/render";
import { ROOT, runStackFile } from "../fakes/programRuns";
import { WORKED_STACKS, WORKED_STACK_FILES, committedPlanFile, stackRef } from "../fakes/planProject";

const STACKS = WORKED_STACKS;

async function planOf(stack: string): Promise<{ doc: PlanDocument; text: string }> {
    const run = await runStackFile(ROOT, stackRef(stack));
    return { doc: planDocument(run), text: planText(run, {}) };
}

describe("committed plans", () => {
    it("cover the worked stacks of every registry source mode", () => {
        expect(STACKS).toEqual(
            expect.arrayContaining([
                "dev",
                "copy",
                "entitled",
                "dockerhub",
                "cross-account",
                "per-namespace",
                "existing-key",
            ]),
        );
    });

    it.each(STACKS)("stack %s plans as its committed plan", async (stack) => {
        const { diffPlans } = require("../../core/review/diff") as typeof import("../../core/review/diff");
        const committed = JSON.parse(fs.readFileSync(committedPlanFile(stack), "utf8")) as PlanDocument;
        const { doc, text } = await planOf(stack);
        expect(diffPlans(committed, doc)).toEqual([]);
        // The stack files' ciphertexts never reach a plan (`v1:` also starts Kubernetes kinds, as in
        // `image.openshift.io/v1:ImageStream`: look for the stack file's own ciphertexts).
        const stackFile = fs.readFileSync(WORKED_STACK_FILES[stack], "utf8");
        const ciphertexts = [...stackFile.matchAll(/secure:\s*(\S+)/g)].map((m) => m[1]);
        for (const c of ciphertexts) {
            expect(text).not.toContain(c);
            expect(JSON.stringify(doc)).not.toContain(c);
        }
    });
});
