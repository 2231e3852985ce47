/**
 * The IBM Cloud calls that give a cluster's kubeconfig for an API key, as IBM's own client (bluemix-go,
 * which terraform-provider-ibm's `ibm_container_cluster_config` uses) makes them:
 * - IAM: POST {iam}/identity/token, Basic bx:bx, grant_type apikey, response_type cloud_iam
 *   (IBM-Cloud/bluemix-go authentication/iam.go:78-84, 184-186);
 * - POST {cs}/v2/applyRBACAndGetKubeconfig {"cluster", "format":"zip"} with the IAM bearer token, which
 *   also syncs the caller's RBAC; no X-Auth-Refresh-Token since bluemix-go 63b728a
 *   (api/container/containerv2/clusters.go:290-303);
 * - GET {cs}/v2/getRBACStatus?cluster=NAME until `synchronized`, backing off 1 s doubling to 32 s, and
 *   giving up quietly on `error` or after that (clusters.go:628-671).
 * Endpoints follow IBMCLOUD_IAM_API_ENDPOINT and IBMCLOUD_CS_API_ENDPOINT, as the ibm provider does.
 * Errors are read as core/cluster/ibmErrors.ts describes: only IBM's JSON "cluster not found" answer is a
 * ClusterGoneError; every other failure names the cluster, the step and IBM's code, text and incident.
 */
import * as yaml from "js-yaml";
import { unzipSync } from "fflate";
import { ClusterGoneError } from "./connection";
import { HttpRequest, HttpResponse, RetryPolicy, Transport, sendWithRetries } from "./http";
import {
    clusterGoneMessage,
    isClusterNotFound,
    stepFailureMessage,
    unrecognisedNotFoundMessage,
    unreachableMessage,
} from "./ibmErrors";

export type Env = Readonly<Record<string, string | undefined>>;

export interface IbmDeps {
    readonly transport: Transport;
    readonly retry?: RetryPolicy;
    /** Waits between RBAC-status polls; injectable so tests do not sleep. */
    readonly sleep: (ms: number) => Promise<void>;
}

export const IAM_ENDPOINT = "https://iam.cloud.ibm.com";
export const CONTAINERS_ENDPOINT = "https://containers.cloud.ibm.com/global";

const iamBase = (env: Env) => (env.IBMCLOUD_IAM_API_ENDPOINT || IAM_ENDPOINT).replace(/\/+$/, "");
const csBase = (env: Env) => (env.IBMCLOUD_CS_API_ENDPOINT || CONTAINERS_ENDPOINT).replace(/\/+$/, "");

/** A failed step, named with the cluster; IBM's own text (masked), code and incident are kept. */
export function stepError(cluster: string, step: string, res: HttpResponse): Error {
    return new Error(stepFailureMessage(cluster, step, res.status, res.body.toString("utf8")));
}

/** sendWithRetries, a request that got no answer at all named with the cluster, the step and the host. */
async function send(cluster: string, step: string, req: HttpRequest, deps: IbmDeps): Promise<HttpResponse> {
    try {
        return await sendWithRetries(deps.transport, req, deps.retry);
    } catch (err) {
        throw new Error(unreachableMessage(cluster, step, req.url, err), { cause: err });
    }
}

const IAM_STEP = "IAM token for the API key";
const KUBECONFIG_STEP = "applyRBACAndGetKubeconfig";
const RBAC_STEP = "getRBACStatus";

/** An IAM access token for the API key. */
export async function iamAccessToken(cluster: string, apiKey: string, env: Env, deps: IbmDeps): Promise<string> {
    const res = await send(
        cluster,
        IAM_STEP,
        {
            method: "POST",
            url: `${iamBase(env)}/identity/token`,
            headers: {
                "Content-Type": "application/x-www-form-urlencoded",
                Accept: "application/json",
                // The public client of the ibmcloud CLI and bluemix-go.
                Authorization: `Basic ${Buffer.from("bx:bx").toString("base64")}`,
            },
            body: new URLSearchParams({
                grant_type: "urn:ibm:params:oauth:grant-type:apikey",
                response_type: "cloud_iam",
                apikey: apiKey,
            }).toString(),
        },
        deps,
    );
    if (res.status !== 200) throw stepError(cluster, IAM_STEP, res);
    const token = parseJson(res)?.access_token;
    if (typeof token !== "string" || token === "")
        throw new Error(`cluster ${cluster}: IAM answered without an access token`);
    return token;
}

/** The JSON body, or undefined: a raw SyntaxError would name neither cluster nor step, and quotes the body. */
function parseJson(res: HttpResponse): Record<string, unknown> | undefined {
    try {
        // Stryker disable BlockStatement: an emptied catch below falls off the function's end, which returns undefined too
        return JSON.parse(res.body.toString("utf8"));
    } catch {
        return undefined;
    }
}
// Stryker restore BlockStatement

function bearer(access: string) {
    return { Authorization: `Bearer ${access}`, Accept: "application/json" };
}

