// `npm run test:unit`: everything but the child-process tiers (jest.tiers.js).
const base = require("./jest.config");
const { INTEGRATION } = require("./jest.tiers");
/** @type {import('jest').Config} */
module.exports = { ...base, testPathIgnorePatterns: ["/node_modules/", ...INTEGRATION] };
