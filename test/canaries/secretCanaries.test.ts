/**
 * One canary per kind of secret the program handles, pushed through the real program (the values as the
 * CLI hands them after decrypting) and out through every form a run can take: the plan as text, JSON and
 * Mermaid, `--check`'s diff, the access table and JSON, `--can-pull`, the pull-request comment, the stack
 * outputs, the policy pack's messages, whatever the run logs, and validation errors. No form may hold a
 * canary, its base64, or the base64 of `user:canary` (a docker config's `auth`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { accessModel } from "../../core/access/accessModel";
import { diffAccess, formatAccess } from "../../core/access/accessReport";
import { canPull } from "../../core/access/canPull";
import { ConfigError } from "../../core/config/validate";
import { diffPlans, formatDiff } from "../../core/review/diff";
import { planMermaid } from "../../core/review/mermaid";
import { formatViolations, runPolicies } from "../../plan/policies";
import { renderPlanComment } from "../../core/review/prComment";
import { PlanDocument, planDocument, planJson, planText, plainValue } from "../../core/review/render";
import { FakeCloud } from "../../plan/fakeCloud";
import { ProgramRun, runProgram } from "../../plan/runProgram";
import { PROGRAM } from "../fakes/programRuns";
import { GET_PULL_SECRETS } from "../../core/registry/copySource";
import { validateClusterConfig } from "../config/clusterConfig";
import { leakForms } from "../fakes/leakForms";

const CANARY = {
    ibmGeneratedKey: "CANARY-ibm-generated-key-7f3a",
    existingKey: "CANARY-existing-key-19bd",
    accountApiKey: "CANARY-account-key-c0de",
    entitlementKey: "CANARY-entitlement-key-5e11",
    privatePassword: "CANARY-private-password-aa01",
    operatorKey: "CANARY-operator-key-0p3r",
    copiedDockerConfig: "CANARY-copied-password-c0py",
};
const USERS = ["iamapikey", "cp", "robot", "token", ""];
const b64 = (s: string) => Buffer.from(s).toString("base64");

const ALL_FORMS = Object.values(CANARY).flatMap((c) => leakForms(c, USERS));

function expectNoCanary(where: string, text: string): void {
    const found = ALL_FORMS.filter((f) => text.includes(f));
    expect({ where, found }).toEqual({ where, found: [] });
}

/** The program under mocks, with IBM's generated key and the copied secrets replaced by canaries; logs captured. */
async function run(config: Record<string, unknown>, secretKeys: string[]): Promise<{ run: ProgramRun; logs: string }> {
    const captured: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
        jest
            .spyOn(console, m)
            .mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(" "))),
    );
    const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
        captured.push(String(chunk));
        return true;
    });
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
        captured.push(String(chunk));
        return true;
    });
    let result: ProgramRun | undefined;
    try {
        {
            class CanaryCloud extends FakeCloud {
                call(args: pulumi.runtime.MockCallArgs) {
                    if (args.token !== GET_PULL_SECRETS) return super.call(args);
                    const auth = b64(`iamapikey:${CANARY.copiedDockerConfig}`);
                    const json = (server: string) =>
                        JSON.stringify({
                            auths: {
                                [server]: { username: "iamapikey", password: CANARY.copiedDockerConfig, auth },
                            },
                        });
                    const names = args.inputs.names as string[];
                    return { dockerConfigJsons: Object.fromEntries(names.map((n) => [n, json("us.icr.io")])) };
                }
            }
            const qualified = Object.fromEntries(
                Object.entries(config).map(([k, v]) => [
                    k.includes(":") ? k : `registry-access:${k}`,
                    typeof v === "string" ? v : JSON.stringify(v),
                ]),
            );
            result = await runProgram({
                program: PROGRAM,
                cloud: new CanaryCloud(CANARY.ibmGeneratedKey),
                project: "registry-access",
                stack: "canary",
                config: qualified,
                secretKeys: secretKeys.map((k) => (k.includes(":") ? k : `registry-access:${k}`)),
            });
        }
    } finally {
        for (const s of [...spies, stdout, stderr]) s.mockRestore();
    }
    return { run: result!, logs: captured.join("\n") };
}

const registries = [
    { type: "icr", identity: "shared" },
    { type: "entitled", entitlementKey: CANARY.entitlementKey, namespaces: ["team-a"] },
    { type: "private", server: "registry.example.com", username: "robot", password: CANARY.privatePassword },
];

