// Lets the plugins below run the project's TypeScript sources directly (no build step: `npm ci` is all a
// machine running `pulumi` needs). Transpile only: `npm test` type-checks.
"use strict";
const path = require("path");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
