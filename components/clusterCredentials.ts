/**
 * Where the ServiceAccount binding's provider gets cluster credentials. They are resolved afresh on every
 * create, update and delete on the machine that runs `pulumi`, and never stored in state: a token saved
 * at the last `pulumi up` would have expired by the time a namespace is removed or the stack destroyed.
 *
 * - `ambient`: the kubeconfig the user has (KUBECONFIG or ~/.kube/config), at the context recorded when
 *   the binding was planned, so a later context switch cannot send a delete to another cluster.
 * - `cluster`: a kubeconfig fetched from IBM Cloud for the cluster, as `ibmcloud ks cluster config` does:
 *   an IAM token for IBMCLOUD_API_KEY (the key the ibm provider itself reads), then
 *   POST /global/v2/applyRBACAndGetKubeconfig, which answers with a ZIP holding the kubeconfig and CA.
 */
// Modules are required inside the functions: this file is serialized into the dynamic provider, and
// Pulumi's closure serializer cannot capture module objects such as js-yaml's.
type Yaml = typeof import("js-yaml");

export type BindingConnection =
    | { readonly source: "ambient"; readonly context?: string }
    | { readonly source: "cluster"; readonly cluster: string };

export type Env = Readonly<Record<string, string | undefined>>;
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
    Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; json(): Promise<any> }>;

const IAM_ENDPOINT = "https://iam.cloud.ibm.com";
const CONTAINERS_ENDPOINT = "https://containers.cloud.ibm.com/global";

/** The API key, from the variables the ibm provider reads, in its order. */
export function ibmApiKey(env: Env): string {
    const key = env.IBMCLOUD_API_KEY || env.IC_API_KEY;
    if (!key) {
        throw new Error("IBMCLOUD_API_KEY is not set: the service-account binding needs it to fetch cluster " +
            "credentials from IBM Cloud (or set registry-access:kubeconfig to ambient)");
    }
    return key;
}

/** Files of a ZIP archive (stored or deflated entries), by name. */
export function unzip(archive: Buffer): Map<string, Buffer> {
    const zlib: typeof import("zlib") = require("zlib");
    const EOCD = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    let eocd = -1;
    for (let i = archive.length - 22; i >= Math.max(0, archive.length - 65557); i--) {
        if (archive.readUInt32LE(i) === EOCD) { eocd = i; break; }
    }
    if (eocd < 0) throw new Error("not a ZIP archive (no end-of-central-directory record)");
    const count = archive.readUInt16LE(eocd + 10);
    let at = archive.readUInt32LE(eocd + 16);
    const files = new Map<string, Buffer>();
    for (let n = 0; n < count; n++) {
        if (archive.readUInt32LE(at) !== CENTRAL) throw new Error("corrupt ZIP central directory");
        const method = archive.readUInt16LE(at + 10);
        const size = archive.readUInt32LE(at + 20);
        const nameLen = archive.readUInt16LE(at + 28);
        const skip = nameLen + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
        const local = archive.readUInt32LE(at + 42);
        const name = archive.toString("utf8", at + 46, at + 46 + nameLen);
        at += 46 + skip;
        if (archive.readUInt32LE(local) !== LOCAL) throw new Error(`corrupt ZIP entry ${name}`);
        const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
        const data = archive.subarray(start, start + size);
        if (name.endsWith("/")) continue;
        if (method === 0) files.set(name, Buffer.from(data));
        else if (method === 8) files.set(name, zlib.inflateRawSync(data));
        else throw new Error(`ZIP entry ${name} uses unsupported compression method ${method}`);
    }
    return files;
}

const FILE_FIELDS: ReadonlyArray<[section: "clusters" | "users", inner: "cluster" | "user", file: string]> = [
    ["clusters", "cluster", "certificate-authority"],
    ["users", "user", "client-certificate"],
    ["users", "user", "client-key"],
];

/**
 * The kubeconfig from IKS's ZIP, self-contained: the files it names beside it (CA, admin cert and key)
 * are inlined as *-data fields.
 */
export function kubeconfigFromIksZip(archive: Buffer): string {
    const yaml: Yaml = require("js-yaml");
    const files = unzip(archive);
    const byBase = new Map([...files].map(([name, data]) => [name.split("/").pop()!, data] as [string, Buffer]));
    const configName = [...files.keys()].find((n) => /\.ya?ml$/.test(n));
    if (!configName) throw new Error("the cluster configuration from IBM Cloud holds no kubeconfig (.yml) file");
    const doc = yaml.load(files.get(configName)!.toString("utf8")) as Record<string, any>;
    for (const [section, inner, field] of FILE_FIELDS) {
        for (const item of doc?.[section] ?? []) {
            const obj = item?.[inner];
            const file = obj?.[field];
            if (typeof file !== "string") continue;
            const data = byBase.get(file.split("/").pop()!);
            if (!data) throw new Error(`the cluster configuration names ${file}, which it does not contain`);
            obj[`${field}-data`] = data.toString("base64");
            delete obj[field];
        }
    }
    return yaml.dump(doc);
}

async function iamTokens(env: Env, fetchImpl: FetchLike): Promise<{ access: string; refresh: string }> {
    const body = new URLSearchParams({
        grant_type: "urn:ibm:params:oauth:grant-type:apikey",
        apikey: ibmApiKey(env),
    }).toString();
    const res = await fetchImpl(`${env.IBMCLOUD_IAM_API_ENDPOINT || IAM_ENDPOINT}/identity/token`, {
        method: "POST",
        // The public "bx" client is what the ibmcloud CLI uses to receive a refresh token.
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", Authorization: "Basic Yng6Yng=" },
        body,
    });
    if (!res.ok) throw new Error(`IBM Cloud IAM refused the API key in IBMCLOUD_API_KEY (HTTP ${res.status})`);
    const json = await res.json();
    return { access: json.access_token, refresh: json.refresh_token };
}

/** A fresh kubeconfig for an IKS / Red Hat OpenShift on IBM Cloud cluster. */
export async function fetchIksKubeconfig(cluster: string, env: Env, fetchImpl: FetchLike): Promise<string> {
    const tokens = await iamTokens(env, fetchImpl);
    const res = await fetchImpl(`${env.IBMCLOUD_CS_API_ENDPOINT || CONTAINERS_ENDPOINT}/v2/applyRBACAndGetKubeconfig`, {
        method: "POST",
        headers: {
            Authorization: `Bearer ${tokens.access}`,
            "X-Auth-Refresh-Token": tokens.refresh,
            "Content-Type": "application/json",
        },
        body: JSON.stringify({ cluster, format: "zip" }),
    });
    if (!res.ok) throw new Error(`IBM Cloud returned HTTP ${res.status} for the configuration of cluster ${cluster}`);
    return kubeconfigFromIksZip(Buffer.from(await res.arrayBuffer()));
}

/** The `current-context` of a kubeconfig document, or undefined. */
export function currentContextOf(kubeconfigText: string): string | undefined {
    const yaml: Yaml = require("js-yaml");
    const doc = yaml.load(kubeconfigText) as { "current-context"?: unknown } | undefined;
    const ctx = doc?.["current-context"];
    return typeof ctx === "string" && ctx !== "" ? ctx : undefined;
}
