/**
 * Which pull secret goes into which namespace, from the registry sources and the rest of the config: names,
 * what a copy copies, and the rules that involve several sources or keys (one ICR identity, unique secret
 * names per namespace, namespaces the stack manages, IBM's IAM limits). Pure.
 */
import { defaultSecretNameFor } from "./privateRegistry";
import { uniqueProblems } from "../input/problems";
import { LEGACY_REGIONS, LegacyRegion, RegistrySource, SourceProblem } from "./sources";

/** Where planSources reports: a path from the config key (`registries[1].secretName`, or `secretName`). */
const at = (i: number, field: string) => `registries[${i}].${field}`;

/** IBM Cloud creates a Secret of this name in `default`; ours must not take it over, a copy source copies it. */
export const IBM_DEFAULT_SECRET = { namespace: "default", name: "all-icr-io" } as const;

/** The entitled-software secret's name in IBM's procedure (seed 000 line 589). */
export const ENTITLED_SECRET_NAME = "entitled-cp-icr-io";
export const ENTITLED_SERVER = "cp.icr.io";
/** The user name of entitlement keys (seed 000 line 589: `--docker-username=cp`). */
export const ENTITLED_USERNAME = "cp";

/**
 * IBM Cloud IAM limits ("IBM Cloud IAM limits", https://cloud.ibm.com/docs/account?topic=account-known-issues#iam_limits;
 * ibm-cloud-docs/account known-issues.md lines 83 and 93): 2000 service IDs per account, 20 API keys per identity.
 */
export const SERVICE_IDS_PER_ACCOUNT = 2000;
export const API_KEYS_PER_IDENTITY = 20;

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

/** The name of IBM's legacy per-region secret in `default` (`default-icr-io` for global). */
export function legacySecretName(region: LegacyRegion, namespace = "default"): string {
    return region === "global" ? `${namespace}-icr-io` : `${namespace}-${region}-icr-io`;
}

function secretsOf(
    source: RegistrySource,
    namespace: string,
    defaultName: string,
): { name: string; copyOf?: string }[] {
    switch (source.type) {
        case "icr":
            return [{ name: source.secretName ?? defaultName }];
        case "copy":
            if (source.from === "all-icr-io") {
                return [{ name: source.secretName ?? IBM_DEFAULT_SECRET.name, copyOf: IBM_DEFAULT_SECRET.name }];
            }
            // The seed's `sed 's/default/<namespace>/g'` renames default-us-icr-io to <namespace>-us-icr-io.
            return (source.regions ?? LEGACY_REGIONS).map((r) => ({
                name: legacySecretName(r, namespace),
                copyOf: legacySecretName(r),
            }));
        case "entitled":
            return [{ name: source.secretName ?? ENTITLED_SECRET_NAME }];
        case "private":
            return [{ name: source.secretName ?? defaultSecretNameFor(source.host) }];
    }
}

/** The namespaces a source serves. */
export function namespacesOf(source: RegistrySource, all: readonly string[]): readonly string[] {
    return source.namespaces ?? all;
}

/** Every planned secret, namespace by namespace in config order, and every problem across sources. */
export function planSources(
    /** The sources at their positions in the list; undefined where a source could not be read (its own problems say why). */
    sources: readonly (RegistrySource | undefined)[],
    ctx: SourceContext,
): { secrets: PlannedSecret[]; problems: SourceProblem[] } {
    const problems: SourceProblem[] = [];
    const managed = new Set(ctx.namespaces);

    const icr = sources.flatMap((s, i) => (s?.type === "icr" ? [i] : []));
    for (const i of icr.slice(1)) {
        problems.push({
            path: at(i, "type"),
            value: "icr",
            rule: `is the second icr source (the first is [${icr[0]}]); a stack has one ICR identity`,
        });
    }

    sources.forEach((source, i) => {
        if (source === undefined) return;
        for (const ns of source.namespaces ?? []) {
            if (!managed.has(ns))
                problems.push({ path: at(i, "namespaces"), value: ns, rule: "is not in registry-access:namespaces" });
        }
        if (source.type === "copy" && namespacesOf(source, ctx.namespaces).includes(IBM_DEFAULT_SECRET.namespace)) {
            problems.push({
                path: at(i, "namespaces"),
                value: IBM_DEFAULT_SECRET.namespace,
                rule: "is where a copy source copies from; leave it out of this source's namespaces",
            });
        }
        if (source.type === "icr" && source.identity === "perNamespace") {
            const served = namespacesOf(source, ctx.namespaces);
            for (const ns of Object.keys(source.registryNamespaces ?? {})) {
                if (!served.includes(ns)) {
                    problems.push({
                        path: at(i, `registryNamespaces.${ns}`),
                        rule: "names a namespace this source does not serve",
                    });
                }
            }
            if (served.length > SERVICE_IDS_PER_ACCOUNT) {
                problems.push({
                    path: at(i, "identity"),
                    value: "perNamespace",
                    rule:
                        `would create ${served.length} service IDs, more than IBM Cloud's limit of ${SERVICE_IDS_PER_ACCOUNT} ` +
                        "per account (https://cloud.ibm.com/docs/account?topic=account-known-issues#iam_limits); use identity shared",
                });
            }
        }
    });

    const secrets: PlannedSecret[] = [];
    for (const namespace of ctx.namespaces) {
        const byName = new Map<string, number>();
        sources.forEach((source, i) => {
            if (source === undefined || !namespacesOf(source, ctx.namespaces).includes(namespace)) return;
            for (const { name, copyOf } of secretsOf(source, namespace, ctx.secretName)) {
                const other = byName.get(name);
                if (other !== undefined) {
                    problems.push({
                        path: at(i, "secretName"),
                        value: name,
                        rule: `is also the secret name of source [${other}] in the namespaces both serve; give one of them another secretName`,
                    });
                    continue;
                }
                // A copy into `default` is refused above.
                const owner = source.type === "copy" ? undefined : platformOwner(namespace, name);
                if (owner !== undefined) {
                    problems.push({
                        // The ICR source's default name is registry-access:secretName.
                        path:
                            source.type === "icr" && source.secretName === undefined
                                ? "secretName"
                                : at(i, "secretName"),
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
                    referenceSuffix: source.type === "icr" ? "" : `@${name}`,
                    copyOf,
                });
            }
        });
    }
    return { secrets, problems: uniqueProblems(problems) };
}
