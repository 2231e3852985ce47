"use strict";
require("./load")("provider/main").serve(process.argv.slice(2));
