/**
 * The markers the policy pack relies on are written from what the stack declared, never inferred from the
 * resource itself: a grant beyond Reader nobody declared, or a Secret in a system namespace nobody allowed,
 * carries no marker, and the pack refuses it.
 */
import * as path from "path";
import { runPolicies } from "../../plan/policies";
import { ProgramRun, runProgram } from "../../plan/runProgram";

process.setMaxListeners(100);

it("refuses an undeclared Writer grant and a Secret in a system namespace nobody allowed", async () => {
    const run: ProgramRun | undefined = await runProgram({
        project: "registry-access",
        stack: "undeclared",
        config: {},
        program: path.join(__dirname, "programs", "undeclaredGrants"),
    });
    const mandatory = runPolicies(run!.registrations)
        .filter((v) => v.enforcementLevel === "mandatory")
        .map((v) => [v.policy, v.urn.split("::").pop()]);
    expect(mandatory).toEqual([
        ["registry-roles-need-intent", "c1-registry-pull-policy"],
        ["no-system-namespaces", "kube-system.pull"],
    ]);
});
