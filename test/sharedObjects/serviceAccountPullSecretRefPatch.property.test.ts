/**
 * Properties of the imagePullSecrets patch planner (core/sharedObjects/serviceAccountPullSecretRefPatch.ts) for
 * arbitrary lists (nulls, duplicates, foreign names, names that need JSON-pointer escaping) and arbitrary
 * ownership annotations (valid, partly invalid, malformed, absent), every plan applied with the fake API
 * server's atomic JSON-patch engine (test/fakes/fakeServiceAccounts.ts).
 */
import fc from "fast-check";
import {
    EntryOwnership,
    JsonPatchOp,
    LocalObjectReference,
    OWNERS_ANNOTATION,
    ServiceAccountView,
    attachOps,
    detachOps,
    hasPullSecret,
    isAttached,
    readOwnership,
} from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { HttpError, applyJsonPatch } from "../fakes/fakeServiceAccounts";

const OURS = "all-icr-io-team";
const NAMES = [OURS, "all-icr-io", "default-dockercfg-x7k2p", "a/b~c", "~1"];
const OWNERS = [
    "registry-access/dev/team-a.default#00000001",
    "registry-access/dev/team-a.default#00000002",
    "registry-access/prod/team-a.default#0000000f",
    "other/stack/x#1",
];
const PARAMS = { numRuns: 300 };

type Sa = ServiceAccountView & { metadata: { resourceVersion?: string; annotations?: Record<string, string> | null } };

