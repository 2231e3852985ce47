/** core/sharedObjects/buildConfigSecretPatch.ts: `oc set build-secret --push/--pull` as owned JSON patches. */
import {
    BUILD_SECRETS_OWNERS_ANNOTATION,
    BuildConfigClient,
    BuildConfigView,
    planBuildSecrets,
    readBuildSecretsOwnership,
    reconcileBuildSecrets,
} from "../../core/sharedObjects/buildConfigSecretPatch";
import { KubernetesApiError } from "../../core/kubernetes/apiErrors";
import { HttpError, applyJsonPatch } from "../fakes/fakeServiceAccounts";

const PUSH = "icr-builder-push";
const ME = "registry-access/dev/team-a.api#build-secrets#00000001";
const OTHER = "registry-access/prod/team-a.api#build-secrets#0000000f";
const target = { namespace: "team-a", buildConfig: "api", secretName: PUSH, fields: ["push", "pull"] as const };
const attach = (owner = ME) => ({ action: "attach" as const, owner });
const detach = (owner = ME) => ({ action: "detach" as const, owner });

/** A BuildConfig as the API server serves it: `spec.output` always there, one strategy. */
function bc(strategy: string, extra: { push?: string; pull?: string; annotations?: Record<string, string> } = {}) {
    return {
        metadata: { resourceVersion: "41", ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: {
            output: extra.push ? { pushSecret: { name: extra.push } } : {},
            strategy: {
                type: strategy,
                [`${strategy.charAt(0).toLowerCase()}${strategy.slice(1)}Strategy`]: extra.pull
                    ? { pullSecret: { name: extra.pull } }
                    : {},
            },
        },
    } as BuildConfigView;
}

/** Planned, then applied as the API server applies a JSON patch. */
function applyPlan(
    before: BuildConfigView,
    want: { readonly action: "attach" | "detach"; readonly owner: string },
): BuildConfigView {
    const plan = planBuildSecrets(before, target, want);
    if ("conflict" in plan) throw new Error(plan.conflict);
    return applyJsonPatch(before, plan.ops) as BuildConfigView;
}

describe("attach: as oc set build-secret --push and --pull", () => {
    it("sets output.pushSecret and the docker strategy's pullSecret, records ownership, guards by resourceVersion", () => {
        const before = bc("Docker");
        const plan = planBuildSecrets(before, target, attach());
        expect(plan).toEqual({
            ops: [
                { op: "test", path: "/metadata/resourceVersion", value: "41" },
                { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
                { op: "add", path: "/metadata/annotations", value: expect.any(Object) },
                { op: "add", path: "/spec/strategy/dockerStrategy/pullSecret", value: { name: PUSH } },
                {
                    op: "add",
                    path: "/metadata/annotations/registry-access.io~1build-secrets-owners",
                    value: expect.any(String),
                },
            ],
        });
        const after = applyPlan(before, attach());
        expect(after.spec?.output?.pushSecret).toEqual({ name: PUSH });
        expect(after.spec?.strategy?.dockerStrategy?.pullSecret).toEqual({ name: PUSH });
        expect(readBuildSecretsOwnership(after)).toEqual({
            push: { secret: PUSH, owners: [ME], preexisting: false },
            pull: { secret: PUSH, owners: [ME], preexisting: false },
        });
    });

    it.each([
        ["Source", "/spec/strategy/sourceStrategy/pullSecret"],
        ["Custom", "/spec/strategy/customStrategy/pullSecret"],
    ])("sets the %s strategy's pullSecret", (strategy, path) => {
        const plan = planBuildSecrets(bc(strategy), target, attach());
        expect("ops" in plan && plan.ops.some((op) => op.path === path)).toBe(true);
    });

    it("sets no pull secret on a Jenkins pipeline, which has none (oc does nothing there either)", () => {
        const after = applyPlan(bc("JenkinsPipeline"), attach());
        expect(after.spec?.output?.pushSecret).toEqual({ name: PUSH });
        expect(readBuildSecretsOwnership(after)).toEqual({ push: { secret: PUSH, owners: [ME], preexisting: false } });
    });

    it("refuses a field holding another secret it did not set, naming field and secret", () => {
        expect(planBuildSecrets(bc("Docker", { push: "their-push" }), target, attach())).toEqual({
            conflict: "spec.output.pushSecret is their-push, which registry-access did not set",
        });
        expect(planBuildSecrets(bc("Source", { pull: "their-pull" }), target, attach())).toEqual({
            conflict: "spec.strategy.sourceStrategy.pullSecret is their-pull, which registry-access did not set",
        });
    });

    it("records a field already holding our secret as someone's, so destroy leaves it", () => {
        const after = applyPlan(bc("Docker", { push: PUSH }), attach());
        expect(readBuildSecretsOwnership(after).push).toEqual({ secret: PUSH, owners: [ME], preexisting: true });
        const gone = applyPlan(after, detach());
        expect(gone.spec?.output?.pushSecret).toEqual({ name: PUSH });
        expect(gone.spec?.strategy?.dockerStrategy?.pullSecret).toBeUndefined();
        expect(gone.metadata?.annotations?.[BUILD_SECRETS_OWNERS_ANNOTATION]).toBeUndefined();
    });

    it("changes nothing when already attached", () => {
        const once = applyPlan(bc("Docker"), attach());
        expect(planBuildSecrets(once, target, attach())).toEqual({ ops: [] });
    });
});

describe("detach", () => {
    it("clears the fields only when the last owner lets go", () => {
        const both = applyPlan(applyPlan(bc("Docker"), attach()), attach(OTHER));
        const one = applyPlan(both, detach());
        expect(one.spec?.output?.pushSecret).toEqual({ name: PUSH });
        expect(readBuildSecretsOwnership(one).push?.owners).toEqual([OTHER]);
        const none = applyPlan(one, detach(OTHER));
        expect(none.spec?.output?.pushSecret).toBeUndefined();
        expect(none.spec?.strategy?.dockerStrategy?.pullSecret).toBeUndefined();
        expect(none.metadata?.annotations?.[BUILD_SECRETS_OWNERS_ANNOTATION]).toBeUndefined();
    });

    it("leaves a field someone changed since, and forgets it", () => {
        const ours = applyPlan(bc("Docker"), attach());
        const changed = applyJsonPatch(ours, [
            { op: "replace", path: "/spec/output/pushSecret", value: { name: "theirs" } },
        ] as never) as BuildConfigView;
        const after = applyPlan(changed, detach());
        expect(after.spec?.output?.pushSecret).toEqual({ name: "theirs" });
        expect(after.metadata?.annotations?.[BUILD_SECRETS_OWNERS_ANNOTATION]).toBeUndefined();
    });

    it("does nothing for an owner not recorded", () => {
        expect(planBuildSecrets(applyPlan(bc("Docker"), attach()), target, detach(OTHER))).toEqual({ ops: [] });
    });
});

describe("reconcileBuildSecrets", () => {
    const noWait = { backoff: async () => undefined };
    function client(initial: BuildConfigView | undefined, failures: number[] = []) {
        let object = initial;
        const patches: unknown[] = [];
        const c: BuildConfigClient = {
            read: async () => object,
            patch: async (_ns, _name, ops) => {
                patches.push(ops);
                const status = failures.shift();
                if (status) throw new HttpError(status, `HTTP ${status}`);
                object = applyJsonPatch(object, ops) as BuildConfigView;
            },
        };
        return { c, patches, object: () => object };
    }

    it("re-reads and re-plans after a conflict (409, 422)", async () => {
        const fake = client(bc("Docker"), [409, 422]);
        expect(await reconcileBuildSecrets(fake.c, target, attach(), noWait)).toBe("patched");
        expect(fake.patches).toHaveLength(3);
        expect(fake.object()?.spec?.output?.pushSecret).toEqual({ name: PUSH });
    });

    it("fails naming the BuildConfig when it does not exist or a field is someone else's; detach of a missing one is done", async () => {
        await expect(reconcileBuildSecrets(client(undefined).c, target, attach(), noWait)).rejects.toThrow(
            "BuildConfig team-a/api does not exist; create it, or remove it from registry-access:buildConfigs",
        );
        await expect(
            reconcileBuildSecrets(client(bc("Docker", { push: "x" })).c, target, attach(), noWait),
        ).rejects.toThrow(
            "BuildConfig team-a/api: spec.output.pushSecret is x, which registry-access did not set; registry-access does not overwrite it",
        );
        expect(await reconcileBuildSecrets(client(undefined).c, target, detach(), noWait)).toBe("absent");
    });

    it("answers unchanged, absent on a detach whose object went, and gives up on other errors or after six conflicts", async () => {
        const attached = applyPlan(bc("Docker"), attach());
        expect(await reconcileBuildSecrets(client(attached).c, target, attach(), noWait)).toBe("unchanged");
        expect(await reconcileBuildSecrets(client(attached, [404]).c, target, detach(), noWait)).toBe("absent");
        const refused = client(bc("Docker"), [404]);
        await expect(reconcileBuildSecrets(refused.c, target, attach(), noWait)).rejects.toThrow("HTTP 404");
        const broken = client(bc("Docker"), [500, 500]);
        await expect(reconcileBuildSecrets(broken.c, target, attach(), noWait)).rejects.toThrow("HTTP 500");
        expect(broken.patches).toHaveLength(1);
        const busy = client(bc("Docker"), [409, 409, 409, 409, 409, 409, 409]);
        await expect(reconcileBuildSecrets(busy.c, target, attach(), noWait)).rejects.toThrow("HTTP 409");
        expect(busy.patches).toHaveLength(6);
        const twice = client(bc("Docker"), [409, 409]);
        await expect(reconcileBuildSecrets(twice.c, target, attach(), { ...noWait, attempts: 2 })).rejects.toThrow(
            "HTTP 409",
        );
    });
});

describe("the ownership record", () => {
    const record = (value: unknown) =>
        bc("Docker", { annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify(value) } });
    const field = { secret: PUSH, owners: [ME], preexisting: false };

    it("counts a record that does not parse, or a field's record of the wrong shape, as unrecorded", () => {
        expect(
            readBuildSecretsOwnership(bc("Docker", { annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: "{" } })),
        ).toEqual({});
        expect(readBuildSecretsOwnership(record(null))).toEqual({});
        for (const wrong of [
            { ...field, secret: 1 },
            { ...field, preexisting: "no" },
            { ...field, owners: ME },
            { ...field, owners: [1] },
            { ...field, owners: [ME, 1] },
            null,
        ])
            expect(readBuildSecretsOwnership(record({ push: wrong, pull: field }))).toStrictEqual({ pull: field });
    });

    it("writes the record into existing annotations, spec.output where it is missing, and no test without a resourceVersion", () => {
        const view: BuildConfigView = {
            metadata: { annotations: { theirs: "x" } },
            spec: { strategy: { type: "Docker", dockerStrategy: {} } },
        };
        expect(planBuildSecrets(view, { ...target, fields: ["push"] }, attach())).toEqual({
            ops: [
                { op: "add", path: "/spec/output", value: {} },
                { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
                {
                    op: "add",
                    path: "/metadata/annotations/registry-access.io~1build-secrets-owners",
                    value: JSON.stringify({ push: field }),
                },
            ],
        });
    });

    it("keeps the other owners in the record, field by field, when one lets go", () => {
        const both = applyPlan(applyPlan(bc("Docker"), attach()), attach(OTHER));
        expect(planBuildSecrets(both, { ...target, fields: ["push"] }, detach())).toEqual({
            ops: [
                { op: "test", path: "/metadata/resourceVersion", value: "41" },
                {
                    op: "add",
                    path: "/metadata/annotations/registry-access.io~1build-secrets-owners",
                    value: JSON.stringify({
                        push: { secret: PUSH, owners: [OTHER], preexisting: false },
                        pull: { secret: PUSH, owners: [ME, OTHER], preexisting: false },
                    }),
                },
            ],
        });
    });

    it("plans against a BuildConfig without metadata, spec or strategy", () => {
        const annotation = JSON.stringify({ push: field });
        const ops = [
            { op: "add", path: "/spec/output", value: {} },
            { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
            { op: "add", path: "/metadata/annotations", value: { [BUILD_SECRETS_OWNERS_ANNOTATION]: annotation } },
        ];
        expect(planBuildSecrets({}, target, attach())).toEqual({ ops });
        expect(planBuildSecrets({ spec: {} }, target, attach())).toEqual({ ops });
        // A pull secret alone adds no spec.output.
        expect(
            planBuildSecrets(
                { spec: { strategy: { type: "Docker", dockerStrategy: {} } } },
                { ...target, fields: ["pull"] },
                attach(),
            ),
        ).toEqual({
            ops: [
                { op: "add", path: "/spec/strategy/dockerStrategy/pullSecret", value: { name: PUSH } },
                {
                    op: "add",
                    path: "/metadata/annotations",
                    value: { [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify({ pull: field }) },
                },
            ],
        });
        expect(planBuildSecrets(bc("Docker"), target, detach())).toEqual({ ops: [] });
        expect(planBuildSecrets({}, { ...target, fields: ["pull"] }, attach())).toEqual({ ops: [] });
    });

    it("leaves a record that says the same in other words as it is", () => {
        const pretty = JSON.stringify({ push: field }, null, 2);
        const attached = bc("Docker", { push: PUSH, annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: pretty } });
        expect(planBuildSecrets(attached, { ...target, fields: ["push"] }, attach())).toEqual({ ops: [] });
    });

    it("replaces only a secret it set itself, and sets again what someone removed", () => {
        const holding = (secret: string, recorded: object) =>
            bc("Docker", {
                push: secret,
                annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify({ push: recorded }) },
            });
        const only = { ...target, fields: ["push" as const] };
        const conflict = { conflict: "spec.output.pushSecret is old, which registry-access did not set" };
        expect(
            planBuildSecrets(holding("old", { secret: "old", owners: [OTHER], preexisting: true }), only, attach()),
        ).toEqual(conflict);
        expect(
            planBuildSecrets(holding("old", { secret: "older", owners: [OTHER], preexisting: false }), only, attach()),
        ).toEqual(conflict);
        const replaced = planBuildSecrets(
            holding("old", { secret: "old", owners: [OTHER], preexisting: false }),
            only,
            attach(),
        );
        expect("ops" in replaced && replaced.ops.filter((op) => op.path === "/spec/output/pushSecret")).toEqual([
            { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
        ]);
        // Our record, but the field emptied since: set again.
        const emptied = bc("Docker", {
            annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify({ push: field }) },
        });
        expect(planBuildSecrets(emptied, only, attach())).toEqual({
            ops: [
                { op: "test", path: "/metadata/resourceVersion", value: "41" },
                { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
            ],
        });
        // Already holding our secret, set by someone: recorded, not set again.
        const theirs = planBuildSecrets(bc("Docker", { push: PUSH }), only, attach());
        expect("ops" in theirs && theirs.ops.map((op) => op.path)).toEqual([
            "/metadata/resourceVersion",
            "/metadata/annotations",
        ]);
    });
});

it("retries a detach's conflict instead of calling it done", async () => {
    let object: BuildConfigView = applyPlan(bc("Docker"), attach());
    const failures = [409];
    const c: BuildConfigClient = {
        read: async () => object,
        patch: async (_ns, _name, ops) => {
            const status = failures.shift();
            if (status) throw new HttpError(status, `HTTP ${status}`);
            object = applyJsonPatch(object, ops) as BuildConfigView;
        },
    };
    expect(await reconcileBuildSecrets(c, target, detach(), { backoff: async () => undefined })).toBe("patched");
    expect(object.spec?.output?.pushSecret).toBeUndefined();
});

describe("ownership records and shapes the API server may serve", () => {
    const record = (value: unknown) => ({ [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify(value) });
    const owned = { secret: PUSH, owners: [ME], preexisting: false };

    it("reads only well-formed records, field by field", () => {
        expect(
            readBuildSecretsOwnership(
                bc("Docker", { annotations: { [BUILD_SECRETS_OWNERS_ANNOTATION]: "{not json" } }),
            ),
        ).toEqual({});
        expect(readBuildSecretsOwnership(bc("Docker"))).toEqual({});
        expect(readBuildSecretsOwnership({ metadata: null })).toEqual({});
        for (const bad of [
            { ...owned, secret: 1 },
            { ...owned, preexisting: "no" },
            { ...owned, owners: "me" },
            { ...owned, owners: [ME, 2] },
            null,
        ]) {
            expect(
                readBuildSecretsOwnership(bc("Docker", { annotations: record({ push: bad, pull: owned }) })),
            ).toEqual({ pull: owned });
        }
    });

    it("refuses a field changed since we set it, or one that held our secret before us, for another secret", () => {
        const changed = bc("Docker", { push: "theirs", annotations: record({ push: owned }) });
        expect(planBuildSecrets(changed, { ...target, fields: ["push"] }, attach())).toEqual({
            conflict: "spec.output.pushSecret is theirs, which registry-access did not set",
        });
        const before = bc("Docker", {
            push: "old",
            annotations: record({ push: { secret: "old", owners: [OTHER], preexisting: true } }),
        });
        expect(planBuildSecrets(before, { ...target, fields: ["push"] }, attach())).toEqual({
            conflict: "spec.output.pushSecret is old, which registry-access did not set",
        });
    });

    it("takes over its own former secret with a new owner list", () => {
        const former = bc("Docker", {
            push: "old",
            annotations: record({ push: { secret: "old", owners: [OTHER], preexisting: false } }),
        });
        const after = applyPlan(former, attach());
        expect(after.spec?.output?.pushSecret).toEqual({ name: PUSH });
        expect(readBuildSecretsOwnership(after).push).toEqual({ secret: PUSH, owners: [ME], preexisting: false });
    });

    it("adds spec.output and the annotations map when the object has none, without a test when it has no resourceVersion", () => {
        const bare: BuildConfigView = { spec: { output: null, strategy: { dockerStrategy: {} } } };
        const plan = planBuildSecrets(bare, target, attach());
        expect(plan).toEqual({
            ops: [
                { op: "add", path: "/spec/output", value: {} },
                { op: "add", path: "/spec/output/pushSecret", value: { name: PUSH } },
                {
                    op: "add",
                    path: "/metadata/annotations",
                    value: {
                        [BUILD_SECRETS_OWNERS_ANNOTATION]: JSON.stringify({
                            push: { secret: PUSH, owners: [ME], preexisting: false },
                        }),
                    },
                },
                { op: "add", path: "/spec/strategy/dockerStrategy/pullSecret", value: { name: PUSH } },
                {
                    op: "add",
                    path: `/metadata/annotations/${BUILD_SECRETS_OWNERS_ANNOTATION.replace("/", "~1")}`,
                    value: JSON.stringify({
                        push: { secret: PUSH, owners: [ME], preexisting: false },
                        pull: { secret: PUSH, owners: [ME], preexisting: false },
                    }),
                },
            ],
        });
        // No spec at all: the push secret only (no strategy, no pull secret), as oc would.
        const pushOnly = planBuildSecrets({ spec: null }, target, attach());
        expect("ops" in pushOnly && pushOnly.ops.map((o) => `${o.op} ${o.path}`)).toEqual([
            "add /spec/output",
            "add /spec/output/pushSecret",
            "add /metadata/annotations",
        ]);
    });

    it("detaches with nothing to remove when the record is gone, and removes the annotation with the last field", () => {
        expect(planBuildSecrets(bc("Docker", { push: PUSH }), target, detach())).toEqual({ ops: [] });
        const after = applyPlan(bc("Docker"), attach());
        const ops = planBuildSecrets(after, target, detach());
        expect("ops" in ops && ops.ops.map((o) => `${o.op} ${o.path}`)).toEqual([
            "test /metadata/resourceVersion",
            "remove /spec/output/pushSecret",
            "add /metadata/annotations/registry-access.io~1build-secrets-owners",
            "remove /spec/strategy/dockerStrategy/pullSecret",
            "remove /metadata/annotations/registry-access.io~1build-secrets-owners",
        ]);
    });
});

describe("reconcileBuildSecrets outcomes", () => {
    it("is unchanged when attached, absent when the object goes between read and patch on detach", async () => {
        let object: BuildConfigView | undefined = applyPlan(bc("Docker"), attach());
        const c: BuildConfigClient = {
            read: async () => object,
            patch: async () => {
                object = undefined;
                throw new HttpError(404, "HTTP 404");
            },
        };
        expect(await reconcileBuildSecrets(c, target, attach(), { backoff: async () => undefined })).toBe("unchanged");
        expect(await reconcileBuildSecrets(c, target, detach(), { backoff: async () => undefined })).toBe("absent");
        object = bc("Docker");
        await expect(reconcileBuildSecrets(c, target, attach(), { backoff: async () => undefined })).rejects.toThrow(
            "HTTP 404",
        );
    });
});

describe("reconcileBuildSecrets with the provider's errors (core/kubernetes/apiErrors.ts)", () => {
    const call = { verb: "patch", object: "BuildConfig team-a/api", where: "cluster dev" } as const;
    const failing = (err: unknown): BuildConfigClient => ({
        read: async () => applyPlan(bc("Docker"), attach()),
        patch: async () => {
            throw err;
        },
    });
    const noWait = { backoff: async () => undefined };

    it("a detach refused with the API server's NotFound is done; a 404 without it (a proxy) is an error", async () => {
        const notFound = new KubernetesApiError(call, { status: 404, reason: "NotFound", message: "gone" });
        expect(await reconcileBuildSecrets(failing(notFound), target, detach(), noWait)).toBe("absent");
        await expect(
            reconcileBuildSecrets(failing(new KubernetesApiError(call, { status: 404 })), target, detach(), noWait),
        ).rejects.toThrow("patch BuildConfig team-a/api on cluster dev failed with HTTP 404");
    });

    it("names the object and the attempts, never the client's own error", async () => {
        const raw = Object.assign(new Error("Authorization: Bearer TOKEN-CANARY"), { statusCode: 500 });
        const err = await reconcileBuildSecrets(failing(raw), target, detach(), noWait).catch((e: Error) => e);
        expect((err as Error).message).toBe(
            "could not patch build secrets of BuildConfig team-a/api after 1 attempt(s): HTTP 500",
        );
        expect((err as Error).cause).toBeUndefined();
        const conflicts = new KubernetesApiError(call, { status: 409, reason: "Conflict", message: "busy" });
        await expect(
            reconcileBuildSecrets(failing(conflicts), target, detach(), { ...noWait, attempts: 3 }),
        ).rejects.toThrow("after 3 attempts");
    });
});
