/**
 * Copy mode: reading IBM's pull secrets from namespace `default` for copying (seed 000 lines 271-291,
 * seed 001 line 713). One read per stack, through the registry-access provider's function
 * GET_PULL_SECRETS; the client is injected, so this is pure. A missing secret names the command that makes
 * IBM Cloud create it.
 */

/** The provider function that returns the `.dockerconfigjson` of named secrets in `default`. */
export const GET_PULL_SECRETS = "registry-access:index:getPullSecrets";

export const SOURCE_NAMESPACE = "default";

export const DOCKER_CONFIG_JSON_TYPE = "kubernetes.io/dockerconfigjson";
export const DOCKER_CONFIG_JSON_KEY = ".dockerconfigjson";

/** A Secret as the API returns it (data base64-encoded). */
export interface SecretView {
    readonly type?: string;
    readonly data?: Readonly<Record<string, string>>;
}

export interface SecretReader {
    /** The Secret, or undefined when it does not exist. */
    read(namespace: string, name: string): Promise<SecretView | undefined>;
}

/**
 * The `.dockerconfigjson` text of each named secret in `default`, as stored (every entry kept). `cluster`
 * names the cluster in errors; `platformCli` is `ks` (IKS) or `oc` (OpenShift) for the command shown.
 */
export async function readPullSecretsToCopy(
    reader: SecretReader,
    names: readonly string[],
    cluster: string,
): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const missing: string[] = [];
    for (const name of names) {
        const secret = await reader.read(SOURCE_NAMESPACE, name);
        if (secret === undefined) {
            missing.push(name);
            continue;
        }
        const data = secret.data?.[DOCKER_CONFIG_JSON_KEY];
        if (secret.type !== DOCKER_CONFIG_JSON_TYPE || data === undefined) {
            throw new Error(
                `copy source: secret ${SOURCE_NAMESPACE}/${name} on ${cluster} is of type ${secret.type ?? "(none)"}, ` +
                    `not ${DOCKER_CONFIG_JSON_TYPE} with a ${DOCKER_CONFIG_JSON_KEY} key; it is not an image pull secret to copy`,
            );
        }
        out[name] = Buffer.from(data, "base64").toString("utf8");
    }
    if (missing.length > 0) {
        throw new Error(
            `copy source: ${cluster} has no secret ${missing.map((n) => `${SOURCE_NAMESPACE}/${n}`).join(", ")} to copy. ` +
                "IBM Cloud creates the default image pull secrets with `ibmcloud ks cluster pull-secret apply --cluster <cluster>` " +
                "(`ibmcloud oc cluster pull-secret apply` on Red Hat OpenShift); clusters created before 2020 may have the " +
                "per-region set instead (from: per-region), newer ones only all-icr-io",
        );
    }
    return out;
}