const STACKS: Record<string, { config: Record<string, unknown>; secretKeys: string[] }> = {
    "openshift, every source": {
        config: {
            platform: "openshift",
            cluster: "os1",
            namespaces: ["team-a", "team-b"],
            globalPullSecret: true,
            builderPush: true,
            registries,
            "ibm:ibmcloudApiKey": CANARY.operatorKey,
        },
        secretKeys: ["registries", "ibm:ibmcloudApiKey"],
    },
    "existing key and copies": {
        config: {
            cluster: "c1",
            namespaces: ["team-a", "team-b"],
            registries: [
                { type: "icr", identity: "existingKey", apiKey: CANARY.existingKey, namespaces: ["team-a"] },
                { type: "copy", namespaces: ["team-b"] },
            ],
        },
        secretKeys: ["registries"],
    },
    "another account's key": {
        config: {
            cluster: "c1",
            namespaces: ["team-a"],
            registries: [{ type: "icr", identity: "shared", accountApiKey: CANARY.accountApiKey }],
        },
        secretKeys: ["registries"],
    },
    "Code Engine": {
        config: {
            platform: "codeengine",
            codeEngineProjectId: "01234567-89ab-cdef-0123-456789abcdef",
            registries: [{ type: "icr", identity: "shared" }, registries[1], registries[2]].map((s) => {
                const { namespaces: _n, ...rest } = s as Record<string, unknown>;
                return rest;
            }),
        },
        secretKeys: ["registries"],
    },
};

const EMPTY: PlanDocument = { stack: "canary", project: "registry-access", resources: [] };

describe.each(Object.entries(STACKS))("stack %s", (_name, stack) => {
    let result: { run: ProgramRun; logs: string };
    beforeAll(async () => {
        result = await run(stack.config, stack.secretKeys);
    });

    it("carries its secrets to the cloud (so the canaries are really in the graph)", () => {
        const revealed = JSON.stringify(
            result.run.registrations.map((r) => plainValue(r.rawInputs, { showSecrets: true })),
        );
        const carried = Object.values(CANARY).filter(
            (c) => revealed.includes(c) || revealed.includes(b64(`iamapikey:${c}`)),
        );
        expect(carried.length).toBeGreaterThan(0);
    });

    it("leaks none through any output form", () => {
        const { run: r, logs } = result;
        const doc = planDocument(r);
        const rows = accessModel(doc);
        const resourceChanges = formatDiff(diffPlans(EMPTY, doc));
        const accessChanges = diffAccess([], rows);
        const outputs: Record<string, string> = {
            text: planText(r),
            json: planJson(r),
            mermaid: planMermaid(doc),
            check: resourceChanges,
            access: formatAccess(rows),
            accessJson: JSON.stringify(rows),
            canPull: JSON.stringify(canPull(rows, "team-a/default", "us.icr.io/apps/api:1")),
            comment: renderPlanComment({ stack: "canary", accessChanges, resourceChanges, matches: false }),
            stackOutputs: JSON.stringify(plainValue(r.rawOutputs, {})),
            policies: formatViolations(runPolicies(r.registrations)),
            logs,
        };
        for (const [where, text] of Object.entries(outputs)) expectNoCanary(where, text);
        expect(outputs.text).toContain("[secret]");
    });
});

describe("validation errors", () => {
    const base = { cluster: "c1", namespaces: JSON.stringify(["team-a"]) };
    it.each<[string, Record<string, string>, Set<string>]>([
        [
            "a secret field in plain text (not marked secret by the CLI)",
            {
                registries: JSON.stringify([
                    { type: "private", server: "r.example.com", username: "u", password: CANARY.privatePassword },
                ]),
            },
            new Set(),
        ],
        [
            "an entitlement key with an unknown field next to it",
            {
                registries: JSON.stringify([
                    { type: "entitled", entitlementKey: CANARY.entitlementKey, entitlment: CANARY.entitlementKey },
                ]),
            },
            new Set(["registries"]),
        ],
        ["a secret email that is no email", { dockerEmail: CANARY.operatorKey }, new Set(["dockerEmail"])],
        [
            "an existing key among other problems",
            {
                namespaces: "[]",
                registries: JSON.stringify([
                    { type: "icr", identity: "existingKey", apiKey: CANARY.existingKey, bogus: 1 },
                ]),
            },
            new Set(["registries"]),
        ],
    ])("%s: the message names the key, never the value", (_name, raw, secretKeys) => {
        let message = "";
        try {
            validateClusterConfig({ ...base, ...raw }, { secretKeys, unreadable: new Set() });
        } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            message = (err as Error).message;
        }
        expect(message).toMatch(/^invalid stack configuration/);
        expectNoCanary("error", message);
    });
});
