/**
 * Builds the `.dockerconfigjson` value of a `kubernetes.io/dockerconfigjson` Secret, entry for entry what
 * `kubectl create secret docker-registry --docker-server=S --docker-username=U --docker-password=P
 * [--docker-email=E]` writes, for one or many servers.
 */
export interface RegistryCredential {
    readonly username: string;
    readonly password: string;
    /** Omitted from the entry when empty, as kubectl does. */
    readonly email?: string;
}

/** IBM Cloud Container Registry takes an IAM API key with this fixed user name. */
export const ICR_API_KEY_USERNAME = "iamapikey";

interface DockerConfigEntry {
    username?: string;
    password?: string;
    email?: string;
    auth?: string;
}

function entryFor(cred: RegistryCredential): DockerConfigEntry {
    // Field order and omit-when-empty follow kubectl's DockerConfigEntry JSON tags.
    const entry: DockerConfigEntry = {};
    if (cred.username) entry.username = cred.username;
    if (cred.password) entry.password = cred.password;
    if (cred.email) entry.email = cred.email;
    // auth is omitempty too, but never empty: base64 of at least the ':'.
    entry.auth = Buffer.from(`${cred.username}:${cred.password}`).toString("base64");
    return entry;
}

/**
 * Go's encoding/json escapes these characters; doing the same keeps our bytes identical to kubectl's
 * (both forms decode to the same JSON).
 */
function goJsonEscape(json: string): string {
    return json
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

/** The `.dockerconfigjson` document for `servers`, in the order given; duplicates are refused. */
export function buildDockerConfigJson(servers: readonly string[], cred: RegistryCredential): string {
    if (servers.length === 0) {
        throw new Error("buildDockerConfigJson: at least one registry server is required");
    }
    const auths: Record<string, DockerConfigEntry> = {};
    for (const server of servers) {
        if (Object.prototype.hasOwnProperty.call(auths, server)) {
            throw new Error(`buildDockerConfigJson: registry server "${server}" is listed twice`);
        }
        auths[server] = entryFor(cred);
    }
    return goJsonEscape(JSON.stringify({ auths }));
}
