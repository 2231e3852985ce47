/**
 * Stable names (issue item 6): the real program, run with a configuration and then with a changed one,
 * must never make the engine replace a resource of the first run. Each resource of the "before" run is,
 * in the "after" run, under the same URN or named by exactly one alias; no alias is a URN of the program.
 */
import type { ProgramRun, Registration } from "../../plan/runProgram";
import { matchState } from "../iam/engineMatching";
import { ConfigValue, T, inputsOf, ofType, runStack } from "../fakes/programRuns";

const CLUSTER = "c1";
const P = `${CLUSTER}-registry-pull-policy`;
const POLICY_URN = (name: string) =>
    `urn:pulumi:test::registry-access::registry-access:index:PullIdentity$${T.policy}::${name}`;

type Config = Record<string, ConfigValue>;

async function runBoth(before: Config, after: Config): Promise<[ProgramRun, ProgramRun]> {
    const base: Config = { cluster: CLUSTER, namespaces: ["app"] };
    return [await runStack({ ...base, ...before }), await runStack({ ...base, ...after })];
}

/** The resource type in a URN (after its parents' types): an alias may name another parent, never another type. */
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();

/**
 * No replacement: every "before" resource is kept under its URN or claimed by exactly one alias, aliases
 * have their resource's type (their parent may differ), no alias is a current URN, and no alias is given
 * twice. Returns the before URN → after URN of the resources taken over by an alias.
 */
function expectNoReplacement(before: ProgramRun, after: ProgramRun): Map<string, string> {
    const current = new Set(after.registrations.map((r) => r.urn));
    const claims = new Map<string, string[]>();
    for (const r of after.registrations) {
        for (const alias of r.aliases) {
            claims.set(alias, [...(claims.get(alias) ?? []), r.urn]);
            expect([r.urn, typeOf(alias)]).toEqual([r.urn, r.type]);
        }
    }
    expect([...claims.keys()].filter((a) => current.has(a))).toEqual([]);
    expect([...claims].filter(([, owners]) => owners.length > 1)).toEqual([]);
    const lost = before.registrations.filter((r) => !current.has(r.urn) && claims.get(r.urn)?.length !== 1);
    expect(lost.map((r) => r.urn)).toEqual([]);

    // The same through the engine's own matching: nothing deleted, nothing refused.
    const m = matchState(
        before.registrations.map((r) => r.urn),
        after.registrations,
    );
    expect([m.deleted, m.errors]).toEqual([[], []]);
    return new Map([...m.updated].filter(([urn, old]) => urn !== old).map(([urn, old]) => [old, urn]));
}

/** Renames nothing: every "before" URN is still registered, and no alias takes over a "before" resource. */
function expectNoRename(before: ProgramRun, after: ProgramRun): void {
    const current = new Set(after.registrations.map((r) => r.urn));
    expect(before.registrations.map((r) => r.urn).filter((u) => !current.has(u))).toEqual([]);
    const olds = new Set(before.registrations.map((r) => r.urn));
    expect(after.registrations.flatMap((r) => r.aliases.filter((a) => olds.has(a)).map((a) => [r.urn, a]))).toEqual([]);
    expect(after.registrations.flatMap((r) => r.aliases).filter((a) => current.has(a))).toEqual([]);
}

const policy = (run: ProgramRun, name: string): Registration => {
    const found = ofType(run, T.policy).filter((r) => r.name === name);
    if (found.length !== 1)
        throw new Error(`expected policy ${name}, found ${ofType(run, T.policy).map((r) => r.name)}`);
    return found[0];
};

describe("adding a dimension updates the policies in place", () => {
    it("none → regions: the first region's policy is the former unscoped one", async () => {
        const [before, after] = await runBoth({}, { registryRegions: ["us-south", "uk-south"] });
        expect(expectNoReplacement(before, after)).toEqual(new Map([[POLICY_URN(P), POLICY_URN(`${P}-us-south`)]]));
        expect(inputsOf(policy(after, `${P}-us-south`)).resources).toEqual({
            service: "container-registry",
            region: "us-south",
        });
        expect(policy(after, `${P}-eu-gb`).aliases).toEqual([]);
    });

    it("none → the global registry: its geography-scoped policy is the former unscoped one", async () => {
        const [before, after] = await runBoth({}, { registryRegions: ["global"] });
        expect(expectNoReplacement(before, after)).toEqual(new Map([[POLICY_URN(P), POLICY_URN(`${P}-global`)]]));
    });

    it("none → registry namespaces: the first namespace's policy is the former unscoped one", async () => {
        const [before, after] = await runBoth({}, { registryNamespaces: ["team-a", "team-b"] });
        expect(expectNoReplacement(before, after)).toEqual(new Map([[POLICY_URN(P), POLICY_URN(`${P}-team-a`)]]));
    });

    it("regions → regions × registry namespaces: each region's policy goes to its first namespace", async () => {
        const regions = ["global", "us-south"];
        const [before, after] = await runBoth(
            { registryRegions: regions },
            { registryRegions: regions, registryNamespaces: ["team-a", "team-b"] },
        );
        expect(expectNoReplacement(before, after)).toEqual(
            new Map([
                [POLICY_URN(`${P}-global`), POLICY_URN(`${P}-global-team-a`)],
                [POLICY_URN(`${P}-us-south`), POLICY_URN(`${P}-us-south-team-a`)],
            ]),
        );
    });

    it("registry namespaces → regions × registry namespaces: each namespace's policy goes to the first region", async () => {
        const spaces = ["team-a", "team-b"];
        const [before, after] = await runBoth(
            { registryNamespaces: spaces },
            { registryRegions: ["eu-gb", "us-south"], registryNamespaces: spaces },
        );
        expect(expectNoReplacement(before, after)).toEqual(
            new Map([
                [POLICY_URN(`${P}-team-a`), POLICY_URN(`${P}-eu-gb-team-a`)],
                [POLICY_URN(`${P}-team-b`), POLICY_URN(`${P}-eu-gb-team-b`)],
            ]),
        );
    });

    it("none → regions × registry namespaces at once: the first combination is the former unscoped policy", async () => {
        const [before, after] = await runBoth(
            {},
            { registryRegions: ["us-south"], registryNamespaces: ["team-a", "team-b"] },
        );
        expect(expectNoReplacement(before, after)).toEqual(
            new Map([[POLICY_URN(P), POLICY_URN(`${P}-us-south-team-a`)]]),
        );
    });

    it("never aliases a URN of the program when names of different dimensions coincide", async () => {
        // Namespace "us-south-team-a" alone was named like region us-south with namespace team-a.
        const spaces = ["team-a", "us-south-team-a"];
        const [, after] = await runBoth({}, { registryRegions: ["us-south"], registryNamespaces: spaces });
        const current = new Set(after.registrations.map((r) => r.urn));
        expect(after.registrations.flatMap((r) => r.aliases).filter((a) => current.has(a))).toEqual([]);
        expect(policy(after, `${P}-us-south-us-south-team-a`).aliases).toEqual([]);
    });
});

