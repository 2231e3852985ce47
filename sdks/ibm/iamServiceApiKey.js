"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

const INPUTS = ["apikey", "description", "file", "iamServiceId", "locked", "name", "storeValue"];
const OUTPUTS = ["accountId", "apikeyId", "createdAt", "createdBy", "crn", "entityTag", "modifiedAt"];

class IamServiceApiKey extends pulumi.CustomResource {
    static get(name, id, state, opts) {
        return new IamServiceApiKey(name, state, Object.assign({}, opts, { id }));
    }
    static isInstance(obj) {
        return obj != null && obj["__pulumiType"] === IamServiceApiKey.__pulumiType;
    }
    constructor(name, args, opts) {
        opts = opts || {};
        if (!opts.id && (args === undefined || args.iamServiceId === undefined) && !opts.urn) {
            throw new Error("Missing required property 'iamServiceId'");
        }
        const inputs = opts.id
            ? utilities.collect(args, INPUTS.concat(OUTPUTS))
            : utilities.collect(args, INPUTS, OUTPUTS);
        if (!opts.id && args && args.apikey) {
            inputs.apikey = pulumi.secret(args.apikey);
        }
        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);
        // The key's value is a secret wherever it appears, as in the generated SDK.
        opts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["apikey"] });
        super(IamServiceApiKey.__pulumiType, name, inputs, opts, false, utilities.getPackage());
    }
}
IamServiceApiKey.__pulumiType = "ibm:index/iamServiceApiKey:IamServiceApiKey";
exports.IamServiceApiKey = IamServiceApiKey;
