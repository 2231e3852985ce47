import type { ClusterConfig } from "../../config/contract";
import { RawConfig, ValidateOptions, validateConfig } from "../../config/validate";

/** validateConfig for a cluster stack (platform iks or openshift): its typed config, or the test fails. */
export function validateClusterConfig(raw: RawConfig, options?: ValidateOptions): ClusterConfig {
    const config = validateConfig(raw, options);
    if (config.platform === "codeengine") throw new Error("expected a cluster platform, got codeengine");
    return config;
}
