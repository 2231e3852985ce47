/**
 * Policy violation messages of a real program run never carry a secret: the API key the fake cloud hands out
 * is the canary, and the run's inputs are mutated to break every mandatory policy at once.
 */
import { formatViolations, runPolicies } from "../../plan/policies";
import { FakeCloud } from "../../plan/fakeCloud";
import type { ProgramRun, Registration } from "../../plan/runProgram";
import { runStackFile } from "../fakes/programRuns";
import { projectWith } from "../fakes/planProject";

const CANARY = "canary-7f3e9a1c-DO-NOT-PRINT";

function expectNoCanary(text: string, user: string) {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    for (const form of [CANARY, b64(CANARY), b64(`${user}:${CANARY}`)]) expect(text).not.toContain(form);
}

it("a real program run whose API key is the canary, its inputs mutated to break the policies", async () => {
    const dir = projectWith({
        qa: "config:\n  registry-access:cluster: qa-cluster\n  registry-access:namespaces: [team-a]\n",
    });
    const run: ProgramRun | undefined = await runStackFile(dir, "qa", new FakeCloud(CANARY));
    const registrations = structuredClone(run!.registrations);
    const secret = registrations.find((r) => r.type === "kubernetes:core/v1:Secret")! as Registration & {
        rawInputs: any;
    };
    expect(JSON.stringify(secret.rawInputs)).toContain(Buffer.from(`iamapikey:${CANARY}`).toString("base64"));
    // Plain text, a deprecated domain, the token user, a system namespace.
    const config = JSON.parse(secret.rawInputs.stringData.value[".dockerconfigjson"]);
    config.auths["registry.ng.bluemix.net"] = { ...config.auths["icr.io"], username: "token" };
    secret.rawInputs.stringData = { ".dockerconfigjson": JSON.stringify(config) };
    secret.rawInputs.metadata.namespace = "kube-system";
    const text = formatViolations(runPolicies(registrations));
    expect(text).toContain("policy pull-secret-data-is-secret (mandatory)");
    expect(text).toContain("policy no-deprecated-registries (mandatory)");
    expect(text).toContain("policy no-system-namespaces (mandatory)");
    expectNoCanary(text, "iamapikey");
    expectNoCanary(text, "token");
});
