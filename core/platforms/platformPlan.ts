/**
 * What each platform adds to the registry sources, and the rules that involve the platform and other keys:
 * Code Engine's registry secrets (one per server, no Kubernetes objects), OpenShift's builder push secret,
 * image streams and global pull secret. Pure; core/config/contract.ts runs the rules with every other key's.
 */
import { PathProblem, uniqueProblems } from "../input/problems";
import { IcrRegion, domainsInScope } from "../registry/icrCatalogue";
import { IcrImage, imageStreamName } from "../registry/icrImage";
import { ICR_API_KEY_USERNAME } from "../registry/dockerConfig";
import { RegistrySource, kindOf } from "../registry/sources";
import { namespacesOf } from "../registry/sources/icr";
import { onCodeEngine, sourcePath } from "../registry/sources/sourceKind";
import { GlobalPullSecretSource, globalPullSecretCollisions } from "./openshift";

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
 * Code Engine's registry secrets (format `registry`): one server each (seed 004 lines 179-197), so a source
 * whose credential covers several servers (the ICR domains in scope) gets one per server, named by its kind.
 */
export function planCodeEngineSecrets(
    sources: readonly (RegistrySource | undefined)[],
    ctx: CodeEngineContext,
): { secrets: CodeEngineSecretPlan[]; problems: PathProblem[] } {
    const problems: PathProblem[] = [];
    const secrets: CodeEngineSecretPlan[] = [];
    const byName = new Map<string, number>();
    const icrDomains = domainsInScope(ctx.registryRegions, ctx.privateEndpoints);
    sources.forEach((source, i) => {
        if (source === undefined) return;
        if (source.namespaces !== undefined) {
            problems.push({
                path: sourcePath(i, "namespaces"),
                rule: onCodeEngine("names Kubernetes namespaces", "remove it"),
            });
        }
        const kind = kindOf(source);
        const refused = kind.codeEngineProblem?.(source, i);
        if (refused) return void problems.push(refused);
        const credential = kind.credential(source, { icrDomains });
        if (credential.kind === "copy") return; // refused by its kind
        if (source.secretName !== undefined && credential.servers.length > 1) {
            problems.push({
                path: sourcePath(i, "secretName"),
                value: source.secretName,
                rule:
                    `names one secret, but Code Engine takes one server per secret and ${credential.servers.length} registry ` +
                    "domains are in scope; remove secretName (each secret is named after its domain) or set one registryRegions",
            });
            return;
        }
        const username = credential.kind === "static" ? credential.username : ICR_API_KEY_USERNAME;
        for (const server of credential.servers) {
            const name = kind.codeEngineSecretName(source, server);
            const other = byName.get(name);
            if (other !== undefined) {
                problems.push({
                    path: sourcePath(i, "secretName"),
                    value: name,
                    rule: `is also the secret name of source [${other}]; give one of them another secretName`,
                });
                continue;
            }
            byName.set(name, i);
            secrets.push({ name, server, username, source: i });
        }
    });
    return { secrets, problems: uniqueProblems(problems) };
}

export interface OpenShiftContext {
    readonly namespaces: readonly string[];
    readonly registryRegions?: readonly IcrRegion[];
    readonly registryNamespaces?: readonly string[];
    readonly privateEndpoints: boolean;
    readonly globalPullSecret: boolean;
    readonly imageStreams?: readonly IcrImage[];
    readonly imageStreamNamespace?: string;
    readonly builderPush: boolean;
    readonly buildConfigs?: readonly { readonly namespace: string; readonly name: string }[];
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
    if (ctx.globalPullSecret) problems.push(...globalPullSecretCollisions(stackWideEntries(sources, ctx)));
    if (ctx.builderPush && ctx.secretNames.includes(BUILDER_PUSH_SECRET)) {
        problems.push({
            path: "builderPush",
            value: "true",
            rule: `puts a secret named ${BUILDER_PUSH_SECRET} in each namespace, which a registry source also names; give that source another secretName`,
        });
    }
    problems.push(...buildConfigProblems(ctx));
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
    // With no namespace listed (a selector stack) there is none to name: selectorProblems asks for the list.
    const unserved = icr?.type !== "icr" || !namespacesOf(icr, ctx.namespaces).includes(streamNamespace);
    if (streamNamespace !== undefined && unserved) {
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

/**
 * imageTrust needs the key its images are signed with: IBM discontinued Notary (Docker Content Trust) for ICR on
 * 2021-11-01 (ibm-cloud-docs/Registry registry_release_notes.md @ 7530c7e5 lines 319-320), and Portieris no
 * longer knows a trust server for icr.io (IBM/portieris bfe576ac), so only simple signing can admit ICR images.
 * The other imageTrust keys mean nothing without it.
 */
export function imageTrustProblems(trusted: boolean, signingKey: boolean, otherImages: string): PathProblem[] {
    if (trusted && !signingKey) {
        return [
            {
                path: "imageTrustSigningKey",
                rule:
                    "is required with imageTrust: images of those repositories are admitted only with a Red Hat simple " +
                    "signature by this key (ICR's Notary, which Portieris trust policies need, ended on 2021-11-01); name " +
                    "the Secret holding the armored GPG public key under `key`",
            },
        ];
    }
    const unused = [
        ...(signingKey ? [{ path: "imageTrustSigningKey" }] : []),
        ...(otherImages !== "admit" ? [{ path: "imageTrustOtherImages", value: otherImages }] : []),
    ];
    return trusted
        ? []
        : unused.map((p) => ({ ...p, rule: "is only used with imageTrust; remove it or set imageTrust" }));
}

/** BuildConfigs get the push secret: it must exist (builderPush), in a namespace of the stack. */
function buildConfigProblems(ctx: OpenShiftContext): PathProblem[] {
    const buildConfigs = ctx.buildConfigs ?? [];
    const problems: PathProblem[] = [];
    if (buildConfigs.length > 0 && !ctx.builderPush) {
        problems.push({
            path: "buildConfigs",
            rule: `set their push and pull secret to ${BUILDER_PUSH_SECRET}, which only builderPush creates; set builderPush to true`,
        });
    }
    const managed = new Set(ctx.namespaces);
    for (const bc of buildConfigs.filter((b) => !managed.has(b.namespace))) {
        problems.push({
            path: "buildConfigs",
            value: `${bc.namespace}/${bc.name}`,
            rule: `is in namespace ${bc.namespace}, which is not in registry-access:namespaces (where ${BUILDER_PUSH_SECRET} is)`,
        });
    }
    return problems;
}

/** The sources whose one docker config goes into the global pull secret (not copies, not per-namespace keys). */
function stackWideEntries(
    sources: readonly (RegistrySource | undefined)[],
    ctx: OpenShiftContext,
): GlobalPullSecretSource[] {
    const icrDomains = domainsInScope(ctx.registryRegions, ctx.privateEndpoints);
    return sources.flatMap((source, index) => {
        if (source === undefined) return [];
        const kind = kindOf(source);
        const credential = kind.credential(source, { icrDomains });
        if (credential.kind === "copy" || (credential.kind === "identity" && credential.perNamespace)) return [];
        return [{ path: sourcePath(index, kind.serverField ?? "type"), index, servers: credential.servers }];
    });
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
