/**
 * The access model over the committed plans of the worked stacks (test/plan/committedPlans.test.ts keeps
 * them current): one row per namespace, service account and server, with what grants it.
 */
import * as fs from "fs";
import { AccessRow, accessModel } from "../../core/access/accessModel";
import type { PlanDocument } from "../../core/review/render";
import { committedPlanFile } from "../fakes/planProject";

export const committedPlan = (stack: string): PlanDocument =>
    JSON.parse(fs.readFileSync(committedPlanFile(stack), "utf8"));
const rowsOf = (stack: string) => accessModel(committedPlan(stack));
const summary = (rows: AccessRow[]) =>
    rows.map((r) => `${r.namespace}/${r.serviceAccount} ${r.server} ${r.secret} ${r.source}`);

describe("accessModel", () => {
    it("dev: the shared identity's key for every ICR domain, in every namespace's default service account", () => {
        const rows = rowsOf("dev");
        expect(new Set(rows.map((r) => r.namespace))).toEqual(new Set(["staging", "team-a", "team-b"]));
        expect(rows.filter((r) => r.namespace === "team-a").map((r) => r.server)).toHaveLength(13);
        expect(rows.find((r) => r.namespace === "team-a" && r.server === "us.icr.io")).toEqual({
            namespace: "team-a",
            serviceAccount: "default",
            server: "us.icr.io",
            secret: "all-icr-io",
            source: "icr",
            identity: { kind: "serviceId", name: "dev-cluster-registry-pull-id", roles: ["Reader"], scopes: [{}] },
        });
    });

    it("openshift: the global pull secret for every pod, builder's push secret, the IAM scope of each", () => {
        const rows = rowsOf("openshift");
        expect(summary(rows)).toEqual([
            "*/* us.icr.io openshift-config/pull-secret global-pull-secret",
            "team-a/builder us.icr.io icr-builder-push builder-push",
            "team-a/default us.icr.io all-icr-io icr",
            "team-b/builder us.icr.io icr-builder-push builder-push",
            "team-b/default us.icr.io all-icr-io icr",
        ]);
        const scope = [{ region: "us-south", registryNamespace: "payments" }];
        expect(rows[0].identity).toEqual({
            kind: "serviceId",
            name: "os-prod-registry-pull-id",
            roles: ["Reader"],
            scopes: scope,
        });
        expect(rows[1].identity).toEqual({
            kind: "serviceId",
            name: "os-prod-registry-push-id",
            roles: ["Reader", "Writer"],
            scopes: scope,
        });
    });

    it("codeengine: one row per registry secret of the project, the iam-identity policy not counted as a registry scope", () => {
        const rows = rowsOf("codeengine");
        const project = "codeengine:4f2b1c9e-7d3a-4e8b-9c1f-2a6d5e8b7c40";
        expect(summary(rows)).toEqual([
            `${project}/docker-io https://index.docker.io/v1/ docker-io private`,
            `${project}/us-icr-io us.icr.io us-icr-io icr`,
        ]);
        expect(rows[1].identity).toMatchObject({
            kind: "serviceId",
            roles: ["Reader"],
            scopes: [{ region: "us-south" }],
        });
        expect(rows[0].identity).toBeUndefined();
    });

    it("copy, entitled, existing key, per-namespace and cross-account stacks each say what grants access", () => {
        const copy = rowsOf("copy");
        expect(copy.every((r) => r.source === "copy" && r.identity?.kind === "ibmDefault")).toBe(true);
        const entitled = rowsOf("entitled").filter((r) => r.server === "cp.icr.io");
        expect(summary(entitled)).toEqual(["cp4d/default cp.icr.io entitled-cp-icr-io entitled"]);
        expect(rowsOf("existing-key").every((r) => r.identity?.kind === "existingKey")).toBe(true);
        const perNamespace = rowsOf("per-namespace");
        const names = new Set(perNamespace.map((r) => (r.identity?.kind === "serviceId" ? r.identity.name : "")));
        expect(names.size).toBeGreaterThan(1);
        expect(rowsOf("cross-account").every((r) => r.identity?.kind === "serviceId")).toBe(true);
    });

    it("counts no `secrets` link (builds' mount) and no Secret without grant annotations as pull access", () => {
        const plan = committedPlan("openshift");
        const withoutPull = plan.resources.filter(
            (r) =>
                !(
                    r.type === "registry-access:index:ServiceAccountPullSecretRef" &&
                    r.name === "team-a.builder@icr-builder-push"
                ),
        );
        expect(
            accessModel({ resources: withoutPull }).filter(
                (r) => r.serviceAccount === "builder" && r.namespace === "team-a",
            ),
        ).toEqual([]);
        const unannotated = plan.resources.map((r) =>
            r.type === "kubernetes:core/v1:Secret"
                ? { ...r, inputs: { ...r.inputs, metadata: { ...(r.inputs.metadata as object), annotations: {} } } }
                : r,
        );
        // The global pull secret's entries name their servers themselves; only their identity is unknown then.
        expect(accessModel({ resources: unannotated })).toEqual([
            {
                namespace: "*",
                serviceAccount: "*",
                server: "us.icr.io",
                secret: "openshift-config/pull-secret",
                source: "global-pull-secret",
            },
        ]);
    });
});
