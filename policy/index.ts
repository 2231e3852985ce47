/**
 * The policy pack `registry-access`, run by `pulumi preview --policy-pack policy` (and `pulumi up`): every policy
 * of policy/policies.ts on every resource the program registers. How the CLI starts this file: PulumiPolicy.yaml.
 *
 * Each policy gets what @pulumi/policy gives `validateResource`: type, name, URN and the inputs as plain values.
 * Values not known during preview throw when read, and the SDK reports that policy as "can't run ... during
 * preview" (advisory) for that resource; `pulumi up` knows them and runs it. Secret markers are not in those
 * values, so pull-secret-data-is-secret is checked by `npm run plan` only (policy/secretData.ts says why).
 */
import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { POLICY_PACK_NAME, REGISTRY_ACCESS_POLICIES } from "./policies";

new PolicyPack(POLICY_PACK_NAME, {
    policies: REGISTRY_ACCESS_POLICIES.map((policy): ResourceValidationPolicy => ({
        name: policy.name,
        description: policy.description,
        enforcementLevel: policy.enforcementLevel,
        validateResource: (args, reportViolation) => {
            const resource = { urn: args.urn, type: args.type, name: args.name, props: args.props };
            for (const message of policy.check(resource)) reportViolation(message, args.urn);
        },
    })),
});