/** The ZIP holding the cluster's kubeconfig and CA; also applies the caller's RBAC on the cluster. */
export async function applyRbacAndGetKubeconfig(
    cluster: string,
    access: string,
    env: Env,
    deps: IbmDeps,
): Promise<Uint8Array> {
    const url = `${csBase(env)}/v2/applyRBACAndGetKubeconfig`;
    const res = await send(
        cluster,
        KUBECONFIG_STEP,
        {
            method: "POST",
            url,
            headers: { ...bearer(access), "Content-Type": "application/json" },
            body: JSON.stringify({ cluster, format: "zip" }),
        },
        deps,
    );
    if (res.status === 404) {
        const body = res.body.toString("utf8");
        // Only IBM's own answer means the cluster is gone; a proxy's or a wrong endpoint's 404 is an error.
        if (isClusterNotFound(res.status, body))
            throw new ClusterGoneError(cluster, clusterGoneMessage(cluster, KUBECONFIG_STEP, body));
        throw new Error(unrecognisedNotFoundMessage(cluster, KUBECONFIG_STEP, url, body));
    }
    if (res.status !== 200) throw stepError(cluster, KUBECONFIG_STEP, res);
    return new Uint8Array(res.body);
}

const RBAC_FIRST_WAIT_MS = 1000;
const RBAC_LAST_WAIT_MS = 32_000;

/** Waits until IBM reports the cluster's RBAC for this user synchronized (or gives up as IBM's client does). */
export async function waitForRbacSync(
    cluster: string,
    access: string,
    env: Env,
    deps: IbmDeps,
): Promise<"synchronized" | "unconfirmed"> {
    for (let wait = RBAC_FIRST_WAIT_MS; ; wait *= 2) {
        const res = await send(
            cluster,
            RBAC_STEP,
            {
                method: "GET",
                url: `${csBase(env)}/v2/getRBACStatus?cluster=${encodeURIComponent(cluster)}`,
                headers: bearer(access),
            },
            deps,
        );
        if (res.status !== 200) throw stepError(cluster, RBAC_STEP, res);
        const status = parseJson(res);
        if (status === undefined)
            throw new Error(`cluster ${cluster}: getRBACStatus answered HTTP 200 without a JSON body`);
        if (status?.synchronized === true) return "synchronized";
        if (status?.error === true || wait > RBAC_LAST_WAIT_MS) return "unconfirmed";
        await deps.sleep(wait);
    }
}

export interface ClusterEndpoint {
    readonly server: string;
    /** The cluster CA (PEM), when the kubeconfig names one. */
    readonly caPem?: string;
    /** The IAM OIDC id-token of the kubeconfig's user (IKS); OpenShift needs its own OAuth token instead. */
    readonly idToken?: string;
}

/**
 * Server, CA and user token of the kubeconfig in IBM's ZIP. The user is an `auth-provider: oidc` entry
 * with an `id-token` (bluemix-go clusters.go:372-374), or a plain `token`.
 */
/** The parts of a kubeconfig document read here; anything may be missing or of another type. */
interface KubeconfigDocument {
    clusters?: { cluster?: Record<string, unknown> }[];
    users?: { user?: { token?: unknown; "auth-provider"?: { config?: Record<string, unknown> } } }[];
}

export function endpointFromZip(cluster: string, zip: Uint8Array): ClusterEndpoint {
    let files: Record<string, Uint8Array>;
    try {
        files = unzipSync(zip);
    } catch {
        throw new Error(`cluster ${cluster}: the configuration from IBM Cloud is not a ZIP archive`);
    }
    const names = Object.keys(files).filter((n) => !n.endsWith("/"));
    const configName = names.find((n) => /\.ya?ml$/.test(n));
    if (!configName)
        throw new Error(`cluster ${cluster}: the configuration from IBM Cloud holds no kubeconfig (.yml) file`);
    let doc: KubeconfigDocument | undefined;
    try {
        doc = yaml.load(Buffer.from(files[configName]).toString("utf8")) as KubeconfigDocument | undefined;
    } catch {
        // Never echo the file: it holds a token.
        throw new Error(`cluster ${cluster}: the kubeconfig from IBM Cloud is not valid YAML`);
    }
    const { clusters, users }: KubeconfigDocument = doc ?? {};
    const clusterEntry = clusters?.[0]?.cluster;
    if (!clusterEntry || typeof clusterEntry.server !== "string") {
        throw new Error(`cluster ${cluster}: the kubeconfig from IBM Cloud names no server`);
    }
    const caData = clusterEntry["certificate-authority-data"];
    const caFile = clusterEntry["certificate-authority"];
    let caPem: string | undefined;
    if (typeof caData === "string") {
        caPem = Buffer.from(caData, "base64").toString("utf8");
    } else if (typeof caFile === "string") {
        const base = caFile.split("/").pop();
        const caName = names.find((n) => n.split("/").pop() === base);
        if (!caName) throw new Error(`cluster ${cluster}: the kubeconfig names a CA file the ZIP does not contain`);
        caPem = Buffer.from(files[caName]).toString("utf8");
    }
    const user = users?.[0]?.user;
    const idToken = user?.["auth-provider"]?.config?.["id-token"] ?? user?.token;
    return {
        server: clusterEntry.server,
        caPem,
        idToken: typeof idToken === "string" && idToken ? idToken : undefined,
    };
}
