/**
 * A stack's whole config, as the Pulumi CLI hands it to the program (fully-qualified keys to strings), shaped
 * for core/config/validate.ts: the `registry-access:` keys without the namespace, the secret ones, and among
 * those the ones the offline plan cannot read. The program (components/stackConfig.ts) and the offline plan's
 * check of a stack file (core/stackFile/stackProblems.ts) both validate through it. Pure.
 */
import { CONFIG_NAMESPACE } from "./contract";
import { emptyRecord } from "../input/ownValue";
import { UNREADABLE_SECRET } from "../input/secretText";
import { RawConfig, ValidateOptions } from "./validate";

export interface StackConfigInput extends ValidateOptions {
    readonly raw: RawConfig;
    readonly secretKeys: ReadonlySet<string>;
    readonly unreadable: ReadonlySet<string>;
}

/**
 * The `registry-access:` keys of a stack's whole config (fully-qualified keys to Pulumi's string values),
 * without the namespace, with the secret ones and, among those, the ones that hold UNREADABLE_SECRET.
 */
export function stackConfigInput(
    allConfig: Readonly<Record<string, string>>,
    isSecret: (fullKey: string) => boolean,
): StackConfigInput {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw = emptyRecord<string>(); // a key named __proto__ is a key like any other
    const secretKeys = new Set<string>();
    const unreadable = new Set<string>();
    for (const [fullKey, value] of Object.entries(allConfig)) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        raw[key] = value;
        if (!isSecret(fullKey)) continue;
        secretKeys.add(key);
        if (value === UNREADABLE_SECRET) unreadable.add(key);
    }
    return { raw, secretKeys, unreadable };
}
