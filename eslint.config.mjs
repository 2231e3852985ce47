// Lint: ESLint's and typescript-eslint's recommended rules (type-aware, so the Pulumi rules can see
// Output types), plus @pulumi/eslint-plugin's rules against Outputs in template literals, as
// pulumi/pulumi-eks does. Formatting is Prettier's (.prettierrc), not ESLint's.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "sdks/", "coverage/", "reports/", ".stryker-tmp/", ".build/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    },
    {
        files: ["**/*.ts"],
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Type-aware checks worth their cost: a forgotten promise loses errors or ordering.
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": "error",
            // A switch over a closed union names every member (or ends in assertNever), so a new member is a compile error.
            "@typescript-eslint/switch-exhaustiveness-check": [
                "error",
                { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
            ],
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
            ],
        },
    },
    {
        // Functions stay short enough to read at once; a longer one says why in an eslint-disable comment.
        files: ["**/*.ts"],
        ignores: ["test/**"],
        rules: {
            "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
        },
    },
    {
        // Tests read wire-format JSON (any is the honest type there) and load the program in fresh module
        // registries with require() inside jest.isolateModulesAsync, where import() cannot run.
        files: ["test/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // The launchers in bin/ and this file are plain CommonJS / ESM JavaScript outside the TypeScript project.
        files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: {
            globals: {
                require: "readonly",
                module: "writable",
                __dirname: "readonly",
                process: "readonly",
                console: "readonly",
            },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
