import type { ClusterConfig } from "../../core/config/typedConfig";
import { ConfigError, RawConfig, ValidateOptions, validateConfig } from "../../core/config/validate";

/** validateConfig for a cluster stack (platform iks or openshift): its typed config, or the test fails. */
export function validateClusterConfig(raw: RawConfig, options?: ValidateOptions): ClusterConfig {
    const config = validateConfig(raw, options);
    if (config.platform === "codeengine") throw new Error("expected a cluster platform, got codeengine");
    return config;
}

/** The one error validateConfig throws for `raw` (the test fails when it accepts it). */
export function configMessageOf(raw: RawConfig, secretKeys: string[] = []): string {
    try {
        validateConfig(raw, { secretKeys: new Set(secretKeys) });
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
    }
    throw new Error("expected a ConfigError");
}
