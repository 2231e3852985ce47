/**
 * The access rows as people read them: a table grouped by namespace (`--access`), and what a change of plan
 * gives or takes (`--check`, pull-request comments): "team-b/default gains us.icr.io (registry namespace
 * payments-images)". Pure.
 */
import { AccessRow, Identity, ScopeView, SelectorScope } from "./accessModel";
import { compactServers } from "./grants";

const scopeText = (s: ScopeView) =>
    [
        s.region ? `region ${s.region}` : s.geography ? `geography ${s.geography}` : undefined,
        s.registryNamespace ? `registry namespace ${s.registryNamespace}` : undefined,
    ]
        .filter(Boolean)
        .join(", ") || "all regions and registry namespaces";

/** The IBM Cloud account an identity lives in: the stack's, or the one of an `ibm` provider of its own. */
export function accountText(account: string | undefined): string {
    return account === undefined ? "the stack's account" : `the account of provider ${account}`;
}

/** What grants a row, in words: the identity and its scope for ICR, the source for the others. */
export function grantText(row: Pick<AccessRow, "source" | "identity">): string {
    const identity: Identity | undefined = row.identity;
    if (identity?.kind === "serviceId") {
        const scopes = identity.scopes.map(scopeText).join("; ") || "no container-registry policy";
        return `${identity.name} in ${accountText(identity.account)}: ${identity.roles.join(", ") || "no roles"} (${scopes})`;
    }
    if (identity?.kind === "existingKey") return "existing API key (its access is managed elsewhere)";
    if (identity?.kind === "ibmDefault") return "copy of IBM's cluster secret (Reader, all registry namespaces)";
    const sources: Record<string, string> = {
        entitled: "entitlement key (IBM entitled software)",
        private: "registry credentials (private registry)",
    };
    return sources[row.source] ?? row.source;
}

/** `--access`: one block per namespace, one line per service account and server. */
export function formatAccess(rows: readonly AccessRow[]): string {
    if (rows.length === 0) return "No pull access is granted by this stack.\n";
    const lines: string[] = [];
    let namespace: string | undefined;
    for (const r of rows) {
        if (r.namespace !== namespace) {
            namespace = r.namespace;
            const title =
                namespace === "*"
                    ? "every namespace (OpenShift global pull secret, after worker reload or replace)"
                    : namespace.startsWith("codeengine:")
                      ? `Code Engine project ${namespace.slice("codeengine:".length)}`
                      : r.selector
                        ? selectorTitle(r.selector)
                        : `namespace ${namespace}`;
            lines.push(`${lines.length > 0 ? "\n" : ""}${title}`);
        }
        const who =
            r.serviceAccount === "*"
                ? "every pod"
                : r.namespace.startsWith("codeengine:")
                  ? `apps with --registry-secret ${r.serviceAccount}`
                  : r.serviceAccount;
        lines.push(`  ${who}  ${r.server}  via ${r.secret}: ${grantText(r)}`);
    }
    return lines.join("\n") + "\n";
}

/** Namespaces chosen by label, as --access titles them: the selector, Kyverno, and what it never serves. */
export function selectorTitle(s: SelectorScope): string {
    return (
        `namespaces matching ${s.text} (Kyverno clones from ${s.sourceNamespace}, now and for namespaces created ` +
        `later; never ${s.excluded.join(", ")})`
    );
}

const whoOf = (r: AccessRow) =>
    r.namespace === "*"
        ? "every pod"
        : r.selector
          ? `${r.serviceAccount} in namespaces matching ${r.selector.text}`
          : `${r.namespace}/${r.serviceAccount}`;
const key = (r: AccessRow) => `${r.namespace}/${r.serviceAccount} ${r.server}`;

/** What a row grants, to compare before and after: the grant, and the secret it comes through. */
const grantOf = (rows: readonly AccessRow[]) =>
    rows
        .map((r) => `${grantText(r)} via ${r.secret}`)
        .sort()
        .join("; ");

/**
 * Access changes between two plans' rows: gains, losses, and changes of what grants a (namespace, service
 * account, server) — roles, regions, registry namespaces, secret or source. One line per service account and
 * change, naming every server it applies to (`icr.io,{au,br}.icr.io`), so that a namespace or a selector that
 * comes or goes reads as one line, not one per ICR domain.
 */
export function diffAccess(before: readonly AccessRow[], after: readonly AccessRow[]): string[] {
    const group = (rows: readonly AccessRow[]) => {
        const m = new Map<string, AccessRow[]>();
        for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
        return m;
    };
    const old = group(before);
    const now = group(after);
    // A change's text with `%s` where its servers go, to the servers it applies to, in first-seen order.
    const changes = new Map<string, string[]>();
    const add = (text: string, server: string) => changes.set(text, [...(changes.get(text) ?? []), server]);
    for (const k of [...new Set([...old.keys(), ...now.keys()])].sort()) {
        const a = old.get(k);
        const b = now.get(k);
        const r = (b ?? a)![0];
        if (!a) add(`${whoOf(r)} gains %s (${grantOf(b!)})`, r.server);
        else if (!b) add(`${whoOf(r)} loses %s (was ${grantOf(a)})`, r.server);
        else if (grantOf(a) !== grantOf(b)) add(`${whoOf(r)} %s: ${grantOf(a)} → ${grantOf(b)}`, r.server);
    }
    return [...changes].map(([text, servers]) => text.replace("%s", compactServers(byDomain(servers))));
}

/** Servers ordered by their labels from the right, so that one domain's neighbours sit together. */
function byDomain(servers: readonly string[]): string[] {
    const byReversed = new Map(servers.map((s) => [s.split(".").reverse().join("."), s]));
    return [...byReversed.keys()].sort().map((k) => byReversed.get(k)!);
}
