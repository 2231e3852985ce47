/**
 * Namespaces chosen by label in the access model, from the committed plan of examples/Pulumi.selector.yaml:
 * `--access` rows for "namespaces matching <selector>", `--can-pull` with the namespace's labels (served,
 * not matching, matching but excluded), and a selector change read as an access change.
 */
import { accessModel } from "../../core/access/accessModel";
import { diffAccess, formatAccess } from "../../core/access/accessReport";
import { canPull } from "../../core/access/canPull";
import type { PlanDocument } from "../../core/review/render";
import * as fs from "fs";
import { committedPlanFile } from "../fakes/planProject";

const plan: PlanDocument = JSON.parse(fs.readFileSync(committedPlanFile("selector"), "utf8"));
// Built in each test, not when the file loads: Stryker ties a mutant only to the tests that run its code.
let rows: ReturnType<typeof accessModel>;
beforeEach(() => {
    rows = accessModel(plan);
});
const MATCHING = "environment notin (sandbox),registry-access.io/pull=icr";
const PULL = { "registry-access.io/pull": "icr" };

describe("namespaces matching a selector", () => {
    it("are a block of --access: the selector, where Kyverno clones from, what it never serves", () => {
        const text = formatAccess(rows);
        expect(text).toContain(
            `namespaces matching ${MATCHING} (Kyverno clones from registry-access, now and for namespaces created later; ` +
                "never kube-*, ibm-*, openshift, openshift-*, calico-system, calico-apiserver, tigera-operator, kyverno, registry-access, team-a)\n" +
                "  default  au.icr.io  via all-icr-io: dev-cluster-registry-pull-id in the stack's account: Reader (all regions and registry namespaces)",
        );
        expect(new Set(rows.map((r) => r.namespace))).toEqual(new Set([`matching:${MATCHING}`, "team-a"]));
    });

    it("answer --can-pull for a namespace that is not listed, given its labels", () => {
        const yes = canPull(rows, "team-x/default", "us.icr.io/apps/api:1", new Map(), PULL);
        expect(yes.verdict).toBe("yes");
        expect(yes.verdict !== "invalid" && yes.links.map((l) => l.text).slice(0, 2)).toEqual([
            `namespace team-x matches ${MATCHING}, so Kyverno clones all-icr-io from registry-access`,
            "Kyverno adds all-icr-io to service account team-x/default's imagePullSecrets",
        ]);
        const sandbox = canPull(rows, "team-x/default", "us.icr.io/apps/api:1", new Map(), {
            ...PULL,
            environment: "sandbox",
        });
        expect(sandbox.verdict).toBe("public");
        expect(sandbox.verdict !== "invalid" && sandbox.links[0].text).toBe(
            `this stack puts no pull secret in namespace team-x (with labels registry-access.io/pull=icr,environment=sandbox it does not match ${MATCHING})`,
        );
        const system = canPull(rows, "kube-x/default", "us.icr.io/apps/api:1", new Map(), PULL);
        expect(system.verdict !== "invalid" && system.links[0].text).toMatch(
            `namespace kube-x matches ${MATCHING}, but the policy never serves it (it excludes kube-*`,
        );
        const unlabelled = canPull(rows, "team-x/default", "us.icr.io/apps/api:1");
        expect(unlabelled.verdict !== "invalid" && unlabelled.links[0].text).toBe(
            `this stack puts no pull secret in namespace team-x (give its labels with --namespace-labels to answer for namespaces matching ${MATCHING})`,
        );
    });

    it("show a changed selector as access lost and gained, one line each for all the servers", () => {
        const changed: PlanDocument = JSON.parse(JSON.stringify(plan).replace(/"environment"/g, '"stage"'));
        const servers = "icr.io,{au,br,ca,ca2,de,es,in,in2,jp,jp2,uk,us}.icr.io";
        const grant =
            "dev-cluster-registry-pull-id in the stack's account: Reader (all regions and registry namespaces) via all-icr-io";
        expect(diffAccess(rows, accessModel(changed))).toEqual([
            `default in namespaces matching ${MATCHING} loses ${servers} (was ${grant})`,
            `default in namespaces matching registry-access.io/pull=icr,stage notin (sandbox) gains ${servers} (${grant})`,
        ]);
    });
});
