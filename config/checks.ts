/**
 * The rules one string value of the config must follow (a key's value, an element of a list, a field of a
 * registry source), each with the typed value it denotes. Pure.
 */
import { INITIAL_KEY, KEY_LABEL, isCalendarDate } from "../iam/keyLifecycle";
import { ACCEPTED_REGION_NAMES, IcrRegion, findRegion } from "../registry/icrCatalogue";
import { IcrImage, IcrRepository, parseIcrImage, parseIcrRepositoryPattern } from "../registry/icrImage";

/** The rule one string (a value, or one element of a list) must follow. */
export interface Check<T> {
    /** What a refused value breaks, as the error message states it (after the key and the value). */
    readonly rule: string;
    /** The typed value `s` denotes, or undefined when `s` breaks the rule. */
    readonly accept: (s: string) => T | undefined;
}

/** A whole-string pattern with a length limit (the regex alone does not bound the length). */
export function matching(pattern: RegExp, maxLength: number, rule: string): Check<string> {
    return { rule, accept: (s) => (s.length <= maxLength && pattern.test(s) ? s : undefined) };
}

/** One of a fixed list of names; case matters. */
export function oneOf<T extends string>(names: readonly T[], rule: string): Check<T> {
    return { rule, accept: (s) => names.find((n) => n === s) };
}

/** Any string (a kubeconfig context name is whatever the kubeconfig says). */
export const ANY_STRING: Check<string> = { rule: "", accept: (s) => s };

export const DNS1123_LABEL = matching(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    63,
    "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit",
);
export const DNS1123_SUBDOMAIN = matching(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    253,
    "must be a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit",
);
export const ICR_NAMESPACE = matching(
    /^[a-z0-9][a-z0-9_-]{2,28}[a-z0-9]$/,
    30,
    "must be an ICR namespace name: 4 to 30 lower-case letters, digits, '-' or '_', starting and ending with a letter or digit",
);
export const CLUSTER_NAME = matching(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    100,
    "must be a cluster name or ID: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters",
);
export const EMAIL = matching(/^[^\s@]+@[^\s@]+$/, Infinity, "must be an email address such as a@b.c");
/** An IAM or ICR region name, case-insensitive; every name of a region denotes the same catalogue entry. */
export const ICR_REGION: Check<IcrRegion> = {
    rule: `is not an IBM Cloud Container Registry region; allowed: ${ACCEPTED_REGION_NAMES.join(", ")}`,
    accept: findRegion,
};

/** A Code Engine project ID (a GUID, as `ibmcloud ce project get` shows it). */
export const GUID = matching(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    36,
    "must be a project ID: a lower-case GUID such as 01234567-89ab-cdef-0123-456789abcdef (ibmcloud ce project get --name NAME)",
);

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

const LABEL_RULE = "lower-case letters, digits or '-', at most 20, starting and ending with a letter or digit";

/** keyRotation: a label for the current keys; INITIAL_KEY names the first keys, which have no label. */
export const KEY_ROTATION_LABEL: Check<string> = {
    rule: `must be a rotation label: ${LABEL_RULE}, not ${INITIAL_KEY} (the first keys are the empty label)`,
    accept: (s) => (KEY_LABEL.test(s) && s !== INITIAL_KEY ? s : undefined),
};

/** keepPreviousKey: a former keyRotation label, or INITIAL_KEY for the first keys. */
export const KEY_LABEL_OR_INITIAL = matching(
    KEY_LABEL,
    20,
    `must be a former keyRotation label (${LABEL_RULE}), or ${INITIAL_KEY} for the first keys`,
);

export const CALENDAR_DATE: Check<string> = {
    rule:
        "must be a date YYYY-MM-DD, such as 2027-06-30, quoted in the stack file ('2027-06-30'): unquoted, " +
        "YAML reads it as a timestamp and the CLI passes it as one",
    accept: (s) => (isCalendarDate(s) ? s : undefined),
};
