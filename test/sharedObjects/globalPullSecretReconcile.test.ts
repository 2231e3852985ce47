/**
 * Applying the global pull secret's plans (core/sharedObjects/globalPullSecretReconcile.ts): what is decoded
 * or refused, the JSON patch each plan becomes (applied by the fake API server's RFC 6902 engine), and how
 * the loop ends: the retries on 409/422 only, and errors that name the secret and a status, never a message
 * a client wrote (it can carry the request, i.e. the credentials).
 */
import { KubernetesApiError } from "../../core/kubernetes/apiErrors";
import {
    CurrentPullSecret,
    EditPlan,
    OWNERS_ANNOTATION,
    entryHash,
} from "../../core/sharedObjects/globalPullSecretMerge";
import {
    decodePullSecret,
    pullSecretPatch,
    reconcileGlobalPullSecret,
} from "../../core/sharedObjects/globalPullSecretReconcile";
import { FakeSecret, asView, b64, patchWith } from "../fakes/fakeGlobalPullSecret";

const ME = "registry-access/dev/global-pull-secret#00000001";
const OTHER = "registry-access/prod/global-pull-secret#0000000f";
const QUAY = '{"auths":{"quay.io":{"auth":"cXVheTp0b2tlbg=="}}}';
const ENTRY = { auth: b64("iamapikey:K") };
const WITH_OURS = '{"auths":{"quay.io":{"auth":"cXVheTp0b2tlbg=="},"icr.io":' + JSON.stringify(ENTRY) + "}}";
const DATA_PATH = "/data/.dockerconfigjson";
const OWNERS_PATH = "/metadata/annotations/registry-access.io~1owners";
const ours = JSON.stringify({ "icr.io": ME });
const noWait = { backoff: async () => undefined };

const current = (text: string, annotations: Record<string, string> | null, resourceVersion: string | null = "7") =>
    ({ dockerConfigJson: text, annotations, resourceVersion }) as CurrentPullSecret;
const plan = (dockerConfigJson: string, ownersAnnotation: string | undefined): EditPlan => ({
    dockerConfigJson,
    ownersAnnotation,
    changed: true,
});

describe("decodePullSecret", () => {
    it("reads the text, annotations and resourceVersion of a docker config Secret, with or without its type", () => {
        const view = asView(current(QUAY, { a: "b" }));
        expect(decodePullSecret(view)).toEqual({
            dockerConfigJson: QUAY,
            annotations: { a: "b" },
            resourceVersion: "7",
        });
        expect(decodePullSecret({ data: view.data, metadata: null })).toEqual({
            dockerConfigJson: QUAY,
            annotations: undefined,
            resourceVersion: undefined,
        });
    });

    it.each([
        ["type Opaque", { type: "Opaque", data: { ".dockerconfigjson": b64("{}") } }],
        ["no .dockerconfigjson", { type: "kubernetes.io/dockerconfigjson", data: { ".dockercfg": b64("{}") } }],
        ["no .dockerconfigjson", { data: null }],
        ["not UTF-8", { data: { ".dockerconfigjson": Buffer.from([0x7b, 0xff, 0x7d]).toString("base64") } }],
    ])("refuses a Secret with %s, saying so", (why, secret) => {
        expect(() => decodePullSecret(secret)).toThrow(
            new Error(`openshift-config/pull-secret is not a valid docker config (${why})`),
        );
    });
});

describe("pullSecretPatch", () => {
    it("is empty when the plan changes nothing", () => {
        expect(pullSecretPatch(current(WITH_OURS, { [OWNERS_ANNOTATION]: ours }), plan(WITH_OURS, ours))).toEqual([]);
        expect(pullSecretPatch(current(QUAY, { other: "x" }), plan(QUAY, undefined))).toEqual([]);
        expect(pullSecretPatch(current(QUAY, null), plan(QUAY, undefined))).toEqual([]);
    });

    it("removes the owners annotation when no owner is left, and leaves the data alone when it is the same", () => {
        const before = current(QUAY, { other: "x", [OWNERS_ANNOTATION]: ours });
        const ops = pullSecretPatch(before, plan(QUAY, undefined));
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "remove", path: OWNERS_PATH },
        ]);
        expect(patchWith(asView(before), ops).metadata?.annotations).toEqual({ other: "x" });
    });

    it("rewrites a changed annotation only; without a resourceVersion it tests the data it read", () => {
        const before = current(WITH_OURS, { [OWNERS_ANNOTATION]: JSON.stringify({ "icr.io": OTHER }) }, null);
        const ops = pullSecretPatch(before, plan(WITH_OURS, ours));
        expect(ops).toEqual([
            { op: "test", path: DATA_PATH, value: b64(WITH_OURS) },
            { op: "add", path: OWNERS_PATH, value: ours },
        ]);
        expect(patchWith(asView(before), ops).metadata?.annotations).toEqual({ [OWNERS_ANNOTATION]: ours });
        // Applied to data changed since, the test fails and nothing is written (the API server answers 422).
        const changed = asView({ ...before, dockerConfigJson: QUAY });
        expect(() => patchWith(changed, ops)).toThrow();
    });
});

