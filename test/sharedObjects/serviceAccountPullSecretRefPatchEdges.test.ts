/**
 * Edges of the imagePullSecrets planner and its reconcile loop (core/sharedObjects/serviceAccountPullSecretRefPatch.ts)
 * that the scenario tests do not reach: which annotation entries count as records, the exact annotation
 * written, no-op plans, the importer's detach, the HTTP status of client errors, the default retry policy.
 */
import {
    OWNERS_ANNOTATION,
    ServiceAccountView,
    attachOps,
    detachOps,
    escapePointer,
    hasPullSecret,
    isAttached,
    isNotFoundError,
    readOwnership,
    reconcilePullSecret,
    statusOf,
} from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { KubernetesApiError } from "../../core/kubernetes/apiErrors";
import { FakeServiceAccounts, HttpError, applyJsonPatch } from "../fakes/fakeServiceAccounts";
import { caught } from "../fakes/rejections";

const OURS = "all-icr-io-team";
const ME = "registry-access/dev/team-a.default#00000001";
const NEXT = "registry-access/dev/team-a.default#00000002";
const ref = { namespace: "team-a", serviceAccount: "default", secretName: OURS };
const noWait = { backoff: async () => undefined };

const sa = (
    imagePullSecrets: ServiceAccountView["imagePullSecrets"],
    annotation?: string,
    resourceVersion = "7",
): ServiceAccountView => ({
    metadata: {
        resourceVersion,
        ...(annotation !== undefined ? { annotations: { [OWNERS_ANNOTATION]: annotation } } : {}),
    },
    imagePullSecrets,
});
const canonical = (o: object) => JSON.stringify(o);

describe("escapePointer", () => {
    it("writes ~ as ~0 and / as ~1 (RFC 6901 section 3), ~ first, so that section 4 reads each token back", () => {
        // The RFC's examples ("a/b", "m~n"); escaping / first would write "a/b" as "a~01b", read back as "a~1b".
        expect(["a/b", "m~n", "~1", "registry-access.io/pull-secret-owners"].map(escapePointer)).toEqual([
            "a~1b",
            "m~0n",
            "~01",
            "registry-access.io~1pull-secret-owners",
        ]);
    });
});

describe("readOwnership: which entries are records", () => {
    const valid = { owners: [ME], preexisting: false };

    it("keeps the well-formed entries and drops each kind of malformed one", () => {
        const text = JSON.stringify({
            ok: valid,
            noOwners: { owners: [], preexisting: true },
            str: "x",
            num: 3,
            nul: null,
            arr: [ME],
            noPreexisting: { owners: [ME] },
            preexistingNotBoolean: { owners: [ME], preexisting: "false" },
            ownersNotArray: { owners: ME, preexisting: false },
            ownersNotStrings: { owners: [ME, 7], preexisting: false },
            ownersAllNotStrings: { owners: [1, 2], preexisting: false },
            ownersMissing: { preexisting: false },
        });
        expect(readOwnership(sa([], text))).toEqual({ ok: valid, noOwners: { owners: [], preexisting: true } });
    });

    it("an annotation that is not a JSON object is no record", () => {
        for (const text of ["{not json", "[]", `[${canonical(valid)}]`, "null", "7", '"x"', "true", ""]) {
            expect(readOwnership(sa([], text))).toEqual({});
        }
        expect(readOwnership({})).toEqual({});
        expect(readOwnership({ metadata: null })).toEqual({});
        expect(readOwnership({ metadata: { annotations: null } })).toEqual({});
    });
});

