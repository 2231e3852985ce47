/**
 * What a pull secret grants, written on the Secret itself as one annotation that is not secret: its key names
 * the source (`registry-access.io/icr`), its value the registry servers its docker config has entries for, or
 * for a copy the Secret it copies. The docker config is a secret, so without it neither a reviewer (`kubectl
 * describe secret`) nor the offline access report (core/access/accessModel.ts) could tell which registries a
 * namespace can pull from. Short, since every namespace's Secret carries it in state twice (inputs and outputs):
 * neighbouring servers of one domain share it, as in a shell's brace expansion,
 * `icr.io,{au,br,ca2,…}.icr.io`. Pure.
 */

/** Where a secret's credentials come from: the registry source types, and OpenShift builds' push secret. */
export type GrantSource = "icr" | "copy" | "entitled" | "private" | "builder-push";
const GRANT_SOURCES: readonly GrantSource[] = ["icr", "copy", "entitled", "private", "builder-push"];

export const GRANT_ANNOTATION_PREFIX = "registry-access.io/";

/** The annotations this module wrote before the one above, still read (Secrets and committed plans made before). */
export const FORMER_GRANT_ANNOTATIONS = {
    source: "registry-access.io/source",
    servers: "registry-access.io/servers",
    copiedFrom: "registry-access.io/copied-from",
} as const;

export interface SecretGrant {
    readonly source: GrantSource;
    /** The servers of its docker config; unknown offline for a copy (what IBM's secret holds). */
    readonly servers?: readonly string[];
    /** copy: the Secret it copies, `default/<name>`. */
    readonly copiedFrom?: string;
}

const HOST = /^([a-z0-9-]+)\.([a-z0-9.-]+\.[a-z0-9-]+)$/;

/**
 * Servers comma-separated (no registry host holds a comma or a brace), each run of neighbours whose first
 * label alone differs written once: `{au,br}.icr.io`. The order is kept.
 */
export function compactServers(servers: readonly string[]): string {
    const parts: ({ domain: string; labels: string[] } | { whole: string })[] = [];
    for (const server of servers) {
        const m = HOST.exec(server);
        const last = parts[parts.length - 1];
        if (m && last && "domain" in last && last.domain === m[2]) last.labels.push(m[1]);
        else parts.push(m ? { domain: m[2], labels: [m[1]] } : { whole: server });
    }
    return parts
        .map((p) =>
            "whole" in p
                ? p.whole
                : p.labels.length === 1
                  ? `${p.labels[0]}.${p.domain}`
                  : `{${p.labels.join(",")}}.${p.domain}`,
        )
        .join(",");
}

/** The servers compactServers wrote, in order. */
export function expandServers(text: string): string[] {
    const servers: string[] = [];
    for (const [, braced, domain, plain] of text.matchAll(/\{([^{}]*)\}\.([^,{}]+)|([^,{}]+)/g)) {
        if (plain !== undefined) servers.push(plain);
        else servers.push(...braced.split(",").map((label) => `${label}.${domain}`));
    }
    return servers;
}

/** The annotation for a grant. */
export function grantAnnotations(grant: SecretGrant): Record<string, string> {
    const value = grant.source === "copy" ? (grant.copiedFrom ?? "") : compactServers(grant.servers ?? []);
    return { [`${GRANT_ANNOTATION_PREFIX}${grant.source}`]: value };
}

/** The grant a Secret's annotations describe (in this module's form or its former one), or undefined without one. */
export function readGrant(annotations: Readonly<Record<string, unknown>> | undefined): SecretGrant | undefined {
    const source = GRANT_SOURCES.find((s) => typeof annotations?.[`${GRANT_ANNOTATION_PREFIX}${s}`] === "string");
    if (source === undefined) return readFormerGrant(annotations);
    const value = annotations![`${GRANT_ANNOTATION_PREFIX}${source}`] as string;
    return source === "copy" ? { source, copiedFrom: value } : { source, servers: expandServers(value) };
}

function readFormerGrant(annotations: Readonly<Record<string, unknown>> | undefined): SecretGrant | undefined {
    const source = annotations?.[FORMER_GRANT_ANNOTATIONS.source];
    if (typeof source !== "string") return undefined;
    // The source was read from them, so the annotations are there.
    const servers = annotations![FORMER_GRANT_ANNOTATIONS.servers];
    const copiedFrom = annotations![FORMER_GRANT_ANNOTATIONS.copiedFrom];
    return {
        source: source as GrantSource,
        ...(typeof servers === "string" ? { servers: servers.split(",").filter((s) => s !== "") } : {}),
        ...(typeof copiedFrom === "string" ? { copiedFrom } : {}),
    };
}
