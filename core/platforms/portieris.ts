/**
 * IBM Portieris' admission decision for one container image: which ImagePolicy / ClusterImagePolicy entry
 * applies (policy choice, wildcard matching, scoring, deny messages) and what that entry then requires. And
 * the `spec.repositories` this program writes for `imageTrust`. Pure.
 *
 * Modelled on IBM/portieris v0.14.2, commit 6eaaacaed7ba53af3002726fc0a25b5e5e1e2de0:
 * helpers/wildcard/wildcard.go L35-130 (matching); pkg/apis/portieris.cloud.ibm.com/v1/types.go L81-193 (the
 * policy spec, FindImagePolicy) with helm/portieris/crds/crds.yaml L20-92 (its enums); pkg/policy/policy.go
 * L63-99 (GetPolicyToEnforce); what the chosen policy then checks: pkg/controller/multi/controller.go L177-238,
 * pkg/controller/multi/enforcer.go L59-113, pkg/verifier/simple/policy.go L28-104, pkg/verifier/trust/verifier.go
 * L61-69, pkg/verifier/vulnerability/ibm_va.go L77-93, helpers/image/image.go L36-119 and
 * helpers/trustmap/trust_server_map.go L28-31. Versions before v0.14.2 matched the whole string without anchoring
 * the host; a later upstream revision of wildcard.go also retries a pattern with `@*` (digest-only references).
 * Portieris matches the image string exactly as the pod spec writes it (controller.go L177 with image.go
 * L141-143): no `docker.io/`, `library/` or `:latest` is added. Names that fail to parse are denied and blank
 * images admitted before any policy is read (controller.go L155-165); that is not modelled here.
 */

// ---- The policy spec: portieris.cloud.ibm.com/v1 (types.go L81-145, crds.yaml L20-92) ----

/** `spec.repositories[]` of an ImagePolicy or ClusterImagePolicy. */
export interface RepositoryEntry {
    /** A pattern where `*` matches any run of characters (types.go L88). */
    readonly name: string;
    /** Absent, null or `{}`: nothing is checked (types_test.go L54-75). Nullable in ImagePolicy only (crds.yaml L29). */
    readonly policy?: PolicySpec | null;
}

export interface PolicySpec {
    readonly trust?: TrustPolicy;
    readonly simple?: SimplePolicy;
    readonly vulnerability?: VulnerabilityPolicy;
    /** Absent or true: a verified image is rewritten to `name@sha256:<digest>` (controller.go L225). */
    readonly mutateImage?: boolean;
}

/** Notary v1 / Docker Content Trust (types.go L101-110). */
export interface TrustPolicy {
    readonly enabled?: boolean;
    readonly trustServer?: string;
    /** Secrets in the workload's namespace with keys `name` and `publicKey` (trust.go L125-142). */
    readonly signerSecrets?: readonly { readonly name: string }[];
}

/** Red Hat "simple signing" (GPG) through containers/image (types.go L113-134). */
export interface SimplePolicy {
    readonly requirements?: readonly SimpleRequirement[] | null;
    readonly storeURL?: string;
    readonly storeSecret?: string;
}

export type SimpleRequirementType = "insecureAcceptAnything" | "reject" | "signedBy";

export interface SimpleRequirement {
    readonly type: SimpleRequirementType;
    /** A Secret whose data key `key` holds an armored PGP public key block; required for signedBy (policy.go L42-44). */
    readonly keySecret?: string;
    /** Where keySecret lives; the workload's namespace when absent or empty (policy.go L46-50). */
    readonly keySecretNamespace?: string;
    readonly signedIdentity?: SignedIdentity;
}

/** `""` is containers/image's matchRepoDigestOrExact (simple/policy.go L88-90). */
export type SignedIdentityType =
    "" | "matchExact" | "matchRepository" | "matchExactRepository" | "matchExactReference" | "remapIdentity";

export interface SignedIdentity {
    readonly type: SignedIdentityType;
    readonly dockerReference?: string;
    readonly dockerRepository?: string;
    readonly prefix?: string;
    readonly signedPrefix?: string;
}