describe("isAttached and hasPullSecret", () => {
    it("attached only when the entry is listed and the owner recorded for it", () => {
        const record = canonical({ [OURS]: { owners: [ME], preexisting: false } });
        expect(isAttached(sa([{ name: OURS }], record), OURS, ME)).toBe(true);
        expect(isAttached(sa([{ name: OURS }], record), OURS, NEXT)).toBe(false);
        // Recorded but removed out of band.
        expect(isAttached(sa([{ name: "other" }], record), OURS, ME)).toBe(false);
        // Listed but with no record, whatever the owner's name.
        for (const owner of [ME, "", "x", "Stryker was here"])
            expect(isAttached(sa([{ name: OURS }]), OURS, owner)).toBe(false);
        expect(
            isAttached(sa([{ name: OURS }], canonical({ other: { owners: [ME], preexisting: false } })), OURS, ME),
        ).toBe(false);
    });

    it("plans for a secret named like a member of every object (constructor) as for any other", () => {
        // A valid DNS-1123 name; read as an object's key it found Object and crashed the plan (TypeError).
        const name = "constructor";
        const listed = sa([{ name }]);
        expect(isAttached(listed, name, ME)).toBe(false);
        const attached = applyJsonPatch(listed, attachOps(listed, name, ME));
        expect(attached.metadata?.annotations?.[OWNERS_ANNOTATION]).toBe(
            canonical({ [name]: { owners: [ME], preexisting: true } }),
        );
        expect(isAttached(attached, name, ME)).toBe(true);
        expect(detachOps(listed, name, ME)).toEqual([]);
        // Recorded with no other owner and listed before us: the last detach drops the record, not the entry.
        expect(applyJsonPatch(attached, detachOps(attached, name, ME))).toEqual({
            metadata: { resourceVersion: "7", annotations: {} },
            imagePullSecrets: [{ name }],
        });
    });

    it("steps over null items and items without a name", () => {
        const list = [null, {}, { name: null }, { name: OURS }] as unknown as ServiceAccountView["imagePullSecrets"];
        expect(hasPullSecret(sa(list), OURS)).toBe(true);
        expect(hasPullSecret(sa([null, {}] as unknown as ServiceAccountView["imagePullSecrets"]), OURS)).toBe(false);
        expect(hasPullSecret({}, OURS)).toBe(false);
    });
});

describe("the annotation written", () => {
    it("holds the records with their keys sorted, whatever order they were read in", () => {
        const before = sa(
            [{ name: "zeta" }, { name: "alpha" }],
            canonical({ zeta: { owners: [NEXT], preexisting: true }, alpha: { owners: [NEXT], preexisting: false } }),
        );
        const ops = attachOps(before, OURS, ME);
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "add", path: "/imagePullSecrets/-", value: { name: OURS } },
            {
                op: "add",
                path: "/metadata/annotations/registry-access.io~1owners",
                value:
                    '{"all-icr-io-team":{"owners":["registry-access/dev/team-a.default#00000001"],"preexisting":false},' +
                    '"alpha":{"owners":["registry-access/dev/team-a.default#00000002"],"preexisting":false},' +
                    '"zeta":{"owners":["registry-access/dev/team-a.default#00000002"],"preexisting":true}}',
            },
        ]);
    });

    it("adds the annotations map when the object has none, and only one op for it", () => {
        const before: ServiceAccountView = {
            metadata: { resourceVersion: "3", annotations: null },
            imagePullSecrets: [{ name: OURS }],
        };
        expect(attachOps(before, OURS, ME)).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "3" },
            {
                op: "add",
                path: "/metadata/annotations",
                value: { [OWNERS_ANNOTATION]: canonical({ [OURS]: { owners: [ME], preexisting: true } }) },
            },
        ]);
    });

    it("removes the annotation with the last record, keeping the others", () => {
        const before: ServiceAccountView = {
            metadata: {
                resourceVersion: "4",
                annotations: {
                    keep: "me",
                    [OWNERS_ANNOTATION]: canonical({ [OURS]: { owners: [ME], preexisting: true } }),
                },
            },
            imagePullSecrets: [{ name: OURS }],
        };
        const ops = detachOps(before, OURS, ME);
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "4" },
            { op: "remove", path: "/metadata/annotations/registry-access.io~1owners" },
        ]);
        expect(applyJsonPatch(before, ops)).toEqual({
            metadata: { resourceVersion: "4", annotations: { keep: "me" } },
            imagePullSecrets: [{ name: OURS }],
        });
    });
});

