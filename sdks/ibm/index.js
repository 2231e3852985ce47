"use strict";
Object.assign(exports,
    require("./iamServiceId"),
    require("./iamServicePolicy"),
    require("./iamServiceApiKey"),
    require("./codeEngineSecret"),
    require("./getContainerClusterConfig"),
    require("./provider"));