/** IBM Vulnerability Advisor gate (types.go L137-145), deprecated by IBM in April 2023. */
export interface VulnerabilityPolicy {
    readonly ICCRVA?: { readonly enabled?: boolean; readonly account?: string };
}

/** A policy object as the API server lists it: policies are searched in list order (by name, etcd's key order). */
export interface PolicyObject {
    readonly name: string;
    readonly repositories: readonly RepositoryEntry[];
}

export interface ImagePolicyObject extends PolicyObject {
    readonly namespace: string;
}

// ---- Matching: helpers/wildcard/wildcard.go ----

const WILDCARD = "*";

/**
 * wildcard.go L69-119: a glob whose only metacharacter is `*` (any run, `/` and `:` included); case-sensitive.
 * Go's early returns for `""` (L71-73) and `*` (L76-78) are left out: the general case gives the same answers.
 */
export function compare(pattern: string, str: string): boolean {
    const pieces = pattern.split(WILDCARD);
    if (pieces.length === 1) return str === pattern;
    const startingWildcard = pattern.startsWith(WILDCARD);
    const endingWildcard = pattern.endsWith(WILDCARD);
    const last = pieces.length - 1;
    let rest = str;
    for (let i = 0; i < last; i++) {
        // The first occurrence, as Go's strings.Index: no backtracking (L98).
        const index = rest.indexOf(pieces[i]);
        const fails = i === 0 ? !startingWildcard && index !== 0 : index < 0;
        if (fails) return false;
        rest = rest.slice(index + pieces[i].length);
    }
    return endingWildcard || rest.endsWith(pieces[last]);
}

/** wildcard.go L125-130: a pattern without a tag matches any tag (`:*` appended), but not a digest-only `@sha256:…`. */
export function compareAnyTag(pattern: string, str: string): boolean {
    return compare(pattern, str) || compare(pattern + ":*", str);
}

/**
 * wildcard.go L35-62: a pattern without `/` is matched against the whole image string (so `*` and `nginx` reach
 * Docker Hub short names); otherwise host against host (Compare) and path against path (CompareAnyTag), both
 * split at their first `/`, and an image without `/` never matches.
 */
export function compareImageRef(pattern: string, image: string): boolean {
    const patternSlash = pattern.indexOf("/");
    if (patternSlash < 0) return compareAnyTag(pattern, image);
    const imageSlash = image.indexOf("/");
    if (imageSlash < 0) return false;
    return (
        compare(pattern.slice(0, patternSlash), image.slice(0, imageSlash)) &&
        compareAnyTag(pattern.slice(patternSlash + 1), image.slice(imageSlash + 1))
    );
}

/** The entry that applies to an image, and from which policy object. */
export interface RepositoryMatch {
    readonly policyName: string;
    readonly entry: RepositoryEntry;
    /** "exact" for a `*`-free name equal to the image; otherwise the literal characters (bytes) of the name. */
    readonly score: "exact" | number;
}

/** types.go L178: `len(name) - strings.Count(name, "*")`; Go's len counts UTF-8 bytes. */
function scoreOf(name: string): number {
    return Buffer.byteLength(name) - (name.split(WILDCARD).length - 1);
}

/**
 * FindImagePolicy / FindClusterImagePolicy (types.go L150-193, L198-241): an exact name ends the search at once;
 * otherwise the matching entry with the highest score, and on a tie the first found (policies in the order
 * given, then entries in order). Undefined when nothing matches.
 */
export function findRepository(policies: readonly PolicyObject[], image: string): RepositoryMatch | undefined {
    let best: RepositoryMatch | undefined;
    let bestScore = -1;
    for (const policy of policies) {
        for (const entry of policy.repositories) {
            if (!entry.name.includes(WILDCARD) && entry.name === image) {
                return { policyName: policy.name, entry, score: "exact" };
            }
            if (!compareImageRef(entry.name, image)) continue;
            const score = scoreOf(entry.name);
            // Strictly greater: a tie keeps the entry found first (L182).
            if (score > bestScore) {
                best = { policyName: policy.name, entry, score };
                bestScore = score;
            }
        }
    }
    return best;
}

// ---- What the chosen entry then requires (controller.go L187-225, enforcer.go L59-113) ----

