/**
 * `npm run plan -- --can-pull NAMESPACE/SERVICEACCOUNT IMAGE`: follows the chain a pull goes through, from
 * the plan's access rows, and names every link it checked, or the first one missing. Pure.
 */
import { DEPRECATED_ICR_DOMAINS } from "../registry/privateRegistry";
import { regionScope } from "../iam/policyScopes";
import { icrDomainRegion } from "../registry/icrImage";
import { NamedReference, parseNormalizedNamed } from "../registry/imageReference";
import { lookupOrder } from "../registry/keyring";
import { AccessRow, Identity, ScopeView } from "./accessModel";

/** Service access roles of container-registry that include pulling (Reader pulls; Writer and Manager too). */
export const PULLING_ROLES = ["Reader", "Writer", "Manager"];

export interface PullAnswer {
    readonly allowed: boolean;
    /** Each link checked, in order; when not allowed, the last one is the missing link. */
    readonly links: readonly string[];
}

/** How IAM scopes an ICR host (its region, or the geography `global`), or undefined for another registry. */
function icrLocation(host: string): { region?: string; geography?: string } | undefined {
    const region = icrDomainRegion(host);
    return region && regionScope(region);
}

function scopeCovers(scope: ScopeView, where: { region?: string; geography?: string }, registryNamespace: string) {
    const located = scope.region === undefined && scope.geography === undefined;
    const inPlace =
        located || (scope.region !== undefined ? scope.region === where.region : scope.geography === where.geography);
    return inPlace && (scope.registryNamespace === undefined || scope.registryNamespace === registryNamespace);
}

const describeScope = (s: ScopeView) =>
    [
        s.region ? `region ${s.region}` : s.geography ? `geography ${s.geography}` : "all regions",
        s.registryNamespace ? `registry namespace ${s.registryNamespace}` : "all registry namespaces",
    ].join(", ");

/** The IAM links for an ICR image: the identity's policies cover it, and a role of theirs pulls. */
function iamLinks(identity: Identity | undefined, image: NamedReference): { ok: boolean; links: string[] } {
    const where = icrLocation(image.domain);
    if (!where || !identity || identity.kind === "existingKey") {
        const why =
            identity?.kind === "existingKey"
                ? "an existing key: its IAM access is not managed by this stack"
                : "not an ICR server";
        return { ok: true, links: [`IAM not checked (${why})`] };
    }
    if (identity.kind === "ibmDefault") {
        return { ok: true, links: ["IBM's cluster service ID: Reader on all of the account's registry namespaces"] };
    }
    const registryNamespace = image.path.split("/")[0];
    const covering = identity.scopes.find((s) => scopeCovers(s, where, registryNamespace));
    const place = `${where.region ? `region ${where.region}` : "geography global"}, registry namespace ${registryNamespace}`;
    if (!covering) {
        const has = identity.scopes.map(describeScope).join("; ") || "no container-registry policy";
        return { ok: false, links: [`no policy of ${identity.name} covers ${place} (it has: ${has})`] };
    }
    const links = [`policy of ${identity.name} covers ${place} (${describeScope(covering)})`];
    const pulling = identity.roles.filter((r) => PULLING_ROLES.includes(r));
    if (pulling.length === 0)
        return { ok: false, links: [...links, `roles ${identity.roles.join(", ") || "(none)"} cannot pull`] };
    return { ok: true, links: [...links, `role ${pulling.join(", ")} can pull`] };
}

/**
 * The rows whose credentials the kubelet tries for the image, in its order: the pod's pull secrets are one
 * keyring, the node's config (the global pull secret) another, looked up after it (core/registry/keyring.ts).
 */
function servingRows(podSecrets: readonly AccessRow[], node: readonly AccessRow[], image: NamedReference) {
    return [podSecrets, node].flatMap((keyring) =>
        lookupOrder(
            keyring.map((r) => r.server),
            image.name,
        ).map((position) => keyring[position]),
    );
}

/** Whether `who` (`namespace/serviceAccount`) can pull `imageText`, with every link checked. */
export function canPull(rows: readonly AccessRow[], who: string, imageText: string): PullAnswer {
    const [namespace, serviceAccount] = who.split("/");
    const parsed = parseNormalizedNamed(imageText);
    if (!namespace || !serviceAccount || who.split("/").length !== 2) {
        return { allowed: false, links: [`"${who}" is not NAMESPACE/SERVICEACCOUNT`] };
    }
    if (!parsed.ok) return { allowed: false, links: [`"${imageText}" is not an image reference`] };
    const image = parsed.reference;
    // A host name in any case is the same registry; own keys only, as `Constructor/app` has a host too.
    const host = image.domain.toLowerCase();
    const deprecated = Object.hasOwn(DEPRECATED_ICR_DOMAINS, host) ? DEPRECATED_ICR_DOMAINS[host] : undefined;
    if (deprecated) {
        return {
            allowed: false,
            links: [`${host} is deprecated (token secrets no longer work); use ${deprecated}`],
        };
    }
    const inNamespace = rows.filter((r) => r.namespace === namespace);
    const clusterWide = rows.filter((r) => r.namespace === "*");
    if (inNamespace.length === 0 && clusterWide.length === 0) {
        return { allowed: false, links: [`no pull secret of this stack in namespace ${namespace}`] };
    }
    const ofAccount = inNamespace.filter((r) => r.serviceAccount === serviceAccount);
    const candidates = [...ofAccount, ...clusterWide];
    if (candidates.length === 0) {
        const secrets = [...new Set(inNamespace.map((r) => r.secret))].join(", ");
        return {
            allowed: false,
            links: [`service account ${who} references none of this stack's secrets in ${namespace} (${secrets})`],
        };
    }
    const serving = servingRows(ofAccount, clusterWide, image);
    if (serving.length === 0) {
        const servers = [...new Set(candidates.map((r) => r.server))].join(", ");
        return {
            allowed: false,
            links: [`no secret of ${who} has credentials for ${image.domain} (it has: ${servers})`],
        };
    }
    let last: string[] = [];
    for (const row of serving) {
        const via =
            row.namespace === "*"
                ? [`the global pull secret ${row.secret} serves every pod of the cluster`]
                : [
                      `namespace ${namespace} has secret ${row.secret} (${row.source})`,
                      `service account ${who} references ${row.secret}`,
                  ];
        const iam = iamLinks(row.identity, image);
        last = [...via, `its docker config has credentials for ${row.server}`, ...iam.links];
        if (iam.ok) return { allowed: true, links: last };
    }
    return { allowed: false, links: last };
}
