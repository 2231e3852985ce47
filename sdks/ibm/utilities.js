// Trimmed from the output of `pulumi package add terraform-provider ibm-cloud/ibm 1.87.1`.
"use strict";
const pulumi = require("@pulumi/pulumi");
const pkg = require("./package.json");

let packageRef;

/** Registers the parameterized package once per deployment, as the generated SDK does. */
function getPackage() {
    if (packageRef === undefined) {
        if (!pulumi.runtime.supportsParameterization()) {
            throw new Error("The Pulumi CLI does not support parameterization. Please update the Pulumi CLI");
        }
        const p = pkg.pulumi;
        packageRef = pulumi.runtime.registerPackage({
            baseProviderName: p.name,
            baseProviderVersion: p.version,
            baseProviderDownloadUrl: "",
            packageName: p.parameterization.name,
            packageVersion: p.parameterization.version,
            base64Parameter: p.parameterization.value,
        });
    }
    return packageRef;
}

function resourceOptsDefaults() {
    return { version: pkg.pulumi.version };
}

/** Copies the named args (undefined when absent), marking outputs the provider computes. */
function collect(args, inputNames, outputNames) {
    const inputs = {};
    for (const k of inputNames) inputs[k] = args ? args[k] : undefined;
    for (const k of outputNames || []) inputs[k] = undefined;
    return inputs;
}

module.exports = { getPackage, resourceOptsDefaults, collect };
