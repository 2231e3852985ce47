// Mutation testing of the pure modules (`npm run mutation`, or folder by folder: `npm run mutation:parts`).
// A mutant that behaves exactly like the original is disabled where it arises, by a `// Stryker disable`
// comment giving the reason; test/mutation/scores.mjs lists them. See test/mutation/MUTATION.md.
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";

/** The child-process test files (the integration tier), as the project's jest configs name them. */
const { INTEGRATION } = createRequire(import.meta.url)("./jest.tiers.js");

/** The unit tests of the mutated modules: in-process only, no child processes (kubectl, ts-node, the plugin). */
const UNIT_TESTS = [
    "<rootDir>/test/registry/**/*.test.ts",
    "<rootDir>/test/sharedObjects/**/*.test.ts",
    "<rootDir>/test/cluster/**/*.test.ts",
    "<rootDir>/test/plan/**/*.test.ts",
    "<rootDir>/test/config/**/*.test.ts",
    "<rootDir>/test/iam/**/*.test.ts",
    "<rootDir>/test/platforms/**/*.test.ts",
    "<rootDir>/test/access/**/*.test.ts",
    "<rootDir>/test/kubernetes/**/*.test.ts",
    "<rootDir>/test/policy/**/*.test.ts",
    "<rootDir>/test/input/**/*.test.ts",
];

/**
 * Tests in those files that start a child process, by the start of their full name (describe + test):
 * the plan CLI runs ts-node, the oracle tests run kubectl (each mutant would pay for dozens of kubectl
 * starts). What they check is pinned in process: the bytes kubectl writes by test/registry/dockerConfigBytes.test.ts,
 * the JSON-patch semantics by the fake API server's engine (fast-json-patch) in test/sharedObjects/, and the
 * diff output by the formatDiff tests in test/plan/planDiff.test.ts.
 */
const CHILD_PROCESS_TESTS = [
    "npm run plan -- --check / --write",
    "buildDockerConfigJson against kubectl create secret docker-registry is byte-identical",
    "buildDockerConfigJson against kubectl create secret docker-registry holds, for many domains",
    "planned patches under kubectl's JSON-patch engine",
    "pullSecretPatch applies under kubectl's JSON-patch engine",
];
/** Where the tests and the modules they reach live: jest only follows imports between files under `roots`. */
const SOURCE_ROOTS = ["test", "core", "policy", "plan", "components", "provider"].map((d) => `<rootDir>/${d}`);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

// The pure modules with their own unit tests: the registry and its sources, IAM, the shared-object planners,
// the platforms, reaching a cluster, validation, the access model, the review's diff and comment, the policy
// pack's checks. (The config declaration, the stack-file reader and the renderer are judged by their tests
// and the committed plans, not here: their mutants are mostly static, or reached only through the program.)
export const MUTATE = [
    "core/input/checks.ts",
    "core/input/problems.ts",
    "core/input/errorText.ts",
    "core/input/ownValue.ts",
    "core/input/json.ts",
    "core/registry/icrCatalogue.ts",
    "core/registry/dockerConfig.ts",
    "core/registry/sources/*.ts",
    "!core/registry/sources/sourceKind.ts",
    "core/registry/sourcePlan.ts",
    "core/registry/privateRegistry.ts",
    "core/registry/copySource.ts",
    "core/registry/icrImage.ts",
    "core/registry/imageReference.ts",
    "core/registry/keyring.ts",
    "core/registry/digest.ts",
    "core/registry/pathMatch.ts",
    "core/kubernetes/systemNamespaces.ts",
    "core/kubernetes/apiErrors.ts",
    "core/kubernetes/labelSelector.ts",
    "core/sharedObjects/serviceAccountPullSecretRefPatch.ts",
    "core/sharedObjects/globalPullSecretMerge.ts",
    "core/sharedObjects/globalPullSecretReconcile.ts",
    "core/sharedObjects/buildConfigSecretPatch.ts",
    "core/platforms/platformPlan.ts",
    "core/platforms/portieris.ts",
    "core/platforms/openshift.ts",
    "core/platforms/kyverno.ts",
    "core/platforms/kyvernoSweep.ts",
    "core/platforms/kyvernoApply.ts",
    "core/platforms/selectorScope.ts",
    "core/review/diff.ts",
    "core/review/keyNotes.ts",
    "core/review/prComment.ts",
    "core/review/secretStructure.ts",
    "core/access/grants.ts",
    "core/access/accessModel.ts",
    "core/access/canPull.ts",
    "core/access/admission.ts",
    "core/access/accessReport.ts",
    "core/cluster/http.ts",
    "core/cluster/kubeconfig.ts",
    "core/cluster/ibmCloud.ts",
    "core/cluster/ibmErrors.ts",
    "core/cluster/openshift.ts",
    "core/cluster/credentials.ts",
    "core/config/validate.ts",
    "core/config/crossKeyRules.ts",
    "core/iam/policyScopes.ts",
    "core/iam/keyLifecycle.ts",
    "core/iam/roleIntent.ts",
    "policy/iamPolicies.ts",
    "policy/deprecatedRegistries.ts",
    "policy/dockerConfigs.ts",
    "policy/secretData.ts",
    "policy/systemNamespaces.ts",
    "policy/kubernetesProvider.ts",
];

