/**
 * Which pull secret goes into which namespace, from the registry sources and the rest of the config: names,
 * what a copy copies, and the rules that involve several sources or keys (one ICR identity, unique secret
 * names per namespace, namespaces the stack manages, and each kind's own rules). Linear in the number of
 * namespaces. Pure.
 */
import { PathProblem, uniqueProblems } from "../input/problems";
import { IBM_DEFAULT_SECRET, LEGACY_REGIONS, legacySecretName } from "./sources/copy";
import { namespacesOf } from "./sources/icr";
import { RegistrySource, kindOf } from "./sources";
import { sourcePath as at } from "./sources/sourceKind";

export interface SourceContext {
    readonly cluster: string;
    readonly namespaces: readonly string[];
    /** `registry-access:secretName`: the ICR source's secret unless it names its own. */
    readonly secretName: string;
}

export interface PlannedSecret {
    readonly namespace: string;
    readonly secretName: string;
    /** Index of its source in the list. */
    readonly source: number;
    /** Resource name of the Secret. */
    readonly resourceName: string;
    /**
     * What the names of its ServiceAccount references add to `<namespace>.<serviceAccount>`: nothing for the
     * ICR source (its references had these names before there were sources), `@<secretName>` for the others
     * ('@' is in no Kubernetes name, so no two references can collide).
     */
    readonly referenceSuffix: string;
    /** copy: the secret in namespace `default` it copies. */
    readonly copyOf?: string;
}

/** Every planned secret (namespace by namespace in config order) and every problem across sources. */
export interface SourcePlan {
    readonly secrets: PlannedSecret[];
    readonly problems: PathProblem[];
}

/**
 * Why a Secret of this name is the platform's, when it is: IBM's pull secrets in `default` (`all-icr-io`, and
 * the older `default-<region>-icr-io`, seed 000 lines 181-186), OpenShift's per-service-account pull secrets
 * (`<serviceaccount>-dockercfg-<suffix>`, which its token controller makes in every project). Undefined: ours to make.
 */
export function platformOwner(namespace: string, name: string): string | undefined {
    const legacy = LEGACY_REGIONS.map((r) => legacySecretName(r));
    if (namespace === IBM_DEFAULT_SECRET.namespace && (name === IBM_DEFAULT_SECRET.name || legacy.includes(name))) {
        return `is the secret IBM Cloud manages in namespace ${namespace}`;
    }
    if (/-dockercfg-[a-z0-9]+$/.test(name)) {
        return "has the form of the pull secrets OpenShift makes for service accounts (<serviceaccount>-dockercfg-<suffix>)";
    }
    return undefined;
}

/** The rules on the sources as a list: one ICR identity, namespaces the stack manages, each kind's own. */
function listProblems(sources: readonly (RegistrySource | undefined)[], ctx: SourceContext): PathProblem[] {
    const problems: PathProblem[] = [];
    const icr = sources.flatMap((s, i) => (s !== undefined && kindOf(s).icrIdentity ? [i] : []));
    for (const i of icr.slice(1)) {
        problems.push({
            path: at(i, "type"),
            value: "icr",
            rule: `is the second icr source (the first is [${icr[0]}]); a stack has one ICR identity`,
        });
    }
    const managed = new Set(ctx.namespaces);
    sources.forEach((source, i) => {
        if (source === undefined) return;
        for (const ns of source.namespaces ?? []) {
            if (!managed.has(ns))
                problems.push({ path: at(i, "namespaces"), value: ns, rule: "is not in registry-access:namespaces" });
        }
        problems.push(...(kindOf(source).clusterProblems?.(source, i, ctx) ?? []));
    });
    return problems;
}

/** Every planned secret, namespace by namespace in config order, and every problem across sources. */
export function planSources(
    /** The sources at their positions in the list; undefined where a source could not be read (its own problems say why). */
    sources: readonly (RegistrySource | undefined)[],
    ctx: SourceContext,
): SourcePlan {
    const problems = listProblems(sources, ctx);
    // Each source's namespaces as a set: one look-up per namespace, whatever their number.
    const serves = sources.map((s) => (s === undefined ? undefined : new Set(namespacesOf(s, ctx.namespaces))));
    const secrets: PlannedSecret[] = [];
    for (const namespace of ctx.namespaces) {
        const byName = new Map<string, number>();
        sources.forEach((source, i) => {
            if (source === undefined || !serves[i]!.has(namespace)) return;
            const kind = kindOf(source);
            for (const { name, copyOf } of kind.secretsIn(source, namespace, ctx.secretName)) {
                const other = byName.get(name);
                if (other !== undefined) {
                    problems.push({
                        path: at(i, "secretName"),
                        value: name,
                        rule: `is also the secret name of source [${other}] in the namespaces both serve; give one of them another secretName`,
                    });
                    continue;
                }
                // A copy into `default` is refused by its kind.
                const owner = copyOf !== undefined ? undefined : platformOwner(namespace, name);
                if (owner !== undefined) {
                    problems.push({
                        // The ICR identity's default name is registry-access:secretName.
                        path: kind.icrIdentity && source.secretName === undefined ? "secretName" : at(i, "secretName"),
                        value: name,
                        rule: `${owner}; choose another secretName so that it is not taken over`,
                    });
                    continue;
                }
                byName.set(name, i);
                secrets.push({
                    namespace,
                    secretName: name,
                    source: i,
                    resourceName: `${namespace}.${name}`,
                    referenceSuffix: kind.icrIdentity ? "" : `@${name}`,
                    copyOf,
                });
            }
        });
    }
    return { secrets, problems: uniqueProblems(problems) };
}
