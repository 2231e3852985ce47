import * as fs from "fs";
import * as path from "path";
import { diffPlans, flatten, formatDiff } from "../../plan/diff";
import { planMermaid } from "../../plan/mermaid";
import { PlanDocument, PlanResource } from "../../plan/render";
import { ROOT, planIn, projectWith } from "./planProject";

const res = (type: string, name: string, inputs: Record<string, unknown>, dependsOn: string[] = [], parent: string | null = null): PlanResource =>
    ({ urn: `urn:pulumi:s::p::${type}::${name}`, type, name, parent, dependsOn, aliases: [], inputs });
const doc = (...resources: PlanResource[]): PlanDocument => ({ stack: "s", project: "p", resources });
const SECRET = "kubernetes:core/v1:Secret";
const KEY = "ibm:index/iamServiceApiKey:IamServiceApiKey";

describe("diffPlans", () => {
    const key = res(KEY, "k", { name: "k", iamServiceId: "iam-1" });
    const secretA = res(SECRET, "a.s", { metadata: { name: "s", namespace: "a" }, stringData: "[secret]" }, [key.urn]);

    it("finds nothing between equal plans", () => {
        expect(diffPlans(doc(key, secretA), doc(key, secretA))).toEqual([]);
    });

    it("reads a resource that answers to an old URN through an alias as moved, not added and removed", () => {
        const moved = { ...res(SECRET, "a.s", secretA.inputs, [key.urn]), urn: "urn:pulumi:s::p::new$kubernetes:core/v1:Secret::a.s", aliases: [secretA.urn] };
        expect(diffPlans(doc(key, secretA), doc(key, moved))).toEqual([
            { urn: moved.urn, type: SECRET, name: "a.s", inputs: [], kind: "moved", movedFrom: secretA.urn },
        ]);
        const relabelled = { ...moved, inputs: { ...moved.inputs, metadata: { name: "s", namespace: "a", labels: { x: "1" } } } };
        const [change] = diffPlans(doc(key, secretA), doc(key, relabelled));
        expect(change).toMatchObject({ kind: "changed", movedFrom: secretA.urn, inputs: [{ path: "metadata.labels.x", after: "1" }] });
        expect(formatDiff([change])).toContain(`        urn: ${secretA.urn} → ${moved.urn} (alias)`);
        // An alias naming a URN the new plan still has is no move.
        expect(diffPlans(doc(key, secretA), doc(key, secretA, { ...moved, aliases: [secretA.urn] })).map((c) => c.kind)).toEqual(["added"]);
    });

    it("lists added and removed resources", () => {
        const secretB = res(SECRET, "b.s", { metadata: { name: "s", namespace: "b" } }, [key.urn]);
        expect(diffPlans(doc(key, secretA), doc(key, secretB)).map((c) => [c.kind, c.name])).toEqual([["removed", "a.s"], ["added", "b.s"]]);
    });

    it("calls a change of an immutable input a replacement, naming the input", () => {
        const moved = { ...secretA, inputs: { ...secretA.inputs, metadata: { name: "s2", namespace: "a" } } };
        const [change] = diffPlans(doc(secretA), doc(moved));
        expect(change).toMatchObject({ kind: "replaced", replaceReasons: ["metadata.name"], inputs: [{ path: "metadata.name", before: "s", after: "s2" }] });
    });

    it("calls other input and dependency changes updates", () => {
        const renamed = { ...key, inputs: { ...key.inputs, name: "k2" } };
        const rewired = { ...secretA, dependsOn: [] };
        const changes = diffPlans(doc(key, secretA), doc(renamed, rewired));
        // In URN order: ibm:… before kubernetes:….
        expect(changes.map((c) => [c.kind, c.name])).toEqual([["changed", "k"], ["changed", "a.s"]]);
        expect(changes[0].inputs).toEqual([{ path: "name", before: "k", after: "k2" }]);
        expect(changes[1].dependsOn).toEqual({ before: [key.urn], after: [] });
    });

    it("formats a readable summary, secrets still [secret]", () => {
        const bigger = { ...secretA, inputs: { ...secretA.inputs, metadata: { name: "s", namespace: "a", labels: { x: "1" } } } };
        const text = formatDiff(diffPlans(doc(secretA), doc(bigger)));
        expect(text).toBe([
            `  ~ changed  ${SECRET}  a.s`,
            '        metadata.labels.x: (none) → "1"',
            "0 added, 0 removed, 0 replaced, 1 changed",
            "",
        ].join("\n"));
    });

    it("flattens objects to dotted paths and keeps arrays whole", () => {
        expect([...flatten({ a: { b: 1, c: [1, 2] }, d: {} })]).toEqual([["a.b", "1"], ["a.c", "[1,2]"], ["d", "{}"]]);
    });
});

