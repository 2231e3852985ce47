/**
 * One message for a stack whose stack files refuse some keys' values (Pulumi.yaml's declared types, which the
 * Pulumi CLI checks before it starts the program: pulumi/pulumi pkg/workspace/config.go:66-157
 * validateStackConfigValues at 1b5949891b3cefcb9974752b24a5ecef0acc86c8): those problems, and what the
 * program's validation (core/config/validate.ts) says of the other keys, so that one run shows them all. A
 * refused key is left to its stack-file problem: validation neither reads nor reports it. Pure.
 */
import { CONFIG_NAMESPACE } from "../config/contract";
import { stackConfigInput } from "../config/stackConfigInput";
import { configProblems, formatProblemList, problemLine } from "../config/validate";
import { Problem, problemText, sortProblems } from "./values";

/**
 * `invalid stack configuration (N problems):`, then each of `keyProblems` (`file:line: message`, in file and
 * line order), then each of validation's (`registry-access:key "value": rule`, no secret's value) on `config`,
 * the stack's config without the refused keys (fully-qualified keys to the strings the CLI would pass).
 */
export function stackProblemsMessage(
    keyProblems: readonly Problem[],
    config: Readonly<Record<string, string>>,
    secretKeys: readonly string[],
): string {
    const secret = new Set(secretKeys);
    const { raw, ...options } = stackConfigInput(config, (k) => secret.has(k));
    const prefix = `${CONFIG_NAMESPACE}:`;
    const refused = new Set(
        keyProblems.flatMap((p) => (p.key?.startsWith(prefix) ? [p.key.slice(prefix.length)] : [])),
    );
    const ruleProblems = configProblems(raw, { ...options, refused });
    return formatProblemList([...sortProblems(keyProblems).map(problemText), ...ruleProblems.map(problemLine)]);
}
