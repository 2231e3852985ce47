"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// ibm_iam_service_api_key (IBM-Cloud/terraform-provider-ibm v1.89.0,
// ibm/service/iamidentity/resource_ibm_iam_service_api_key.go lines 30-125): name (required), description,
// iam_service_id (required), apikey (optional, computed, sensitive), locked, expires_at, store_value (default
// true), file; computed account_id, crn, entity_tag, created_by, created_at, modified_at. There is no `apikey_id`
// attribute: the key's ID is the resource's `id` (and `iamServiceApiKeyId`, the bridge's rename of the
// SDKv2 implicit `id`, see iamServiceId.js). `name` is optional through the bridge's auto-naming.
// - `expiresAt` (`expires_at`, lines 75-79, added in v1.88.1 by d7df64a1d): an optional string, not computed,
//   not ForceNew, not Sensitive; ISO 8601 in the format 'yyyy-MM-ddTHH:mm+0000'. Sent on create (lines 191-194),
//   read back (lines 256-258) and changed in place by UpdateAPIKey (Update, lines 308-312). IBM deletes a key
//   for good once both expires_at and modified_at are more than 90 days in the past, locked or not.
const INPUTS = ["apikey", "description", "expiresAt", "file", "iamServiceApiKeyId", "iamServiceId", "locked", "name",
    "storeValue"];
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
