import { diffPlans, flatten, formatDiff } from "../../core/review/diff";
import { planMermaid } from "../../core/review/mermaid";
import { PlanResource } from "../../core/review/render";
import { planDocument, planResource } from "../fakes/planDocuments";

const res = (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    dependsOn: string[] = [],
    parent: string | null = null,
) => planResource(type, name, { inputs, dependsOn, parent });
const doc = planDocument;
const SECRET = "kubernetes:core/v1:Secret";
const KEY = "ibm:index/iamServiceApiKey:IamServiceApiKey";

describe("diffPlans", () => {
    const key = res(KEY, "k", { name: "k", iamServiceId: "iam-1" });
    const secretA = res(SECRET, "a.s", { metadata: { name: "s", namespace: "a" }, stringData: "[secret]" }, [key.urn]);

    it("finds nothing between equal plans", () => {
        expect(diffPlans(doc(key, secretA), doc(key, secretA))).toEqual([]);
    });

    it("reads a resource that answers to an old URN through an alias as moved, not added and removed", () => {
        const moved = {
            ...res(SECRET, "a.s", secretA.inputs, [key.urn]),
            urn: "urn:pulumi:s::p::new$kubernetes:core/v1:Secret::a.s",
            aliases: [secretA.urn],
        };
        expect(diffPlans(doc(key, secretA), doc(key, moved))).toEqual([
            { urn: moved.urn, type: SECRET, name: "a.s", inputs: [], kind: "moved", movedFrom: secretA.urn },
        ]);
        const relabelled = {
            ...moved,
            inputs: { ...moved.inputs, metadata: { name: "s", namespace: "a", labels: { x: "1" } } },
        };
        const [change] = diffPlans(doc(key, secretA), doc(key, relabelled));
        expect(change).toMatchObject({
            kind: "changed",
            movedFrom: secretA.urn,
            inputs: [{ path: "metadata.labels.x", after: "1" }],
        });
        expect(formatDiff([change])).toContain(`        urn: ${secretA.urn} → ${moved.urn} (alias)`);
        // An alias naming a URN the new plan still has is no move.
        expect(
            diffPlans(doc(key, secretA), doc(key, secretA, { ...moved, aliases: [secretA.urn] })).map((c) => c.kind),
        ).toEqual(["added"]);
    });

    it("lists added and removed resources", () => {
        const secretB = res(SECRET, "b.s", { metadata: { name: "s", namespace: "b" } }, [key.urn]);
        expect(diffPlans(doc(key, secretA), doc(key, secretB)).map((c) => [c.kind, c.name])).toEqual([
            ["removed", "a.s"],
            ["added", "b.s"],
        ]);
    });

    it("calls a change of an immutable input a replacement, naming the input", () => {
        const moved = { ...secretA, inputs: { ...secretA.inputs, metadata: { name: "s2", namespace: "a" } } };
        const [change] = diffPlans(doc(secretA), doc(moved));
        expect(change).toMatchObject({
            kind: "replaced",
            replaceReasons: ["metadata.name"],
            inputs: [{ path: "metadata.name", before: "s", after: "s2" }],
        });
    });

    it("calls other input and dependency changes updates", () => {
        const renamed = { ...key, inputs: { ...key.inputs, name: "k2" } };
        const rewired = { ...secretA, dependsOn: [] };
        const changes = diffPlans(doc(key, secretA), doc(renamed, rewired));
        // In URN order: ibm:… before kubernetes:….
        expect(changes.map((c) => [c.kind, c.name])).toEqual([
            ["changed", "k"],
            ["changed", "a.s"],
        ]);
        expect(changes[0].inputs).toEqual([{ path: "name", before: "k", after: "k2" }]);
        expect(changes[1].dependsOn).toEqual({ before: [key.urn], after: [] });
    });

    it("formats a readable summary, secrets still [secret]", () => {
        const bigger = {
            ...secretA,
            inputs: { ...secretA.inputs, metadata: { name: "s", namespace: "a", labels: { x: "1" } } },
        };
        const text = formatDiff(diffPlans(doc(secretA), doc(bigger)));
        expect(text).toBe(
            [
                `  ~ changed  ${SECRET}  a.s`,
                '        metadata.labels.x: (none) → "1"',
                "0 added, 0 removed, 0 replaced, 1 changed",
                "",
            ].join("\n"),
        );
    });

    it("flattens objects to dotted paths and keeps arrays whole", () => {
        expect([...flatten({ a: { b: 1, c: [1, 2] }, d: {} })]).toEqual([
            ["a.b", "1"],
            ["a.c", "[1,2]"],
            ["d", "{}"],
        ]);
    });
});

