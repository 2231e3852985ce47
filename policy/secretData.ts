/**
 * A pull credential's bytes must come from a Pulumi secret: every dockerconfigjson Secret's `data` and
 * `stringData`, and a Code Engine secret's `data`. Pure.
 *
 * What each runner can see (@pulumi/policy 1.21.0 = pulumi/pulumi-policy f6758175f877, Pulumi CLI source at
 * pulumi/pulumi 1b5949891b3c, pulumi/pulumi-kubernetes 94977969d641):
 *
 * - The engine sends the analyzer the inputs with secrets kept (sdk/go/common/resource/plugin/analyzer_plugin.go
 *   lines 305-306 and 349-350: `MarshalOptions{KeepUnknowns: true, KeepSecrets: true}`), but @pulumi/policy
 *   unwraps them before a policy runs: `validateResource` and `validateStack` get
 *   `deserializeProperties(req.getProperties(), false)` (sdk/nodejs/policy/server.ts lines 308 and 448), and with
 *   `proxySecrets` false a secret becomes its bare value (deserialize.ts lines 113-119). `ResourceValidationArgs`
 *   has no `isSecret`; only `remediateResource` gets secret-wrapped values (server.ts line 680,
 *   `deserializeProperties(..., true)` behind `secretsPreservingProxy`, secret.ts), and a remediation cannot
 *   report a violation, only return new inputs, whose before/after diff the CLI prints (pkg/backend/display/
 *   diff.go lines 189-224) and sends to the backend as an event (events.go lines 113-135): turning plain data
 *   into a secret that way would publish the plain value. So under `pulumi preview --policy-pack policy` this
 *   policy cannot tell a secret from plain text and reports nothing (`isSecret` is undefined there).
 * - Under preview it would not learn much more anyway: analyzers run on the inputs the provider's Check returned
 *   (pkg/resource/deploy/step_generator.go lines 1343 and 1401-1469), and the Kubernetes provider marks `data`
 *   and `stringData` of every Secret secret in Check (pulumi-kubernetes provider/pkg/provider/provider.go line
 *   1378, annotateSecrets lines 3467-3481); @pulumi/kubernetes' Secret class also wraps both in pulumi.secret
 *   itself (node_modules/@pulumi/kubernetes/core/v1/secret.js lines 80 and 84). For `k8s.core.v1.Secret` the
 *   rule therefore holds by construction; what it guards is every other way a credential is registered: a
 *   Secret as a CustomResource of kind Secret (nothing wraps it), and `ibm.CodeEngineSecret`, whose `data` the
 *   bridge marks secret only if the schema says Sensitive, which ibm_code_engine_secret's `data` is not
 *   (sdks/ibm/codeEngineSecret.js lines 11-14; IBM-Cloud/terraform-provider-ibm
 *   ibm/service/codeengine/resource_ibm_code_engine_secret.go lines 41-46).
 * - The offline plan (plan/policies.ts) reads the registrations' wire form, secret markers included, so there
 *   `isSecret` is exact and this policy is enforced: `npm run plan -- --check` fails a change that hands a
 *   credential over in plain text.
 */
import { credentialProperties } from "./dockerConfigs";
import { ResourcePolicy, describeResource } from "./resource";

export const pullSecretDataIsSecret: ResourcePolicy = {
    name: "pull-secret-data-is-secret",
    description:
        "A dockerconfigjson Secret's data and stringData, and a Code Engine secret's data, must be Pulumi secrets " +
        "(checked by npm run plan, which sees secret markers; pulumi preview hands policies plain values).",
    enforcementLevel: "mandatory",
    check(resource) {
        const isSecret = resource.isSecret;
        if (isSecret === undefined) return [];
        return credentialProperties(resource)
            .filter((property) => resource.props[property] !== undefined && resource.props[property] !== null)
            .filter((property) => !isSecret([property]))
            .map(
                (property) =>
                    `${describeResource(resource)}: ${property} holds a registry credential but is not a Pulumi ` +
                    "secret; wrap it in pulumi.secret (as components/namespacePullSecret.ts dockerConfigSecret does) " +
                    "so state, plans and logs show [secret]",
            );
    },
};
