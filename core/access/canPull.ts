/**
 * `npm run plan -- --can-pull NAMESPACE/SERVICEACCOUNT IMAGE`: follows the chain a pull goes through, from
 * the plan's access rows, and names every link it checked, or the first one missing. Pure.
 */
import { DEPRECATED_ICR_DOMAINS } from "../registry/privateRegistry";
import { regionScope } from "../iam/policyScopes";
import { icrDomainRegion } from "../registry/icrImage";
import { NamedReference, parseNormalizedNamed } from "../registry/imageReference";
import { lookupOrder } from "../registry/keyring";
import type { ImagePolicyObject } from "../platforms/portieris";
import { AccessRow, Identity, ScopeView } from "./accessModel";
import { admissionLink } from "./admission";
import { serves } from "../platforms/kyvernoSweep";
import { selectorMatches } from "../kubernetes/labelSelector";

/** Service access roles of container-registry that include pulling (Reader pulls; Writer and Manager too). */
export const PULLING_ROLES = ["Reader", "Writer", "Manager"];

/** One link of the chain: checked and holding, or the one that breaks it. */
export interface PullLink {
    readonly ok: boolean;
    readonly text: string;
}

/**
 * The answer: `yes` (exit 0), `no` (exit 1), `public` when no credential of this stack serves the image, so
 * the kubelet pulls anonymously (keyring.go: an empty lookup) and it works only for a public image (exit 3);
 * `invalid` for a question that is not one (a reference the runtime would refuse, exit 2).
 */
export type PullAnswer =
    | { readonly verdict: "yes" | "no" | "public"; readonly summary: string; readonly links: readonly PullLink[] }
    | { readonly verdict: "invalid"; readonly message: string };

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

const ok = (text: string): PullLink => ({ ok: true, text });
const broken = (text: string): PullLink => ({ ok: false, text });
type Pull = { readonly verdict: "yes" | "no" | "public"; readonly links: PullLink[] };

/** Whether a row reaches `namespace`: it is the row's, or it matches the row's selector and is not excluded. */
function reaches(r: AccessRow, namespace: string, labels: Readonly<Record<string, string>> | undefined): boolean {
    if (r.namespace === namespace) return true;
    if (!r.selector || labels === undefined) return false;
    const scope = { ...r.selector, policyName: "", secrets: [], references: [] };
    return serves(scope, { name: namespace, labels });
}

/** How a row's secret comes to the pod: its namespace's own, Kyverno's clone, or the global pull secret. */
function viaLinks(row: AccessRow, namespace: string, who: string): PullLink[] {
    if (row.namespace === "*") {
        return [
            ok(`the global pull secret ${row.secret} serves every pod of the cluster, after worker reload or replace`),
        ];
    }
    if (row.selector) {
        return [
            ok(
                `namespace ${namespace} matches ${row.selector.text}, so Kyverno clones ${row.secret} from ${row.selector.sourceNamespace}`,
            ),
            ok(`Kyverno adds ${row.secret} to service account ${who}'s imagePullSecrets`),
        ];
    }
    return [
        ok(`namespace ${namespace} has secret ${row.secret} (${row.source})`),
        ok(`service account ${who} references ${row.secret}`),
    ];
}

