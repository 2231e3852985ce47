/**
 * IBM Cloud Container Registry (ICR) regions and their registry domains.
 *
 * Source: IBM Cloud docs, "About Container Registry" (regions table) and "Accessing Container Registry
 * through a firewall". The key of each region is its IAM region name (what an IAM policy's `region`
 * attribute takes); `aliases` are the older ICR region names (`ibmcloud cr region-set ...`) that users
 * still type. Every domain has a private-network twin `private.<domain>`.
 *
 * Order: `global` first, then the local regions alphabetically by IAM name, which is the order of IBM's
 * own tables (ibm-cloud-docs/Registry registry_overview.md "Local regions", registry_access.md "Registry
 * domains"). New regions are inserted at their alphabetical place, not appended: existing rows keep their
 * relative order, and the catalogue stays comparable line by line with IBM's tables. `domainsInScope`
 * follows this order, so the `auths` of a secret built for "all regions" gains the new entries in place.
 */
import { Check, matching } from "../input/checks";
export interface IcrRegion {
    /** IAM region name, as an IAM policy on `container-registry` is scoped. */
    readonly iamRegion: string;
    /** Other names users know the region by (`ibmcloud cr` region names). */
    readonly aliases: readonly string[];
    /** Public registry domain. */
    readonly domain: string;
    readonly location: string;
}

export const ICR_REGIONS: readonly IcrRegion[] = [
    { iamRegion: "global", aliases: [], domain: "icr.io", location: "Global (IBM-provided public images)" },
    { iamRegion: "au-syd", aliases: ["ap-south"], domain: "au.icr.io", location: "Sydney" },
    { iamRegion: "br-sao", aliases: [], domain: "br.icr.io", location: "Sao Paulo" },
    { iamRegion: "ca-mon", aliases: [], domain: "ca2.icr.io", location: "Montreal" },
    { iamRegion: "ca-tor", aliases: [], domain: "ca.icr.io", location: "Toronto" },
    { iamRegion: "eu-de", aliases: ["eu-central"], domain: "de.icr.io", location: "Frankfurt" },
    { iamRegion: "eu-es", aliases: [], domain: "es.icr.io", location: "Madrid" },
    { iamRegion: "eu-gb", aliases: ["uk-south"], domain: "uk.icr.io", location: "London" },
    // in-che and in-mum: ibm-cloud-docs/Registry registry_overview.md lines 392-393 (table "Domain names for
    // local regions", https://cloud.ibm.com/docs/Registry?topic=Registry-registry_overview#registry_regions_local),
    // also registry_access.md lines 89-90 ("Registry domains") and registry_firewall.md lines 33, 40. No former
    // ICR region name ("Not applicable"), so no aliases; private domains private.in.icr.io, private.in2.icr.io.
    { iamRegion: "in-che", aliases: [], domain: "in.icr.io", location: "Chennai - Airtel" },
    { iamRegion: "in-mum", aliases: [], domain: "in2.icr.io", location: "Mumbai - Airtel" },
    { iamRegion: "jp-osa", aliases: [], domain: "jp2.icr.io", location: "Osaka" },
    { iamRegion: "jp-tok", aliases: ["ap-north"], domain: "jp.icr.io", location: "Tokyo" },
    { iamRegion: "us-south", aliases: [], domain: "us.icr.io", location: "Dallas" },
];

const BY_NAME = new Map<string, IcrRegion>(
    ICR_REGIONS.flatMap((r) => [r.iamRegion, ...r.aliases].map((n) => [n, r] as [string, IcrRegion])),
);

/** Every name `registryRegions` accepts, IAM names first. */
export const ACCEPTED_REGION_NAMES: readonly string[] = [
    ...ICR_REGIONS.map((r) => r.iamRegion),
    ...ICR_REGIONS.flatMap((r) => r.aliases),
];

/** The region a name (IAM or ICR alias, case-insensitive) denotes, or undefined. */
export function findRegion(name: string): IcrRegion | undefined {
    return BY_NAME.get(name.trim().toLowerCase());
}

export function privateDomain(domain: string): string {
    return `private.${domain}`;
}

/**
 * The registry domains a pull secret needs: every region's when `regions` is undefined, else just those
 * regions'; with `privateEndpoints`, each public domain is followed by its `private.` twin.
 * Order is the catalogue's, so the result (and the secret built from it) is deterministic.
 */
export function domainsInScope(regions: readonly IcrRegion[] | undefined, privateEndpoints: boolean): string[] {
    const wanted = regions === undefined ? ICR_REGIONS : ICR_REGIONS.filter((r) => regions.includes(r));
    return wanted.flatMap((r) => (privateEndpoints ? [r.domain, privateDomain(r.domain)] : [r.domain]));
}

/** An IAM or ICR region name, case-insensitive; every name of a region denotes the same catalogue entry. */
export const ICR_REGION: Check<IcrRegion> = {
    rule: `is not an IBM Cloud Container Registry region; allowed: ${ACCEPTED_REGION_NAMES.join(", ")}`,
    accept: findRegion,
};

export const ICR_NAMESPACE = matching(
    /^[a-z0-9][a-z0-9_-]{2,28}[a-z0-9]$/,
    30,
    "must be an ICR namespace name: 4 to 30 lower-case letters, digits, '-' or '_', starting and ending with a letter or digit",
);
