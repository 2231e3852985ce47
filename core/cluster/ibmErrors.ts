/**
 * IBM Cloud's error answers on the credential path, and the messages made of them. Pure.
 *
 * The containers API (IKS and Red Hat OpenShift on IBM Cloud) answers an error with a flat JSON object
 * `{incidentID, code, description, type, recoveryCLI}`, for example (IBM-Cloud/terraform-provider-ibm#4163):
 *   404 {"incidentID":"40d606eb-…","code":"G0004","description":"The specified cluster could not be found. If
 *   applicable, make sure that you target the correct account and resource group.","type":"General",…}
 * IBM's own Go client does not parse it: IBM-Cloud/bluemix-go at 576d2f8, client/client.go:91 passes no error
 * target and rest/client.go:107-120 turns any non-2xx into a RequestFailure whose Description() is the raw body
 * (bmxerror/types.go:30-57). Its callers decide "cluster gone" on the status and a phrase of that body:
 * IBM-Cloud/terraform-provider-ibm at 9f9b7ec, ibm/service/kubernetes/resource_ibm_container_vpc_cluster.go:1125
 * and resource_ibm_container_cluster.go:1553:
 *   apiErr.StatusCode() == 404 && strings.Contains(apiErr.Description(), "The specified cluster could not be found")
 * isClusterNotFound is that test, with the body required to be a JSON object whose `description` holds the
 * phrase: an HTML or plain 404 (a wrong IBMCLOUD_CS_API_ENDPOINT, a proxy) is not IBM saying "not found".
 * The codes seen with it are G0004, A0006 (terraform-provider-ibm#3449) and E0008; the code is not required.
 *
 * IAM's token endpoint answers `{errorCode, errorMessage, errorDetails?, context: {requestId, clientIp, host, …}}`
 * (bluemix-go authentication/iam.go:14-27, 184-216); only errorCode, errorMessage and context.requestId are
 * ever repeated here, never the rest of `context` (the caller's IP address, IAM's hosts).
 */
import { hostOf, maskedExcerpt, transportReason, urlForMessage } from "../input/errorText";

/** The phrase IBM's clients look for (terraform-provider-ibm resource_ibm_container_vpc_cluster.go:1125). */
export const CLUSTER_NOT_FOUND_TEXT = "The specified cluster could not be found";

/** The parts of an IBM error body repeated in messages, each checked; anything else is left out. */
export interface IbmErrorBody {
    /** IBM's human text: the containers API's `description`, IAM's `errorMessage`, or a `message`. */
    readonly text?: string;
    /** `G0004`, `BXNIM0415E`: only when shaped as IBM's codes are. */
    readonly code?: string;
    /** The containers API's `incidentID` (one or more, deduplicated), when shaped as IBM's are. */
    readonly incidents?: readonly string[];
    /** IAM's `context.requestId`, when shaped as IAM's are. */
    readonly requestId?: string;
}

/** A containers-API code (G0004, A0006, E0008, E60b6) or an IAM code (BXNIM0415E). */
const CODE = /^(?:[A-Z][0-9A-Za-z]{4}|[A-Z]{2,10}[0-9]{3,5}[A-Z]?)$/;
/** A UUID, or the older `586fe36e84cf9fb2-IAD` form. */
const INCIDENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16}-[A-Z]{3})$/i;
/** IAM's request IDs: hex, with or without dashes. */
const REQUEST_ID = /^[0-9a-f][0-9a-f-]{7,63}$/i;

function jsonObject(body: string): Record<string, unknown> | undefined {
    try {
        const parsed: unknown = JSON.parse(body);
        // Stryker disable BlockStatement: an emptied catch below falls off the function's end, which returns undefined too
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
            ? (parsed as Record<string, unknown>)
            : undefined;
    } catch {
        return undefined;
    }
}
// Stryker restore BlockStatement

