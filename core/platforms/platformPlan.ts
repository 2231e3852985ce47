/**
 * What each platform adds to the registry sources, and the rules that involve the platform and other keys:
 * Code Engine's registry secrets (one per server, no Kubernetes objects), OpenShift's builder push secret,
 * image streams and global pull secret. Pure; config/contract.ts runs the rules with every other key's.
 */
import { PathProblem, uniqueProblems } from "../input/problems";
import { IcrRegion, domainsInScope } from "../registry/icrCatalogue";
import { IcrImage, imageStreamName } from "../registry/icrImage";
import { ENTITLED_SECRET_NAME, ENTITLED_SERVER, ENTITLED_USERNAME, namespacesOf } from "../registry/sourcePlan";
import { defaultSecretNameFor } from "../registry/privateRegistry";
import { RegistrySource } from "../registry/sources";

/** The push secret in each namespace, linked to its `builder` service account (seed 001 lines 431-438). */
export const BUILDER_PUSH_SECRET = "icr-builder-push";
export const BUILDER_SERVICE_ACCOUNT = "builder";
/** The seed's push roles (001 line 424: "the Reader and Writer service access roles"). */
export const PUSH_ROLES = ["Reader", "Writer"] as const;
/**
 * The internal registry's route as `oc create route reencrypt --service=image-registry` makes it in
 * openshift-image-registry, with the balance annotation the seed adds (001 lines 188-224).
 */
export const REGISTRY_ROUTE = {
    namespace: "openshift-image-registry",
    name: "image-registry",
    service: "image-registry",
    /** The service's port name (seed 001 line 203: `5000-tcp`). */
    targetPort: "5000-tcp",
    annotations: { "haproxy.router.openshift.io/balance": "source" },
} as const;

/** ICR's API key user name (seed 004 line 197). */
export const ICR_USERNAME = "iamapikey";

/** `us.icr.io` → `us-icr-io`: a registry domain as a secret name (IBM's own per-region secrets are named so). */
export function domainSecretName(domain: string): string {
    return domain.replace(/\./g, "-");
}

export interface CodeEngineSecretPlan {
    /** The Code Engine secret's name, also its resource name. */
    readonly name: string;
    readonly server: string;
    readonly username: string;
    /** Index of its source in `registries`. */
    readonly source: number;
}

export interface CodeEngineContext {
    readonly registryRegions?: readonly IcrRegion[];
    readonly privateEndpoints: boolean;
}

/**
 * Code Engine's registry secrets (format `registry`): one server each (seed 004 lines 179-197), so the ICR
 * source gets one per registry domain in scope, named after the domain.
 */
export function planCodeEngineSecrets(
    sources: readonly (RegistrySource | undefined)[],
    ctx: CodeEngineContext,
): { secrets: CodeEngineSecretPlan[]; problems: PathProblem[] } {
    const problems: PathProblem[] = [];
    const secrets: CodeEngineSecretPlan[] = [];
    const byName = new Map<string, number>();
    const add = (i: number, name: string, server: string, username: string) => {
        const other = byName.get(name);
        if (other !== undefined) {
            problems.push({
                path: `registries[${i}].secretName`,
                value: name,
                rule: `is also the secret name of source [${other}]; give one of them another secretName`,
            });
            return;
        }
        byName.set(name, i);
        secrets.push({ name, server, username, source: i });
    };
    sources.forEach((source, i) => {
        if (source === undefined) return;
        if (source.namespaces !== undefined) {
            problems.push({
                path: `registries[${i}].namespaces`,
                rule: ON_CODE_ENGINE("names Kubernetes namespaces", "remove it"),
            });
        }
        switch (source.type) {
            case "icr":
                if (source.identity === "perNamespace") {
                    problems.push({
                        path: `registries[${i}].identity`,
                        value: source.identity,
                        rule: ON_CODE_ENGINE("needs Kubernetes namespaces", "use identity shared or existingKey"),
                    });
                    return;
                }
                {
                    const domains = domainsInScope(ctx.registryRegions, ctx.privateEndpoints);
                    if (source.secretName !== undefined && domains.length > 1) {
                        problems.push({
                            path: `registries[${i}].secretName`,
                            value: source.secretName,
                            rule:
                                `names one secret, but Code Engine takes one server per secret and ${domains.length} registry ` +
                                "domains are in scope; remove secretName (each secret is named after its domain) or set one registryRegions",
                        });
                        return;
                    }
                    for (const domain of domains)
                        add(i, source.secretName ?? domainSecretName(domain), domain, ICR_USERNAME);
                }
                return;
            case "copy":
                problems.push({
                    path: `registries[${i}].type`,
                    value: "copy",
                    rule: ON_CODE_ENGINE("copies a cluster's pull secrets", "use an icr source"),
                });
                return;
            case "entitled":
                add(i, source.secretName ?? ENTITLED_SECRET_NAME, ENTITLED_SERVER, ENTITLED_USERNAME);
                return;
            case "private":
                add(i, source.secretName ?? defaultSecretNameFor(source.host), source.server, source.username);
                return;
        }
    });
    return { secrets, problems: uniqueProblems(problems) };
}

