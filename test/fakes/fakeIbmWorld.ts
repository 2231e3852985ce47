/**
 * IBM Cloud and one cluster, faked on 127.0.0.1 for the boundary tests:
 * - IAM (`POST /identity/token`) and the containers API (`POST /global/v2/applyRBACAndGetKubeconfig`,
 *   `GET /global/v2/getRBACStatus`), answering as IBM does for one API key and one cluster name;
 * - the cluster's API server: `/version` and ServiceAccount GET / JSON PATCH, each checking the bearer
 *   token; for OpenShift also the OAuth discovery document and the authorize endpoint.
 * Every request is counted, so tests can assert how many calls an operation costs.
 */
import { zipSync, strToU8 } from "fflate";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { AddressInfo } from "net";
import { FakeServiceAccounts, HttpError, applyJsonPatch } from "./fakeServiceAccounts";

export interface FakeWorldOptions {
    readonly cluster: string;
    readonly apiKey: string;
    readonly platform: "iks" | "openshift";
}

const SA_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/?]+)/;
const SECRET_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/?]+)$/;

/** A Secret of the fake cluster, as the API returns it (data base64-encoded). */
export interface FakeSecret {
    readonly type: string;
    readonly data: Record<string, string>;
    readonly metadata?: { readonly resourceVersion?: string; readonly annotations?: Record<string, string> };
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
    /** Runs before a Secret patch is applied: lets a test edit the Secret "concurrently". */
    beforeSecretPatch?: (world: FakeIbmWorld, key: string) => void;
    private secretVersion = 500;
    readonly ibmCalls: string[] = [];
    readonly clusterCalls: string[] = [];
    /** IBM answers 404 for the cluster: it has been deleted. */
    clusterGone = false;
    /** The token the API server accepts (an IAM id-token for IKS, an OAuth token for OpenShift). */
    readonly clusterToken: string;
    private ibm?: http.Server;
    private cluster?: http.Server;

    constructor(readonly options: FakeWorldOptions) {
        this.clusterToken =
            options.platform === "iks"
                ? jwt({
                      iss: "https://iam.cloud.ibm.com/identity",
                      aud: "kube",
                      exp: Math.floor(Date.now() / 1000) + 3600,
                  })
                : "sha256~fake-openshift-oauth-token";
    }

    get ibmUrl(): string {
        return `http://127.0.0.1:${(this.ibm!.address() as AddressInfo).port}`;
    }

    get clusterUrl(): string {
        return `https://127.0.0.1:${(this.cluster!.address() as AddressInfo).port}`;
    }

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
        const close = (s?: http.Server) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
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
                return json(400, { errorCode: "BXNIM0415E", errorMessage: "Provided API key could not be found." });
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
            if (this.clusterGone || JSON.parse(body).cluster !== this.options.cluster) {
                return json(404, { code: "E0006", description: "The specified cluster could not be found." });
            }
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
            return send(401, { kind: "Status", code: 401, message: "Unauthorized" });
        if (url.pathname === "/version") return send(200, { major: "1", minor: "31", gitVersion: "v1.31.4+IKS" });
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
                if (!current) return send(404, { kind: "Status", code: 404, reason: "NotFound" });
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
                    return send(code, { kind: "Status", code, message: String(err) });
                }
            }
            const found = this.secrets.get(key);
            return found ? send(200, asServed(found)) : send(404, { kind: "Status", code: 404, reason: "NotFound" });
        }
        const m = SA_PATH.exec(url.pathname);
        if (!m) return send(404, { kind: "Status", code: 404 });
        const [, ns, name] = m;
        try {
            if (req.method === "GET") {
                const sa = this.serviceAccounts.get(ns, name);
                return sa
                    ? send(200, { apiVersion: "v1", kind: "ServiceAccount", ...sa })
                    : send(404, { kind: "Status", code: 404 });
            }
            if (req.method === "PATCH") {
                if (req.headers["content-type"] !== "application/json-patch+json")
                    return send(415, { kind: "Status", code: 415 });
                await this.serviceAccounts.patch(ns, name, JSON.parse(body));
                return send(200, { apiVersion: "v1", kind: "ServiceAccount", ...this.serviceAccounts.get(ns, name) });
            }
            send(405, { kind: "Status", code: 405 });
        } catch (err) {
            const code = err instanceof HttpError ? err.statusCode : 500;
            send(code, { kind: "Status", code, message: String(err) });
        }
    }
}
