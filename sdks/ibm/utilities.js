// Trimmed from the output of `pulumi package add terraform-provider ibm-cloud/ibm 1.89.0`.
"use strict";
const pulumi = require("@pulumi/pulumi");

function getVersion() {
    let version = require("./package.json").version;
    // Node allows for the version to be prefixed by a "v", while semver doesn't.
    if (version.indexOf("v") === 0) {
        version = version.slice(1);
    }
    return version;
}

/** As generated: the package's own version (with a package reference the engine takes the plugin from the package). */
function resourceOptsDefaults() {
    return { version: getVersion() };
}

/**
 * The package reference every resource and invoke passes, as generated since pulumi/pulumi#23068
 * (pkg/codegen/nodejs/gen.go, the `getPackage` template at line 3092 of pulumi/pulumi 1b59498): no module
 * variable caching the reference; `runtime.registerPackage` registers the package once per deployment
 * (its cache lives in the deployment's runtime store), so concurrent inline programs each get their own
 * engine's reference. The runtime also throws when the CLI does not support parameterization.
 */
async function getPackage() {
    return pulumi.runtime.registerPackage({
        baseProviderName: "terraform-provider",
        baseProviderVersion: "1.1.4",
        baseProviderDownloadUrl: "",
        packageName: "ibm",
        packageVersion: "1.89.0",
        base64Parameter: "eyJyZW1vdGUiOnsidXJsIjoicmVnaXN0cnkub3BlbnRvZnUub3JnL2libS1jbG91ZC9pYm0iLCJ2ZXJzaW9uIjoiMS44OS4wIn19",
    });
}

/**
 * The resource inputs a generated constructor builds: with `opts.id` (a read of existing state) every
 * property from `state`; else the input properties from `args`, and the properties only the provider
 * computes (marked `out` in generated code) as undefined. Every key becomes an output property of the resource.
 */
function resourceInputs(argsOrState, opts, inputNames, outputNames) {
    const inputs = {};
    if (opts.id) {
        for (const k of inputNames.concat(outputNames)) inputs[k] = argsOrState ? argsOrState[k] : undefined;
    } else {
        for (const k of inputNames) inputs[k] = argsOrState ? argsOrState[k] : undefined;
        for (const k of outputNames) inputs[k] = undefined;
    }
    return inputs;
}

/** Invoke arguments: the named args only. */
function invokeArgs(args, names) {
    const out = {};
    for (const k of names) out[k] = args ? args[k] : undefined;
    return out;
}

module.exports = { getPackage, getVersion, resourceOptsDefaults, resourceInputs, invokeArgs };
