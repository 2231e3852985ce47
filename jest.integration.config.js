// `npm run test:integration`: the tests that start this project's code in child processes (jest.tiers.js),
// with the plugins compiled once beforehand (test/integrationSetup.js).
const base = require("./jest.config");
const { INTEGRATION } = require("./jest.tiers");
/** @type {import('jest').Config} */
module.exports = {
    ...base,
    testRegex: INTEGRATION.map((p) => p.replace("<rootDir>/", "")),
    globalSetup: "<rootDir>/test/integrationSetup.js",
};
