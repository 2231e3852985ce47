/**
 * The two test tiers. Integration: tests that start this project's own code in child processes (the
 * plan CLI, the provider plugin, the credential plugin under kubectl, the bench script). Unit: everything
 * else — the type check's companions: pure modules, the program under mocks, kubectl as an oracle.
 */
const INTEGRATION = [
    "<rootDir>/test/bench/.*\\.test\\.ts$",
    "<rootDir>/test/cluster/credentialPlugin\\.test\\.ts$",
    "<rootDir>/test/plan/planCli\\.test\\.ts$",
    "<rootDir>/test/policy/packProcess\\.test\\.ts$",
    "<rootDir>/test/policy/planCliPolicies\\.test\\.ts$",
    "<rootDir>/test/plan/checkSeesSecrets\\.test\\.ts$",
    "<rootDir>/test/plan/planCanaries\\.test\\.ts$",
    "<rootDir>/test/provider/",
];
module.exports = { INTEGRATION };
