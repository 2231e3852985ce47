"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

const INPUTS = ["accountManagement", "description", "iamId", "iamServiceId", "pattern", "resourceAttributes",
    "resourceTags", "resources", "roles", "ruleConditions", "ruleOperator", "tags", "transactionId"];

class IamServicePolicy extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServicePolicy(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServicePolicy.__pulumiType;
    }
    constructor(name, args, opts) {
        opts = opts || {};
        if (!opts.id && (args === undefined || args.roles === undefined) && !opts.urn) {
            throw new Error("Missing required property 'roles'");
        }
        const inputs = utilities.collect(args, INPUTS);
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(IamServicePolicy.__pulumiType, name, inputs, opts, false, utilities.getPackage());
    }
}
IamServicePolicy.__pulumiType = "ibm:index/iamServicePolicy:IamServicePolicy";
exports.IamServicePolicy = IamServicePolicy;
