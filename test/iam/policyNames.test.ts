/**
 * Policy names across configuration changes: which former names each policy aliases, checked against a
 * model of the engine's matching (engineMatching.ts) for examples and for generated transitions.
 */
import * as fc from "fast-check";
import { ICR_REGIONS, IcrRegion, findRegion } from "../../core/registry/icrCatalogue";
import {
    coarserNames,
    coarserPolicyNames,
    formerPolicyNames,
    identityNames,
    policyResourceName,
    policyScopesFor,
} from "../../core/iam/policyScopes";
import { Registered, matchState } from "./engineMatching";

const BASE = identityNames("c1").base;
const P = `${BASE}-policy`;
const region = (name: string) => findRegion(name)!;

interface Scoping {
    readonly regions?: readonly IcrRegion[];
    readonly namespaces?: readonly string[];
}

/** The policies a configuration registers: names (as URN stand-ins: type and parent never change) and aliases. */
function policiesOf(c: Scoping): Registered[] {
    const scopes = policyScopesFor(c.regions, c.namespaces);
    const former = formerPolicyNames(BASE, scopes);
    return scopes.map((s, i) => ({ urn: policyResourceName(BASE, s), aliases: former[i] }));
}

const namesOf = (c: Scoping) => policiesOf(c).map((p) => p.urn);
const transition = (before: Scoping, after: Scoping) => matchState(namesOf(before), policiesOf(after));

describe("coarser names of a scope", () => {
    it("are none for the unscoped policy", () => {
        expect(coarserPolicyNames(BASE, {})).toEqual([]);
    });

    it("are the unscoped name for a single dimension, the global geography included", () => {
        expect(coarserPolicyNames(BASE, { region: "us-south" })).toEqual([P]);
        expect(coarserPolicyNames(BASE, { registryNamespace: "team-a" })).toEqual([P]);
        expect(coarserPolicyNames(BASE, { geography: "global" })).toEqual([P]);
    });

    it("drop one dimension before two, the registry namespace before the region", () => {
        expect(coarserPolicyNames(BASE, { region: "us-south", registryNamespace: "team-a" })).toEqual([
            `${P}-us-south`,
            `${P}-team-a`,
            P,
        ]);
        expect(coarserPolicyNames(BASE, { geography: "global", registryNamespace: "team-a" })).toEqual([
            `${P}-global`,
            `${P}-team-a`,
            P,
        ]);
    });
});

describe("coarser names of any number of dimensions (for a dimension added later)", () => {
    it("drop one before two before three; among equals, keep earlier dimensions", () => {
        expect(coarserNames("b", ["x", "y", "z"])).toEqual([
            "b-policy-x-y",
            "b-policy-x-z",
            "b-policy-y-z",
            "b-policy-x",
            "b-policy-y",
            "b-policy-z",
            "b-policy",
        ]);
    });

    it("skip the dimensions a scope leaves unset", () => {
        expect(coarserNames("b", [undefined, "y", undefined, "w"])).toEqual(["b-policy-y", "b-policy-w", "b-policy"]);
        expect(coarserNames("b", [undefined, undefined])).toEqual([]);
    });
});