describe("planMermaid", () => {
    it("draws an edge from each dependency to its dependent, grouped by component", () => {
        const comp = res("registry-access:index:NamespacePullSecret", "a.s", {});
        const key = res(KEY, "k", {});
        const secret = res(SECRET, "a.s", {}, [key.urn], comp.urn);
        // Our own custom resource shares the component types' package: still a node, not a group.
        const ref = res("registry-access:index:ServiceAccountPullSecretRef", "a.default", {}, [secret.urn], comp.urn);
        expect(planMermaid(doc(comp, key, secret, ref))).toBe(
            [
                "flowchart LR",
                '  r1["IamServiceApiKey<br/>k"]',
                '  subgraph r0["NamespacePullSecret<br/>a.s"]',
                '    r2["Secret<br/>a.s"]',
                '    r3["ServiceAccountPullSecretRef<br/>a.default"]',
                "  end",
                "  r1 --> r2",
                "  r2 --> r3",
                "",
            ].join("\n"),
        );
    });
});

describe("diffPlans: what forces a replacement, per type", () => {
    const REF = "registry-access:index:ServiceAccountPullSecretRef";
    const POLICY = "ibm:index/iamServicePolicy:IamServicePolicy";
    /** The kind and reasons of the change from `before` to `after` inputs of one resource of `type`. */
    const change = (type: string, before: Record<string, unknown>, after: Record<string, unknown>) => {
        const [c] = diffPlans(doc(res(type, "r", before)), doc(res(type, "r", after)));
        return [c.kind, c.replaceReasons];
    };

    it.each([
        [
            SECRET,
            "metadata.name",
            { metadata: { name: "a", namespace: "n" }, type: "t" },
            { metadata: { name: "b", namespace: "n" }, type: "t" },
        ],
        [
            SECRET,
            "metadata.namespace",
            { metadata: { name: "a", namespace: "n" }, type: "t" },
            { metadata: { name: "a", namespace: "m" }, type: "t" },
        ],
        [
            SECRET,
            "type",
            { metadata: { name: "a", namespace: "n" }, type: "t" },
            { metadata: { name: "a", namespace: "n" }, type: "u" },
        ],
        [
            REF,
            "namespace",
            { namespace: "n", serviceAccount: "s", secretName: "x" },
            { namespace: "m", serviceAccount: "s", secretName: "x" },
        ],
        [
            REF,
            "serviceAccount",
            { namespace: "n", serviceAccount: "s", secretName: "x" },
            { namespace: "n", serviceAccount: "t", secretName: "x" },
        ],
        [
            REF,
            "secretName",
            { namespace: "n", serviceAccount: "s", secretName: "x" },
            { namespace: "n", serviceAccount: "s", secretName: "y" },
        ],
        [REF, "connection", { connection: "[secret]" }, { connection: "[unknown]" }],
        [KEY, "iamServiceId", { iamServiceId: "a", apikey: "k" }, { iamServiceId: "b", apikey: "k" }],
        [KEY, "apikey", { iamServiceId: "a", apikey: "k" }, { iamServiceId: "a", apikey: "l" }],
        [POLICY, "iamId", { iamId: "a", iamServiceId: "s" }, { iamId: "b", iamServiceId: "s" }],
        [POLICY, "iamServiceId", { iamId: "a", iamServiceId: "s" }, { iamId: "a", iamServiceId: "t" }],
    ])("%s is replaced when %s changes", (type, input, before, after) => {
        expect(change(type, before, after)).toEqual(["replaced", [input]]);
    });

    it("a change below a replace-on input forces it too, naming the leaf; a longer name that merely starts alike does not", () => {
        expect(
            change(
                REF,
                { connection: { cluster: "a", kubeconfig: "k" } },
                { connection: { cluster: "b", kubeconfig: "k" } },
            ),
        ).toEqual(["replaced", ["connection.cluster"]]);
        expect(change(REF, { connectionTimeout: 1 }, { connectionTimeout: 2 })).toEqual(["changed", undefined]);
        expect(change(REF, { x: { connection: 1 } }, { x: { connection: 2 } })).toEqual(["changed", undefined]);
    });

    it("other inputs, and any input of other types, are updates", () => {
        expect(
            change(
                SECRET,
                { metadata: { name: "a", labels: { x: "1" } }, data: "[secret]" },
                { metadata: { name: "a", labels: { x: "2" } }, data: "[secret]" },
            ),
        ).toEqual(["changed", undefined]);
        expect(change(KEY, { name: "k", description: "a" }, { name: "k", description: "b" })).toEqual([
            "changed",
            undefined,
        ]);
        expect(change(POLICY, { roles: ["Reader"] }, { roles: ["Writer"] })).toEqual(["changed", undefined]);
        expect(
            change(
                "ibm:index/iamServiceId:IamServiceId",
                { name: "a", iamServiceId: "x", apikey: "y" },
                { name: "b", iamServiceId: "z", apikey: "w" },
            ),
        ).toEqual(["changed", undefined]);
        expect(
            change("kubernetes:core/v1:Namespace", { metadata: { name: "a" } }, { metadata: { name: "b" } }),
        ).toEqual(["changed", undefined]);
    });

    it("lists every forcing input, in path order", () => {
        expect(
            change(KEY, { iamServiceId: "a", apikey: "k", name: "n" }, { iamServiceId: "b", apikey: "l", name: "m" }),
        ).toEqual(["replaced", ["apikey", "iamServiceId"]]);
    });
});

