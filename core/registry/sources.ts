/**
 * The `registry-access:registries` list: where each namespace's pull credentials come from. One object per
 * source, told apart by `type`; this module reads and checks each object on its own (what involves other
 * keys or other sources is in registry/sourcePlan.ts). Pure.
 *
 * Secret fields (API keys, entitlement keys, passwords) are read into SecretText at once. A stack file must
 * hold them encrypted (`pulumi config set --secret --path 'registries[0].password' …`): the Pulumi CLI then
 * marks the whole key secret (one nested `secure:` value is enough) and hands the program the decrypted
 * object, so a secret field of a key that is not secret is plaintext in the stack file and is refused. The
 * offline plan sees each encrypted field as UNREADABLE_SECRET, so there a secret field holding anything else
 * beside encrypted fields is plaintext too.
 */
import { REDACTED, SecretText, UNREADABLE_SECRET } from "../input/secretText";
import { ANY_STRING, Check, DNS1123_LABEL, DNS1123_SUBDOMAIN, EMAIL } from "../input/checks";
import type { PathProblem } from "../input/problems";
import { ICR_NAMESPACE } from "./icrCatalogue";
import { DEPRECATED_TOKEN_USERNAME, readServer } from "./privateRegistry";

export const SOURCE_TYPES = ["icr", "copy", "entitled", "private"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const IDENTITY_MODES = ["shared", "perNamespace", "existingKey"] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

export const COPY_FROM = ["all-icr-io", "per-region"] as const;
/** IBM's older per-region default secrets `default-<region>-icr-io` (`default-icr-io` for global), seed 000 lines 181-186. */
export const LEGACY_REGIONS = ["global", "us", "uk", "de", "au", "jp"] as const;
export type LegacyRegion = (typeof LEGACY_REGIONS)[number];

interface Common {
    /** Namespaces that get this source's secret; default: all of `registry-access:namespaces`. */
    readonly namespaces?: readonly string[];
    /** Name of the secret in each namespace; each type has its default. */
    readonly secretName?: string;
}
export type IcrSource = Common & {
    readonly type: "icr";
    readonly identity: IdentityMode;
    /** existingKey: the API key to use. */
    readonly apiKey?: SecretText;
    /** Cross-account: a key of the account the service ID, policies and key are created in. */
    readonly accountApiKey?: SecretText;
    /** perNamespace: each Kubernetes namespace's ICR namespaces (else `registry-access:registryNamespaces`). */
    readonly registryNamespaces?: Readonly<Record<string, readonly string[]>>;
};
export type CopySource = Common & {
    readonly type: "copy";
    readonly from: (typeof COPY_FROM)[number];
    /** per-region: which of the legacy secrets (default: all six). */
    readonly regions?: readonly LegacyRegion[];
};
export type EntitledSource = Common & {
    readonly type: "entitled";
    readonly entitlementKey: SecretText;
    readonly email?: string;
};
export type PrivateSource = Common & {
    readonly type: "private";
    /** As the docker config keys it (Docker Hub as kubectl writes it). */
    readonly server: string;
    /** Host and port, for the default secret name. */
    readonly host: string;
    readonly username: string;
    readonly password: SecretText;
    readonly email?: string;
};
export type RegistrySource = IcrSource | CopySource | EntitledSource | PrivateSource;

/** The source a stack has when it declares none: the core's ICR pull identity. */
export const DEFAULT_SOURCES: readonly RegistrySource[] = [{ type: "icr", identity: "shared" }];

export type SourceProblem = PathProblem;

const FIELDS: Readonly<Record<SourceType, readonly string[]>> = {
    icr: ["type", "identity", "apiKey", "accountApiKey", "registryNamespaces", "namespaces", "secretName"],
    copy: ["type", "from", "regions", "namespaces", "secretName"],
    entitled: ["type", "entitlementKey", "email", "namespaces", "secretName"],
    private: ["type", "server", "username", "password", "email", "namespaces", "secretName"],
};

function oneOfCheck<T extends string>(names: readonly T[]): Check<T> {
    return { rule: `must be one of ${names.join(", ")}`, accept: (s) => names.find((n) => n === s) };
}

function holdsUnreadable(v: unknown): boolean {
    if (v === UNREADABLE_SECRET) return true;
    return v !== null && typeof v === "object" && Object.values(v).some(holdsUnreadable);
}

/** Reads one source object's fields, collecting problems under `[index].field`. */
class FieldReader {
    constructor(
        private readonly obj: Readonly<Record<string, unknown>>,
        private readonly at: string,
        private readonly problems: SourceProblem[],
        private readonly keyIsSecret: boolean,
        private readonly offline: boolean,
    ) {}

    report(field: string, value: string | undefined, rule: string): void {
        this.problems.push({ path: `${this.at}.${field}`, value, rule });
    }

    has(field: string): boolean {
        return this.obj[field] !== undefined;
    }

    string<T>(field: string, check: Check<T>, required: boolean): T | undefined {
        const v = this.obj[field];
        if (v === undefined || v === null || v === "") {
            if (required) this.report(field, undefined, "is required");
            return undefined;
        }
        if (typeof v !== "string") {
            this.report(field, JSON.stringify(v), "must be a string");
            return undefined;
        }
        const accepted = check.accept(v);
        if (accepted === undefined) this.report(field, v, check.rule);
        return accepted;
    }

    list<T>(field: string, check: Check<T>, v: unknown = this.obj[field]): T[] | undefined {
        if (v === undefined) return undefined;
        if (!Array.isArray(v) || v.length === 0 || v.some((e) => typeof e !== "string")) {
            this.report(field, JSON.stringify(v), "must be a non-empty list of strings");
            return undefined;
        }
        const out: T[] = [];
        for (const e of v as string[]) {
            const accepted = check.accept(e);
            if (accepted === undefined) this.report(field, e, check.rule);
            else if (out.includes(accepted)) this.report(field, e, "is listed more than once");
            else out.push(accepted);
        }
        return out;
    }

    /** A secret field: required to be encrypted in the stack file; its value is never reported. */
    secret(field: string, required: boolean): SecretText | undefined {
        const v = this.obj[field];
        if (v === undefined || v === null || v === "") {
            if (required) this.report(field, undefined, "is required");
            return undefined;
        }
        if (typeof v !== "string") {
            this.report(field, REDACTED, "must be a string");
            return undefined;
        }
        if (v === UNREADABLE_SECRET && this.keyIsSecret) return new SecretText(v, true);
        if (!this.keyIsSecret || this.offline) {
            this.report(
                field,
                undefined,
                "is a secret and must not be written in plain text; remove it from the stack file and run " +
                    `pulumi config set --secret --path 'registries${this.at}.${field}' VALUE`,
            );
            return undefined;
        }
        return new SecretText(v);
    }

    /** Fields this type does not have. */
    unknownFields(type: SourceType): void {
        for (const field of Object.keys(this.obj).sort()) {
            if (!FIELDS[type].includes(field)) {
                this.report(
                    field,
                    undefined,
                    `is not a field of a source of type ${type}; its fields: ${FIELDS[type].join(", ")}`,
                );
            }
        }
    }
}

function readRegistryNamespaceMap(r: FieldReader, raw: unknown): Record<string, string[]> | undefined {
    if (raw === undefined) return undefined;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        r.report(
            "registryNamespaces",
            JSON.stringify(raw),
            "must map Kubernetes namespaces to lists of ICR namespaces",
        );
        return undefined;
    }
    const out: Record<string, string[]> = {};
    for (const [namespace, list] of Object.entries(raw)) {
        if (DNS1123_LABEL.accept(namespace) === undefined) {
            r.report(
                `registryNamespaces.${namespace}`,
                undefined,
                `names a Kubernetes namespace: ${DNS1123_LABEL.rule}`,
            );
            continue;
        }
        const read = r.list(`registryNamespaces.${namespace}`, ICR_NAMESPACE, list);
        if (read) out[namespace] = read;
    }
    return out;
}