/** One check Portieris runs for the entry, in its order: Vulnerability Advisor, then simple signing, then Notary. */
export type Check =
    | {
          readonly kind: "signedBy";
          readonly keySecret: string;
          /** keySecretNamespace, or the workload's namespace (simple/policy.go L46-50). */
          readonly keySecretNamespace: string;
          readonly signedIdentity: SignedIdentityType;
          /** A lookaside signature store; otherwise the registry's signature extension API. */
          readonly storeURL?: string;
      }
    | { readonly kind: "notary"; readonly trustServer: string; readonly signerSecrets: readonly string[] }
    | { readonly kind: "vulnerabilityAdvisor" }
    /** A check no image can pass: Portieris always denies. */
    | { readonly kind: "unsatisfiable"; readonly reason: string };

/**
 * The registry host name Portieris derives (image.go L40-63): the first component is a host when it has `.` or
 * `:`, is `localhost` or is not lower case, else the image is Docker Hub's (distribution/reference v0.6.0
 * normalize.go L126-171; a digest or tag has no `/`); then url.Hostname() drops the port and IPv6 brackets.
 */
export function registryHostname(image: string): string {
    const [first, ...rest] = image.split("/");
    const isHost = rest.length > 0 && (first === "localhost" || /[.:]/.test(first) || first.toLowerCase() !== first);
    const domain = isHost && first !== "index.docker.io" ? first : "docker.io";
    const withoutPort = domain.replace(/:\d*$/, "");
    return withoutPort.replace(/^\[(.*)\]$/, "$1");
}

/** image.go L86-95, HasIBMRepo: IBM Cloud Container Registry's hosts, old and new. */
function isIbmRegistry(host: string): boolean {
    return (host.startsWith("registry") && host.endsWith(".bluemix.net")) || host.endsWith("icr.io");
}

/**
 * trust_server_map.go L28-31 via image.go L107-119: the Notary server Portieris knows for a host (by suffix).
 * icr.io was removed in commit bfe576a (2022) after ICR discontinued Notary v1 on 1 November 2021; Docker says
 * notary.docker.io shuts down on 8 December 2026 (docs.docker.com/engine/security/trust), which no code here knows.
 */
const TRUST_SERVERS: readonly (readonly [string, string])[] = [
    ["docker.io", "https://notary.docker.io"],
    ["quay.io", "https://quay.io:443"],
];

function vulnerabilityChecks(policy: PolicySpec, host: string): Check[] {
    if (policy.vulnerability?.ICCRVA?.enabled !== true) return [];
    // ibm_va.go L78-80: any other registry is an error, which denies.
    if (!isIbmRegistry(host)) {
        const reason = `a Vulnerability Advisor check, which fails for images outside IBM's registries (${host}), so it always denies`;
        return [{ kind: "unsatisfiable", reason }];
    }
    return [{ kind: "vulnerabilityAdvisor" }];
}

function simpleChecks(simple: SimplePolicy | undefined, namespace: string): Check[] {
    const store = simple?.storeURL ? { storeURL: simple.storeURL } : {};
    return (simple?.requirements ?? []).flatMap((requirement): Check[] => {
        switch (requirement.type) {
            case "insecureAcceptAnything":
                return [];
            case "reject":
                return [{ kind: "unsatisfiable", reason: 'a simple "reject" requirement, which denies every image' }];
            case "signedBy":
                if (!requirement.keySecret) {
                    const reason =
                        'a signedBy requirement without keySecret, which Portieris refuses ("KeySecret missing in signedBy requirement"), so it always denies';
                    return [{ kind: "unsatisfiable", reason }];
                }
                return [
                    {
                        kind: "signedBy",
                        keySecret: requirement.keySecret,
                        keySecretNamespace: requirement.keySecretNamespace || namespace,
                        signedIdentity: requirement.signedIdentity?.type ?? "",
                        ...store,
                    },
                ];
        }
    });
}