describe("former names: each transition", () => {
    const us = region("us-south");
    const gb = region("eu-gb");
    const global = region("global");

    it("none → regions: the first region's policy takes over the unscoped one", () => {
        expect(policiesOf({ regions: [us, gb] })).toEqual([
            { urn: `${P}-us-south`, aliases: [P] },
            { urn: `${P}-eu-gb`, aliases: [] },
        ]);
        const m = transition({}, { regions: [us, gb] });
        expect(m).toEqual({
            updated: new Map([[`${P}-us-south`, P]]),
            created: [`${P}-eu-gb`],
            deleted: [],
            errors: [],
        });
    });

    it("none → registry namespaces: the first namespace's policy takes over the unscoped one", () => {
        expect(policiesOf({ namespaces: ["team-a", "team-b"] })).toEqual([
            { urn: `${P}-team-a`, aliases: [P] },
            { urn: `${P}-team-b`, aliases: [] },
        ]);
        expect(transition({}, { namespaces: ["team-a", "team-b"] }).deleted).toEqual([]);
    });

    it("regions → regions × namespaces: each region's policy goes to its first namespace", () => {
        const after = { regions: [global, us], namespaces: ["team-a", "team-b"] };
        expect(policiesOf(after)).toEqual([
            { urn: `${P}-global-team-a`, aliases: [`${P}-global`, `${P}-team-a`, P] },
            { urn: `${P}-global-team-b`, aliases: [`${P}-team-b`] },
            { urn: `${P}-us-south-team-a`, aliases: [`${P}-us-south`] },
            { urn: `${P}-us-south-team-b`, aliases: [] },
        ]);
        const m = transition({ regions: [global, us] }, after);
        expect(m.updated).toEqual(
            new Map([
                [`${P}-global-team-a`, `${P}-global`],
                [`${P}-us-south-team-a`, `${P}-us-south`],
            ]),
        );
        expect([m.deleted, m.errors]).toEqual([[], []]);
    });

    it("namespaces → regions × namespaces: each namespace's policy goes to the first region", () => {
        const m = transition(
            { namespaces: ["team-a", "team-b"] },
            { regions: [us, gb], namespaces: ["team-a", "team-b"] },
        );
        expect(m.updated).toEqual(
            new Map([
                [`${P}-us-south-team-a`, `${P}-team-a`],
                [`${P}-us-south-team-b`, `${P}-team-b`],
            ]),
        );
        expect(m.created).toEqual([`${P}-eu-gb-team-a`, `${P}-eu-gb-team-b`]);
        expect([m.deleted, m.errors]).toEqual([[], []]);
    });

    it("none → regions × namespaces at once: the first combination takes over the unscoped policy", () => {
        const m = transition({}, { regions: [us], namespaces: ["team-a", "team-b"] });
        expect(m.updated).toEqual(new Map([[`${P}-us-south-team-a`, P]]));
        expect([m.deleted, m.errors]).toEqual([[], []]);
    });

    it("one more region or namespace, even in front: renames nothing, takes over nothing", () => {
        for (const [before, after] of [
            [{ regions: [us] }, { regions: [gb, us] }],
            [{ namespaces: ["team-b"] }, { namespaces: ["team-a", "team-b"] }],
            [
                { regions: [us], namespaces: ["team-a"] },
                { regions: [gb, us], namespaces: ["team-b", "team-a"] },
            ],
        ] as [Scoping, Scoping][]) {
            const m = transition(before, after);
            for (const [urn, old] of m.updated) expect(old).toBe(urn);
            expect([m.deleted, m.errors]).toEqual([[], []]);
        }
    });

    it("scopes → none: no alias; the unscoped policy is created, the scoped ones deleted after it", () => {
        expect(policiesOf({})).toEqual([{ urn: P, aliases: [] }]);
        const m = transition({ regions: [us, gb], namespaces: ["team-a"] }, {});
        expect(m).toEqual({
            updated: new Map(),
            created: [P],
            deleted: [`${P}-us-south-team-a`, `${P}-eu-gb-team-a`],
            errors: [],
        });
    });

    it("never aliases a name the configuration uses itself, when names coincide across dimensions", () => {
        // Registry namespace "us-south-team-a" alone was named like region us-south with namespace team-a.
        const after = { regions: [us], namespaces: ["team-a", "us-south-team-a"] };
        expect(policiesOf(after)).toEqual([
            { urn: `${P}-us-south-team-a`, aliases: [`${P}-us-south`, `${P}-team-a`, P] },
            { urn: `${P}-us-south-us-south-team-a`, aliases: [] },
        ]);
        // The engine matches URNs first: the coinciding policy is updated in place, the other former one
        // is deleted after its successor is created. Never an error.
        const m = transition({ namespaces: ["team-a", "us-south-team-a"] }, after);
        expect(m.errors).toEqual([]);
        expect(m.updated).toEqual(new Map([[`${P}-us-south-team-a`, `${P}-us-south-team-a`]]));
        expect(m.deleted).toEqual([`${P}-team-a`]);
    });
});