/**
 * What a type's reader read: complete (every required field set, every value valid) exactly when it reported
 * no problem, which is when the caller takes it as a RegistrySource.
 */
type Candidate = Readonly<Record<string, unknown>>;

function readIcr(r: FieldReader, obj: Readonly<Record<string, unknown>>): Candidate {
    const identity = r.has("identity") ? r.string("identity", oneOfCheck(IDENTITY_MODES), true) : "shared";
    const apiKey = r.secret("apiKey", identity === "existingKey");
    const accountApiKey = r.secret("accountApiKey", false);
    const registryNamespaces = readRegistryNamespaceMap(r, obj.registryNamespaces);
    if (identity !== "existingKey" && r.has("apiKey")) {
        r.report("apiKey", undefined, "is only used with identity existingKey");
    }
    if (identity === "existingKey" && r.has("accountApiKey")) {
        r.report(
            "accountApiKey",
            undefined,
            "creates IAM objects in another account; identity existingKey creates none",
        );
    }
    if (identity !== "perNamespace" && registryNamespaces !== undefined) {
        r.report("registryNamespaces", undefined, "is only used with identity perNamespace");
    }
    return { identity, apiKey, accountApiKey, registryNamespaces };
}

function readCopy(r: FieldReader, secretName: string | undefined): Candidate {
    const from = r.has("from") ? r.string("from", oneOfCheck(COPY_FROM), true) : "all-icr-io";
    const regions = r.list("regions", oneOfCheck(LEGACY_REGIONS));
    if (from === "all-icr-io" && regions !== undefined) {
        r.report("regions", undefined, "is only used with from: per-region");
    }
    if (from === "per-region" && secretName !== undefined) {
        r.report(
            "secretName",
            secretName,
            "is not used with from: per-region: copies are named <namespace>-<region>-icr-io",
        );
    }
    return { from, regions };
}

