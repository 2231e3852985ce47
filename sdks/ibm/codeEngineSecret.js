"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// ibm_code_engine_secret (IBM-Cloud/terraform-provider-ibm v1.89.0,
// ibm/service/codeengine/resource_ibm_code_engine_secret.go lines 33-240): project_id (required, line 34),
// data (optional map of strings, line 41), format (required, line 47; hmac_auth allowed since v1.88.0, line 261),
// name (required, line 54), service_access (optional, one block, line 61), service_operator (optional, one block,
// line 154); computed created_at, entity_tag, generated_by (since v1.88.0, line 211), href, region, resource_type,
// secret_id, etag (lines 201-239).
// - `data` is NOT Sensitive in the schema (no `Sensitive` anywhere in the file, at v1.89.0 and since), and the
//   bridge marks a property secret only when the schema says Sensitive (pulumi/pulumi-terraform-bridge
//   pkg/tfgen/generate_schema.go, `if prop.schema.Sensitive()`). So, as generated, `data` is passed as given
//   and gets no additionalSecretOutputs: callers pass a secret and set `additionalSecretOutputs: ["data"]`.
// - `name` is optional through the bridge's auto-naming, `codeEngineSecretId` is the SDKv2 implicit `id`
//   renamed by the bridge (see iamServiceId.js); `secret_id` is the provider's own attribute.
// - `serviceAccess` and `serviceOperator` are single objects: the bridge flattens MaxItems: 1 blocks.
const INPUTS = ["codeEngineSecretId", "data", "format", "name", "projectId", "serviceAccess", "serviceOperator"];
const OUTPUTS = ["createdAt", "entityTag", "etag", "generatedBy", "href", "region", "resourceType", "secretId"];

class CodeEngineSecret extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new CodeEngineSecret(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === CodeEngineSecret.__pulumiType;
    }
    constructor(name, argsOrState, opts) {
        opts = opts || {};
        if (!opts.id && (argsOrState === undefined || argsOrState.format === undefined) && !opts.urn) {
            throw new Error("Missing required property 'format'");
        }
        if (!opts.id && (argsOrState === undefined || argsOrState.projectId === undefined) && !opts.urn) {
            throw new Error("Missing required property 'projectId'");
        }
        const resourceInputs = utilities.resourceInputs(argsOrState, opts, INPUTS, OUTPUTS);
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(CodeEngineSecret.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}
CodeEngineSecret.__pulumiType = "ibm:index/codeEngineSecret:CodeEngineSecret";
exports.CodeEngineSecret = CodeEngineSecret;
