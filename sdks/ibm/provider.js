"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// The provider resource of the bridged ibm package. Its inputs are the Terraform provider's configuration
// (IBM-Cloud/terraform-provider-ibm v1.89.0, ibm/provider/provider.go lines 81-259) in camelCase; trimmed to
// the ones registry-access sets. `ibmcloud_api_key` (line 96) is not Sensitive in the schema, so the
// generated SDK passes it as given: callers pass a secret.
const INPUTS = ["ibmcloudApiKey", "ibmcloudAccountId", "region", "visibility"];

class Provider extends pulumi.ProviderResource {
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === Provider.__pulumiType;
    }
    constructor(name, args, opts) {
        opts = opts || {};
        const resourceInputs = {};
        for (const k of INPUTS) resourceInputs[k] = args ? args[k] : undefined;
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(Provider.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}
Provider.__pulumiType = "ibm";
exports.Provider = Provider;