function trustChecks(trust: TrustPolicy | undefined, host: string): Check[] {
    if (trust?.enabled !== true) return [];
    const server = trust.trustServer || TRUST_SERVERS.find(([suffix]) => host.endsWith(suffix))?.[1];
    const signerSecrets = (trust.signerSecrets ?? []).map((secret) => secret.name);
    if (server) return [{ kind: "notary", trustServer: server, signerSecrets }];
    // verifier.go L62-69: "Trust Server/Image Configuration Error: no trust server could be found".
    const reason = isIbmRegistry(host)
        ? "trust (Notary), which ICR no longer offers, so it always denies for icr.io images without trustServer"
        : `trust (Notary) without trustServer, and Portieris knows no trust server for ${host}, so it always denies`;
    return [{ kind: "unsatisfiable", reason }];
}

/** The checks of an entry's policy for an image admitted in `namespace`, in Portieris' order. */
export function checksOf(policy: PolicySpec, namespace: string, image: string): Check[] {
    const host = registryHostname(image);
    return [
        ...vulnerabilityChecks(policy, host),
        ...simpleChecks(policy.simple, namespace),
        ...trustChecks(policy.trust, host),
    ];
}

/** A check in words for a report. */
export function describeCheck(check: Check): string {
    switch (check.kind) {
        case "signedBy": {
            const identity = check.signedIdentity === "" ? "" : ` (signed identity ${check.signedIdentity})`;
            const store = check.storeURL === undefined ? "" : `, signatures read from ${check.storeURL}`;
            return `signed with a key in secret ${check.keySecret} in namespace ${check.keySecretNamespace}${identity}${store}`;
        }
        case "notary": {
            const signers =
                check.signerSecrets.length === 0 ? "" : ` by the signers in secrets ${check.signerSecrets.join(", ")}`;
            return `trust (Notary) signatures at ${check.trustServer}${signers}`;
        }
        case "vulnerabilityAdvisor":
            return "a Vulnerability Advisor status of OK, WARN or UNSUPPORTED (ICCRVA, which IBM deprecated in April 2023)";
        case "unsatisfiable":
            return check.reason;
    }
}

/**
 * How the entry admits the image: "never" when a check cannot pass. Whenever Portieris verifies (simple
 * requirements, Notary) it must also read the image from the registry, anonymously or with the pod's pull secrets.
 */
export type AdmissionCondition =
    "unconditionally" | "when-signed" | "when-trusted" | "when-scanned" | "when-all-checks-pass" | "never";

function conditionOf(checks: readonly Check[]): AdmissionCondition {
    if (checks.some((check) => check.kind === "unsatisfiable")) return "never";
    const kinds = new Set(checks.map((check) => check.kind));
    if (kinds.size === 0) return "unconditionally";
    if (kinds.size > 1) return "when-all-checks-pass";
    if (kinds.has("signedBy")) return "when-signed";
    return kinds.has("notary") ? "when-trusted" : "when-scanned";
}

// ---- GetPolicyToEnforce: pkg/policy/policy.go L63-99 ----

export interface AdmissionInput {
    /** The admission request's namespace (controller.go L80). */
    readonly namespace: string;
    /** ImagePolicies in any namespace, in list order; only those of `namespace` count. */
    readonly imagePolicies: readonly ImagePolicyObject[];
    readonly clusterImagePolicies: readonly PolicyObject[];
}

export interface Admitted {
    readonly admitted: AdmissionCondition;
    /** The kind and name of the policy object holding the entry. */
    readonly source: { readonly kind: "ImagePolicy" | "ClusterImagePolicy"; readonly name: string };
    readonly entry: RepositoryEntry;
    /** The entry's policy as Portieris enforces it: absent or null is `{}` (Go's zero Policy). */
    readonly policy: PolicySpec;
    readonly checks: readonly Check[];
    /** What the image must satisfy, in words: "nothing", or the checks joined with " and ". */
    readonly requires: string;
    /** Whether an admitted image is rewritten to its digest (controller.go L222-238, enforcer.go L67, L94). */
    readonly mutatesToDigest: boolean;
}

export interface Denied {
    /** Portieris' message, as policy.go L78, L85 or L96 formats it. */
    readonly denied: string;
}

/** Go's %q for the references that reach GetPolicyToEnforce: printable ASCII without `"` or `\`, as JSON quotes it. */
const quoted = (text: string) => JSON.stringify(text);

/**
 * The namespace's ImagePolicies exclusively when it has any (even with no entries); ClusterImagePolicies only
 * when it has none; no fallback from one to the other. No matching entry denies, with Portieris' own words.
 */
