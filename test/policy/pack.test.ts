/**
 * policy/index.ts as @pulumi/policy runs it: the pack's policies are the offline runner's, each
 * validateResource reports the policy's messages for the resource's URN, reads props through the SDK's own
 * unknown-checking proxy, and sees no secret markers (what preview can and cannot check).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PolicyPackArgs, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { POLICY_PACK_NAME, REGISTRY_ACCESS_POLICIES } from "../../policy/policies";
import type { PolicyResource } from "../../policy/resource";
import { dockerConfigSecret, registryPolicy } from "./fixtures";

const policySdk = jest.requireActual("@pulumi/policy") as typeof import("@pulumi/policy");

/** The pack as policy/index.ts builds it, with PolicyPack caught instead of serving gRPC. */
function loadPack(): { name: string; args: PolicyPackArgs } {
    const built: { name: string; args: PolicyPackArgs }[] = [];
    jest.isolateModules(() => {
        jest.doMock("@pulumi/policy", () => ({
            ...policySdk,
            PolicyPack: jest.fn((name: string, args: PolicyPackArgs) => built.push({ name, args })),
        }));
        require("../../policy/index") as typeof import("../../policy/index");
    });
    expect(built).toHaveLength(1);
    return built[0];
}

/** What the SDK hands validateResource for a resource whose props came over the wire. */
function argsFor(resource: PolicyResource, props: Record<string, unknown> = resource.props as Record<string, unknown>) {
    return {
        type: resource.type,
        urn: resource.urn,
        name: resource.name,
        props: policySdk.unknownCheckingProxy(props),
    } as unknown as ResourceValidationArgs;
}

function validate(policy: ResourceValidationPolicy, args: ResourceValidationArgs): [string, string | undefined][] {
    const reported: [string, string | undefined][] = [];
    const report: ReportViolation = (message, urn) => reported.push([message, urn]);
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const v of validations) void v(args, report);
    return reported;
}

describe("the policy pack registry-access", () => {
    const pack = loadPack();
    const policies = pack.args.policies as ResourceValidationPolicy[];
    const byName = (name: string) => policies.find((p) => p.name === name)!;

    it("serves every policy of the offline runner, with its level and description", () => {
        expect(pack.name).toBe(POLICY_PACK_NAME);
        expect(pack.name).toBe("registry-access");
        expect(policies.map((p) => [p.name, p.enforcementLevel, p.description])).toEqual(
            REGISTRY_ACCESS_POLICIES.map((p) => [p.name, p.enforcementLevel, p.description]),
        );
        expect(policies.map((p) => p.name)).toEqual([
            "registry-roles-need-intent",
            "no-deprecated-registries",
            "pull-secret-data-is-secret",
            "no-system-namespaces",
            "kubernetes-provider-pinned",
            "registry-policy-scoped",
        ]);
    });

    it("reports each message against the resource's URN, through the SDK's proxy", () => {
        const bad = registryPolicy({ description: "Reader, Writer on container-registry" });
        expect(validate(byName("registry-roles-need-intent"), argsFor(bad))).toEqual([
            [expect.stringContaining("roles grants Writer on container-registry, beyond Reader"), bad.urn],
        ]);
        expect(validate(byName("registry-roles-need-intent"), argsFor(registryPolicy()))).toEqual([]);
        const system = dockerConfigSecret({ namespace: "kube-system" });
        expect(validate(byName("no-system-namespaces"), argsFor(system))).toEqual([
            [expect.stringContaining("metadata.namespace kube-system is a system namespace"), system.urn],
        ]);
    });

    it("does not read values a policy does not judge, so preview's unknowns there do not stop it", () => {
        // The service ID's IAM ID is unknown until it is created.
        const policy = registryPolicy({ description: "Writer", iamId: unknownValue });
        expect(validate(byName("registry-roles-need-intent"), argsFor(policy))).toHaveLength(1);
        expect(validate(byName("registry-policy-scoped"), argsFor(policy))).toEqual([]);
    });

    it("throws the SDK's UnknownValueError for a docker config not known yet (reported as can't run during preview)", () => {
        const secret = dockerConfigSecret();
        const props = { ...secret.props, stringData: { ".dockerconfigjson": unknownValue } };
        expect(() => validate(byName("no-deprecated-registries"), argsFor(secret, props))).toThrow(
            policySdk.UnknownValueError,
        );
    });

    it("sees no secret markers: validateResource's props are plain, so pull-secret-data-is-secret cannot judge", () => {
        // How the SDK builds validateResource's props from the engine's request (server.ts line 308).
        const { deserializeProperties } = jest.requireActual("@pulumi/policy/deserialize") as {
            deserializeProperties(s: Struct, proxySecrets: boolean): Record<string, unknown>;
        };
        const secret = dockerConfigSecret();
        const wire = {
            ...secret.props,
            stringData: { [specialSigKey]: specialSecretSig, value: secret.props.stringData },
        };
        const props = deserializeProperties(Struct.fromJavaScript(wire as any), false);
        expect(props.stringData).toEqual(secret.props.stringData);
        expect(JSON.stringify(props)).not.toContain(specialSecretSig);
        const plain = { ...secret.props };
        expect(validate(byName("pull-secret-data-is-secret"), argsFor(secret, props))).toEqual([]);
        expect(validate(byName("pull-secret-data-is-secret"), argsFor(secret, plain))).toEqual([]);
    });
});
