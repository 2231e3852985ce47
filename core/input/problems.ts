/**
 * A problem found in a structured value of the config (a registry source, a rule on several keys), before
 * it is filed under its key. Pure.
 */

/** `path` is relative to the key (`[1].password`) or a full path (`registries[1].secretName`); a secret field's value is never given. */
export interface PathProblem {
    readonly path: string;
    readonly value?: string;
    readonly rule: string;
}

/** One line per problem, however many namespaces share it. */
export function uniqueProblems<P extends PathProblem>(problems: readonly P[]): P[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const id = JSON.stringify([p.path, p.value, p.rule]);
        return seen.has(id) ? false : (seen.add(id), true);
    });
}
