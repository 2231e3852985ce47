"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// ibm_iam_service_id (IBM-Cloud/terraform-provider-ibm v1.89.0, ibm/service/iamidentity/resource_ibm_iam_service_id.go
// lines 25-66): name (required), description, tags; computed version, crn, iam_id, locked.
// - `name` is optional: the dynamic bridge auto-names every input string property called "name"
//   (pulumi/pulumi-terraform-bridge dynamic/info.go line 156, SetAutonaming in pkg/tfbridge/info/autonaming.go
//   lines 29-63: "If a property was required before auto-naming, it becomes optional").
// - `iamServiceIdId` is the Terraform SDKv2 implicit `id` attribute (optional + computed, terraform-plugin-sdk
//   v2.38.1 helper/schema/core_schema.go lines 313-319), renamed by the bridge to `<resource>_id` because it
//   would clash with Pulumi's `id` (pkg/tfbridge/tokens/fixups.go lines 485-551, candidate at line 523).
const INPUTS = ["description", "iamServiceIdId", "name", "tags"];
const OUTPUTS = ["crn", "iamId", "locked", "version"];

class IamServiceId extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServiceId(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServiceId.__pulumiType;
    }
    constructor(name, argsOrState, opts) {
        opts = opts || {};
        const resourceInputs = utilities.resourceInputs(argsOrState, opts, INPUTS, OUTPUTS);
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(IamServiceId.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}
IamServiceId.__pulumiType = "ibm:index/iamServiceId:IamServiceId";
exports.IamServiceId = IamServiceId;
