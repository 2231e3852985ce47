"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// ibm_iam_service_api_key (IBM-Cloud/terraform-provider-ibm v1.87.1,
// ibm/service/iamidentity/resource_ibm_iam_service_api_key.go lines 30-119): name (required), description,
// iam_service_id (required), apikey (optional, computed, sensitive), locked, store_value (default true), file;
// computed account_id, crn, entity_tag, created_by, created_at, modified_at. There is no `apikey_id`
// attribute: the key's ID is the resource's `id` (and `iamServiceApiKeyId`, the bridge's rename of the
// SDKv2 implicit `id`, see iamServiceId.js). `name` is optional through the bridge's auto-naming.
const INPUTS = ["apikey", "description", "file", "iamServiceApiKeyId", "iamServiceId", "locked", "name", "storeValue"];
const OUTPUTS = ["accountId", "createdAt", "createdBy", "crn", "entityTag", "modifiedAt"];

class IamServiceApiKey extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServiceApiKey(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServiceApiKey.__pulumiType;
    }
    constructor(name, argsOrState, opts) {
        opts = opts || {};
        if (!opts.id && (argsOrState === undefined || argsOrState.iamServiceId === undefined) && !opts.urn) {
            throw new Error("Missing required property 'iamServiceId'");
        }
        const resourceInputs = utilities.resourceInputs(argsOrState, opts, INPUTS, OUTPUTS);
        // `apikey` is Sensitive in the schema: a secret as input and as output, as in the generated SDK.
        resourceInputs.apikey = argsOrState && argsOrState.apikey ? pulumi.secret(argsOrState.apikey) : undefined;
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        opts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["apikey"] });
        super(IamServiceApiKey.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}
IamServiceApiKey.__pulumiType = "ibm:index/iamServiceApiKey:IamServiceApiKey";
exports.IamServiceApiKey = IamServiceApiKey;