describe("detach plans nothing when nothing changes", () => {
    it("a non-owner's detach never rewrites the annotation, however it is spelt", () => {
        const spelt = JSON.stringify(
            { [OURS]: { preexisting: false, owners: [NEXT] }, b: { owners: [NEXT], preexisting: true } },
            null,
            2,
        );
        expect(detachOps(sa([{ name: OURS }], spelt), OURS, ME)).toEqual([]);
    });

    it('the importer (owner "") plans nothing for a missing entry, nor for an entry others still own', () => {
        expect(detachOps(sa([{ name: "x" }]), OURS, "")).toEqual([]);
        expect(detachOps(sa(null), OURS, "")).toEqual([]);
        const owned = sa([{ name: OURS }], canonical({ [OURS]: { owners: [ME], preexisting: false } }));
        expect(detachOps(owned, OURS, "")).toEqual([]);
    });

    it("an entry recorded with no owners left is released by the importer only", () => {
        const orphan = sa([{ name: "x" }, { name: OURS }], canonical({ [OURS]: { owners: [], preexisting: false } }));
        expect(detachOps(orphan, OURS, ME)).toEqual([]);
        expect(detachOps(orphan, OURS, NEXT)).toEqual([]);
        const next = applyJsonPatch(orphan, detachOps(orphan, OURS, ""));
        expect(next.imagePullSecrets).toEqual([{ name: "x" }]);
        expect(next.metadata!.annotations).toEqual({});
    });

    it("the importer removes every unrecorded copy, guarded", () => {
        const before = sa(
            [{ name: OURS }, null, { name: OURS }] as unknown as ServiceAccountView["imagePullSecrets"],
            undefined,
            "9",
        );
        expect(detachOps(before, OURS, "")).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "9" },
            { op: "test", path: "/imagePullSecrets/2/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/2" },
            { op: "test", path: "/imagePullSecrets/0/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/0" },
        ]);
    });
});

describe("statusOf", () => {
    it("reads statusCode, then code (client-node), then response.statusCode", () => {
        expect(statusOf(new HttpError(409, "conflict"))).toBe(409);
        expect(statusOf({ code: 422 })).toBe(422);
        expect(statusOf({ response: { statusCode: 404 } })).toBe(404);
        expect(statusOf({ statusCode: 409, code: 500, response: { statusCode: 400 } })).toBe(409);
        expect(statusOf({ code: 422, response: { statusCode: 400 } })).toBe(422);
    });

    it("a node error code or nothing is no HTTP status", () => {
        expect(statusOf(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBeUndefined();
        expect(statusOf(undefined)).toBeUndefined();
        expect(statusOf(null)).toBeUndefined();
        expect(statusOf("boom")).toBeUndefined();
    });
});

describe("reconcilePullSecret: outcomes and errors", () => {
    function api(
        failWith: unknown,
        list: ServiceAccountView["imagePullSecrets"] = [],
        annotations?: Record<string, string>,
    ) {
        const fake = new FakeServiceAccounts();
        fake.put("team-a", "default", list, annotations);
        fake.beforePatch = () => {
            throw failWith;
        };
        return fake;
    }
    const ownedByMe = { [OWNERS_ANNOTATION]: canonical({ [OURS]: { owners: [ME], preexisting: false } }) };

    it("a detach whose ServiceAccount vanished before the patch (404) is done", async () => {
        await expect(
            reconcilePullSecret(
                api(new HttpError(404, "gone"), [{ name: OURS }], ownedByMe),
                ref,
                { action: "detach", owner: ME },
                noWait,
            ),
        ).resolves.toBe("absent");
    });

    it("an attach whose ServiceAccount vanished (404) fails at once", async () => {
        const fake = api(new HttpError(404, "gone"));
        let tries = 0;
        fake.beforePatch = () => {
            tries++;
            throw new HttpError(404, "gone");
        };
        await expect(reconcilePullSecret(fake, ref, { action: "attach", owner: ME }, noWait)).rejects.toHaveProperty(
            "message",
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): HTTP 404",
        );
        expect(tries).toBe(1);
    });

    it("a detach refused otherwise fails with the status", async () => {
        await expect(
            reconcilePullSecret(
                api(new HttpError(403, "no"), [{ name: OURS }], ownedByMe),
                ref,
                { action: "detach", owner: ME },
                noWait,
            ),
        ).rejects.toHaveProperty(
            "message",
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): HTTP 403",
        );
    });

    it("an error without a status is named by its message, or its text", async () => {
        const attach = { action: "attach", owner: ME } as const;
        await expect(reconcilePullSecret(api(new Error("socket hang up")), ref, attach, noWait)).rejects.toHaveProperty(
            "message",
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): socket hang up",
        );
        await expect(reconcilePullSecret(api("plain text"), ref, attach, noWait)).rejects.toHaveProperty(
            "message",
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): plain text",
        );
        await expect(reconcilePullSecret(api(undefined), ref, attach, noWait)).rejects.toHaveProperty(
            "message",
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): undefined",
        );
    });

    it("a missing ServiceAccount on attach is waited for, then named", async () => {
        await expect(
            reconcilePullSecret(
                new FakeServiceAccounts(),
                ref,
                { action: "attach", owner: ME },
                { ...noWait, attempts: 1 },
            ),
        ).rejects.toHaveProperty(
            "message",
            "service account team-a/default does not exist; create it, or remove it from registry-access:serviceAccounts",
        );
    });

    it("a ServiceAccount that appears while waited for is attached", async () => {
        const fake = new FakeServiceAccounts();
        const waits: number[] = [];
        const backoff = async (n: number) => {
            waits.push(n);
            if (n === 2) fake.put("team-a", "default", null);
        };
        await expect(
            reconcilePullSecret(fake, ref, { action: "attach", owner: ME }, { attempts: 3, backoff }),
        ).resolves.toBe("patched");
        expect(waits).toEqual([1, 2]);
        expect(fake.names("team-a", "default")).toEqual([OURS]);
    });
});