describe("former names: properties", () => {
    const regionsArb = fc.shuffledSubarray([...ICR_REGIONS], { minLength: 1, maxLength: 4 });
    const startsWithRegion = (n: string) =>
        ICR_REGIONS.some((r) => n === r.iamRegion || n.startsWith(`${r.iamRegion}-`));
    // ICR namespace names (core/config/contract.ts): 4-30 of a-z, 0-9, _ and -, starting and ending alphanumeric.
    const icrNamespace = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{2,8}[a-z0-9]$/);
    /** Namespaces whose policy names never coincide with names of another dimension. */
    const plainNamespace = fc.oneof(
        fc.constantFrom("team-a", "team-b", "base-images"),
        icrNamespace.filter((n) => !startsWithRegion(n)),
    );
    /** Including names that start with a region's name, so that names of different dimensions coincide. */
    const anyNamespace = fc.oneof(
        plainNamespace,
        fc.constantFrom("global", "us-south", "us-south-team-a", "eu-gb-team-a", "global-team-a"),
    );
    const scoping = (namespace: fc.Arbitrary<string>): fc.Arbitrary<Scoping> =>
        fc.record({
            regions: fc.option(regionsArb, { nil: undefined }),
            namespaces: fc.option(fc.uniqueArray(namespace, { minLength: 1, maxLength: 4 }), { nil: undefined }),
        });
    /** Optional subset of a list in any order (a dimension dropped, or fewer values). */
    const coarser = <T>(values: readonly T[] | undefined): fc.Arbitrary<T[] | undefined> =>
        values
            ? fc.option(fc.shuffledSubarray([...values], { minLength: 1 }), { nil: undefined })
            : fc.constant(undefined);
    /** A configuration and one with at most its dimensions and values, in any order. */
    const refinement = (namespace: fc.Arbitrary<string>) =>
        scoping(namespace).chain((after) =>
            fc
                .record({ regions: coarser(after.regions), namespaces: coarser(after.namespaces) })
                .map((before) => ({ before, after })),
        );

    it("gives each former name to one policy, never a current name, always a coarser name of its own scope", () => {
        fc.assert(
            fc.property(scoping(anyNamespace), (c) => {
                const scopes = policyScopesFor(c.regions, c.namespaces);
                const current = new Set(scopes.map((s) => policyResourceName(BASE, s)));
                const former = formerPolicyNames(BASE, scopes);
                const all = former.flat();
                expect(new Set(all).size).toBe(all.length);
                expect(all.filter((n) => current.has(n))).toEqual([]);
                scopes.forEach((s, i) =>
                    expect(coarserPolicyNames(BASE, s)).toEqual(expect.arrayContaining(former[i])),
                );
            }),
        );
    });

    it("adding regions, namespaces or both updates every existing policy in place", () => {
        fc.assert(
            fc.property(refinement(plainNamespace), ({ before, after }) => {
                const m = transition(before, after);
                expect(m.errors).toEqual([]);
                expect(m.deleted).toEqual([]);
            }),
        );
    });

    it("never makes the engine refuse the update, whatever the previous configuration", () => {
        fc.assert(
            fc.property(scoping(anyNamespace), scoping(anyNamespace), (before, after) => {
                expect(transition(before, after).errors).toEqual([]);
            }),
        );
    });

    it("adding values to the dimensions in use keeps every name and takes nothing over", () => {
        const sameDimensions = scoping(anyNamespace).chain((after) =>
            fc
                .record({
                    regions: after.regions
                        ? fc.shuffledSubarray([...after.regions], { minLength: 1 })
                        : fc.constant(undefined),
                    namespaces: after.namespaces
                        ? fc.shuffledSubarray([...after.namespaces], { minLength: 1 })
                        : fc.constant(undefined),
                })
                .map((before) => ({ before, after })),
        );
        fc.assert(
            fc.property(sameDimensions, ({ before, after }) => {
                const m = transition(before, after);
                for (const [urn, old] of m.updated) expect(old).toBe(urn);
                expect(m.deleted).toEqual([]);
            }),
        );
    });
});
