// Integration tier (jest.integration.config.js): the processes these tests start (the provider plugin, the
// credential plugin, the plan CLI's program) load the tree `npm run build` compiles into .build, as they do on
// a user's machine (bin/load.js). npm ci builds it; build again here only when a source changed since.
const { execFileSync } = require("child_process");
const path = require("path");
const { staleness } = require("../bin/buildStamp");

module.exports = async () => {
    if (staleness() === undefined) return;
    execFileSync("npm", ["run", "-s", "build"], { cwd: path.join(__dirname, ".."), stdio: "inherit" });
};