describe("reconcilePullSecret: the default retry policy", () => {
    let delays: number[];
    beforeEach(() => {
        delays = [];
        jest.spyOn(global, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
            delays.push(ms ?? -1);
            fn();
            return 0 as unknown as NodeJS.Timeout;
        }) as typeof setTimeout);
        jest.spyOn(Math, "random").mockReturnValue(0.5);
    });
    afterEach(() => jest.restoreAllMocks());

    it("six attempts, waiting min(200 ms · 2^n, 5 s) × (0.5 + random/2) after attempt n", async () => {
        const fake = new FakeServiceAccounts();
        fake.put("team-a", "default", null);
        fake.beforePatch = (f) => f.put("team-a", "default", null); // a conflict every time
        await expect(reconcilePullSecret(fake, ref, { action: "attach", owner: ME })).rejects.toThrow(
            "could not patch imagePullSecrets of service account team-a/default after 6 attempt(s): HTTP 422",
        );
        expect(fake.patches).toHaveLength(6);
        // random 0.5 → factor 0.75: 400, 800, 1600, 3200, 5000 (capped) ms × 0.75.
        expect(delays).toEqual([300, 600, 1200, 2400, 3750]);
    });

    it("a conflict then success waits once", async () => {
        const fake = new FakeServiceAccounts();
        fake.put("team-a", "default", []);
        let raced = false;
        fake.beforePatch = (f) => {
            if (!raced) f.put("team-a", "default", [{ name: "new" }]);
            raced = true;
        };
        await expect(reconcilePullSecret(fake, ref, { action: "attach", owner: ME })).resolves.toBe("patched");
        expect(delays).toEqual([300]);
        expect(fake.names("team-a", "default")).toEqual(["new", OURS]);
    });
});

