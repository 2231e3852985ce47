/**
 * Key rotation, retention, expiry and protection, on the graph the engine receives: which keys exist,
 * who consumes which, and (through a model of the engine's order) that no consumer ever holds a deleted key.
 */
import { diffPlans, formatDiff } from "../../core/review/diff";
import { planDocument } from "../../core/review/render";
import type { ProgramRun, Registration } from "../../plan/runProgram";
import { ConfigValue, T, inputsOf, ofType, one, runStack } from "../fakes/programRuns";

const PROJECT = "01234567-89ab-cdef-0123-456789abcdef";
const cluster = (extra: Record<string, ConfigValue> = {}) =>
    runStack({ cluster: "c1", namespaces: ["a", "b"], ...extra });
const keyNames = (run: ProgramRun) => ofType(run, T.apiKey).map((k) => k.name);

/** Everything whose registration waits for `urn` (the engine's dependency edges). */
const consumersOf = (run: ProgramRun, urn: string) => run.registrations.filter((r) => r.dependsOn.includes(urn));

/**
 * The engine's order as a model (pulumi/pulumi pkg/resource/deploy/deployment_executor.go, performPostSteps,
 * cited in core/iam/keyLifecycle.ts): what the program registers is created or updated while it runs, each after
 * what it depends on; what it no longer registers is deleted after it has finished. The model puts deletes
 * last by construction: what the tests check against it is the program's graph — that every consumer of the
 * old key is registered again and depends on the new one, which is what makes that order safe.
 */
function engineSteps(before: ProgramRun, after: ProgramRun): string[] {
    const old = new Set(before.registrations.map((r) => r.urn));
    const steps = after.registrations.map((r) => `${old.has(r.urn) ? "update" : "create"} ${r.urn}`);
    const registered = new Set(after.registrations.map((r) => r.urn));
    for (const r of before.registrations) if (!registered.has(r.urn)) steps.push(`delete ${r.urn}`);
    return steps;
}

function stepIndex(steps: string[], kind: string, urn: string): number {
    const i = steps.indexOf(`${kind} ${urn}`);
    if (i < 0) throw new Error(`no step ${kind} ${urn} in\n${steps.join("\n")}`);
    return i;
}