export function admission(input: AdmissionInput, image: string): Admitted | Denied {
    const imagePolicies = input.imagePolicies.filter((policy) => policy.namespace === input.namespace);
    if (imagePolicies.length > 0) {
        const match = findRepository(imagePolicies, image);
        if (!match) return { denied: `Deny ${quoted(image)}, no matching repositories in the ImagePolicies` };
        return admitted("ImagePolicy", match, input.namespace, image);
    }
    if (input.clusterImagePolicies.length === 0) {
        return { denied: `Deny ${quoted(image)}, no image policies or cluster polices` };
    }
    const match = findRepository(input.clusterImagePolicies, image);
    if (!match) {
        return {
            denied:
                `Deny ${quoted(image)}, no matching repositories in ClusterImagePolicy ` +
                `and no ImagePolicies in the ${quoted(input.namespace)} namespace`,
        };
    }
    return admitted("ClusterImagePolicy", match, input.namespace, image);
}

function admitted(
    kind: Admitted["source"]["kind"],
    match: RepositoryMatch,
    namespace: string,
    image: string,
): Admitted {
    const policy = match.entry.policy ?? {};
    const checks = checksOf(policy, namespace, image);
    const verifies = (policy.simple?.requirements ?? []).length > 0 || policy.trust?.enabled === true;
    return {
        admitted: conditionOf(checks),
        source: { kind, name: match.policyName },
        entry: match.entry,
        policy,
        checks,
        requires: checks.length === 0 ? "nothing" : checks.map(describeCheck).join(" and "),
        mutatesToDigest: verifies && policy.mutateImage !== false,
    };
}

// ---- The ImagePolicy this program writes for imageTrust ----

export interface SigningKeySecret {
    /** The Secret holding the armored public key under data key `key`. */
    readonly name: string;
    /** Where it lives; the workload's namespace when absent. */
    readonly namespace?: string;
}

/** What becomes of the images of no trusted repository (config imageTrustOtherImages). */
export const OTHER_IMAGES = ["admit", "deny"] as const;

export interface TrustPolicyOptions {
    /** Repository patterns whose images must be signed, in Portieris' syntax (e.g. `us.icr.io/team/*`, `nginx`). */
    readonly trustedRepositories: readonly string[];
    readonly signingKey: SigningKeySecret;
    /** Images of no trusted repository: admitted by a final `*` entry, or denied for want of a match. */
    readonly otherImages: (typeof OTHER_IMAGES)[number];
}

/**
 * The companion that makes a trusted pattern cover digest-only references: Portieris v0.14.2 retries a pattern
 * only with `:*` (wildcard.go L127), so `repo@sha256:…` misses `repo` and `repo:*`. Patterns ending in another
 * `*` already match any suffix.
 */
function digestCompanion(pattern: string): string | undefined {
    if (pattern.endsWith(":*")) return `${pattern.slice(0, -2)}@*`;
    return pattern.endsWith(WILDCARD) ? undefined : `${pattern}@*`;
}

/**
 * `spec.repositories` of the ImagePolicy for imageTrust: a simple signedBy entry per trusted pattern (and its
 * digest companion), then, to admit other images, `{ name: "*" }` (POLICIES.md L297). `*` scores 0, so any
 * trusted pattern that matches wins, and listed first it wins a tie with `*` too. Without the companion a
 * digest-only reference of a trusted repository would fall to `*` unsigned (or be denied).
 */
export function trustPolicyRepositories(options: TrustPolicyOptions): RepositoryEntry[] {
    const signedBy: SimpleRequirement = {
        type: "signedBy",
        keySecret: options.signingKey.name,
        ...(options.signingKey.namespace === undefined ? {} : { keySecretNamespace: options.signingKey.namespace }),
    };
    const policy: PolicySpec = { simple: { requirements: [signedBy] } };
    const names = options.trustedRepositories.flatMap((pattern) => {
        const companion = digestCompanion(pattern);
        return companion === undefined ? [pattern] : [pattern, companion];
    });
    const signed = names.map((name): RepositoryEntry => ({ name, policy }));
    return options.otherImages === "admit" ? [...signed, { name: WILDCARD }] : signed;
}