describe("views without metadata", () => {
    it("plans an unguarded attach for a view with no metadata at all, and no detach", () => {
        expect(attachOps({ imagePullSecrets: [] }, OURS, ME)).toEqual([
            { op: "add", path: "/imagePullSecrets/-", value: { name: OURS } },
            {
                op: "add",
                path: "/metadata/annotations",
                value: { [OWNERS_ANNOTATION]: canonical({ [OURS]: { owners: [ME], preexisting: false } }) },
            },
        ]);
        expect(attachOps({ metadata: null, imagePullSecrets: null }, OURS, ME)).toHaveLength(2);
        expect(detachOps({ imagePullSecrets: [{ name: OURS }] }, OURS, ME)).toEqual([]);
    });
});

describe("reconcilePullSecret does not carry the client's error", () => {
    it("no cause: a client's error can hold the response's headers and body", async () => {
        const fake = new FakeServiceAccounts();
        fake.put("team-a", "default", []);
        const refused = new HttpError(403, "forbidden");
        fake.beforePatch = () => {
            throw refused;
        };
        const err = await caught(reconcilePullSecret(fake, ref, { action: "attach", owner: ME }, noWait));
        expect(err.message).toBe(
            "could not patch imagePullSecrets of service account team-a/default after 1 attempt(s): HTTP 403",
        );
        expect(err.cause).toBeUndefined();
    });
});

describe("reconcilePullSecret with the provider's errors (core/kubernetes/apiErrors.ts)", () => {
    const call = { verb: "patch", object: "ServiceAccount team-a/default", where: "cluster dev" } as const;
    const apiError = (status: number, reason?: string) =>
        new KubernetesApiError(call, { status, ...(reason ? { reason, message: `${reason} text` } : {}) });
    const ownedByMe = { [OWNERS_ANNOTATION]: canonical({ [OURS]: { owners: [ME], preexisting: false } }) };
    function api(failWith: unknown, list: ServiceAccountView["imagePullSecrets"] = [], annotations = {}) {
        const fake = new FakeServiceAccounts();
        fake.put("team-a", "default", list, annotations);
        fake.beforePatch = () => {
            throw failWith;
        };
        return fake;
    }

    it("a detach refused with the API server's NotFound is done; a 404 without it is an error", async () => {
        const detach = { action: "detach", owner: ME } as const;
        await expect(
            reconcilePullSecret(api(apiError(404, "NotFound"), [{ name: OURS }], ownedByMe), ref, detach, noWait),
        ).resolves.toBe("absent");
        await expect(
            reconcilePullSecret(api(apiError(404), [{ name: OURS }], ownedByMe), ref, detach, noWait),
        ).rejects.toHaveProperty("message", "patch ServiceAccount team-a/default on cluster dev failed with HTTP 404");
    });

    it("a refusal is the client's own message, once, without a cause", async () => {
        const err = await caught(
            reconcilePullSecret(api(apiError(403, "Forbidden")), ref, { action: "attach", owner: ME }, noWait),
        );
        expect(err).toBeInstanceOf(KubernetesApiError);
        expect(err.message).toBe(
            "patch ServiceAccount team-a/default on cluster dev failed with HTTP 403: Forbidden text",
        );
        expect(err.cause).toBeUndefined();
    });

    it("conflicts to the last attempt: the client's message with the attempts", async () => {
        const fake = api(undefined);
        let tries = 0;
        fake.beforePatch = () => {
            tries++;
            throw apiError(409, "Conflict");
        };
        await expect(
            reconcilePullSecret(fake, ref, { action: "attach", owner: ME }, { ...noWait, attempts: 3 }),
        ).rejects.toHaveProperty(
            "message",
            "patch ServiceAccount team-a/default on cluster dev failed with HTTP 409 after 3 attempts: Conflict text",
        );
        expect(tries).toBe(3);
    });

    it("isNotFoundError: the provider's error only with NotFound, any other client's by its 404", () => {
        expect(isNotFoundError(apiError(404, "NotFound"))).toBe(true);
        expect(isNotFoundError(apiError(404))).toBe(false);
        expect(isNotFoundError(apiError(403, "NotFound"))).toBe(false);
        expect(isNotFoundError(new HttpError(404, "gone"))).toBe(true);
        expect(isNotFoundError(new HttpError(403, "no"))).toBe(false);
    });
});
