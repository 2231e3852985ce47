/**
 * The imperative shell around core/config/validate.ts: reads the running stack's `registry-access:` keys from
 * the Pulumi runtime, with which of them are secrets and which of those cannot be read here.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "../core/config/contract";
import type { RegistryAccessConfig } from "../core/config/typedConfig";
import { UNREADABLE_SECRET } from "../core/input/secretText";
import { ConfigError, RawConfig, ValidateOptions, validateConfig } from "../core/config/validate";

export { UNREADABLE_SECRET };

// Not in the public typings, but exported by the runtime: which keys hold secrets.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(k: string): boolean };

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
    const raw: Record<string, string> = {};
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

export function readStackConfig(): RegistryAccessConfig {
    const { raw, ...options } = stackConfigInput(pulumi.runtime.allConfig(), isConfigSecret);
    try {
        return validateConfig(raw, options);
    } catch (err) {
        // RunError: Pulumi shows the message alone, without a stack trace.
        if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
        throw err;
    }
}

/**
 * The stack's `ibm:ibmcloudApiKey`, as a secret, when it sets one: the ibm provider's own key, which the
 * credential plugin and the registry-access provider fall back to after IC_API_KEY and IBMCLOUD_API_KEY.
 */
export function stackApiKey(): pulumi.Output<string> | undefined {
    return new pulumi.Config("ibm").getSecret("ibmcloudApiKey");
}
