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
