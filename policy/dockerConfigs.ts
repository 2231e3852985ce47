/**
 * The registry credentials a resource holds, for the policies on them: the `auths` entries of a Kubernetes
 * `kubernetes.io/dockerconfigjson` Secret (`stringData` as JSON text, `data` as base64 of it) and the server and
 * user of an IBM Code Engine registry secret. Values are read, never returned: callers get servers, user names
 * and property paths. Pure.
 */
import { IBM_RESOURCE_TYPES } from "../core/iam/ibmResourceTypes";
import { parseJson } from "../core/input/json";
import { DOCKER_CONFIG_KEY } from "../core/sharedObjects/globalPullSecretMerge";
import { PolicyResource, isRecord, stringAt, valueAt } from "./resource";

export const DOCKER_CONFIG_JSON_TYPE = "kubernetes.io/dockerconfigjson";
/** `ibm.CodeEngineSecret` (sdks/ibm/codeEngineSecret.js). */

/**
 * A Kubernetes Secret, however registered: `k8s.core.v1.Secret` (`kubernetes:core/v1:Secret`), a SecretPatch
 * (`kubernetes:core/v1:SecretPatch`), or a CustomResource of kind Secret (`kubernetes:v1:Secret`). Each carries
 * `kind: "Secret"` among its inputs: the SDK classes set it themselves (node_modules/@pulumi/kubernetes/core/v1/
 * secret.js and secretPatch.js, `resourceInputs["kind"] = "Secret"`), a CustomResource takes it from its args.
 */
export function isKubernetesSecret(resource: PolicyResource): boolean {
    return resource.type.startsWith("kubernetes:") && resource.props.kind === "Secret";
}

export function isDockerConfigSecret(resource: PolicyResource): boolean {
    return isKubernetesSecret(resource) && resource.props.type === DOCKER_CONFIG_JSON_TYPE;
}

export function isCodeEngineSecret(resource: PolicyResource): boolean {
    return resource.type === IBM_RESOURCE_TYPES.codeEngineSecret;
}

/** The properties that hold a pull credential: a docker config Secret's `data` and `stringData`, a Code Engine secret's `data`. */
export function credentialProperties(resource: PolicyResource): string[] {
    if (isDockerConfigSecret(resource)) return ["data", "stringData"];
    if (isCodeEngineSecret(resource)) return ["data"];
    return [];
}

export interface RegistryEntry {
    /** The property holding it: `["stringData", ".dockerconfigjson"]`, or `["data"]` (Code Engine). */
    readonly path: readonly string[];
    readonly server: string;
    /** The user names it logs in with: `username`, and the user part of `auth` (base64 of `user:password`). */
    readonly usernames: readonly string[];
}

const fromBase64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

/**
 * The user part of a docker config entry's `auth`, without ever returning the password: the text before the
 * first ':', empty when the text starts with one, none without one (the kubelet's decodeDockerConfigFieldAuth,
 * kubernetes pkg/credentialprovider/config.go: `strings.SplitN(decoded, ":", 2)`, refused unless two parts).
 */
function authUser(auth: unknown): string | undefined {
    if (typeof auth !== "string") return undefined;
    const decoded = fromBase64(auth);
    const colon = decoded.indexOf(":");
    return colon < 0 ? undefined : decoded.slice(0, colon);
}

function dockerConfigEntries(path: readonly string[], text: string): RegistryEntry[] {
    const auths = valueAt(parseJson(text), "auths");
    if (!isRecord(auths)) return [];
    return Object.entries(auths).map(([server, entry]) => ({
        path,
        server,
        usernames: [stringAt(entry, "username"), authUser(valueAt(entry, "auth"))].filter(
            (u): u is string => u !== undefined,
        ),
    }));
}

/**
 * Every registry entry of a docker config Secret or Code Engine secret; none for other resources. A value that
 * is no docker config (not JSON, no `auths` map) has no entries: the API server refuses such a
 * kubernetes.io/dockerconfigjson Secret, and offline a copied secret's value is a placeholder until run time
 * (plan/fakeCloud.ts copiedPlaceholder).
 */
export function registryEntries(resource: PolicyResource): RegistryEntry[] {
    const entries: RegistryEntry[] = [];
    if (isDockerConfigSecret(resource)) {
        for (const [field, decode] of [
            ["stringData", (t: string) => t],
            ["data", fromBase64],
        ] as const) {
            const value = stringAt(resource.props, field, DOCKER_CONFIG_KEY);
            if (value !== undefined) entries.push(...dockerConfigEntries([field, DOCKER_CONFIG_KEY], decode(value)));
        }
    } else if (isCodeEngineSecret(resource)) {
        const server = stringAt(resource.props, "data", "server");
        if (server !== undefined) {
            const username = stringAt(resource.props, "data", "username");
            entries.push({ path: ["data"], server, usernames: username === undefined ? [] : [username] });
        }
    }
    return entries;
}
