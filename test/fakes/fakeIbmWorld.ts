/**
 * IBM Cloud and one cluster, faked on 127.0.0.1 for the boundary tests:
 * - IAM (`POST /identity/token`) and the containers API (`POST /global/v2/applyRBACAndGetKubeconfig`,
 *   `GET /global/v2/getRBACStatus`), answering as IBM does for one API key and one cluster name;
 * - the cluster's API server: `/version` and ServiceAccount GET / JSON PATCH, each checking the bearer
 *   token; for OpenShift also the OAuth discovery document and the authorize endpoint.
 * Every request is counted, so tests can assert how many calls an operation costs. Error answers are IBM's and
 * kube-apiserver's own shapes (core/cluster/ibmErrors.ts, core/kubernetes/apiErrors.ts), and a test can make
 * IBM answer "cluster not found" or a wrong endpoint's HTML 404, the API server refuse ServiceAccounts, the
 * cluster's token change, or the API server go away.
 */
import { zipSync, strToU8 } from "fflate";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { AddressInfo } from "net";
import { FakeServiceAccounts, HttpError, applyJsonPatch } from "./fakeServiceAccounts";
import { FakeKyvernoApi } from "./fakeKyvernoApi";

export interface FakeWorldOptions {
    readonly cluster: string;
    readonly apiKey: string;
    readonly platform: "iks" | "openshift";
}

const SA_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/?]+)/;
const SECRET_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/?]+)$/;
const BUILD_CONFIG_PATH = /^\/apis\/build\.openshift\.io\/v1\/namespaces\/([^/]+)\/buildconfigs\/([^/?]+)$/;

/** A Secret of the fake cluster, as the API returns it (data base64-encoded). */
export interface FakeSecret {
    readonly type: string;
    readonly data: Record<string, string>;
    readonly metadata?: {
        readonly resourceVersion?: string;
        readonly annotations?: Record<string, string>;
        readonly labels?: Record<string, string>;
    };
}

/** IBM's 404 for a cluster it does not know (terraform-provider-ibm#4163, 2022). */
export const G0004_BODY = {
    incidentID: "40d606eb-99bb-42b6-9731-8a3597be17c3",
    code: "G0004",
    description:
        "The specified cluster could not be found. If applicable, make sure that you target the correct account and resource group.",
    type: "General",
    recoveryCLI:
        "To list the clusters you have access to, run 'ibmcloud ks cluster ls'. To list the resource groups that you have access to, run 'ibmcloud resource groups'. To target the resource group, run 'ibmcloud target -g <resource_group>'.",
};

/** What a web server that is not IBM's containers API answers (a wrong IBMCLOUD_CS_API_ENDPOINT). */
export const NGINX_404 =
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** A response header of the API server's error answers: the client's own exception text would quote it. */
export const HEADER_CANARY = "HEADER-CANARY-5e1f-audit";

const REASONS: Record<number, string> = {
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    422: "Invalid",
    500: "InternalError",
};

/** kube-apiserver's Status for an error (k8s.io/apimachinery pkg/apis/meta/v1 types.go Status). */
function status(code: number, message: string, details?: unknown) {
    return {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message,
        ...(REASONS[code] ? { reason: REASONS[code] } : {}),
        ...(details ? { details } : {}),
        code,
    };
}

function jwt(claims: Record<string, unknown>): string {
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The test-only CA of the fake API server (client-go runs exec plugins only over TLS). */
const TLS_DIR = path.join(__dirname, "..", "fixtures", "loopback-tls");
export const LOOPBACK_CA = fs.readFileSync(path.join(TLS_DIR, "cert.pem"), "utf8");

function listen(handler: http.RequestListener, tls = false): Promise<http.Server> {
    const server = tls
        ? https.createServer({ cert: LOOPBACK_CA, key: fs.readFileSync(path.join(TLS_DIR, "key.pem")) }, handler)
        : http.createServer(handler);
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => resolve(body));
    });
}

