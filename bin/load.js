// Loads a module of this project for the launchers in this folder: from a prebuilt tree when
// REGISTRY_ACCESS_BUILD_DIR names one (the integration tests compile once for every process they start),
// otherwise straight from the TypeScript sources through ts-node, transpiling only (`npm test`
// type-checks): `npm ci` is all a machine running `pulumi` needs, and the sources are always current.
"use strict";
const path = require("path");

const ROOT = path.join(__dirname, "..");

module.exports = function load(modulePath) {
    const built = process.env.REGISTRY_ACCESS_BUILD_DIR;
    if (built) return require(path.join(built, `${modulePath}.js`));
    require("ts-node").register({ transpileOnly: true, project: path.join(ROOT, "tsconfig.json") });
    return require(path.join(ROOT, modulePath));
};