describe("keyRotation", () => {
    it("is off by default: one key named as before, unprotected, without expiry", async () => {
        const run = await cluster();
        expect(keyNames(run)).toEqual(["c1-registry-pull-key"]);
        const key = one(run, T.apiKey);
        expect(inputsOf(key).name).toBe("c1-registry-pull-key");
        expect(inputsOf(key).expiresAt).toBeUndefined();
        expect([key.protect, one(run, T.serviceId).protect]).toEqual([false, false]);
    });

    it("a new label creates a new key that every Secret consumes; the old one is deleted after all of them", async () => {
        const before = await cluster();
        const after = await cluster({ keyRotation: "2026-12" });
        const oldKey = one(before, T.apiKey);
        const newKey = one(after, T.apiKey);
        expect(newKey.name).toBe("c1-registry-pull-key-2026-12");
        expect(inputsOf(newKey)).toMatchObject({ name: "c1-registry-pull-key-2026-12", storeValue: false });
        expect(newKey.urn).not.toBe(oldKey.urn);

        // Every consumer of the old key is still registered and now waits for the new one instead.
        const moved = consumersOf(before, oldKey.urn).map((r) => r.urn);
        expect(moved.length).toBe(2); // a.all-icr-io, b.all-icr-io
        expect(consumersOf(after, newKey.urn).map((r) => r.urn)).toEqual(moved);
        expect(after.registrations.filter((r) => r.dependsOn.includes(oldKey.urn))).toEqual([]);

        const steps = engineSteps(before, after);
        const deleteOld = stepIndex(steps, "delete", oldKey.urn);
        expect(stepIndex(steps, "create", newKey.urn)).toBeLessThan(stepIndex(steps, "update", moved[0]));
        for (const consumer of moved) expect(stepIndex(steps, "update", consumer)).toBeLessThan(deleteOld);
        // The service ID and its policies are the same resources: rotation touches only keys and their consumers.
        for (const type of [T.serviceId, T.policy]) {
            expect(ofType(after, type).map((r) => r.urn)).toEqual(ofType(before, type).map((r) => r.urn));
        }
    });

    it("moves the global pull secret entries, push secrets and per-namespace secrets too", async () => {
        const run = await runStack({
            platform: "openshift",
            cluster: "os1",
            namespaces: ["a", "b"],
            globalPullSecret: true,
            builderPush: true,
            keyRotation: "r2",
        });
        expect(keyNames(run).sort()).toEqual(["os1-registry-pull-key-r2", "os1-registry-push-key-r2"]);
        const consumers = (name: string) =>
            consumersOf(run, one(run, T.apiKey, name).urn)
                .map((r) => `${r.type.split(":").pop()} ${r.name}`)
                .sort();
        expect(consumers("os1-registry-pull-key-r2")).toEqual([
            "GlobalPullSecretEntries openshift-config.pull-secret@all-icr-io",
            "Secret a.all-icr-io",
            "Secret b.all-icr-io",
        ]);
        expect(consumers("os1-registry-push-key-r2")).toEqual([
            "Secret a.icr-builder-push",
            "Secret b.icr-builder-push",
        ]);
        const perNs = await cluster({ keyRotation: "r2", registries: [{ type: "icr", identity: "perNamespace" }] });
        expect(keyNames(perNs).sort()).toEqual(["c1-a-key-r2", "c1-b-key-r2"]);
        for (const ns of ["a", "b"]) {
            expect(consumersOf(perNs, one(perNs, T.apiKey, `c1-${ns}-key-r2`).urn).map((r) => r.name)).toEqual([
                `${ns}.all-icr-io`,
            ]);
        }
    });

    it("rotates a Code Engine project's key, whose registry secrets follow it", async () => {
        const run = await runStack({ platform: "codeengine", codeEngineProjectId: PROJECT, keyRotation: "2" });
        const key = one(run, T.apiKey);
        expect(key.name).toBe(`codeengine-${PROJECT}-registry-pull-key-2`);
        expect(consumersOf(run, key.urn).map((r) => r.type)).toContain("ibm:index/codeEngineSecret:CodeEngineSecret");
    });
});

describe("keepPreviousKey", () => {
    it("keeps the former key, unprotected and untouched, while nothing consumes it", async () => {
        const run = await cluster({ keyRotation: "3", keepPreviousKey: "2", protectIdentity: true });
        expect(keyNames(run)).toEqual(["c1-registry-pull-key-3", "c1-registry-pull-key-2"]);
        const [current, kept] = ofType(run, T.apiKey);
        expect(consumersOf(run, kept.urn)).toEqual([]);
        expect(consumersOf(run, current.urn).length).toBe(2);
        expect([current.protect, kept.protect]).toEqual([true, false]);
        expect(kept.ignoreChanges).toEqual(["expiresAt", "description"]);
    });

    it("names the first keys `initial`, and then, the next update without it deletes them", async () => {
        const first = await cluster();
        const kept = await cluster({ keyRotation: "2", keepPreviousKey: "initial" });
        expect(keyNames(kept)).toEqual(["c1-registry-pull-key-2", "c1-registry-pull-key"]);
        expect(ofType(kept, T.apiKey)[1].urn).toBe(one(first, T.apiKey).urn);
        const done = await cluster({ keyRotation: "2" });
        expect(engineSteps(kept, done)).toContain(`delete ${one(first, T.apiKey).urn}`);
    });
});

describe("keyExpiry and protectIdentity", () => {
    it("sets expires_at on every key, in the provider's format", async () => {
        const run = await cluster({ keyExpiry: "2099-06-30", builderPush: false });
        expect(ofType(run, T.apiKey).map((k) => inputsOf(k).expiresAt)).toEqual(["2099-06-30T00:00+0000"]);
    });

    it("refuses to run once the date has passed, before registering anything", async () => {
        await expect(cluster({ keyExpiry: "2020-01-31" })).rejects.toThrow(
            "registry-access:keyExpiry 2020-01-31 has passed: the registry keys no longer authenticate; " +
                "set a later registry-access:keyExpiry (an update in place) or rotate with a new registry-access:keyRotation",
        );
    });

    it("protects the service ID and the current key, nothing else", async () => {
        const run = await cluster({ protectIdentity: true });
        const protectedOnes = run.registrations.filter((r: Registration) => r.protect).map((r) => r.type);
        expect(protectedOnes.sort()).toEqual([T.serviceId, T.apiKey].sort());
    });
});