const ON_CODE_ENGINE = (what: string, instead: string) =>
    `${what}, which a Code Engine project does not have (platform codeengine); ${instead}`;

export interface OpenShiftContext {
    readonly namespaces: readonly string[];
    readonly registryRegions?: readonly IcrRegion[];
    readonly registryNamespaces?: readonly string[];
    readonly privateEndpoints: boolean;
    readonly globalPullSecret: boolean;
    readonly imageStreams?: readonly IcrImage[];
    readonly imageStreamNamespace?: string;
    readonly builderPush: boolean;
    /** Every secret name the sources put in each namespace. */
    readonly secretNames: readonly string[];
}

/** One image stream and the tags imported into it. */
export interface ImageStreamPlan {
    readonly name: string;
    readonly tags: readonly { readonly tag: string; readonly from: string }[];
}

/** `oc tag` adds a tag to the stream named after the repository: images of one repository share a stream. */
export function planImageStreams(images: readonly IcrImage[]): { streams: ImageStreamPlan[]; problems: PathProblem[] } {
    const streams = new Map<string, { tag: string; from: string }[]>();
    const problems: PathProblem[] = [];
    for (const image of images) {
        const name = imageStreamName(image);
        const tags = streams.get(name) ?? [];
        const clash = tags.find((t) => t.tag === image.tag);
        if (clash) {
            problems.push({
                path: "imageStreams",
                value: image.reference,
                rule: `would be tag ${image.tag} of image stream ${name}, which ${clash.from} already is`,
            });
            continue;
        }
        streams.set(name, [...tags, { tag: image.tag, from: image.reference }]);
    }
    return { streams: [...streams].map(([name, tags]) => ({ name, tags })), problems };
}

/** The OpenShift keys against the sources and the other keys. */
export function openShiftProblems(
    sources: readonly (RegistrySource | undefined)[],
    ctx: OpenShiftContext,
): PathProblem[] {
    const problems: PathProblem[] = [];
    const icr = sources.find((s) => s?.type === "icr");
    if (ctx.globalPullSecret && icr?.type === "icr" && icr.identity === "perNamespace") {
        problems.push({
            path: "globalPullSecret",
            value: "true",
            rule: "merges one key per registry into the cluster-wide pull secret, and identity perNamespace has one per namespace; use identity shared, or leave globalPullSecret false",
        });
    }
    if (ctx.builderPush && ctx.secretNames.includes(BUILDER_PUSH_SECRET)) {
        problems.push({
            path: "builderPush",
            value: "true",
            rule: `puts a secret named ${BUILDER_PUSH_SECRET} in each namespace, which a registry source also names; give that source another secretName`,
        });
    }
    const images = ctx.imageStreams ?? [];
    if (images.length === 0) return problems;
    const streamNamespace = ctx.imageStreamNamespace ?? ctx.namespaces[0];
    if (ctx.imageStreamNamespace !== undefined && !ctx.namespaces.includes(ctx.imageStreamNamespace)) {
        problems.push({
            path: "imageStreamNamespace",
            value: ctx.imageStreamNamespace,
            rule: "must be one of registry-access:namespaces, so that it holds the pull secret the import uses",
        });
    }
    if (icr?.type !== "icr" || !namespacesOf(icr, ctx.namespaces).includes(streamNamespace)) {
        problems.push({
            path: "imageStreams",
            rule: `are imported with the icr source's pull secret in ${streamNamespace}, and no icr source serves that namespace`,
        });
    }
    for (const image of images) {
        const outside = imageOutsideScope(image, ctx);
        if (outside) problems.push({ path: "imageStreams", value: image.reference, rule: outside });
    }
    return [...problems, ...planImageStreams(images).problems];
}

/** Why the pull secret cannot import `image`, or undefined when it can. */
function imageOutsideScope(image: IcrImage, ctx: OpenShiftContext): string | undefined {
    if (ctx.registryRegions !== undefined && !ctx.registryRegions.includes(image.region)) {
        return `is in region ${image.region.iamRegion}, outside registryRegions: the pull secret has no entry for ${image.domain}`;
    }
    if (image.privateEndpoint && !ctx.privateEndpoints) {
        return `is on a private domain; set privateEndpoints to true so the pull secret has an entry for ${image.domain}`;
    }
    if (ctx.registryNamespaces !== undefined && !ctx.registryNamespaces.includes(image.registryNamespace)) {
        return `is in registry namespace ${image.registryNamespace}, outside registryNamespaces: the pull identity may not read it`;
    }
    return undefined;
}
