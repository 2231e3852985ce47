// The program as the Pulumi language host runs it (Pulumi.yaml `main`, with `typescript: false`): index.ts
// compiled by `npm run build`, refused when its sources changed since.
"use strict";
module.exports = require("./load")("index");
