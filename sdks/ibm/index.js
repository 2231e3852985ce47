"use strict";
Object.assign(exports,
    require("./iamServiceId"),
    require("./iamServicePolicy"),
    require("./iamServiceApiKey"),
    require("./getContainerClusterConfig"),
    require("./provider"));
