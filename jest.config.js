/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: { warnOnly: false }, tsconfig: "tsconfig.json" }] },
    moduleFileExtensions: ["ts", "js", "json"],
    testTimeout: 60000,
};
