import { intentMarker } from "../../core/iam/roleIntent";
import { policyResources } from "../../core/iam/policyScopes";
import { registryPolicyScoped, registryRolesNeedIntent, registryScope } from "../../policy/iamPolicies";
import { POLICY, iamIdentityPolicy, registryPolicy, resource, unscopedPullPolicy } from "./fixtures";

const check = (r: Parameters<typeof registryRolesNeedIntent.check>[0]) => registryRolesNeedIntent.check(r);

describe("registry-roles-need-intent", () => {
    it("passes Reader alone, and roles beyond Reader whose description carries the intent roleIntent writes", () => {
        expect(check(unscopedPullPolicy())).toEqual([]);
        expect(check(registryPolicy())).toEqual([]);
        expect(
            check(
                registryPolicy({
                    roles: ["Reader", "Writer"],
                    description: `Reader, Writer on container-registry for cluster c1${intentMarker("push", "roleIntent")}`,
                }),
            ),
        ).toEqual([]);
        // admin covers Writer too; Manager needs admin.
        expect(check(registryPolicy({ description: `x${intentMarker("admin", "roleIntent")}` }))).toEqual([]);
        expect(
            check(registryPolicy({ roles: ["Manager"], description: `x${intentMarker("admin", "roleIntent")}` })),
        ).toEqual([]);
    });

    it("refuses Writer without a marker, naming the resource, roles, description and the fix", () => {
        expect(
            check(registryPolicy({ description: "Reader, Writer on container-registry for cluster os-prod" })),
        ).toEqual([
            "ibm:index/iamServicePolicy:IamServicePolicy os-prod-registry-push-policy-us-south-payments: roles grants " +
                "Writer on container-registry, beyond Reader, but description carries no intent marker " +
                '"(intent: push, from <key>)": set registry-access:roleIntent to push (which writes "(intent: push, ' +
                'from roleIntent)" into the description), or keep roles at Reader',
        ]);
    });

    it("refuses Manager with only push intent, and any role beyond Reader without a marker", () => {
        expect(check(registryPolicy({ roles: ["Reader", "Manager"] }))).toEqual([
            expect.stringContaining(
                "roles grants Manager on container-registry, which needs intent admin, but description records intent push",
            ),
        ]);
        expect(check(registryPolicy({ roles: ["Administrator"], description: "platform role" }))).toEqual([
            expect.stringContaining(
                'roles grants Administrator on container-registry, beyond Reader, but description carries no intent marker "(intent: admin',
            ),
        ]);
        expect(check(registryPolicy({ description: undefined }))).toHaveLength(1);
        // A marker of another form does not count.
        expect(check(registryPolicy({ description: "Writer (intent: push)" }))).toHaveLength(1);
    });

    it("applies to container-registry policies only", () => {
        expect(check(iamIdentityPolicy())).toEqual([]);
        const other = registryPolicy({ resources: { service: "cloud-object-storage" }, description: "Writer" });
        expect(check(other)).toEqual([]);
        expect(check(resource("ibm:index/iamServiceId:IamServiceId", "x", { roles: ["Writer"] }))).toEqual([]);
    });

    it("reads the scope in both of ibm_iam_service_policy's forms", () => {
        const attributes = (list: [string, string][]) =>
            registryPolicy({
                resources: undefined,
                resourceAttributes: list.map(([name, value]) => ({ name, value, operator: "stringEquals" })),
                description: "Writer",
            });
        expect(check(attributes([["serviceName", "container-registry"]]))).toHaveLength(1);
        expect(check(attributes([["serviceName", "iam-identity"]]))).toEqual([]);
        expect(
            check(registryPolicy({ resources: [{ service: "container-registry" }], description: "Writer" })),
        ).toHaveLength(1);
    });
});

