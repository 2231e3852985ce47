/**
 * The access model over the committed plans of the worked stacks (test/plan/committedPlans.test.ts keeps
 * them current): one row per namespace, service account and server, with what grants it.
 */
import * as fs from "fs";
import { AccessRow, accessModel } from "../../core/access/accessModel";
import { diffAccess, formatAccess, grantText } from "../../core/access/accessReport";
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

describe("the access report (core/access/accessReport.ts)", () => {
    const sid = (scopes: object[], roles = ["Reader"], account?: string) => ({
        kind: "serviceId" as const,
        name: "pull-id",
        roles,
        scopes,
        ...(account ? { account } : {}),
    });
    const row = (namespace: string, serviceAccount: string, extra: Partial<AccessRow> = {}): AccessRow => ({
        namespace,
        serviceAccount,
        server: "us.icr.io",
        secret: "all-icr-io",
        source: "icr",
        identity: sid([{}]),
        ...extra,
    });

    it("says what grants a row: the identity, its account, roles and scopes, or the source", () => {
        expect(grantText(row("a", "default"))).toBe(
            "pull-id in the stack's account: Reader (all regions and registry namespaces)",
        );
        const scoped = sid([{ region: "us-south", registryNamespace: "payments" }, { geography: "eu" }], [], "other");
        expect(grantText({ source: "icr", identity: scoped })).toBe(
            "pull-id in the account of provider other: no roles (region us-south, registry namespace payments; geography eu)",
        );
        expect(grantText({ source: "icr", identity: sid([]) })).toBe(
            "pull-id in the stack's account: Reader (no container-registry policy)",
        );
        expect(grantText({ source: "icr", identity: { kind: "existingKey" } })).toBe(
            "existing API key (its access is managed elsewhere)",
        );
        expect(grantText({ source: "copy", identity: { kind: "ibmDefault" } })).toBe(
            "copy of IBM's cluster secret (Reader, all registry namespaces)",
        );
        expect(grantText({ source: "entitled" })).toBe("entitlement key (IBM entitled software)");
        expect(grantText({ source: "private" })).toBe("registry credentials (private registry)");
        expect(grantText({ source: "global-pull-secret" })).toBe("global-pull-secret");
    });

    it("groups --access by namespace, titled for the global secret, Code Engine and listed namespaces", () => {
        expect(formatAccess([])).toBe("No pull access is granted by this stack.\n");
        const text = formatAccess([
            row("*", "*", {
                secret: "openshift-config/pull-secret",
                source: "global-pull-secret",
                identity: undefined,
            }),
            row("codeengine:p1", "icr-secret", { source: "private", identity: undefined }),
            row("team-a", "default"),
            row("team-a", "builder", { server: "de.icr.io" }),
        ]);
        expect(text).toBe(
            [
                "every namespace (OpenShift global pull secret, after worker reload or replace)",
                "  every pod  us.icr.io  via openshift-config/pull-secret: global-pull-secret",
                "",
                "Code Engine project p1",
                "  apps with --registry-secret icr-secret  us.icr.io  via all-icr-io: registry credentials (private registry)",
                "",
                "namespace team-a",
                "  default  us.icr.io  via all-icr-io: pull-id in the stack's account: Reader (all regions and registry namespaces)",
                "  builder  de.icr.io  via all-icr-io: pull-id in the stack's account: Reader (all regions and registry namespaces)",
                "",
            ].join("\n"),
        );
    });

    it("lists gains, losses and changes of what grants, in order, and nothing for what stays", () => {
        const before = [row("team-a", "default"), row("team-b", "default"), row("*", "*", { identity: undefined })];
        const after = [
            row("team-a", "default"),
            row("team-b", "default", { identity: sid([{ region: "us-south" }]) }),
            row("team-c", "default", { secret: "icr-c" }),
        ];
        expect(diffAccess(before, after)).toEqual([
            "every pod loses us.icr.io (was icr via all-icr-io)",
            "team-b/default us.icr.io: pull-id in the stack's account: Reader (all regions and registry namespaces) via all-icr-io → pull-id in the stack's account: Reader (region us-south) via all-icr-io",
            "team-c/default gains us.icr.io (pull-id in the stack's account: Reader (all regions and registry namespaces) via icr-c)",
        ]);
        expect(diffAccess(after, after)).toEqual([]);
        // One server through two secrets: both grants, in order, on one line.
        const two = [
            row("team-d", "default", { secret: "a-secret", identity: sid([{}], ["Reader", "Writer"]) }),
            row("team-d", "default", { secret: "z-secret" }),
        ];
        expect(diffAccess([], two)).toEqual([
            "team-d/default gains us.icr.io (pull-id in the stack's account: Reader (all regions and registry namespaces) via z-secret; pull-id in the stack's account: Reader, Writer (all regions and registry namespaces) via a-secret)",
        ]);
    });
});
