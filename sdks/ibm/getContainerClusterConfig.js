"use strict";
const pulumi = require("@pulumi/pulumi");
const utilities = require("./utilities");

const TOKEN = "ibm:index/getContainerClusterConfig:getContainerClusterConfig";
const ARGS = ["accountGuid", "admin", "clusterNameId", "configDir", "download", "endpointType", "network",
    "orgGuid", "region", "resourceGroupId", "spaceGuid"];

function getContainerClusterConfig(args, opts) {
    opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts || {});
    return pulumi.runtime.invoke(TOKEN, utilities.invokeArgs(args, ARGS), opts, utilities.getPackage());
}

function getContainerClusterConfigOutput(args, opts) {
    opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts || {});
    return pulumi.runtime.invokeOutput(TOKEN, utilities.invokeArgs(args, ARGS), opts, utilities.getPackage());
}

exports.getContainerClusterConfig = getContainerClusterConfig;
exports.getContainerClusterConfigOutput = getContainerClusterConfigOutput;