describe("adding values to the dimensions in use renames nothing", () => {
    it("one more region, even listed first", async () => {
        const [before, after] = await runBoth(
            { registryRegions: ["us-south"] },
            { registryRegions: ["eu-gb", "us-south"] },
        );
        expectNoRename(before, after);
        expect(
            ofType(after, T.policy)
                .map((r) => r.name)
                .sort(),
        ).toEqual([`${P}-eu-gb`, `${P}-us-south`]);
    });

    it("one more registry namespace, with regions", async () => {
        const regions = ["global", "us-south"];
        const [before, after] = await runBoth(
            { registryRegions: regions, registryNamespaces: ["team-b"] },
            { registryRegions: regions, registryNamespaces: ["team-a", "team-b"] },
        );
        expectNoRename(before, after);
        expect(ofType(after, T.policy)).toHaveLength(4);
    });
});

describe("Kubernetes namespaces and service accounts rename nothing", () => {
    it("one more namespace", async () => {
        const [before, after] = await runBoth({ namespaces: ["app"] }, { namespaces: ["app", "batch"] });
        expectNoRename(before, after);
        expect(ofType(after, T.secret)).toHaveLength(2);
    });

    it("one more service account", async () => {
        const [before, after] = await runBoth(
            { namespaces: ["app", "batch"] },
            { namespaces: ["app", "batch"], serviceAccounts: ["default", "builder"] },
        );
        expectNoRename(before, after);
        expect(ofType(after, T.ref)).toHaveLength(4);
    });

    it("one more of each, on a stack scoped to regions and registry namespaces", async () => {
        const scoped = { registryRegions: ["us-south", "global"], registryNamespaces: ["team-a"] };
        const [before, after] = await runBoth(
            { ...scoped, namespaces: ["app"] },
            { ...scoped, namespaces: ["batch", "app"], serviceAccounts: ["default", "builder"] },
        );
        expectNoRename(before, after);
    });
});

describe("removing scopes: no alias (former names are not derivable), the wider policy comes first", () => {
    // The engine creates the new policies while the program runs and deletes the removed ones after it,
    // so access widens before the narrower policies go; they get new IDs.
    it("regions × registry namespaces → none", async () => {
        const [before, after] = await runBoth(
            { registryRegions: ["us-south", "eu-gb"], registryNamespaces: ["team-a"] },
            {},
        );
        expect(policy(after, P).aliases).toEqual([]);
        const m = matchState(
            before.registrations.map((r) => r.urn),
            after.registrations,
        );
        expect(m.errors).toEqual([]);
        expect(m.created).toEqual([POLICY_URN(P)]);
        expect(m.deleted.sort()).toEqual([POLICY_URN(`${P}-eu-gb-team-a`), POLICY_URN(`${P}-us-south-team-a`)]);
    });

    it("regions × registry namespaces → regions: the regional policies are new, nothing else changes", async () => {
        const [before, after] = await runBoth(
            { registryRegions: ["us-south"], registryNamespaces: ["team-a", "team-b"] },
            { registryRegions: ["us-south"] },
        );
        const m = matchState(
            before.registrations.map((r) => r.urn),
            after.registrations,
        );
        expect(m.errors).toEqual([]);
        expect(m.created).toEqual([POLICY_URN(`${P}-us-south`)]);
        expect(m.deleted.sort()).toEqual([POLICY_URN(`${P}-us-south-team-a`), POLICY_URN(`${P}-us-south-team-b`)]);
        for (const [urn, old] of m.updated) expect(old).toBe(urn);
    });
});

describe("the unscoped default carries no alias", () => {
    it("registers the dev stack's policy exactly as before", async () => {
        const run = await runStack({ cluster: CLUSTER, namespaces: ["app"] });
        expect(run.registrations.filter((r) => r.type !== T.secret).flatMap((r) => r.aliases)).toEqual([]);
    });
});