function readEntitled(r: FieldReader): Candidate {
    return { entitlementKey: r.secret("entitlementKey", true), email: r.string("email", EMAIL, false) };
}

function readPrivate(r: FieldReader): Candidate {
    const serverText = r.string("server", ANY_STRING, true);
    const server = serverText === undefined ? {} : readServer(serverText);
    if ("problem" in server) r.report("server", serverText, server.problem as string);
    const username = r.string("username", ANY_STRING, true);
    if (username === DEPRECATED_TOKEN_USERNAME) {
        r.report(
            "username",
            username,
            "is the deprecated registry-token user; tokens no longer work, use an API key or the registry's own account",
        );
    }
    return { ...server, username, password: r.secret("password", true), email: r.string("email", EMAIL, false) };
}

/**
 * Reads the parsed `registries` list. `keyIsSecret`: the Pulumi CLI marked the key secret (some field of it
 * is encrypted). Every problem of every source is returned; `sources` holds the sources read without one, and
 * `byPosition` each source at its position in the list (undefined where it has a problem), for the rules
 * between sources, which then still run on the others.
 */
export function readRegistrySources(
    items: readonly unknown[],
    keyIsSecret: boolean,
): { sources: RegistrySource[]; problems: SourceProblem[]; byPosition: (RegistrySource | undefined)[] } {
    const problems: SourceProblem[] = [];
    const byPosition: (RegistrySource | undefined)[] = items.map(() => undefined);
    const offline = holdsUnreadable(items);
    items.forEach((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) {
            problems.push({ path: `[${i}]`, rule: `must be an object with a type: ${SOURCE_TYPES.join(", ")}` });
            return;
        }
        const obj = item as Record<string, unknown>;
        const before = problems.length;
        const r = new FieldReader(obj, `[${i}]`, problems, keyIsSecret, offline);
        const type = r.string("type", oneOfCheck(SOURCE_TYPES), true);
        if (type === undefined) return;
        r.unknownFields(type);
        const namespaces = r.list("namespaces", DNS1123_LABEL);
        const secretName = r.string("secretName", DNS1123_SUBDOMAIN, false);
        const fields =
            type === "icr"
                ? readIcr(r, obj)
                : type === "copy"
                  ? readCopy(r, secretName)
                  : type === "entitled"
                    ? readEntitled(r)
                    : readPrivate(r);
        if (problems.length === before) byPosition[i] = { type, namespaces, secretName, ...fields } as RegistrySource;
    });
    const sources = byPosition.filter((s): s is RegistrySource => s !== undefined);
    return { sources, problems, byPosition };
}