export class FakeIbmWorld {
    readonly serviceAccounts = new FakeServiceAccounts();
    /** Secrets by `namespace/name`: GET, and JSON PATCH as kube-apiserver applies it (resourceVersion bumped). */
    readonly secrets = new Map<string, FakeSecret>();
    /** Kyverno's CRDs and ClusterPolicies, Namespaces, and Secrets and ServiceAccounts listed (test/fakes/fakeKyvernoApi.ts). */
    readonly kyverno = new FakeKyvernoApi();
    /** OpenShift BuildConfigs by `namespace/name` (build.openshift.io/v1): GET and JSON PATCH, as Secrets. */
    readonly buildConfigs = new Map<string, Record<string, unknown>>();
    /** Runs before a Secret patch is applied: lets a test edit the Secret "concurrently". */
    beforeSecretPatch?: (world: FakeIbmWorld, key: string) => void;
    private secretVersion = 500;
    readonly ibmCalls: string[] = [];
    readonly clusterCalls: string[] = [];
    /** IBM answers its G0004 404 for the cluster: it has been deleted. */
    clusterGone = false;
    /** The containers API is not there: applyRBACAndGetKubeconfig gets a web server's HTML 404. */
    wrongEndpoint = false;
    /** The API server answers every ServiceAccount request with this status: 403 and 500 as kube-apiserver, 404 as a proxy. */
    serviceAccountStatus?: number;
    /** The token the API server accepts (an IAM id-token for IKS, an OAuth token for OpenShift). */
    clusterToken: string;
    private tokens = 0;
    private ibm?: http.Server;
    private cluster?: http.Server;

    constructor(readonly options: FakeWorldOptions) {
        this.clusterToken = this.newToken();
    }

    private newToken(): string {
        const canary = `TOKEN-CANARY-${++this.tokens}`;
        return this.options.platform === "iks"
            ? jwt({
                  iss: "https://iam.cloud.ibm.com/identity",
                  aud: "kube",
                  sub: canary,
                  exp: Math.floor(Date.now() / 1000) + 3600,
              })
            : `sha256~fake-openshift-oauth-token-${canary}`;
    }

    /** The API server stops taking the token handed out so far (revoked); IBM hands out the new one. */
    rotateClusterToken(): void {
        this.clusterToken = this.newToken();
    }

    /** The API server goes away: its port refuses connections from now on (open ones are cut). */
    stopApiServer(): Promise<void> {
        const server = this.cluster;
        this.cluster = undefined;
        server?.closeAllConnections();
        return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }

    get ibmUrl(): string {
        return `http://127.0.0.1:${(this.ibm!.address() as AddressInfo).port}`;
    }

    get clusterUrl(): string {
        if (this.cluster) this.clusterPort = (this.cluster.address() as AddressInfo).port;
        return `https://127.0.0.1:${this.clusterPort}`;
    }
    private clusterPort = 0;

    /** The endpoint overrides (as for the ibm provider) that point the credential code here. */
    env(): Record<string, string> {
        return { IBMCLOUD_IAM_API_ENDPOINT: this.ibmUrl, IBMCLOUD_CS_API_ENDPOINT: `${this.ibmUrl}/global` };
    }

    async start(): Promise<this> {
        this.ibm = await listen((req, res) => void this.serveIbm(req, res));
        this.cluster = await listen((req, res) => void this.serveCluster(req, res), true);
        return this;
    }

    stop(): Promise<void> {
        const close = (s?: http.Server) =>
            new Promise<void>((resolve) => {
                s?.closeAllConnections();
                return s ? s.close(() => resolve()) : resolve();
            });
        return Promise.all([close(this.ibm), close(this.cluster)]).then(() => undefined);
    }

    private kubeconfigZip(): Uint8Array {
        const yml = [
            "apiVersion: v1",
            "kind: Config",
            `clusters: [{name: ${this.options.cluster}/c0ffee, cluster: {server: '${this.clusterUrl}', certificate-authority: ca-${this.options.cluster}.pem}}]`,
            "users:",
            "- name: someone@example.com/acct/iam.cloud.ibm.com-identity",
            "  user:",
            "    auth-provider:",
            "      name: oidc",
            `      config: {client-id: kube, client-secret: kube, id-token: '${this.options.platform === "iks" ? this.clusterToken : jwt({ aud: "kube" })}', idp-issuer-url: 'https://iam.cloud.ibm.com/identity', refresh-token: r}`,
            `contexts: [{name: ${this.options.cluster}/c0ffee, context: {cluster: ${this.options.cluster}/c0ffee, user: someone@example.com/acct/iam.cloud.ibm.com-identity}}]`,
            `current-context: ${this.options.cluster}/c0ffee`,
            "",
        ].join("\n");
        const dir = `kubeConfig-${this.options.cluster}`;
        return zipSync({
            [`${dir}/kube-config-${this.options.cluster}.yml`]: strToU8(yml),
            [`${dir}/ca-${this.options.cluster}.pem`]: strToU8(LOOPBACK_CA),
        });
    }