/**
 * STRYKER_PART=<folder> mutates only the modules directly in that folder and writes its own report,
 * reports/mutation/parts/<folder with - for />.json: test/mutation/parts.mjs runs the folders one by one and
 * merges their reports (a full run in one go takes hours on two shared cores).
 */
const PART = process.env.STRYKER_PART;
/** STRYKER_MODULE=<module of the list> mutates that module alone, into a report of its own. */
const MODULE = process.env.STRYKER_MODULE;
export const partOf = (pattern) => path.posix.dirname(pattern.replace(/^!/, ""));
export const partReport = (part) => `reports/mutation/parts/${part.replaceAll("/", "-")}.json`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    testRunner: "jest",
    jest: {
        projectType: "custom",
        enableFindRelatedTests: true,
        configFile: "jest.config.js",
        config: {
            testMatch: UNIT_TESTS,
            roots: SOURCE_ROOTS,
            // e.g. test/cluster/credentialPlugin.test.ts, which runs the plugin under kubectl.
            // And the runs of the whole program: each mutant of a module they reach would load the program
            // again; the modules' own tests judge them (test/program/ and test/canaries/ are not listed above).
            testPathIgnorePatterns: [
                "/node_modules/",
                ...INTEGRATION,
                "<rootDir>/test/plan/committedPlans\\.test\\.ts$",
                "<rootDir>/test/policy/planPolicies\\.test\\.ts$",
                "<rootDir>/test/policy/undeclaredGrants\\.test\\.ts$",
            ],
            testNamePattern: `^(?!${CHILD_PROCESS_TESTS.map(escape).join("|")})`,
        },
    },
    // Each mutant runs the test files that import its module, directly or through other modules (jest's
    // findRelatedTests), and in them only the tests that reach the mutant (perTest). jest follows imports only
    // between files under `roots`, hence SOURCE_ROOTS: with `test/` alone, a test reaching a module through
    // another (config tests → validate → contract → core/platforms/platformPlan.ts) was missed. Without
    // findRelatedTests, jest loaded every unit test file for each mutant: about 4 s a mutant instead of 1.3 s
    // (core/registry/digest.ts), with the same mutants killed. No test file of this set reaches a module only
    // through a computed require() (the program runs, which do, are left out above).
    coverageAnalysis: "perTest",
    // Static mutants (in code that runs when a module loads: constant tables, regexes, the config declaration)
    // cannot be tied to the tests that cover them, so each would run every test: 35% of the mutants, 89% of
    // the time (about 7 hours here). They are counted apart, as not tested (test/mutation/scores.mjs).
    ignoreStatic: true,
    // No typescript checker: it type-checks the whole program (Pulumi's SDK types included) and made a run of
    // registry/ + core/cluster/kubeconfig.ts take 9 min 22 s instead of 1 min 6 s without it. Mutants that do
    // not type-check still run (ts-jest only transpiles: tsconfig sets isolatedModules) and are judged by
    // behaviour; disableTypeChecks (the default) keeps ts-jest from reporting them.
    concurrency: 2,
    mutate: MODULE !== undefined ? [MODULE] : PART === undefined ? MUTATE : MUTATE.filter((m) => partOf(m) === PART),
    reporters: ["clear-text", "progress", "json"],
    jsonReporter: {
        fileName:
            MODULE !== undefined
                ? partReport(MODULE.replace(/\.ts$/, ""))
                : PART === undefined
                  ? "reports/mutation/mutation.json"
                  : partReport(PART),
    },
    clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
    thresholds: { high: 95, low: 90, break: null },
    // The sandbox (a copy of the project) lives outside the checkout: nothing is left behind in it, not even
    // after a crash, and a run does not slow down editors or file watchers working in the checkout.
    tempDirName: path.join(os.tmpdir(), "registry-access-stryker"),
    // The unit tests take milliseconds: a mutant that loops (a retry loop that never ends) is cut short fast.
    timeoutMS: 3000,
};