describe("reconcileGlobalPullSecret: retries and errors", () => {
    const start = () => asView(current(QUAY, null));
    const merge = { action: "merge", owner: ME, entries: { "icr.io": ENTRY } } as const;
    // Built when a test runs, so that a mutant of entryHash meets that test (not the file's loading).
    const removal = () => ({ action: "remove", owner: ME, previous: { "icr.io": entryHash(ENTRY) } }) as const;
    const failingWith = (err: unknown) => {
        const api = new FakeSecret(asView(current(WITH_OURS, { [OWNERS_ANNOTATION]: ours })));
        api.patch = async (ops) => {
            api.patches.push(ops);
            throw err;
        };
        return api;
    };

    it("retries 409 and 422 six times by default, waiting after each attempt but the last", async () => {
        for (const status of [409, 422]) {
            const api = new FakeSecret(start());
            api.beforePatch = () => status;
            const waits: number[] = [];
            const err = await reconcileGlobalPullSecret(api, merge, { backoff: async (n) => void waits.push(n) }).catch(
                (e: Error) => e,
            );
            expect(String(err)).toBe(
                `Error: could not patch secret openshift-config/pull-secret after 6 attempt(s): HTTP ${status}`,
            );
            expect([api.patches.length, waits]).toEqual([6, [1, 2, 3, 4, 5]]);
        }
    });

    it("does not retry another status, and names only the status or the error code", async () => {
        const cases: [unknown, string][] = [
            [Object.assign(new Error("CANARY request body"), { statusCode: 500 }), "HTTP 500"],
            [Object.assign(new Error("CANARY"), { code: 503 }), "HTTP 503"],
            [Object.assign(new Error("CANARY connect"), { code: "ECONNRESET" }), "ECONNRESET"],
            [new Error("CANARY"), "no HTTP status"],
            [undefined, "no HTTP status"],
        ];
        for (const [err, reason] of cases) {
            const api = failingWith(err);
            await expect(reconcileGlobalPullSecret(api, removal(), noWait)).rejects.toThrow(
                new Error(`could not patch secret openshift-config/pull-secret after 1 attempt(s): ${reason}`),
            );
            expect(api.patches).toHaveLength(1);
        }
    });

    it("a 404 ends a removal as absent and fails a merge", async () => {
        const notFound = Object.assign(new Error("gone"), { statusCode: 404 });
        expect(await reconcileGlobalPullSecret(failingWith(notFound), removal(), noWait)).toEqual({
            outcome: "absent",
            hashes: {},
        });
        const api = failingWith(notFound);
        api.object = start();
        await expect(reconcileGlobalPullSecret(api, merge, noWait)).rejects.toThrow(
            new Error("could not patch secret openshift-config/pull-secret after 1 attempt(s): HTTP 404"),
        );
    });

    it("the provider's error for another status is its own, with the attempts made", async () => {
        const call = { verb: "patch", object: "Secret openshift-config/pull-secret", where: "cluster os" } as const;
        const api = failingWith(new KubernetesApiError(call, { status: 403, reason: "Forbidden", message: "no" }));
        const err = await reconcileGlobalPullSecret(api, removal(), noWait).catch((e: Error) => e);
        expect(err).toBeInstanceOf(KubernetesApiError);
        expect((err as KubernetesApiError).attempts).toBe(1);
        expect((err as KubernetesApiError).failure).toEqual({ status: 403, reason: "Forbidden", message: "no" });
    });

    it("refuses every conflicting server in one error, and patches nothing", async () => {
        const api = new FakeSecret(
            asView(current(WITH_OURS, { [OWNERS_ANNOTATION]: JSON.stringify({ "icr.io": OTHER }) })),
        );
        const both = { ...merge, entries: { "quay.io": ENTRY, "icr.io": ENTRY } };
        await expect(reconcileGlobalPullSecret(api, both, noWait)).rejects.toThrow(
            new Error(
                "registry-access will not change these entries of openshift-config/pull-secret: " +
                    "quay.io: present and not added by registry-access; it is not ours to overwrite; " +
                    "icr.io: added by another registry-access resource (project/stack registry-access/prod)",
            ),
        );
        expect(api.patches).toEqual([]);
    });

    it("unchanged keeps the merge's hashes; a removal's are empty", async () => {
        const api = new FakeSecret(asView(current(WITH_OURS, { [OWNERS_ANNOTATION]: ours })));
        expect(await reconcileGlobalPullSecret(api, merge, noWait)).toEqual({
            outcome: "unchanged",
            hashes: { "icr.io": entryHash(ENTRY) },
        });
        expect(await reconcileGlobalPullSecret(api, removal(), noWait)).toEqual({ outcome: "patched", hashes: {} });
        expect(await reconcileGlobalPullSecret(api, removal(), noWait)).toEqual({ outcome: "unchanged", hashes: {} });
        expect(api.patches).toHaveLength(1);
    });
});