describe("roleIntent", () => {
    it("records the intent of roles beyond Reader in the policies' descriptions", async () => {
        const run = await cluster({ roles: ["Reader", "Writer"], roleIntent: "push" });
        expect(inputsOf(one(run, T.policy)).description).toBe(
            "Reader, Writer on container-registry for cluster c1 (intent: push, from roleIntent)",
        );
        const reader = await cluster();
        expect(inputsOf(one(reader, T.policy)).description).toBe("Reader on container-registry for cluster c1");
    });
});

describe("the plan shows it", () => {
    /** The key's line of the diff and the detail lines under it. */
    const keyChange = (text: string, name: string) => {
        const lines = text.split("\n");
        const start = lines.findIndex((l) => l.endsWith(`IamServiceApiKey  ${name}`));
        expect(start).toBeGreaterThanOrEqual(0);
        const end = lines.findIndex((l, i) => i > start && !l.startsWith("        "));
        return lines.slice(start, end).join("\n");
    };

    it("warns that a protected key cannot be deleted, and how to keep it for one update", async () => {
        const before = planDocument(await cluster({ protectIdentity: true }));
        const after = planDocument(await cluster({ protectIdentity: true, keyRotation: "2" }));
        expect(keyChange(formatDiff(diffPlans(before, after)), "c1-registry-pull-key")).toContain(
            "WARNING: it is protected (protectIdentity): pulumi up moves its consumers, then stops before deleting it; " +
                "set registry-access:keepPreviousKey to the keyRotation label it was created with (initial for the first keys)",
        );
        const kept = planDocument(
            await cluster({ protectIdentity: true, keyRotation: "2", keepPreviousKey: "initial" }),
        );
        const text = formatDiff(diffPlans(before, kept));
        expect(text).not.toContain("WARNING");
        expect(text).toContain("        (options).protect: true → (none)\n");
    });

    it("warns that OpenShift nodes get the global pull secret late, unless the old key is kept", async () => {
        const os = { platform: "openshift", cluster: "os1", namespaces: ["a"], globalPullSecret: true };
        const before = planDocument(await runStack(os));
        const rotated = formatDiff(diffPlans(before, planDocument(await runStack({ ...os, keyRotation: "2" }))));
        expect(keyChange(rotated, "os1-registry-pull-key")).toContain(
            "WARNING: the OpenShift global pull secret uses it, and nodes get that secret from the Machine Config Operator",
        );
        const kept = planDocument(await runStack({ ...os, keyRotation: "2", keepPreviousKey: "initial" }));
        expect(formatDiff(diffPlans(before, kept))).not.toContain("WARNING");
    });

    it("warns that a keepPreviousKey naming no existing key creates a key instead of keeping one", async () => {
        const before = planDocument(await cluster({ keyRotation: "2026-12" }));
        const typo = planDocument(await cluster({ keyRotation: "2027-01", keepPreviousKey: "2026-1" }));
        const text = formatDiff(diffPlans(before, typo));
        expect(keyChange(text, "c1-registry-pull-key-2026-1")).toContain(
            "WARNING: a new key that nothing uses: keepPreviousKey names no key of the committed plan",
        );
    });

    it("--check's diff says the rotated key goes only after its consumers moved to the new one", async () => {
        const before = planDocument(await cluster());
        const after = planDocument(await cluster({ keyRotation: "2027-01", protectIdentity: true }));
        const text = formatDiff(diffPlans(before, after));
        expect(text).toContain(
            "  - removed  ibm:index/iamServiceApiKey:IamServiceApiKey  c1-registry-pull-key\n" +
                "        rotated: its 2 consumer(s) move to c1-registry-pull-key-2027-01 during the update; " +
                "the engine deletes it only after all of them are updated\n",
        );
        expect(text).toContain(
            "  + added    ibm:index/iamServiceApiKey:IamServiceApiKey  c1-registry-pull-key-2027-01\n",
        );
        expect(text).toContain("        (options).protect: (none) → true\n");
        expect(after.resources.find((r) => r.name === "c1-registry-pull-key-2027-01")?.options).toEqual({
            protect: true,
        });
    });
});