describe("diffPlans: order, leaves and aliases", () => {
    it("reports input changes in path order and resources in URN order, whatever order the documents hold", () => {
        const before = res(KEY, "b", { zeta: 1, alpha: { y: 1, x: 1 } });
        const after = res(KEY, "b", { zeta: 2, alpha: { y: 2, x: 2 } });
        const other = (v: number) => res(SECRET, "a", { data: v });
        const changes = diffPlans(doc(other(1), before), doc(after, other(2)));
        expect(changes.map((c) => c.urn)).toEqual([before.urn, other(1).urn]);
        expect(changes[0].inputs.map((i) => i.path)).toEqual(["alpha.x", "alpha.y", "zeta"]);
        const adds = diffPlans(doc(), doc(res(SECRET, "z", {}), res(KEY, "y", {}), res(SECRET, "x", {})));
        expect(adds.map((c) => c.name)).toEqual(["y", "x", "z"]);
    });

    it("compares null leaves and emptied objects", () => {
        const [c] = diffPlans(doc(res(KEY, "k", { a: null, b: { c: 1 } })), doc(res(KEY, "k", { a: 1, b: {} })));
        expect(c.inputs).toEqual([
            { path: "a", before: null, after: 1 },
            { path: "b", before: undefined, after: {} },
            { path: "b.c", before: 1, after: undefined },
        ]);
    });

    it("flatten: only objects have leaf paths; a value at the top has none", () => {
        for (const v of [null, 5, "x", [1, 2], true, {}]) expect([...flatten(v)]).toEqual([]);
        expect([...flatten({ a: null, b: "s", c: { d: { e: [] } } })]).toEqual([
            ["a", "null"],
            ["b", '"s"'],
            ["c.d.e", "[]"],
        ]);
    });

    it("takes resources without aliases, and does not move onto a URN the old plan already had", () => {
        const bare = (name: string, inputs: Record<string, unknown>): PlanResource => {
            const { aliases: _aliases, ...r } = res(SECRET, name, inputs);
            return r as PlanResource;
        };
        expect(diffPlans(doc(bare("a", { v: 1 })), doc(bare("a", { v: 2 }))).map((c) => c.kind)).toEqual(["changed"]);
        // b claims a's URN as an alias, but b itself existed before: a is removed, b changed; no move.
        const a = res(SECRET, "a", { v: 1 });
        const b = { ...res(SECRET, "b", { v: 2 }), aliases: [a.urn] };
        const changes = diffPlans(doc(a, res(SECRET, "b", { v: 1 })), doc(b));
        expect(changes.map((c) => [c.name, c.kind, c.movedFrom])).toEqual([
            ["a", "removed", undefined],
            ["b", "changed", undefined],
        ]);
    });
});

