/**
 * Red Hat OpenShift on IBM Cloud: the API server takes OpenShift OAuth tokens, not IAM tokens, so the API
 * key is exchanged at the cluster's OAuth server, as IBM's client does (IBM-Cloud/bluemix-go
 * api/container/containerv2/openshift.go:169-193 discovery, 243-291 authorize):
 *   GET <server>/.well-known/oauth-authorization-server → authorization_endpoint
 *   GET <authorization_endpoint>?response_type=token&client_id=openshift-challenging-client
 *       with Basic base64("apikey:<key>"), redirects not followed
 *   → 302, Location fragment access_token=…&expires_in=86400.
 * The discovery document also tells the two platforms apart: IKS has no OAuth server.
 */
import * as tls from "tls";
import { HttpRequest, RetryPolicy, Transport, sendWithRetries } from "./http";
import { unreachableMessage } from "./ibmErrors";

export interface OAuthToken {
    readonly token: string;
    readonly expiresAt: Date;
}

/** Trust the public roots (ROKS endpoints use public certificates) plus the cluster's CA when known. */
function trust(caPem?: string): Pick<HttpRequest, "ca"> {
    return caPem ? { ca: [...tls.rootCertificates, caPem].join("\n") } : {};
}

/** The OAuth authorization endpoint when the cluster is OpenShift, undefined when it is not. */
export async function openShiftAuthorizationEndpoint(
    cluster: string,
    server: string,
    caPem: string | undefined,
    transport: Transport,
    retry?: RetryPolicy,
): Promise<string | undefined> {
    const url = `${server.replace(/\/+$/, "")}/.well-known/oauth-authorization-server`;
    let res;
    try {
        res = await sendWithRetries(
            transport,
            { method: "GET", url, headers: { Accept: "application/json" }, ...trust(caPem) },
            retry,
        );
    } catch (err) {
        throw new Error(`cluster ${cluster}: could not reach its API server at ${server} (${(err as Error).message})`, {
            cause: err,
        });
    }
    if (res.status !== 200) return undefined;
    try {
        // A body that is JSON null throws here too, and is caught below like any unreadable document.
        const endpoint = JSON.parse(res.body.toString("utf8")).authorization_endpoint;
        // Stryker disable BlockStatement: an emptied catch below falls off the function's end, which returns undefined too
        return typeof endpoint === "string" && /^https?:\/\//.test(endpoint) ? endpoint : undefined;
    } catch {
        return undefined;
    }
}
// Stryker restore BlockStatement

const DEFAULT_LIFETIME_S = 24 * 3600;

/** Exchanges the API key for an OpenShift OAuth access token. */
export async function openShiftToken(
    cluster: string,
    authorizationEndpoint: string,
    apiKey: string,
    caPem: string | undefined,
    now: Date,
    transport: Transport,
    retry?: RetryPolicy,
): Promise<OAuthToken> {
    const url = new URL(authorizationEndpoint);
    url.searchParams.set("response_type", "token");
    url.searchParams.set("client_id", "openshift-challenging-client");
    let res;
    try {
        res = await sendWithRetries(
            transport,
            {
                method: "GET",
                url: url.toString(),
                headers: {
                    Authorization: `Basic ${Buffer.from(`apikey:${apiKey}`).toString("base64")}`,
                    // OpenShift's OAuth server wants it on challenge-based logins (IBM's docs send it too).
                    "X-CSRF-Token": "a",
                },
                ...trust(caPem),
            },
            retry,
        );
    } catch (err) {
        throw new Error(unreachableMessage(cluster, "OpenShift OAuth token for the API key", url.toString(), err), {
            cause: err,
        });
    }
    const location = res.headers.location;
    if (res.status !== 302 || !location) {
        throw new Error(
            `cluster ${cluster}: the OpenShift OAuth server did not grant a token for the API key (HTTP ${res.status})`,
        );
    }
    const fragment = new URLSearchParams(new URL(location, authorizationEndpoint).hash.slice(1));
    const token = fragment.get("access_token");
    if (!token) throw new Error(`cluster ${cluster}: the OpenShift OAuth server's answer holds no access token`);
    const lifetime = Number(fragment.get("expires_in")) || DEFAULT_LIFETIME_S;
    return { token, expiresAt: new Date(now.getTime() + lifetime * 1000) };
}
