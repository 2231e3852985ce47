/**
 * What a pull secret grants, written on the Secret itself as annotations that are not secret: its source
 * and the registry servers its docker config has entries for. The docker config is a secret, so without them
 * neither a reviewer (`kubectl describe secret`) nor the offline access report (core/access/accessModel.ts) could
 * tell which registries a namespace can pull from. Pure.
 */
export const GRANT_ANNOTATIONS = {
    source: "registry-access.io/source",
    servers: "registry-access.io/servers",
    copiedFrom: "registry-access.io/copied-from",
} as const;

/** Where a secret's credentials come from: the registry source types, and OpenShift builds' push secret. */
export type GrantSource = "icr" | "copy" | "entitled" | "private" | "builder-push";

export interface SecretGrant {
    readonly source: GrantSource;
    /** The servers of its docker config; unknown offline for a copy (what IBM's secret holds). */
    readonly servers?: readonly string[];
    /** copy: the Secret it copies, `default/<name>`. */
    readonly copiedFrom?: string;
}

/** The annotations for a grant; servers comma-separated (no registry host holds a comma). */
export function grantAnnotations(grant: SecretGrant): Record<string, string> {
    return {
        [GRANT_ANNOTATIONS.source]: grant.source,
        ...(grant.servers ? { [GRANT_ANNOTATIONS.servers]: grant.servers.join(",") } : {}),
        ...(grant.copiedFrom ? { [GRANT_ANNOTATIONS.copiedFrom]: grant.copiedFrom } : {}),
    };
}

/** The grant a Secret's annotations describe, or undefined for a Secret without them. */
export function readGrant(annotations: Readonly<Record<string, unknown>> | undefined): SecretGrant | undefined {
    const source = annotations?.[GRANT_ANNOTATIONS.source];
    if (typeof source !== "string") return undefined;
    const servers = annotations?.[GRANT_ANNOTATIONS.servers];
    const copiedFrom = annotations?.[GRANT_ANNOTATIONS.copiedFrom];
    return {
        source: source as GrantSource,
        ...(typeof servers === "string" ? { servers: servers.split(",").filter((s) => s !== "") } : {}),
        ...(typeof copiedFrom === "string" ? { copiedFrom } : {}),
    };
}
