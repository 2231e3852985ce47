"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

// ibm_iam_service_policy (IBM-Cloud/terraform-provider-ibm v1.89.0,
// ibm/service/iampolicy/resource_ibm_iam_service_policy.go lines 39-271): every attribute is an input;
// `iamServicePolicyId` is the SDKv2 implicit `id` renamed by the bridge (see iamServiceId.js).
const INPUTS = ["accountManagement", "description", "iamId", "iamServiceId", "iamServicePolicyId", "pattern",
    "resourceAttributes", "resourceTags", "resources", "roles", "ruleConditions", "ruleOperator", "tags", "transactionId"];
const OUTPUTS = [];

class IamServicePolicy extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServicePolicy(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServicePolicy.__pulumiType;
    }
    constructor(name, argsOrState, opts) {
        opts = opts || {};
        if (!opts.id && (argsOrState === undefined || argsOrState.roles === undefined) && !opts.urn) {
            throw new Error("Missing required property 'roles'");
        }
        const resourceInputs = utilities.resourceInputs(argsOrState, opts, INPUTS, OUTPUTS);
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(IamServicePolicy.__pulumiType, name, resourceInputs, opts, false /*dependency*/, utilities.getPackage());
    }
}
IamServicePolicy.__pulumiType = "ibm:index/iamServicePolicy:IamServicePolicy";
exports.IamServicePolicy = IamServicePolicy;