const entryArb: fc.Arbitrary<LocalObjectReference> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...NAMES).map((name) => ({ name })) },
    { weight: 1, arbitrary: fc.constant({ name: null }) },
    { weight: 1, arbitrary: fc.constant({}) },
    // A null item (a list edited by hand): the planner must step over it.
    { weight: 1, arbitrary: fc.constant(null as unknown as LocalObjectReference) },
);
const listArb: fc.Arbitrary<LocalObjectReference[] | null | undefined> = fc.oneof(
    { weight: 8, arbitrary: fc.array(entryArb, { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
);
// The planner never writes a record without owners (the last owner's detach drops it).
const ownershipArb: fc.Arbitrary<EntryOwnership> = fc.record({
    owners: fc.uniqueArray(fc.constantFrom(...OWNERS), { minLength: 1, maxLength: 3 }),
    preexisting: fc.boolean(),
});
const recordArb = fc.dictionary(fc.constantFrom(...NAMES), ownershipArb, { maxKeys: 4 });
const annotationArb: fc.Arbitrary<Record<string, string> | null | undefined> = fc.oneof(
    { weight: 6, arbitrary: recordArb.map((r) => ({ [OWNERS_ANNOTATION]: JSON.stringify(r), keep: "me" })) },
    // A record with an entry that does not parse: it counts as unrecorded.
    {
        weight: 1,
        arbitrary: recordArb.map((r) => ({ [OWNERS_ANNOTATION]: JSON.stringify({ ...r, [OURS]: { owners: "x" } }) })),
    },
    { weight: 1, arbitrary: fc.constant({ [OWNERS_ANNOTATION]: "{not json" }) },
    { weight: 1, arbitrary: fc.constant({ keep: "me" }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
);
const saArb: fc.Arbitrary<Sa> = fc
    .record({ list: listArb, annotations: annotationArb, rv: fc.integer({ min: 1, max: 1000 }) })
    .map(({ list, annotations, rv }) => {
        const sa: Sa = {
            metadata: { resourceVersion: String(rv), ...(annotations !== undefined ? { annotations } : {}) },
        };
        if (list !== undefined) sa.imagePullSecrets = list;
        return sa;
    });
const ownerArb = fc.constantFrom(...OWNERS);

const namesOf = (sa: ServiceAccountView) =>
    (Array.isArray(sa.imagePullSecrets) ? sa.imagePullSecrets : []).map((r) => r?.name);
const foreign = (sa: ServiceAccountView) =>
    (Array.isArray(sa.imagePullSecrets) ? sa.imagePullSecrets : []).filter((r) => r?.name !== OURS);
const countOurs = (sa: ServiceAccountView) => namesOf(sa).filter((n) => n === OURS).length;
/** Applies the ops as the API server would, bumping resourceVersion when anything was sent. */
function apply(sa: Sa, ops: JsonPatchOp[]): Sa {
    if (ops.length === 0) return sa;
    const next = applyJsonPatch(sa, ops);
    next.metadata.resourceVersion = String(Number(sa.metadata.resourceVersion) + 1);
    return next;
}

describe("patch planner properties", () => {
    it("every plan applies cleanly to the object it was planned against", () => {
        fc.assert(
            fc.property(saArb, ownerArb, fc.boolean(), (sa, owner, attach) => {
                const ops = attach ? attachOps(sa, OURS, owner) : detachOps(sa, OURS, owner);
                expect(() => applyJsonPatch(sa, ops)).not.toThrow();
            }),
            PARAMS,
        );
    });

    it("attach then detach by the same owner restores the foreign entries, in order", () => {
        fc.assert(
            fc.property(saArb, ownerArb, (sa, owner) => {
                const attached = apply(sa, attachOps(sa, OURS, owner));
                const detached = apply(attached, detachOps(attached, OURS, owner));
                expect(foreign(detached)).toEqual(foreign(sa));
                // And when the owner was a stranger to the entry, the whole list is as it was.
                const before = readOwnership(sa)[OURS];
                if (!(before?.owners ?? []).includes(owner) && hasPullSecret(sa, OURS)) {
                    expect(detached.imagePullSecrets).toEqual(sa.imagePullSecrets);
                }
                // The records of other secrets are never touched.
                const others = (sa2: ServiceAccountView) =>
                    Object.fromEntries(Object.entries(readOwnership(sa2)).filter(([k]) => k !== OURS));
                expect(others(detached)).toEqual(others(sa));
            }),
            PARAMS,
        );
    });

    it("attach is idempotent: once attached, a second attach plans nothing", () => {
        fc.assert(
            fc.property(saArb, ownerArb, (sa, owner) => {
                const once = apply(sa, attachOps(sa, OURS, owner));
                expect(isAttached(once, OURS, owner)).toBe(true);
                expect(attachOps(once, OURS, owner)).toEqual([]);
                // Attaching adds at most one entry, at the end, and never removes or reorders any.
                const added = namesOf(once).length - namesOf(sa).length;
                expect(added).toBe(hasPullSecret(sa, OURS) ? 0 : 1);
                expect(namesOf(once).slice(0, namesOf(sa).length)).toEqual(namesOf(sa));
            }),
            PARAMS,
        );
    });

    it("detach by an owner that is not recorded never removes the entry (nor plans anything)", () => {
        fc.assert(
            fc.property(saArb, ownerArb, (sa, owner) => {
                fc.pre(!(readOwnership(sa)[OURS]?.owners ?? []).includes(owner));
                const ops = detachOps(sa, OURS, owner);
                expect(ops).toEqual([]);
                expect(countOurs(apply(sa, ops))).toBe(countOurs(sa));
            }),
            PARAMS,
        );
    });

    it('an entry recorded as preexisting is never removed, whoever detaches (the importer "" included)', () => {
        fc.assert(
            fc.property(saArb, ownershipArb, fc.oneof(ownerArb, fc.constant("")), (sa, ownership, owner) => {
                const record = { ...readOwnership(sa), [OURS]: { ...ownership, preexisting: true } };
                const base: Sa = {
                    ...sa,
                    imagePullSecrets: [...(sa.imagePullSecrets ?? []), { name: OURS }],
                    metadata: {
                        ...sa.metadata,
                        annotations: {
                            ...(sa.metadata.annotations ?? {}),
                            [OWNERS_ANNOTATION]: JSON.stringify(record),
                        },
                    },
                };
                const next = apply(base, detachOps(base, OURS, owner));
                expect(next.imagePullSecrets).toEqual(base.imagePullSecrets);
            }),
            PARAMS,
        );
    });

    it("an entry that was there before us survives any sequence of attaches and detaches by owners", () => {
        const step = fc.record({ attach: fc.boolean(), owner: ownerArb });
        fc.assert(
            fc.property(saArb, fc.array(step, { maxLength: 12 }), (sa, steps) => {
                fc.pre(hasPullSecret(sa, OURS) && readOwnership(sa)[OURS] === undefined);
                let current = sa;
                for (const s of steps) {
                    current = apply(
                        current,
                        s.attach ? attachOps(current, OURS, s.owner) : detachOps(current, OURS, s.owner),
                    );
                    expect(countOurs(current)).toBe(countOurs(sa));
                }
                expect(current.imagePullSecrets).toEqual(sa.imagePullSecrets);
            }),
            PARAMS,
        );
    });

    it("the entry is listed exactly while some owner holds it, for any sequence on an entry we added", () => {
        const step = fc.record({ attach: fc.boolean(), owner: ownerArb });
        fc.assert(
            fc.property(saArb, fc.array(step, { maxLength: 12 }), (sa, steps) => {
                fc.pre(!hasPullSecret(sa, OURS) && readOwnership(sa)[OURS] === undefined);
                let current = sa;
                const holders = new Set<string>();
                for (const s of steps) {
                    current = apply(
                        current,
                        s.attach ? attachOps(current, OURS, s.owner) : detachOps(current, OURS, s.owner),
                    );
                    if (s.attach) holders.add(s.owner);
                    else holders.delete(s.owner);
                    expect(countOurs(current)).toBe(holders.size > 0 ? 1 : 0);
                    expect([...(readOwnership(current)[OURS]?.owners ?? [])].sort()).toEqual([...holders].sort());
                    for (const o of OWNERS) expect(isAttached(current, OURS, o)).toBe(holders.has(o));
                    expect(foreign(current)).toEqual(foreign(sa));
                }
            }),
            PARAMS,
        );
    });

    it("every planned patch fails atomically (422, object untouched) when the object changed concurrently", () => {
        fc.assert(
            fc.property(
                saArb,
                ownerArb,
                fc.boolean(),
                listArb,
                fc.integer({ min: 1, max: 5 }),
                (sa, owner, attach, concurrentList, bump) => {
                    const ops = attach ? attachOps(sa, OURS, owner) : detachOps(sa, OURS, owner);
                    fc.pre(ops.length > 0);
                    expect(ops[0]).toEqual({
                        op: "test",
                        path: "/metadata/resourceVersion",
                        value: sa.metadata.resourceVersion,
                    });
                    // Someone else edited the list in between: a new resourceVersion, any list.
                    const changed: Sa = {
                        ...sa,
                        metadata: {
                            ...sa.metadata,
                            resourceVersion: String(Number(sa.metadata.resourceVersion) + bump),
                        },
                    };
                    if (concurrentList !== undefined) changed.imagePullSecrets = concurrentList;
                    const snapshot = JSON.stringify(changed);
                    let error: unknown;
                    try {
                        applyJsonPatch(changed, ops);
                    } catch (err) {
                        error = err;
                    }
                    expect(error).toBeInstanceOf(HttpError);
                    expect((error as HttpError).statusCode).toBe(422);
                    expect(JSON.stringify(changed)).toBe(snapshot);
                },
            ),
            PARAMS,
        );
    });

    it("without a resourceVersion the plan is the same ops, unguarded", () => {
        fc.assert(
            fc.property(saArb, ownerArb, fc.boolean(), (sa, owner, attach) => {
                const plan = (x: ServiceAccountView) =>
                    attach ? attachOps(x, OURS, owner) : detachOps(x, OURS, owner);
                const guardedOps = plan(sa);
                const bare = plan({ ...sa, metadata: { ...sa.metadata, resourceVersion: undefined } });
                expect(bare).toEqual(guardedOps.slice(guardedOps.length > 0 ? 1 : 0));
            }),
            PARAMS,
        );
    });
});
