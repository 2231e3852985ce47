/**
 * No violation message ever carries a secret value: a canary password, its base64 forms and the API key the
 * fake cloud hands out go into resources that break every policy at once, and appear in no message, whichever
 * runner reports it (test/canaries/policyMessages.test.ts does the same with a real program run).
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { formatViolations, runPolicies } from "../../plan/policies";
import type { Registration } from "../../plan/runProgram";
import { REGISTRY_ACCESS_POLICIES } from "../../policy/policies";
import { buildDockerConfigJson } from "../../core/registry/dockerConfig";
import { codeEngineSecret, dockerConfigSecret } from "./fixtures";

const CANARY = "canary-7f3e9a1c-DO-NOT-PRINT";

/** The canary as it may appear in a docker config: plain, base64 alone, base64 of user:password (`auth`). */
function canaryForms(user: string): string[] {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    return [CANARY, b64(CANARY), b64(`${user}:${CANARY}`), b64(`iamapikey:${CANARY}`)];
}

function expectNoCanary(text: string, user = "token") {
    for (const form of canaryForms(user)) expect(text).not.toContain(form);
}

/** A registration breaking every mandatory policy with a canary inside: deprecated server, token user, plain data, kube-system, IBM's name. */
function leakyRegistration(): Registration {
    const config = buildDockerConfigJson(["registry.ng.bluemix.net", "registry.jp-tok.bluemix.net"], {
        username: "token",
        password: CANARY,
        email: CANARY,
    });
    return {
        urn: "urn:pulumi:dev::registry-access::kubernetes:core/v1:Secret::default.all-icr-io",
        type: "kubernetes:core/v1:Secret",
        name: "default.all-icr-io",
        custom: true,
        dependsOn: [],
        aliases: [],
        rawInputs: {
            apiVersion: "v1",
            kind: "Secret",
            type: "kubernetes.io/dockerconfigjson",
            metadata: { name: "all-icr-io", namespace: "kube-system" },
            stringData: { ".dockerconfigjson": config },
            data: { ".dockerconfigjson": Buffer.from(config).toString("base64") },
        },
    };
}

describe("violation messages never print a secret value", () => {
    it("every policy on resources that break it with a canary inside", () => {
        const resources = [
            dockerConfigSecret({
                namespace: "kube-system",
                secretName: "all-icr-io",
                servers: ["registry.bluemix.net"],
                username: "token",
                password: CANARY,
                secret: [],
            }),
            dockerConfigSecret({
                namespace: "default",
                secretName: "all-icr-io",
                servers: ["registry.eu-gb.bluemix.net"],
                username: "token",
                password: CANARY,
                field: "data",
                secret: [],
            }),
            codeEngineSecret({ server: "registry.au-syd.bluemix.net", username: "token", password: CANARY }, []),
        ];
        const messages = resources.flatMap((r) => REGISTRY_ACCESS_POLICIES.flatMap((p) => p.check(r)));
        // Every mandatory policy that applies fired, so the messages had every chance to leak.
        expect(messages.length).toBeGreaterThanOrEqual(9);
        for (const m of messages) expectNoCanary(m);
    });

    it("the offline runner's lines, with the canary inside secret markers and outside", () => {
        const plain = leakyRegistration();
        const marked: Registration = {
            ...plain,
            rawInputs: {
                ...plain.rawInputs,
                stringData: { [specialSigKey]: specialSecretSig, value: plain.rawInputs.stringData },
            },
        };
        const violations = runPolicies([plain, marked]);
        expect(new Set(violations.map((v) => v.policy))).toEqual(
            new Set(["no-deprecated-registries", "pull-secret-data-is-secret", "no-system-namespaces"]),
        );
        const text = formatViolations(violations);
        expectNoCanary(text);
        expect(text).toContain("registry.ng.bluemix.net");
    });
});