/** The pull itself: which of this stack's credentials the kubelet uses for the image, and whether IAM lets them. */
function pullLinks(
    rows: readonly AccessRow[],
    who: string,
    image: NamedReference,
    labels?: Readonly<Record<string, string>>,
): Pull {
    const [namespace, serviceAccount] = who.split("/");
    const inNamespace = rows.filter((r) => reaches(r, namespace, labels));
    const clusterWide = rows.filter((r) => r.namespace === "*");
    const ofAccount = inNamespace.filter((r) => r.serviceAccount === serviceAccount);
    const serving = servingRows(ofAccount, clusterWide, image);
    if (serving.length === 0) {
        const has = [...new Set([...ofAccount, ...clusterWide].map((r) => r.server))].join(", ");
        const selectors = [...new Set(rows.flatMap((r) => (r.selector ? [r.selector.text] : [])))];
        const hint =
            selectors.length === 0
                ? ""
                : labels === undefined
                  ? ` (give its labels with --namespace-labels to answer for namespaces matching ${selectors.join(" or ")})`
                  : ` (with labels ${labelsText(labels)} it does not match ${selectors.join(" or ")})`;
        const excludedBy = rows.find(
            (r) => r.selector && labels !== undefined && selectorMatches(r.selector.selector, labels),
        )?.selector;
        const why =
            inNamespace.length === 0 && clusterWide.length === 0
                ? excludedBy
                    ? `namespace ${namespace} matches ${excludedBy.text}, but the policy never serves it (it excludes ${excludedBy.excluded.join(", ")})`
                    : `this stack puts no pull secret in namespace ${namespace}${hint}`
                : ofAccount.length === 0 && clusterWide.length === 0
                  ? `service account ${who} references none of this stack's secrets in ${namespace}`
                  : `no secret of ${who} has credentials for ${image.domain} (it has: ${has})`;
        return { verdict: "public", links: [ok(why), ok(`the kubelet then pulls ${image.name} anonymously`)] };
    }
    let last: PullLink[] = [];
    for (const row of serving) {
        const via = viaLinks(row, namespace, who);
        const iam = iamLinks(row.identity, image);
        const links = iam.links.map((text, i) => (iam.ok || i < iam.links.length - 1 ? ok(text) : broken(text)));
        last = [...via, ok(`its docker config has credentials for ${row.server}`), ...links];
        if (iam.ok) return { verdict: "yes", links: last };
    }
    // The kubelet tries each matching credential and does not fall back to an anonymous pull.
    return { verdict: "no", links: last };
}

/** Why `who` and `imageText` make no question (a reference the runtime refuses), or undefined. */
export function questionProblem(who: string, imageText: string): string | undefined {
    const [namespace, serviceAccount, ...rest] = who.split("/");
    if (!namespace || !serviceAccount || rest.length > 0) {
        return `invalid service account ${JSON.stringify(who)}: give NAMESPACE/SERVICEACCOUNT`;
    }
    const parsed = parseNormalizedNamed(imageText);
    return parsed.ok ? undefined : `invalid reference ${JSON.stringify(imageText)}: ${parsed.error}`;
}

/**
 * Whether `who` (`namespace/serviceAccount`) can pull `imageText` and run it, with every link checked: the
 * reference as the runtime reads it, the credentials the kubelet picks, their IAM scope, and, where this stack
 * has ImagePolicies in the namespace, Portieris' admission (core/access/admission.ts).
 */
export function canPull(
    rows: readonly AccessRow[],
    who: string,
    imageText: string,
    policies: ReadonlyMap<string, readonly ImagePolicyObject[]> = new Map(),
    /** The namespace's labels (--namespace-labels): namespaces chosen by this stack's selector are answered too. */
    labels?: Readonly<Record<string, string>>,
): PullAnswer {
    const problem = questionProblem(who, imageText);
    const parsed = parseNormalizedNamed(imageText);
    if (problem !== undefined || !parsed.ok) return { verdict: "invalid", message: problem ?? "" };
    const namespace = who.split("/")[0];
    const image = parsed.reference;
    // A host name in any case is the same registry; own keys only, as `Constructor/app` has a host too.
    const host = image.domain.toLowerCase();
    const deprecated = Object.hasOwn(DEPRECATED_ICR_DOMAINS, host) ? DEPRECATED_ICR_DOMAINS[host] : undefined;
    if (deprecated) {
        const link = broken(`${host} is deprecated (token secrets no longer work); use ${deprecated}`);
        return { verdict: "no", summary: `no: ${who} cannot pull ${imageText}`, links: [link] };
    }
    const pull = pullLinks(rows, who, image, labels);
    const admitted = admissionLink(policies, namespace, imageText);
    const links = admitted
        ? [...pull.links, admitted.admitted ? ok(admitted.text) : broken(admitted.text)]
        : pull.links;
    if (admitted && !admitted.admitted && pull.verdict !== "no") {
        return { verdict: "no", summary: `no: ${who} cannot run ${imageText}: Portieris denies it`, links };
    }
    const summary =
        pull.verdict === "yes"
            ? `yes: ${who} can pull ${imageText}`
            : pull.verdict === "public"
              ? `public only: ${who} can pull ${imageText} only if it is public (no credentials of this stack for it)`
              : `no: ${who} cannot pull ${imageText}`;
    return { verdict: pull.verdict, summary, links };
}

/** Labels as --namespace-labels takes them, or "none". */
function labelsText(labels: Readonly<Record<string, string>>): string {
    const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
    return pairs.length === 0 ? "none" : pairs.join(",");
}
