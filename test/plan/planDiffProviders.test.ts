/**
 * diffPlans on resource options and explicit providers (core/review/diff.ts), and formatDiff's notes: another
 * provider is another cluster or IBM Cloud account, which the engine meets by replacing the resource; plans
 * written before providers were recorded compare no providers at all.
 */
import { diffPlans, formatDiff } from "../../core/review/diff";
import { PlanResource } from "../../core/review/render";
import { planDocument, planResource } from "../fakes/planDocuments";

const SECRET = "kubernetes:core/v1:Secret";
const KEY = "ibm:index/iamServiceApiKey:IamServiceApiKey";
const CLUSTER_A = "urn:pulumi:s::p::pulumi:providers:kubernetes::cluster-a";
const CLUSTER_B = "urn:pulumi:s::p::pulumi:providers:kubernetes::cluster-b";

const res = (type: string, name: string, extra: Partial<PlanResource> = {}) =>
    planResource(type, name, { inputs: { metadata: { name, namespace: "a" } }, ...extra });
const doc = planDocument;

describe("diffPlans: explicit providers", () => {
    it("replaces a resource that moves to another provider, naming (provider)", () => {
        expect(
            diffPlans(doc(res(SECRET, "x", { provider: CLUSTER_A })), doc(res(SECRET, "x", { provider: CLUSTER_B }))),
        ).toEqual([
            {
                urn: res(SECRET, "x").urn,
                type: SECRET,
                name: "x",
                kind: "replaced",
                inputs: [{ path: "(provider)", before: CLUSTER_A, after: CLUSTER_B }],
                replaceReasons: ["(provider)"],
            },
        ]);
    });

    it("compares providers when some resources of the old plan record one, others being on the default provider", () => {
        const before = doc(res(SECRET, "x", { provider: CLUSTER_A }), res(SECRET, "y"));
        // x goes back to the default provider; y moves from it to an explicit one.
        const after = doc(res(SECRET, "x"), res(SECRET, "y", { provider: CLUSTER_B }));
        expect(diffPlans(before, after).map((c) => [c.name, c.kind, c.inputs])).toEqual([
            ["x", "replaced", [{ path: "(provider)", before: CLUSTER_A, after: undefined }]],
            ["y", "replaced", [{ path: "(provider)", before: undefined, after: CLUSTER_B }]],
        ]);
    });

    it("an old plan that records no provider compares none: its resources' providers are unknown", () => {
        const before = doc(res(SECRET, "x"), res(KEY, "k"));
        const after = doc(res(SECRET, "x", { provider: CLUSTER_A }), res(KEY, "k"));
        expect(diffPlans(before, after)).toEqual([]);
    });

    it("the same provider on both sides is no change", () => {
        const x = res(SECRET, "x", { provider: CLUSTER_A });
        expect(
            diffPlans(doc(x, res(SECRET, "y")), doc(res(SECRET, "x", { provider: CLUSTER_A }), res(SECRET, "y"))),
        ).toEqual([]);
    });
});

describe("diffPlans: resource options", () => {
    it("shows a change of protect or ignoreChanges under (options), updated in place", () => {
        const before = doc(res(KEY, "k"));
        const after = doc(res(KEY, "k", { options: { protect: true, ignoreChanges: ["description"] } }));
        expect(diffPlans(before, after)).toEqual([
            {
                urn: res(KEY, "k").urn,
                type: KEY,
                name: "k",
                kind: "changed",
                inputs: [
                    { path: "(options).ignoreChanges", before: undefined, after: ["description"] },
                    { path: "(options).protect", before: undefined, after: true },
                ],
            },
        ]);
    });
});

describe("diffPlans and formatDiff: notes on removed keys", () => {
    it("gives a removed API key its note, and prints each line of a note indented under the change", () => {
        const oldKey = res(KEY, "key-r1");
        const newKey = res(KEY, "key-r2");
        const consumer = (key: PlanResource) => res(SECRET, "a.s", { dependsOn: [key.urn] });
        const changes = diffPlans(doc(oldKey, consumer(oldKey)), doc(newKey, consumer(newKey)));
        expect(changes.find((c) => c.name === "key-r1")).toEqual({
            urn: oldKey.urn,
            type: KEY,
            name: "key-r1",
            kind: "removed",
            inputs: [],
            note:
                "rotated: its 1 consumer(s) move to key-r2 during the update; " +
                "the engine deletes it only after all of them are updated",
        });
        const text = formatDiff([
            { urn: "u", type: KEY, name: "k", kind: "removed", inputs: [], note: "first\nsecond" },
        ]);
        expect(text).toBe(
            [
                `  - removed  ${KEY}  k`,
                "        first",
                "        second",
                "0 added, 1 removed, 0 replaced, 0 changed",
                "",
            ].join("\n"),
        );
    });
});
