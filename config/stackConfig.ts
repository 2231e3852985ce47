/** The imperative shell around config.ts: reads this stack's `registry-access:` keys from Pulumi. */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, RawConfig, RegistryAccessConfig, parseConfig } from "./contract";

// Not in the public typings, but exported by the runtime: which keys hold secrets.
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(k: string): boolean };

export function readStackConfig(): RegistryAccessConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    const secretKeys = new Set<string>();
    for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        raw[key] = value;
        if (isConfigSecret(fullKey)) secretKeys.add(key);
    }
    try {
        return parseConfig(raw as RawConfig, secretKeys);
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