describe("formatDiff: every kind of change", () => {
    it("prints marks, reasons, moves, inputs, dependencies and the counts", () => {
        const text = formatDiff([
            { urn: "u1", type: SECRET, name: "a", kind: "added", inputs: [] },
            { urn: "u2", type: SECRET, name: "b", kind: "removed", inputs: [] },
            {
                urn: "u3",
                type: KEY,
                name: "k",
                kind: "replaced",
                replaceReasons: ["apikey", "iamServiceId"],
                inputs: [
                    { path: "apikey", before: "[secret]", after: "[secret2]" },
                    { path: "iamServiceId", before: "x", after: undefined },
                ],
            },
            {
                urn: "u4",
                type: SECRET,
                name: "c",
                kind: "changed",
                inputs: [],
                dependsOn: { before: ["u1"], after: [] },
            },
            { urn: "u5", type: SECRET, name: "d", kind: "moved", movedFrom: "u0", inputs: [] },
        ]);
        expect(text).toBe(
            [
                `  + added    ${SECRET}  a`,
                `  - removed  ${SECRET}  b`,
                `  ± replaced ${KEY}  k  (replace: apikey, iamServiceId changed)`,
                '        apikey: "[secret]" → "[secret2]"',
                '        iamServiceId: "x" → (none)',
                `  ~ changed  ${SECRET}  c`,
                '        dependsOn: ["u1"] → []',
                `  > moved    ${SECRET}  d`,
                "        urn: u0 → u5 (alias)",
                "1 added, 1 removed, 1 replaced, 1 changed, 1 moved",
                "",
            ].join("\n"),
        );
    });

    it("counts each kind, and names moves only when there are some", () => {
        const c = (kind: "added" | "removed" | "changed" | "moved", n: number) =>
            Array.from({ length: n }, (_, i) => ({
                urn: `${kind}${i}`,
                type: SECRET,
                name: `${kind}${i}`,
                kind,
                inputs: [],
            }));
        expect(
            formatDiff([...c("added", 2), ...c("removed", 3), ...c("changed", 1)])
                .split("\n")
                .slice(-2),
        ).toEqual(["2 added, 3 removed, 0 replaced, 1 changed", ""]);
        expect(
            formatDiff([...c("moved", 2)])
                .split("\n")
                .slice(-2),
        ).toEqual(["0 added, 0 removed, 0 replaced, 0 changed, 2 moved", ""]);
        expect(formatDiff([])).toBe("0 added, 0 removed, 0 replaced, 0 changed\n");
    });
});

describe("diffPlans: added, removed and unknown things", () => {
    it("an added or removed resource is just that: no input changes listed", () => {
        const a = res(SECRET, "a", { data: "[secret]" });
        const b = res(SECRET, "b", { data: "[secret]" });
        expect(diffPlans(doc(a), doc(b))).toEqual([
            { urn: a.urn, type: SECRET, name: "a", kind: "removed", inputs: [] },
            { urn: b.urn, type: SECRET, name: "b", kind: "added", inputs: [] },
        ]);
        // An API key nothing consumes is the one exception: it gets a note (core/review/keyNotes.ts).
        const key = res(KEY, "k", { name: "k" });
        expect(diffPlans(doc(a), doc(a, key))[0]).toMatchObject({
            kind: "added",
            note: expect.stringMatching(/^WARNING: a new key that nothing uses/),
        });
    });

    it("a type without replace-on inputs is updated in place, whatever its inputs are called", () => {
        // The names include Stryker's placeholder string, so a non-empty default list would show.
        const names = ["name", "metadata", "type", "Stryker was here"];
        const before = Object.fromEntries(names.map((n) => [n, 1]));
        const after = Object.fromEntries(names.map((n) => [n, 2]));
        const [c] = diffPlans(
            doc(res("example:index:Thing", "t", before)),
            doc(res("example:index:Thing", "t", after)),
        );
        expect(c.kind).toBe("changed");
        expect(c.replaceReasons).toBeUndefined();
        expect(c.inputs.map((i) => i.path)).toEqual([...names].sort());
    });

    it("a resource without aliases answers to no old URN, whatever that URN is", () => {
        const old = { ...res(SECRET, "old", { v: 1 }), urn: "Stryker was here" };
        const { aliases: _aliases, ...bare } = res(SECRET, "new", { v: 1 });
        expect(diffPlans(doc(old), doc(bare as PlanResource)).map((c) => [c.kind, c.urn])).toEqual([
            ["removed", "Stryker was here"],
            ["added", bare.urn],
        ]);
    });
});
