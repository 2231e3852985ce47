/**
 * The access model over the committed plans of the worked stacks (test/plan/committedPlans.test.ts keeps
 * them current): one row per namespace, service account and server, with what grants it.
 */
import * as fs from "fs";
import { AccessRow, accessModel } from "../../core/access/accessModel";
import type { PlanDocument, PlanResource } from "../../core/review/render";
import { committedPlanFile } from "../fakes/planProject";
import { planResource } from "../fakes/planDocuments";

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

describe("accessModel on a plan made by hand", () => {
    const P = "urn:pulumi:s::p::registry-access:index:PullIdentity::c1";
    const res = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlanResource> = {}) =>
        planResource(type, name, { inputs, ...extra });
    const key = res("ibm:index/iamServiceApiKey:IamServiceApiKey", "c1-key", {}, { parent: P });
    const policy = (name: string, resources: unknown, roles?: string[]) =>
        res(
            "ibm:index/iamServicePolicy:IamServicePolicy",
            name,
            { ...(resources === undefined ? {} : { resources }), ...(roles ? { roles } : {}) },
            { parent: P },
        );
    const pullSecret = (
        namespace: string,
        name: string,
        annotations: Record<string, string>,
        dependsOn: string[] = [],
    ) =>
        res(
            "kubernetes:core/v1:Secret",
            `${namespace}.${name}`,
            { metadata: { namespace, name, annotations } },
            { dependsOn },
        );
    const ref = (namespace: string, secretName: string) =>
        res("registry-access:index:ServiceAccountPullSecretRef", `${namespace}.default@${secretName}`, {
            namespace,
            serviceAccount: "default",
            secretName,
            list: "imagePullSecrets",
        });

    it("reads the identity of a key: its service ID, account, and the roles and scopes of its registry policies only", () => {
        const serviceId = res(
            "ibm:index/iamServiceId:IamServiceId",
            "c1-id",
            { name: "c1-pull-id" },
            {
                parent: P,
                provider: "urn:pulumi:s::p::pulumi:providers:ibm::other-account",
            },
        );
        const resources = [
            key,
            serviceId,
            policy(
                "p1",
                { service: "container-registry", region: "us-south", resourceType: "namespace", resource: "team" },
                ["Reader"],
            ),
            policy(
                "p2",
                { service: "container-registry", attributes: { geography: "global" }, resourceType: "namespace" },
                ["Reader", "Writer"],
            ),
            policy("p3", { service: "iam-identity" }, ["Operator"]),
            policy("p4", undefined, ["Administrator"]),
            policy("p5", { service: "container-registry", resource: "ignored" }),
            pullSecret("a", "s", { "registry-access.io/icr": "us.icr.io" }, [key.urn]),
            ref("a", "s"),
        ];
        expect(accessModel({ resources })).toEqual([
            {
                namespace: "a",
                serviceAccount: "default",
                server: "us.icr.io",
                secret: "s",
                source: "icr",
                identity: {
                    kind: "serviceId",
                    account: "other-account",
                    name: "c1-pull-id",
                    roles: ["Reader", "Writer"],
                    scopes: [{ region: "us-south", registryNamespace: "team" }, { geography: "global" }, {}],
                },
            },
        ]);
        // A service ID without a name input is named by its resource; without an explicit provider, the stack's account.
        const unnamed = res("ibm:index/iamServiceId:IamServiceId", "c1-id", {}, { parent: P });
        const [row] = accessModel({
            resources: [
                key,
                unnamed,
                pullSecret("a", "s", { "registry-access.io/icr": "us.icr.io" }, [key.urn]),
                ref("a", "s"),
            ],
        });
        expect(row.identity).toStrictEqual({ kind: "serviceId", name: "c1-id", roles: [], scopes: [] });
    });

    it("reads what a copy of IBM's secret grants from its name: all-icr-io, or a former default-<region>-icr-io", () => {
        const copy = (from: string) => {
            const rows = accessModel({
                resources: [pullSecret("a", "c", { "registry-access.io/copy": from }), ref("a", "c")],
            });
            return rows.map((r) => r.server);
        };
        expect(copy("default/default-us-icr-io")).toEqual(["us.icr.io"]);
        expect(copy("default/default-icr-io")).toEqual(["icr.io"]);
        expect(copy("default/default-us-icr-io-old")).toEqual([]);
        expect(copy("kube-system/default-us-icr-io")).toEqual([]);
        expect(copy("default/all-icr-io")).toEqual(copy("all-icr-io"));
        expect(copy("default/all-icr-io")).toEqual(
            expect.arrayContaining(["icr.io", "us.icr.io", "private.us.icr.io"]),
        );
        expect(
            accessModel({
                resources: [pullSecret("a", "c", { "registry-access.io/copy": "default/all-icr-io" }), ref("a", "c")],
            })[0].identity,
        ).toEqual({
            kind: "ibmDefault",
        });
    });

    it("reads a key without a service ID beside it, or one the plan does not hold, and grants of other registries without identity", () => {
        const icr = { "registry-access.io/icr": "us.icr.io" };
        const [alone] = accessModel({ resources: [key, pullSecret("a", "s", icr, [key.urn]), ref("a", "s")] });
        expect(alone.identity).toStrictEqual({ kind: "serviceId", name: "", roles: [], scopes: [] });
        const [elsewhere] = accessModel({
            resources: [pullSecret("a", "s", icr, ["urn:pulumi:s::p::x::gone"]), ref("a", "s")],
        });
        expect(elsewhere.identity).toStrictEqual({ kind: "existingKey" });
        const numbered = res("ibm:index/iamServiceId:IamServiceId", "c1-id", { name: 7 }, { parent: P });
        const [named] = accessModel({
            resources: [key, numbered, pullSecret("a", "s", icr, [key.urn]), ref("a", "s")],
        });
        expect(named.identity).toMatchObject({ name: "c1-id" });
        const [other] = accessModel({
            resources: [
                key,
                pullSecret("a", "q", { "registry-access.io/private": "quay.io" }, [key.urn]),
                ref("a", "q"),
            ],
        });
        expect(other).toStrictEqual({
            namespace: "a",
            serviceAccount: "default",
            server: "quay.io",
            secret: "q",
            source: "private",
        });
    });

    it("reads a selector's rows only from a policy with a scope, imagePullSecrets references and a source secret", () => {
        const policy = (scope: unknown) =>
            res("registry-access:index:KyvernoPolicy", "kp", scope === undefined ? {} : { scope });
        const scope = (references: unknown[]) => ({
            selector: { matchLabels: { team: "a" } },
            excluded: [],
            sourceNamespace: "src",
            policyName: "kp",
            secrets: ["s"],
            references,
        });
        const source = pullSecret("src", "s", { "registry-access.io/private": "quay.io" });
        expect(accessModel({ resources: [policy(undefined), source] })).toEqual([]);
        expect(accessModel({ resources: [policy({ ...scope([]), selector: undefined }), source] })).toEqual([]);
        expect(
            accessModel({
                resources: [policy(scope([{ serviceAccount: "builder", list: "secrets", secret: "s" }])), source],
            }),
        ).toEqual([]);
        expect(
            accessModel({
                resources: [
                    policy(scope([{ serviceAccount: "default", list: "imagePullSecrets", secret: "t" }])),
                    source,
                ],
            }),
        ).toEqual([]);
        expect(
            accessModel({
                resources: [
                    policy(scope([{ serviceAccount: "default", list: "imagePullSecrets", secret: "s" }])),
                    source,
                ],
            }).map((r) => `${r.namespace} ${r.serviceAccount} ${r.server}`),
        ).toEqual(["matching:team=a default quay.io"]);
    });

    it("sorts rows by namespace, service account, server and secret", () => {
        const resources = [
            pullSecret("b", "s", { "registry-access.io/private": "quay.io" }),
            pullSecret("a", "t", { "registry-access.io/private": "quay.io,ghcr.io" }),
            pullSecret("a", "s", { "registry-access.io/private": "quay.io" }),
            ref("b", "s"),
            ref("a", "t"),
            ref("a", "s"),
        ];
        expect(accessModel({ resources }).map((r) => `${r.namespace} ${r.server} ${r.secret}`)).toEqual([
            "a ghcr.io t",
            "a quay.io s",
            "a quay.io t",
            "b quay.io s",
        ]);
    });
});
