// Validates ClusterPolicies (a JSON array on stdin) with @kubernetes-models/kyverno's validators, generated from
// Kyverno's Go API types (kyverno/kyverno api/kyverno/v1); prints one JSON result per policy: null or the error.
// A separate ESM process: the package is ESM-only and jest runs this project as CommonJS.
import { ClusterPolicy } from "@kubernetes-models/kyverno/kyverno.io/v1/ClusterPolicy";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map((policy) => {
    try {
        new ClusterPolicy(policy).validate();
        return null;
    } catch (err) {
        return String(err?.message ?? err);
    }
});
process.stdout.write(JSON.stringify(results));