    private async serveIbm(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const body = await readBody(req);
        const url = new URL(req.url ?? "/", this.ibmUrl);
        this.ibmCalls.push(`${req.method} ${url.pathname}`);
        const json = (code: number, obj: unknown) => {
            res.writeHead(code, { "Content-Type": "application/json" });
            res.end(JSON.stringify(obj));
        };
        if (req.method === "POST" && url.pathname === "/identity/token") {
            const form = new URLSearchParams(body);
            if (form.get("apikey") !== this.options.apiKey)
                return json(400, {
                    context: { requestId: "583ab17ab34d44fe890aef44f9fbee0b", clientIp: "70.80.204.99" },
                    errorCode: "BXNIM0415E",
                    errorMessage: "Provided API key could not be found.",
                });
            return json(200, {
                access_token: "IAM-ACCESS-TOKEN",
                refresh_token: "IAM-REFRESH",
                token_type: "Bearer",
                expires_in: 3600,
            });
        }
        if (req.headers.authorization !== "Bearer IAM-ACCESS-TOKEN")
            return json(401, { description: "not authorized" });
        if (req.method === "POST" && url.pathname === "/global/v2/applyRBACAndGetKubeconfig") {
            if (this.wrongEndpoint) {
                res.writeHead(404, { "Content-Type": "text/html" });
                return void res.end(NGINX_404);
            }
            if (this.clusterGone || JSON.parse(body).cluster !== this.options.cluster) return json(404, G0004_BODY);
            res.writeHead(200, { "Content-Type": "application/zip" });
            return void res.end(Buffer.from(this.kubeconfigZip()));
        }
        if (req.method === "GET" && url.pathname === "/global/v2/getRBACStatus")
            return json(200, { synchronized: true, error: false });
        json(404, { description: "no such call" });
    }

    private async serveCluster(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const body = await readBody(req);
        const url = new URL(req.url ?? "/", this.clusterUrl);
        this.clusterCalls.push(`${req.method} ${url.pathname}`);
        const send = (code: number, obj: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(code, { "Content-Type": "application/json", ...headers });
            res.end(JSON.stringify(obj));
        };
        const openshift = this.options.platform === "openshift";
        if (url.pathname === "/.well-known/oauth-authorization-server") {
            return openshift
                ? send(200, { issuer: this.clusterUrl, authorization_endpoint: `${this.clusterUrl}/oauth/authorize` })
                : send(404, { kind: "Status", code: 404 });
        }
        if (openshift && url.pathname === "/oauth/authorize") {
            const expected = `Basic ${Buffer.from(`apikey:${this.options.apiKey}`).toString("base64")}`;
            const ok =
                req.headers.authorization === expected &&
                url.searchParams.get("client_id") === "openshift-challenging-client" &&
                url.searchParams.get("response_type") === "token";
            if (!ok) return send(401, { error: "unauthorized" });
            return send(
                302,
                {},
                {
                    Location: `${this.clusterUrl}/oauth/token/implicit#access_token=${this.clusterToken}&expires_in=86400&scope=user%3Afull&token_type=Bearer`,
                },
            );
        }
        if (req.headers.authorization !== `Bearer ${this.clusterToken}`)
            return send(401, status(401, "Unauthorized"), { "Audit-Id": HEADER_CANARY });
        if (url.pathname === "/version") return send(200, { major: "1", minor: "31", gitVersion: "v1.31.4+IKS" });
        const kyverno = this.kyverno.serve(req.method ?? "GET", url, body, this);
        if (kyverno) return send(kyverno.code, kyverno.body);
        const secretPath = SECRET_PATH.exec(url.pathname);
        if (secretPath && (req.method === "GET" || req.method === "PATCH")) {
            const key = `${secretPath[1]}/${secretPath[2]}`;
            const asServed = (s: FakeSecret) => ({
                apiVersion: "v1",
                kind: "Secret",
                ...s,
                metadata: { namespace: secretPath[1], name: secretPath[2], ...s.metadata },
            });
            if (req.method === "PATCH") {
                if (req.headers["content-type"] !== "application/json-patch+json")
                    return send(415, { kind: "Status", code: 415 });
                this.beforeSecretPatch?.(this, key);
                const current = this.secrets.get(key);
                if (!current) return send(404, status(404, `secrets "${secretPath[2]}" not found`));
                try {
                    const {
                        apiVersion: _v,
                        kind: _k,
                        ...patched
                    } = applyJsonPatch(asServed(current), JSON.parse(body));
                    const metadata = { ...patched.metadata, resourceVersion: String(++this.secretVersion) };
                    this.secrets.set(key, { ...(patched as FakeSecret), metadata });
                } catch (err) {
                    const code = err instanceof HttpError ? err.statusCode : 500;
                    return send(code, status(code, String(err)));
                }
            }
            const found = this.secrets.get(key);
            return found ? send(200, asServed(found)) : send(404, status(404, `secrets "${secretPath[2]}" not found`));
        }
        const bcPath = BUILD_CONFIG_PATH.exec(url.pathname);
        if (bcPath) return this.serveBuildConfig(req, bcPath[1], bcPath[2], body, send);
        const m = SA_PATH.exec(url.pathname);
        if (!m) return send(404, { kind: "Status", code: 404 });
        const [, ns, name] = m;
        if (this.serviceAccountStatus === 404) {
            // Not kube-apiserver's NotFound: what a proxy or a wrong path answers.
            res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Audit-Id": HEADER_CANARY });
            return void res.end("404 page not found\n");
        }
        if (this.serviceAccountStatus) return this.refuseServiceAccount(this.serviceAccountStatus, ns, name, send);
        try {
            if (req.method === "GET") {
                const sa = this.serviceAccounts.get(ns, name);
                return sa
                    ? send(200, { apiVersion: "v1", kind: "ServiceAccount", ...sa })
                    : send(404, status(404, `serviceaccounts "${name}" not found`));
            }
            if (req.method === "PATCH") {
                if (req.headers["content-type"] !== "application/json-patch+json")
                    return send(415, { kind: "Status", code: 415 });
                await this.serviceAccounts.patch(ns, name, JSON.parse(body));
                return send(200, { apiVersion: "v1", kind: "ServiceAccount", ...this.serviceAccounts.get(ns, name) });
            }
            send(405, status(405, "the server does not allow this method on the requested resource"));
        } catch (err) {
            const code = err instanceof HttpError ? err.statusCode : 500;
            send(code, status(code, code === 404 ? `serviceaccounts "${name}" not found` : String(err)));
        }
    }

