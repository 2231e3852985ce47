/**
 * The rules one string value of the config must follow (a key's value, an element of a list, a field of a
 * registry source), each with the typed value it denotes: the generic ones; a model's own (ICR names, key
 * labels) live with that model. Pure.
 */

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
export const CLUSTER_NAME = matching(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    100,
    "must be a cluster name or ID: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100 characters",
);
export const EMAIL = matching(/^[^\s@]+@[^\s@]+$/, Infinity, "must be an email address such as a@b.c");

/** A namespaced object: NAMESPACE/NAME, a DNS-1123 label and a DNS-1123 subdomain. */
export const NAMESPACED_NAME: Check<{ readonly namespace: string; readonly name: string }> = {
    rule: "must be NAMESPACE/NAME: a namespace (DNS-1123 label), '/', an object name (DNS-1123 subdomain)",
    accept: (s) => {
        const [namespace, name, ...rest] = s.split("/");
        if (rest.length > 0 || name === undefined) return undefined;
        if (DNS1123_LABEL.accept(namespace) === undefined || DNS1123_SUBDOMAIN.accept(name) === undefined)
            return undefined;
        return { namespace, name };
    },
};

/** A Secret in every namespace (NAME) or in one (NAMESPACE/NAME). */
export const SECRET_REFERENCE: Check<{ readonly namespace?: string; readonly name: string }> = {
    rule: "must be NAME (a DNS-1123 subdomain, in each namespace) or NAMESPACE/NAME",
    accept: (s) =>
        s.includes("/")
            ? NAMESPACED_NAME.accept(s)
            : DNS1123_SUBDOMAIN.accept(s) === undefined
              ? undefined
              : { name: s },
};

/** A Code Engine project ID (a GUID, as `ibmcloud ce project get` shows it). */
export const GUID = matching(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    36,
    "must be a project ID: a lower-case GUID such as 01234567-89ab-cdef-0123-456789abcdef (ibmcloud ce project get --name NAME)",
);