describe("registry-policy-scoped (advisory)", () => {
    it("warns about a policy with no region, geography or registry namespace", () => {
        expect(registryPolicyScoped.enforcementLevel).toBe("advisory");
        expect(registryPolicyScoped.check(unscopedPullPolicy())).toEqual([
            "ibm:index/iamServicePolicy:IamServicePolicy dev-cluster-registry-pull-policy: resources has no region, no " +
                "attributes.geography (global for icr.io) and no resourceType namespace, so it grants on every registry " +
                "namespace in every region of the account; set registry-access:registryRegions or registryNamespaces to narrow it",
        ]);
    });

    it.each([
        ["a region", { region: "eu-de" }],
        ["the global geography", { geography: "global" }],
        ["a registry namespace", { registryNamespace: "payments" }],
        ["both", { region: "us-south", registryNamespace: "payments" }],
    ])("accepts a policy scoped to %s, as policyResources writes it", (_, scope) => {
        const r = resource(POLICY, "p", { roles: ["Reader"], resources: policyResources(scope) });
        expect(registryPolicyScoped.check(r)).toEqual([]);
        expect(registryScope(r.props)).toMatchObject(scope);
    });

    it("does not count a resourceType other than namespace, and ignores other services", () => {
        const r = resource(POLICY, "p", {
            roles: ["Reader"],
            resources: { service: "container-registry", resourceType: "repository", resource: "x" },
        });
        expect(registryPolicyScoped.check(r)).toHaveLength(1);
        expect(registryPolicyScoped.check(iamIdentityPolicy())).toEqual([]);
    });
});

describe("registryScope in resourceAttributes form", () => {
    const withAttributes = (list: [string, string][]) => ({
        resourceAttributes: list.map(([name, value]) => ({ name, value, operator: "stringEquals" })),
    });

    it("finds each attribute by name wherever it stands in the list", () => {
        expect(
            registryScope(
                withAttributes([
                    ["accountId", "a1b2c3"],
                    ["region", "us-south"],
                    ["serviceName", "container-registry"],
                    ["resource", "payments"],
                    ["geography", "global"],
                    ["resourceType", "namespace"],
                ]),
            ),
        ).toStrictEqual({ region: "us-south", geography: "global", registryNamespace: "payments" });
        expect(
            registryScope({
                resourceAttributes: [
                    null,
                    "x",
                    ...withAttributes([["serviceName", "container-registry"]]).resourceAttributes,
                ],
            }),
        ).toStrictEqual({ region: undefined, geography: undefined, registryNamespace: undefined });
    });

    it("takes resource as a registry namespace only under resourceType namespace", () => {
        const scope = registryScope(
            withAttributes([
                ["serviceName", "container-registry"],
                ["resourceType", "repository"],
                ["resource", "payments/api"],
            ]),
        );
        expect(scope).toStrictEqual({ region: undefined, geography: undefined, registryNamespace: undefined });
    });

    it("is no registry scope without resources or resourceAttributes, or on another service", () => {
        expect(registryScope({ roles: ["Writer"] })).toBeUndefined();
        expect(registryScope(withAttributes([["region", "us-south"]]))).toBeUndefined();
    });
});

describe("registry-roles-need-intent, several roles and odd inputs", () => {
    it("names every role beyond Reader and the strongest intent they need, in any order", () => {
        for (const roles of [
            ["Writer", "Manager"],
            ["Manager", "Writer"],
        ]) {
            expect(check(registryPolicy({ roles, description: "no marker" }))).toEqual([
                expect.stringContaining(
                    `roles grants ${roles.join(", ")} on container-registry, beyond Reader, but description carries ` +
                        'no intent marker "(intent: admin, from <key>)": set registry-access:roleIntent to admin',
                ),
            ]);
            expect(check(registryPolicy({ roles, description: `x${intentMarker("push", "roleIntent")}` }))).toEqual([
                expect.stringContaining(
                    "roles grants Manager on container-registry, which needs intent admin, but description records intent push",
                ),
            ]);
        }
    });

    it("reads only string roles in a list, and a marker only in a string description", () => {
        expect(check(registryPolicy({ roles: ["Reader", 7, null] }))).toEqual([]);
        expect(check(registryPolicy({ roles: "Writer" }))).toEqual([]);
        const marker = `Writer${intentMarker("push", "roleIntent")}`;
        expect(check(registryPolicy({ description: [marker] }))).toEqual([
            expect.stringContaining("but description carries no intent marker"),
        ]);
    });

    it("judges IamServicePolicy only: an access group policy of the same form is not this pack's", () => {
        const group = {
            ...registryPolicy({ description: "Writer" }),
            type: "ibm:index/iamAccessGroupPolicy:IamAccessGroupPolicy",
        };
        expect(check(group)).toEqual([]);
        expect(registryPolicyScoped.check({ ...unscopedPullPolicy(), type: group.type })).toEqual([]);
    });
});