    /** A BuildConfig: GET, or JSON PATCH applied as kube-apiserver does (whole patch or nothing, version bumped). */
    private serveBuildConfig(
        req: http.IncomingMessage,
        ns: string,
        name: string,
        body: string,
        send: (code: number, obj: unknown, headers?: Record<string, string>) => void,
    ): void {
        const key = `${ns}/${name}`;
        const current = this.buildConfigs.get(key);
        const notFound = status(404, `buildconfigs.build.openshift.io "${name}" not found`);
        if (!current) return send(404, notFound);
        if (req.method === "PATCH") {
            if (req.headers["content-type"] !== "application/json-patch+json")
                return send(415, { kind: "Status", code: 415 });
            try {
                const patched = applyJsonPatch(current, JSON.parse(body)) as { metadata: Record<string, unknown> };
                const metadata = { ...patched.metadata, resourceVersion: String(++this.secretVersion) };
                this.buildConfigs.set(key, { ...patched, metadata });
            } catch (err) {
                const code = err instanceof HttpError ? err.statusCode : 500;
                return send(code, status(code, String(err)));
            }
        }
        send(200, { apiVersion: "build.openshift.io/v1", kind: "BuildConfig", ...this.buildConfigs.get(key) });
    }

    /**
     * kube-apiserver's refusal of a ServiceAccount request. The body's details and a header carry the bearer
     * token and HEADER_CANARY: a message quoting the client's exception would show them.
     */
    private refuseServiceAccount(
        code: number,
        ns: string,
        name: string,
        send: (code: number, obj: unknown, headers?: Record<string, string>) => void,
    ): void {
        const message =
            code === 403
                ? `serviceaccounts "${name}" is forbidden: User "IAM#ops@example.com" cannot get resource "serviceaccounts" in API group "" in the namespace "${ns}"`
                : "Internal error occurred: etcdserver: request timed out";
        const details = { name, kind: "serviceaccounts", causes: [{ message: `Bearer ${this.clusterToken}` }] };
        send(code, status(code, message, details), { "Audit-Id": HEADER_CANARY });
    }
}
