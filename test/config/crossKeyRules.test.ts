/**
 * The rules on several keys (core/config/crossKeyRules.ts) where the table in validate.test.ts holds only the
 * refusals: what they accept, and the OpenShift checks held to their platform on their own.
 */
import { CROSS_KEY_CHECKS, stackPlans } from "../../core/config/crossKeyRules";
import { RawConfig, configProblems } from "../../core/config/validate";
import type { ConfigValues } from "../../core/config/typedConfig";
import { validateClusterConfig } from "./clusterConfig";

const base: RawConfig = { cluster: "dev-cluster", namespaces: JSON.stringify(["team-a", "team-b"]) };

describe("keepPreviousKey with keyRotation", () => {
    it("keeps a former key: a label other than the current one, or the first keys after a rotation", () => {
        const kept = validateClusterConfig({ ...base, keyRotation: "2027-q1", keepPreviousKey: "2026-q4" });
        expect([kept.keyRotation, kept.keepPreviousKey]).toEqual(["2027-q1", "2026-q4"]);
        const first = validateClusterConfig({ ...base, keyRotation: "2027-q1", keepPreviousKey: "initial" });
        expect([first.keyRotation, first.keepPreviousKey]).toEqual(["2027-q1", "initial"]);
    });

    it("says nothing when no former key is kept, whatever the current label reads like", () => {
        // "undefined" is a valid label (lower-case letters): no former key is named, so none is the current one.
        expect(configProblems({ ...base, keyRotation: "undefined" })).toEqual([]);
        expect(configProblems({ ...base, keyRotation: "2" })).toEqual([]);
    });
});

describe("the OpenShift check", () => {
    const openShiftCheck = CROSS_KEY_CHECKS.find((c) => c.keys.includes("buildConfigs"))!;
    /** What validation holds for a stack merging per-namespace keys into the cluster-wide pull secret. */
    const values = (platform: string) =>
        ({
            platform,
            cluster: "c1",
            namespaces: ["team-a"],
            secretName: "all-icr-io",
            registries: [{ type: "icr", identity: "perNamespace" }],
            globalPullSecret: true,
        }) as unknown as ConfigValues;
    // core/platforms/platformPlan.ts openShiftProblems: one key per namespace cannot go into one cluster-wide entry.
    const perNamespaceMerged = {
        path: "globalPullSecret",
        value: "true",
        rule: "merges one key per registry into the cluster-wide pull secret, and identity perNamespace has one per namespace; use identity shared, or leave globalPullSecret false",
    };

    it("speaks on platform openshift, as validation reports it", () => {
        const raw = {
            ...base,
            platform: "openshift",
            globalPullSecret: "true",
            registries: JSON.stringify([{ type: "icr", identity: "perNamespace" }]),
        };
        expect(configProblems(raw)).toEqual([
            { key: perNamespaceMerged.path, value: perNamespaceMerged.value, rule: perNamespaceMerged.rule },
        ]);
        expect(openShiftCheck.problems(values("openshift"), stackPlans(values("openshift")))).toEqual([
            perNamespaceMerged,
        ]);
    });

    it("says nothing on the other platforms, whatever values it is handed", () => {
        for (const platform of ["iks", "codeengine"]) {
            expect(openShiftCheck.problems(values(platform), stackPlans(values(platform)))).toEqual([]);
        }
    });
});

describe("the system-namespace check", () => {
    const systemCheck = CROSS_KEY_CHECKS.find((c) => c.keys.includes("allowedSystemNamespaces"))!;
    const values = (platform: string) =>
        ({ platform, namespaces: ["kube-system"], allowedSystemNamespaces: [] }) as unknown as ConfigValues;

    it("refuses a system namespace on a cluster, and says nothing where there is none (codeengine)", () => {
        expect(systemCheck.problems(values("iks"), stackPlans(values("iks"))).map((p) => [p.path, p.value])).toEqual([
            ["namespaces", "kube-system"],
        ]);
        expect(systemCheck.problems(values("codeengine"), stackPlans(values("codeengine")))).toEqual([]);
    });
});
