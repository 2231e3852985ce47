"use strict";
require("./typescript");
require("../provider/main").serve(process.argv.slice(2));