describe("planMermaid", () => {
    it("draws an edge from each dependency to its dependent, grouped by component", () => {
        const comp = res("registry-access:index:NamespacePullSecret", "a.s", {});
        const key = res(KEY, "k", {});
        const secret = res(SECRET, "a.s", {}, [key.urn], comp.urn);
        // Our own custom resource shares the component types' package: still a node, not a group.
        const ref = res("registry-access:index:ServiceAccountPullSecretRef", "a.default", {}, [secret.urn], comp.urn);
        expect(planMermaid(doc(comp, key, secret, ref))).toBe([
            "flowchart LR",
            '  r1["IamServiceApiKey<br/>k"]',
            '  subgraph r0["NamespacePullSecret<br/>a.s"]',
            '    r2["Secret<br/>a.s"]',
            '    r3["ServiceAccountPullSecretRef<br/>a.default"]',
            "  end",
            "  r1 --> r2",
            "  r2 --> r3",
            "",
        ].join("\n"));
    });
});

describe("npm run plan -- --check / --write", () => {
    const stack = (namespaces: string[]) =>
        `config:\n  registry-access:cluster: c1\n  registry-access:namespaces: ${JSON.stringify(namespaces)}\n`;

    it("--write records the plan, --check passes on it, then fails with a readable diff after a change", () => {
        const dir = projectWith({ qa: stack(["a", "b"]) });
        expect(planIn(dir, ["--stack", "qa", "--check"])).toMatchObject({ code: 1, stdout: expect.stringContaining("plans/qa.json does not exist") });
        expect(planIn(dir, ["--stack", "qa", "--write"])).toMatchObject({ code: 0, stdout: "wrote plans/qa.json\n" });
        expect(JSON.parse(fs.readFileSync(path.join(dir, "plans", "qa.json"), "utf8")).stack).toBe("qa");
        expect(planIn(dir, ["--stack", "qa", "--check"])).toMatchObject({ code: 0, stdout: "plan for stack qa matches plans/qa.json\n" });

        fs.writeFileSync(path.join(dir, "Pulumi.qa.yaml"), stack(["a", "c"]));
        const { code, stdout } = planIn(dir, ["--stack", "qa", "--check"]);
        expect(code).toBe(1);
        expect(stdout).toContain("plan for stack qa differs from plans/qa.json:");
        expect(stdout).toContain("  - removed  kubernetes:core/v1:Secret  b.all-icr-io");
        expect(stdout).toContain("  + added    kubernetes:core/v1:Secret  c.all-icr-io");
        expect(stdout).toContain("  ~ changed  ibm:index/iamServiceId:IamServiceId  c1-registry-pull-id");
        expect(stdout).toMatch(/description: ".*namespaces a, b \(managed by registry-access\)" → ".*namespaces a, c \(managed/);
        expect(stdout).toContain("2 added, 2 removed, 0 replaced, 1 changed");
        expect(stdout).toContain("accept it with: npm run plan -- --stack qa --write");
    });

    it("the committed plan of every stack file is current", () => {
        const stacks = fs.readdirSync(ROOT).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
        expect(stacks).toContain("dev");
        for (const s of stacks) expect(planIn(ROOT, ["--stack", s, "--check"])).toMatchObject({ code: 0 });
    });
});
