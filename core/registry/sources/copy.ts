/**
 * Copies of IBM's pull secrets from namespace `default` (config type `copy`; seed 000 lines 271-291, seed 001
 * line 713): `all-icr-io`, or the older per-region `default-<region>-icr-io`, read once per stack at run time
 * (core/registry/copySource.ts). Clusters only. Pure.
 */
import type { PathProblem } from "../../input/problems";
import { FieldReader, oneOfCheck } from "./fieldReader";
import { namespacesOf } from "./icr";
import { CommonFields, SourceKind, onCodeEngine, sourcePath } from "./sourceKind";

export const COPY_FROM = ["all-icr-io", "per-region"] as const;
/** IBM's older per-region default secrets `default-<region>-icr-io` (`default-icr-io` for global), seed 000 lines 181-186. */
export const LEGACY_REGIONS = ["global", "us", "uk", "de", "au", "jp"] as const;
export type LegacyRegion = (typeof LEGACY_REGIONS)[number];

/** IBM Cloud creates a Secret of this name in `default`; ours must not take it over, a copy source copies it. */
export const IBM_DEFAULT_SECRET = { namespace: "default", name: "all-icr-io" } as const;

export type CopySource = CommonFields & {
    readonly type: "copy";
    readonly from: (typeof COPY_FROM)[number];
    /** per-region: which of the legacy secrets (default: all six). */
    readonly regions?: readonly LegacyRegion[];
};

/** The name of IBM's legacy per-region secret in `default` (`default-icr-io` for global). */
export function legacySecretName(region: LegacyRegion, namespace = "default"): string {
    return region === "global" ? `${namespace}-icr-io` : `${namespace}-${region}-icr-io`;
}

function readCopy(r: FieldReader, secretName: string | undefined): Readonly<Record<string, unknown>> {
    const from = r.has("from") ? r.string("from", oneOfCheck(COPY_FROM), true) : "all-icr-io";
    const regions = r.list("regions", oneOfCheck(LEGACY_REGIONS));
    if (from === "all-icr-io" && regions !== undefined) {
        r.report("regions", undefined, "is only used with from: per-region");
    }
    if (from === "per-region" && secretName !== undefined) {
        r.report(
            "secretName",
            secretName,
            "is not used with from: per-region: copies are named <namespace>-<region>-icr-io",
        );
    }
    return { from, regions };
}

function intoDefault(source: CopySource, i: number, ctx: { namespaces: readonly string[] }): PathProblem[] {
    if (!namespacesOf(source, ctx.namespaces).includes(IBM_DEFAULT_SECRET.namespace)) return [];
    return [
        {
            path: sourcePath(i, "namespaces"),
            value: IBM_DEFAULT_SECRET.namespace,
            rule: "is where a copy source copies from; leave it out of this source's namespaces",
        },
    ];
}

export const COPY_SOURCE: SourceKind<CopySource> = {
    is: (s): s is CopySource => s.type === "copy",
    type: "copy",
    fields: ["type", "from", "regions", "namespaces", "secretName"],
    read: readCopy,
    icrIdentity: false,
    grant: "copy",
    secretsIn: (source, namespace) => {
        if (source.from === "all-icr-io") {
            return [{ name: source.secretName ?? IBM_DEFAULT_SECRET.name, copyOf: IBM_DEFAULT_SECRET.name }];
        }
        // The seed's `sed 's/default/<namespace>/g'` renames default-us-icr-io to <namespace>-us-icr-io.
        return (source.regions ?? LEGACY_REGIONS).map((r) => ({
            name: legacySecretName(r, namespace),
            copyOf: legacySecretName(r),
        }));
    },
    credential: () => ({ kind: "copy" }),
    clusterProblems: intoDefault,
    codeEngineProblem: (_source, i) => ({
        path: sourcePath(i, "type"),
        value: "copy",
        rule: onCodeEngine("copies a cluster's pull secrets", "use an icr source"),
    }),
    // Never reached: codeEngineProblem refuses every copy source.
    codeEngineSecretName: (source) => source.secretName ?? IBM_DEFAULT_SECRET.name,
};
