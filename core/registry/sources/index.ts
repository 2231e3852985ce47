/**
 * The `registry-access:registries` list: where each namespace's pull credentials come from. One object per
 * source, told apart by `type`; each kind of source is one file implementing SourceKind (sourceKind.ts), listed
 * in SOURCE_KINDS below. This module reads and checks each object on its own; what involves other keys or other
 * sources is in ../sourcePlan.ts and ../../platforms/platformPlan.ts. Pure.
 *
 * Secret fields (API keys, entitlement keys, passwords) are read into SecretText at once. A stack file must
 * hold them encrypted (`pulumi config set --secret --path 'registries[0].password' …`): the Pulumi CLI then
 * marks the whole key secret (one nested `secure:` value is enough) and hands the program the decrypted
 * object, so a secret field of a key that is not secret is plaintext in the stack file and is refused. The
 * offline plan sees each encrypted field as UNREADABLE_SECRET, so there a secret field holding anything else
 * beside encrypted fields is plaintext too.
 */
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from "../../input/checks";
import type { PathProblem } from "../../input/problems";
import { COPY_SOURCE, CopySource } from "./copy";
import { ENTITLED_SOURCE, EntitledSource } from "./entitled";
import { EXISTING_KEY_SOURCE, ExistingKeySource } from "./existingKey";
import { FieldReader, holdsUnreadable, oneOfCheck } from "./fieldReader";
import { ICR_SOURCE, IcrSource } from "./icr";
import { PRIVATE_SOURCE, PrivateSource } from "./private";
import type { SourceKind } from "./sourceKind";

export type RegistrySource = IcrSource | ExistingKeySource | CopySource | EntitledSource | PrivateSource;

/** Every kind of source. */
export const SOURCE_KINDS = [ICR_SOURCE, EXISTING_KEY_SOURCE, COPY_SOURCE, ENTITLED_SOURCE, PRIVATE_SOURCE] as const;

/** The config types, in the order the kinds list them. */
export const SOURCE_TYPES = [...new Set(SOURCE_KINDS.map((k) => k.type))] as readonly string[];
export type SourceType = RegistrySource["type"];

/** The kind a source is of. */
export function kindOf(source: RegistrySource): SourceKind<RegistrySource> {
    const kind = SOURCE_KINDS.find((k) => k.is(source));
    // Every source was read by one of the kinds' readers, so one kind is always found.
    return kind as unknown as SourceKind<RegistrySource>;
}

/** The source a stack has when it declares none: the core's ICR pull identity. */
export const DEFAULT_SOURCES: readonly RegistrySource[] = [{ type: "icr", identity: "shared" }];

/** A problem in one source; `path` is relative to the key, e.g. `[1].password`. */
export type SourceProblem = PathProblem;

/** The kind that reads objects of `type`. */
const readerOf = (type: string) => SOURCE_KINDS.find((k) => k.type === type && k.read !== undefined)!;

/**
 * Reads the parsed `registries` list. `keyIsSecret`: the Pulumi CLI marked the key secret (some field of it
 * is encrypted). Every problem of every source is returned, and `byPosition` each source at its position in the
 * list (undefined where it has a problem), for the rules between sources, which then still run on the others.
 */
export function readRegistrySources(
    items: readonly unknown[],
    keyIsSecret: boolean,
): { problems: SourceProblem[]; byPosition: (RegistrySource | undefined)[] } {
    const problems: SourceProblem[] = [];
    const byPosition: (RegistrySource | undefined)[] = items.map(() => undefined);
    const offline = holdsUnreadable(items);
    items.forEach((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) {
            problems.push({ path: `[${i}]`, rule: `must be an object with a type: ${SOURCE_TYPES.join(", ")}` });
            return;
        }
        const before = problems.length;
        const r = new FieldReader(item as Record<string, unknown>, `[${i}]`, problems, keyIsSecret, offline);
        const type = r.string("type", oneOfCheck(SOURCE_TYPES), true);
        if (type === undefined) return;
        const reader = readerOf(type);
        r.unknownFields(type, reader.fields!);
        const namespaces = r.list("namespaces", DNS1123_LABEL);
        const secretName = r.string("secretName", DNS1123_SUBDOMAIN, false);
        const fields = reader.read!(r, secretName);
        // Complete (every required field set, every value valid) exactly when the reader reported no problem.
        if (problems.length === before) byPosition[i] = { type, namespaces, secretName, ...fields } as RegistrySource;
    });
    return { problems, byPosition };
}

export type { CopySource, EntitledSource, ExistingKeySource, IcrSource, PrivateSource };
