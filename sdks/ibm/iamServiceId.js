"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

const INPUTS = ["description", "name", "tags"];
const OUTPUTS = ["crn", "iamId", "locked", "version"];

class IamServiceId extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServiceId(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServiceId.__pulumiType;
    }
    constructor(name, args, opts) {
        opts = opts || {};
        if (!opts.id && (args === undefined || args.name === undefined) && !opts.urn) {
            throw new Error("Missing required property 'name'");
        }
        const inputs = opts.id
            ? utilities.collect(args, INPUTS.concat(OUTPUTS))
            : utilities.collect(args, INPUTS, OUTPUTS);
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        super(IamServiceId.__pulumiType, name, inputs, opts, false, utilities.getPackage());
    }
}
IamServiceId.__pulumiType = "ibm:index/iamServiceId:IamServiceId";
exports.IamServiceId = IamServiceId;
