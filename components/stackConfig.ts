/**
 * The imperative shell around core/config/validate.ts: reads the running stack's `registry-access:` keys from
 * the Pulumi runtime, with which of them are secrets and which of those cannot be read here
 * (core/config/stackConfigInput.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RegistryAccessConfig } from "../core/config/typedConfig";
import { UNREADABLE_SECRET } from "../core/input/secretText";
import { ConfigError, validateConfig } from "../core/config/validate";
import { stackConfigInput } from "../core/config/stackConfigInput";

export { UNREADABLE_SECRET };

// Not in the public typings, but exported by the runtime: which keys hold secrets.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(k: string): boolean };

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
