/**
 * The policy pack offline (plan/policies.ts): the wire form read as the analyzer reads it, secretness kept; every
 * committed stack free of mandatory violations; and a program run whose registrations, mutated one input at a
 * time, each fail the policy that guards it.
 */
import * as path from "path";
import { specialResourceSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import {
    formatViolations,
    hasMandatory,
    analyzerValue,
    policyResource,
    runPolicies,
    secretAt,
} from "../../plan/policies";
import type { ProgramRun, Registration } from "../../plan/runProgram";
import { runStackFile } from "../fakes/programRuns";
import { WORKED_STACKS, projectWith, stackRef } from "../fakes/planProject";

const ROOT = path.join(__dirname, "..", "..");
const STACKS = WORKED_STACKS;

process.setMaxListeners(100);

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

const runStack = (projectDir: string, stack: string): Promise<ProgramRun> => runStackFile(projectDir, stack);

describe("the wire form, as the analyzer reads it", () => {
    const raw = {
        metadata: { name: "all-icr-io", namespace: "team-a" },
        stringData: secret({ ".dockerconfigjson": '{"auths":{}}' }),
        data: { ".dockerconfigjson": secret("e30=") },
        plain: { a: "x", b: secret("y") },
        empty: {},
        provider: {
            [specialSigKey]: specialResourceSig,
            urn: "urn:pulumi:s::p::pulumi:providers:kubernetes::k",
            id: "abc",
        },
        component: {
            [specialSigKey]: specialResourceSig,
            urn: "urn:pulumi:s::p::registry-access:index:PullIdentity::x",
        },
        list: [secret("a"), "b"],
    };

    it("unwraps secrets and downgrades resource references to their ID, else URN", () => {
        expect(analyzerValue(raw)).toEqual({
            metadata: { name: "all-icr-io", namespace: "team-a" },
            stringData: { ".dockerconfigjson": '{"auths":{}}' },
            data: { ".dockerconfigjson": "e30=" },
            plain: { a: "x", b: "y" },
            empty: {},
            provider: "abc",
            component: "urn:pulumi:s::p::registry-access:index:PullIdentity::x",
            list: ["a", "b"],
        });
    });

    it("keeps whether each input was secret: marked, inside a marked value, or wholly made of secrets", () => {
        expect(secretAt(raw, ["stringData"])).toBe(true);
        expect(secretAt(raw, ["stringData", ".dockerconfigjson"])).toBe(true);
        expect(secretAt(raw, ["data"])).toBe(true);
        expect(secretAt(raw, ["plain"])).toBe(false);
        expect(secretAt(raw, ["plain", "b"])).toBe(true);
        expect(secretAt(raw, ["metadata"])).toBe(false);
        expect(secretAt(raw, ["metadata", "name"])).toBe(false);
        expect(secretAt(raw, ["list"])).toBe(false);
        expect(secretAt(raw, ["missing"])).toBe(false);
        expect(secretAt(raw, ["empty"])).toBe(true);
    });

    it("gives policies the registration's URN, type, name, plain props and secretness", () => {
        const r: Registration = {
            urn: "urn:pulumi:dev::registry-access::kubernetes:core/v1:Secret::team-a.all-icr-io",
            type: "kubernetes:core/v1:Secret",
            name: "team-a.all-icr-io",
            custom: true,
            dependsOn: [],
            rawInputs: raw,
            aliases: [],
        };
        const resource = policyResource(r);
        expect(resource).toMatchObject({ urn: r.urn, type: r.type, name: r.name, props: analyzerValue(raw) });
        expect(resource.isSecret?.(["stringData"])).toBe(true);
        expect(resource.isSecret?.(["plain"])).toBe(false);
    });
});

describe("every committed stack", () => {
    it.each(STACKS)("stack %s has no mandatory violation", async (stack) => {
        const run = await runStackFile(ROOT, stackRef(stack));
        const violations = runPolicies(run.registrations);
        expect(violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
        expect(hasMandatory(violations)).toBe(false);
    });
});

describe("a program run, one input mutated at a time", () => {
    const stackFile = [
        "config:",
        "  registry-access:cluster: qa-cluster",
        "  registry-access:namespaces: [team-a, kube-system]",
        "  registry-access:allowedSystemNamespaces: [kube-system]",
        "  registry-access:roles: [Reader, Writer]",
        "  registry-access:roleIntent: push",
        "  registry-access:registryRegions: [us-south]",
        "",
    ].join("\n");
    let run: ProgramRun;
    beforeAll(async () => {
        run = await runStack(projectWith({ qa: stackFile }), "qa");
    });

    const find = (registrations: Registration[], type: string, name?: string) => {
        const found = registrations.find((r) => r.type === type && (name === undefined || r.name === name));
        if (!found) throw new Error(`no ${type} ${name ?? ""}`);
        return found as Registration & { rawInputs: Record<string, any> };
    };
    /** A deep copy of the registrations, with `mutate` applied to the one found. */
    const mutated = (type: string, name: string | undefined, mutate: (inputs: Record<string, any>) => void) => {
        const copy = structuredClone(run.registrations);
        mutate(find(copy, type, name).rawInputs);
        return copy;
    };
    const only = (registrations: Registration[]) => {
        const violations = runPolicies(registrations);
        expect(violations).toHaveLength(1);
        return violations[0];
    };

    it("as the program makes it passes every policy; the kube-system Secret (and only it) carries the opt-in", () => {
        expect(runPolicies(run.registrations)).toEqual([]);
        const annotations = (name: string) =>
            find(run.registrations, "kubernetes:core/v1:Secret", name).rawInputs.metadata.annotations;
        expect(annotations("kube-system.all-icr-io")).toHaveProperty(
            ["registry-access.io/opt-in"],
            "allowedSystemNamespaces",
        );
        expect(annotations("team-a.all-icr-io")).not.toHaveProperty(["registry-access.io/opt-in"]);
    });

    it("Writer without the intent marker fails registry-roles-need-intent", () => {
        const policy = find(run.registrations, "ibm:index/iamServicePolicy:IamServicePolicy");
        expect(policy.rawInputs.description).toContain("(intent: push, from roleIntent)");
        const v = only(
            mutated(policy.type, policy.name, (i) => {
                i.description = i.description.replace(/ \(intent: .*\)$/, "");
            }),
        );
        expect(v).toMatchObject({
            policy: "registry-roles-need-intent",
            enforcementLevel: "mandatory",
            urn: policy.urn,
        });
        expect(v.message).toMatch(
            /^ibm:index\/iamServicePolicy:IamServicePolicy qa-cluster-registry-pull-policy-us-south: roles grants Writer/,
        );
    });

    it("a Kubernetes provider with upsertExistingObjects true fails kubernetes-provider-pinned", () => {
        const v = only(mutated("pulumi:providers:kubernetes", undefined, (i) => (i.upsertExistingObjects = "true")));
        expect(v).toMatchObject({ policy: "kubernetes-provider-pinned", enforcementLevel: "mandatory" });
        expect(v.message).toContain("pulumi:providers:kubernetes qa-cluster: upsertExistingObjects is not false");
    });

    it("the Secret in kube-system without the opt-in fails no-system-namespaces", () => {
        const v = only(
            mutated("kubernetes:core/v1:Secret", "kube-system.all-icr-io", (i) => {
                delete i.metadata.annotations["registry-access.io/opt-in"];
            }),
        );
        expect(v).toMatchObject({ policy: "no-system-namespaces", enforcementLevel: "mandatory" });
        expect(v.urn).toBe("urn:pulumi:qa::registry-access::kubernetes:core/v1:Secret::kube-system.all-icr-io");
    });

    it("a docker config handed over in plain text fails pull-secret-data-is-secret", () => {
        const v = only(
            mutated("kubernetes:core/v1:Secret", "team-a.all-icr-io", (i) => {
                i.stringData = i.stringData.value;
            }),
        );
        expect(v).toMatchObject({ policy: "pull-secret-data-is-secret", enforcementLevel: "mandatory" });
        expect(v.message).toContain(
            "kubernetes:core/v1:Secret team-a.all-icr-io: stringData holds a registry credential",
        );
    });

    it("a deprecated registry domain in a docker config fails no-deprecated-registries", () => {
        const v = only(
            mutated("kubernetes:core/v1:Secret", "team-a.all-icr-io", (i) => {
                const config = JSON.parse(i.stringData.value[".dockerconfigjson"]);
                config.auths["registry.ng.bluemix.net"] = config.auths["us.icr.io"];
                i.stringData.value[".dockerconfigjson"] = JSON.stringify(config);
            }),
        );
        expect(v).toMatchObject({ policy: "no-deprecated-registries", enforcementLevel: "mandatory" });
        expect(v.message).toContain("has an entry for registry.ng.bluemix.net");
    });

    it("an unscoped registry policy is advisory only", () => {
        const violations = runPolicies(
            mutated(
                "ibm:index/iamServicePolicy:IamServicePolicy",
                undefined,
                (i) => (i.resources = { service: "container-registry" }),
            ),
        );
        expect(violations.map((v) => [v.policy, v.enforcementLevel])).toEqual([["registry-policy-scoped", "advisory"]]);
        expect(hasMandatory(violations)).toBe(false);
        expect(formatViolations(violations)).toMatch(
            /^policy registry-policy-scoped \(advisory\): ibm:index\/iamServicePolicy:IamServicePolicy qa-cluster-registry-pull-policy-us-south: resources has no region.*\n$/,
        );
    });
});
