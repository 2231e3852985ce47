// Loads a module of this project for the launchers in this folder, compiled: from the tree `npm run build`
// made in .build (npm ci runs it). Never TypeScript at run time: no type check, no compiler loaded, and a
// build older than its sources is refused rather than run.
"use strict";
const path = require("path");
const { ROOT, staleness } = require("./buildStamp");

module.exports = function load(modulePath, root = ROOT) {
    const stale = staleness(root);
    if (stale !== undefined) {
        throw new Error(
            `registry-access: the compiled program in .build cannot be used: ${stale}. ` +
                "Run `npm run build` (npm ci runs it) and try again.",
        );
    }
    return require(path.join(root, ".build", `${modulePath}.js`));
};
