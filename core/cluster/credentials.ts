/**
 * Cluster credentials for IKS and Red Hat OpenShift on IBM Cloud, minted from an API key whenever they are
 * needed and never stored in state: `pulumi destroy` does not run the program, so a token saved at the
 * last `up` would have expired (IKS id-tokens live 1 h, OpenShift OAuth tokens 24 h) by the time it is used.
 *
 * Used by the registry-access provider (in process, cached) and by the kubeconfig `exec` plugin that the
 * Kubernetes provider runs (provider/execCredential.ts).
 */
import { ClusterGoneError } from "./connection";
import { DEFAULT_RETRY, RetryPolicy, Transport, nodeTransport } from "./http";
import { Env, applyRbacAndGetKubeconfig, endpointFromZip, iamAccessToken, waitForRbacSync } from "./ibmCloud";
import { STACK_API_KEY_VARIABLE } from "./kubeconfig";
import { openShiftAuthorizationEndpoint, openShiftToken } from "./openshift";

export { ClusterGoneError, STACK_API_KEY_VARIABLE };

export class MissingApiKeyError extends Error {
    constructor(cluster: string) {
        super(
            `no IBM Cloud API key to reach cluster ${cluster}: set IC_API_KEY or IBMCLOUD_API_KEY ` +
                "(or the stack's ibm:ibmcloudApiKey) on the machine that runs pulumi",
        );
        this.name = "MissingApiKeyError";
    }
}

/** The API key, in the ibm provider's order of variables (IC_API_KEY, IBMCLOUD_API_KEY), then the stack's. */
export function resolveApiKey(cluster: string, env: Env, stackApiKey?: string): string {
    const key = env.IC_API_KEY || env.IBMCLOUD_API_KEY || stackApiKey || env[STACK_API_KEY_VARIABLE];
    if (!key) throw new MissingApiKeyError(cluster);
    return key;
}

export interface ClusterCredential {
    readonly server: string;
    readonly caPem?: string;
    readonly token: string;
    readonly expiresAt: Date;
    readonly platform: "iks" | "openshift";
}

export interface MintDeps {
    readonly transport: Transport;
    readonly retry: RetryPolicy;
    readonly now: () => Date;
}

export const DEFAULT_MINT_DEPS: MintDeps = { transport: nodeTransport, retry: DEFAULT_RETRY, now: () => new Date() };

/** When an IKS id-token ends, from its `exp` claim; an unreadable token is given IKS's shortest lifetime. */
export function jwtExpiry(token: string, now: Date): Date {
    try {
        const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
        // A payload that is JSON null throws here, and falls through like any unreadable token.
        if (typeof payload.exp === "number") return new Date(payload.exp * 1000);
    } catch {
        // Fall through.
    }
    return new Date(now.getTime() + 20 * 60 * 1000);
}

/**
 * IAM token → applyRBACAndGetKubeconfig → RBAC-sync wait → (OpenShift) OAuth exchange. Three IBM calls
 * when RBAC is already in sync. Errors name the cluster and the step, never a token or the key.
 */
export async function mintClusterCredential(
    cluster: string,
    env: Env,
    stackApiKey: string | undefined,
    deps: MintDeps = DEFAULT_MINT_DEPS,
): Promise<ClusterCredential> {
    const apiKey = resolveApiKey(cluster, env, stackApiKey);
    const ibm = { transport: deps.transport, retry: deps.retry, sleep: deps.retry.sleep };
    const access = await iamAccessToken(cluster, apiKey, env, ibm);
    const zip = await applyRbacAndGetKubeconfig(cluster, access, env, ibm);
    await waitForRbacSync(cluster, access, env, ibm);
    const endpoint = endpointFromZip(cluster, zip);
    const authorization = await openShiftAuthorizationEndpoint(
        cluster,
        endpoint.server,
        endpoint.caPem,
        deps.transport,
        deps.retry,
    );
    if (authorization) {
        const oauth = await openShiftToken(
            cluster,
            authorization,
            apiKey,
            endpoint.caPem,
            deps.now(),
            deps.transport,
            deps.retry,
        );
        return { server: endpoint.server, caPem: endpoint.caPem, ...oauth, platform: "openshift" };
    }
    if (!endpoint.idToken) throw new Error(`cluster ${cluster}: the kubeconfig from IBM Cloud holds no user token`);
    return {
        server: endpoint.server,
        caPem: endpoint.caPem,
        token: endpoint.idToken,
        expiresAt: jwtExpiry(endpoint.idToken, deps.now()),
        platform: "iks",
    };
}

/** Reuse a credential until this long before it expires. */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/** A cache entry's key: the cluster and the stack's key ("" and none are the same). */
const entryKey = (cluster: string, stackApiKey?: string) => `${cluster}\u0000${stackApiKey ?? ""}`;

/**
 * One credential per cluster and key per process, reused until shortly before it expires, with a single
 * request in flight: a hundred references created at once cause one mint, not a hundred (IAM answers
 * bursts with 429).
 */
export class CredentialCache {
    private readonly entries = new Map<string, Promise<ClusterCredential>>();

    constructor(
        private readonly mint: (cluster: string, stackApiKey?: string) => Promise<ClusterCredential>,
        private readonly now: () => Date = () => new Date(),
    ) {}

    async get(cluster: string, stackApiKey?: string): Promise<ClusterCredential> {
        const key = entryKey(cluster, stackApiKey);
        const cached = this.entries.get(key);
        if (cached) {
            // A mint in flight is shared, its failure too (the entry is dropped, so a later call tries again).
            const credential = await cached;
            if (credential.expiresAt.getTime() - EXPIRY_MARGIN_MS > this.now().getTime()) return credential;
            if (this.entries.get(key) === cached) this.entries.delete(key);
            return this.get(cluster, stackApiKey);
        }
        const pending = this.mint(cluster, stackApiKey);
        this.entries.set(key, pending);
        // The entry is still `pending` when it fails: every other path awaits it before replacing it, and this
        // handler, attached first, runs first.
        pending.catch(() => this.entries.delete(key));
        return pending;
    }

    /**
     * Forgets `refused` (the API server answered 401 to it: revoked, or the cluster's OAuth server restarted),
     * so the next get mints a fresh one. A newer credential someone else has minted meanwhile is kept.
     */
    async evict(cluster: string, stackApiKey: string | undefined, refused: ClusterCredential): Promise<void> {
        const key = entryKey(cluster, stackApiKey);
        const cached = this.entries.get(key);
        if (!cached) return;
        const credential = await cached.catch(() => undefined);
        if (credential === refused && this.entries.get(key) === cached) this.entries.delete(key);
    }
}
