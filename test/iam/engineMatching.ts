/**
 * A model of how the Pulumi engine pairs a program's registrations with the resources in the state
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go: generateSteps records each URN, then
 * getOldResource looks the resource up under its own URN first and then under each alias in order,
 * stopping at the first found). An alias that finds an old resource which a registration already has
 * under its URN, or which an earlier alias took, is error 2008 ("Duplicate resource alias"); a URN that
 * an earlier registration took as an alias is error 2016. Old resources nobody took are deleted after
 * the program has run.
 */
export interface Registered {
    readonly urn: string;
    readonly aliases: readonly string[];
}

export interface Matching {
    /** New URN → the old URN it updates in place (itself when the URN did not change). */
    readonly updated: Map<string, string>;
    readonly created: string[];
    readonly deleted: string[];
    readonly errors: string[];
}

export function matchState(olds: readonly string[], news: readonly Registered[]): Matching {
    const inState = new Set(olds);
    const seen = new Set<string>();
    const aliased = new Map<string, string>();
    const updated = new Map<string, string>();
    const created: string[] = [];
    const errors: string[] = [];
    for (const r of news) {
        seen.add(r.urn);
        const claimer = aliased.get(r.urn);
        if (claimer !== undefined) errors.push(`2016: ${r.urn} was already taken as an alias by ${claimer}`);
        let match: string | undefined;
        for (const candidate of [r.urn, ...r.aliases]) {
            if (!inState.has(candidate)) continue;
            if (candidate !== r.urn) {
                if (seen.has(candidate)) errors.push(`2008: ${r.urn} aliases ${candidate}, a resource of the program`);
                const previous = aliased.get(candidate);
                if (previous !== undefined)
                    errors.push(`2008: ${r.urn} aliases ${candidate}, already taken by ${previous}`);
                aliased.set(candidate, r.urn);
            }
            match = candidate;
            break;
        }
        if (match === undefined) created.push(r.urn);
        else updated.set(r.urn, match);
    }
    const taken = new Set(updated.values());
    return { updated, created, deleted: olds.filter((u) => !taken.has(u)), errors };
}
