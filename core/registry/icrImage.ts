/**
 * References to images and repositories in IBM Cloud Container Registry, as `oc tag` (image streams) and
 * Portieris image policies (image trust) take them: `<domain>/<registry namespace>/<repository>[:tag]`,
 * where the domain is a public or `private.` ICR domain of the catalogue. Pure.
 */
import type { Check } from "../input/checks";
import { ICR_REGIONS, IcrRegion, privateDomain } from "./icrCatalogue";

export interface IcrRepository {
    /** As written: `us.icr.io` or `private.us.icr.io`. */
    readonly domain: string;
    readonly region: IcrRegion;
    readonly privateEndpoint: boolean;
    readonly registryNamespace: string;
    /** The path after the registry namespace (`api`, `team/api`), or `*` for every repository. */
    readonly repository: string;
}

export interface IcrImage extends IcrRepository {
    readonly tag: string;
    /** `<domain>/<registry namespace>/<repository>:<tag>`. */
    readonly reference: string;
}

const DOMAINS = new Map<string, { region: IcrRegion; privateEndpoint: boolean }>(
    ICR_REGIONS.flatMap((region) => [
        [region.domain, { region, privateEndpoint: false }] as const,
        [privateDomain(region.domain), { region, privateEndpoint: true }] as const,
    ]),
);

// Docker distribution's grammar (reference/regexp.go): path components of lower-case alphanumerics joined by
// one '.', one or two '_', or any number of '-'; tags up to 128 characters.
const COMPONENT = "[a-z0-9]+(?:(?:\\.|_{1,2}|-+)[a-z0-9]+)*";
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const ICR_NAMESPACE = /^[a-z0-9][a-z0-9_-]{2,28}[a-z0-9]$/;

/** The catalogue region of an ICR domain (public or `private.`), or undefined for another host. */
export function icrDomainRegion(host: string): IcrRegion | undefined {
    return DOMAINS.get(host)?.region;
}

function parseRepository(text: string, allowWildcard: boolean): IcrRepository | undefined {
    const [domain, registryNamespace, ...rest] = text.split("/");
    const where = DOMAINS.get(domain);
    // Without a namespace the repository is empty, which REPOSITORY refuses: no separate check for it.
    if (!where || !ICR_NAMESPACE.test(registryNamespace)) return undefined;
    const repository = rest.join("/");
    const wildcard = allowWildcard && repository === "*";
    if (!wildcard && !REPOSITORY.test(repository)) return undefined;
    return { domain, ...where, registryNamespace, repository };
}

/** `us.icr.io/team/api:1.4` (no tag: `latest`, as docker and oc read it); digests are refused (nothing to re-import). */
export function parseIcrImage(text: string): IcrImage | undefined {
    // A digest's '@' is in neither grammar (repository, tag), so `…/api@sha256:…` is refused below.
    const colon = text.lastIndexOf(":");
    const hasTag = colon > text.lastIndexOf("/");
    const tag = hasTag ? text.slice(colon + 1) : "latest";
    const repo = parseRepository(hasTag ? text.slice(0, colon) : text, false);
    if (!repo || !TAG.test(tag)) return undefined;
    return { ...repo, tag, reference: `${repo.domain}/${repo.registryNamespace}/${repo.repository}:${tag}` };
}

/** `us.icr.io/team/api` or `us.icr.io/team/*`: what a Portieris policy's repository `name` matches. */
export function parseIcrRepositoryPattern(text: string): IcrRepository | undefined {
    return parseRepository(text, true);
}

/** The image stream an image is imported into: its repository's last path component. */
export function imageStreamName(image: IcrImage): string {
    return image.repository.split("/").pop()!;
}

/** The pattern as Portieris matches it: `<domain>/<registry namespace>/<repository or *>`. */
export function repositoryPattern(repo: IcrRepository): string {
    return `${repo.domain}/${repo.registryNamespace}/${repo.repository}`;
}

export const ICR_IMAGE: Check<IcrImage> = {
    rule:
        "must be an image in IBM Cloud Container Registry: DOMAIN/NAMESPACE/REPOSITORY[:TAG] with an ICR domain " +
        "such as us.icr.io, a registry namespace, and a tag (not a digest)",
    accept: parseIcrImage,
};

export const ICR_REPOSITORY_PATTERN: Check<IcrRepository> = {
    rule: "must be an ICR repository: DOMAIN/NAMESPACE/REPOSITORY or DOMAIN/NAMESPACE/* with an ICR domain such as us.icr.io",
    accept: parseIcrRepositoryPattern,
};