const stringOf = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** `v` when it is a string of `pattern`'s shape (an array or number is not, whatever its text). */
const shaped = (v: unknown, pattern: RegExp): string | undefined =>
    typeof v === "string" && pattern.test(v) ? v : undefined;

/** The checked parts of an IBM error body (containers API or IAM); undefined when it is no JSON object. */
export function parseIbmError(body: string): IbmErrorBody | undefined {
    const o = jsonObject(body);
    if (o === undefined) return undefined;
    const text = stringOf(o.description) ?? stringOf(o.errorMessage) ?? stringOf(o.message);
    const code = shaped(o.code, CODE) ?? shaped(o.errorCode, CODE);
    const incidents = [
        ...new Set(
            stringOf(o.incidentID)
                ?.split(",")
                .map((s) => s.trim()),
        ),
    ].filter((s) => INCIDENT.test(s));
    // A string, number or boolean `context` has no requestId either.
    const requestId = shaped((o.context as { requestId?: unknown } | null | undefined)?.requestId, REQUEST_ID);
    return {
        ...(text !== undefined ? { text } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(incidents.length > 0 ? { incidents } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
    };
}

/** IBM's answer that the cluster does not exist, as terraform-provider-ibm recognises it. */
export function isClusterNotFound(status: number, body: string): boolean {
    const description = jsonObject(body)?.description;
    return status === 404 && typeof description === "string" && description.includes(CLUSTER_NOT_FOUND_TEXT);
}

/** `(G0004, incident 40d6…)`, `(BXNIM0415E, request 583a…)`, or "" when the body names none of them. */
function references(e: IbmErrorBody): string {
    const parts = [
        ...(e.code ? [e.code] : []),
        ...(e.incidents ?? []).map((i) => `incident ${i}`),
        ...(e.requestId ? [`request ${e.requestId}`] : []),
    ];
    return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/**
 * `: <IBM's text, masked> (<code>, incident <id>)`: what follows a status in a message. The text is cut to 200
 * characters and token-shaped runs masked; the code, incident and request IDs are checked, so kept whole.
 */
export function ibmDetail(body: string): string {
    const e = parseIbmError(body);
    if (!e) return "";
    return `${e.text !== undefined ? `: ${maskedExcerpt(e.text)}` : ""}${references(e)}`;
}

/** `cluster NAME: STEP failed with HTTP 403: <IBM's text> (<code>, incident <id>)`. */
export function stepFailureMessage(cluster: string, step: string, status: number, body: string): string {
    return `cluster ${cluster}: ${step} failed with HTTP ${status}${ibmDetail(body)}`;
}

/** IBM said the cluster does not exist: its words and references, and what else that answer can mean. */
export function clusterGoneMessage(cluster: string, step: string, body: string): string {
    const answer = `cluster ${cluster} was not found by IBM Cloud: ${step} answered HTTP 404${ibmDetail(body)}`;
    return (
        `${/[.)]$/.test(answer) ? answer : `${answer}.`} If the cluster still exists, this API key may simply not ` +
        "see it: a key of another account, or one without access to the cluster or its resource group"
    );
}

/** A 404 that is not IBM's "cluster not found" answer: an error naming the URL, never "gone". */
export function unrecognisedNotFoundMessage(cluster: string, step: string, url: string, body: string): string {
    return (
        `cluster ${cluster}: ${step} failed with HTTP 404 from ${urlForMessage(url)}${ibmDetail(body)} ` +
        `(not IBM's "cluster not found" answer; check IBMCLOUD_CS_API_ENDPOINT)`
    );
}

/**
 * No answer at all (DNS, refused, reset, timeout, TLS): the host, never the URL's query or the request body,
 * and the error's code rather than its text.
 */
export function unreachableMessage(cluster: string, step: string, url: string, err: unknown): string {
    return `cluster ${cluster}: ${step} failed: could not reach ${hostOf(url)} (${transportReason(err)})`;
}
