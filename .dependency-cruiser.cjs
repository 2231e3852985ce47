// The direction of imports (ARCHITECTURE.md): index.ts → components → core; provider → core; plan → the program
// and core; policy → core. No cycle between modules, and none between folders (scope "folder": a folder
// graph with core's subfolders as nodes). `npm run lint` runs it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
    forbidden: [
        {
            name: "no-module-cycles",
            severity: "error",
            comment: "Modules import each other in a circle.",
            from: {},
            to: { circular: true },
        },
        {
            name: "no-folder-cycles",
            severity: "error",
            scope: "folder",
            comment:
                "Folders import each other in a circle: one of them must move a piece down, to the folder both use.",
            from: {},
            to: { circular: true },
        },
        {
            name: "core-is-pure",
            severity: "error",
            comment: "core/ is the functional core: it knows no component, provider, plan CLI, policy pack or program.",
            from: { path: "^core/" },
            to: { path: "^(components|provider|plan|policy|test|index\\.ts)" },
        },
        {
            name: "core-has-no-runtime",
            severity: "error",
            comment: "core/ never loads the Pulumi runtime or SDKs: components wire it to resources.",
            from: { path: "^core/" },
            to: {
                path: "node_modules/@pulumi/(pulumi|kubernetes|ibm|policy)/",
                pathNot: "node_modules/@pulumi/pulumi/runtime/rpc",
            },
        },
        {
            name: "components-only-down",
            severity: "error",
            comment: "Components use core/ only (and each other).",
            from: { path: "^components/" },
            to: { path: "^(provider|plan|policy|test|index\\.ts)" },
        },
        {
            name: "provider-only-down",
            severity: "error",
            comment: "The provider plugin and the credential plugin use core/ only: they never load the program.",
            from: { path: "^provider/" },
            to: { path: "^(components|plan|policy|test|index\\.ts)" },
        },
        {
            name: "policy-only-down",
            severity: "error",
            comment: "The policy pack judges the program's registrations with core's models, never with the program.",
            from: { path: "^policy/" },
            to: { path: "^(components|provider|plan|test|index\\.ts)" },
        },
        {
            name: "only-tests-use-tests",
            severity: "error",
            from: { pathNot: "^test/" },
            to: { path: "^test/" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(sdks|\\.build|reports)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        enhancedResolveOptions: {
            exportsFields: ["exports"],
            conditionNames: ["import", "require", "node", "default"],
        },
    },
};
