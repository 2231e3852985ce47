/**
 * core/kubernetes/apiErrors.ts: the API server's errors as @kubernetes/client-node 1.4.0 throws them, turned into
 * one message naming the step, the object, the cluster and the API server's Status message; never the client's
 * own text (headers and body), never a token.
 */
import { ApiCall, KubernetesApiError, apiErrorMessage, apiFailure, isAbsent } from "../../core/kubernetes/apiErrors";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.TOKEN-CANARY-payload.c2lnbmF0dXJl";
const HEADER = "HEADER-CANARY-audit-7f3e";

/** client-node 1.4.0's ApiException (dist/gen/apis/exception.js:10-17), as it builds its message. */
class ApiException extends Error {
    constructor(
        readonly code: number,
        message: string,
        readonly body: unknown,
        readonly headers: Record<string, string>,
    ) {
        super(
            "HTTP-Code: " +
                code +
                "\nMessage: " +
                message +
                "\nBody: " +
                JSON.stringify(body) +
                "\nHeaders: " +
                JSON.stringify(headers),
        );
    }
}

/** kube-apiserver's Status, as the response text client-node hands over (getBodyAsAny). */
const status = (code: number, reason: string, message: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message,
        reason,
        code,
        ...extra,
    });

const FORBIDDEN = new ApiException(
    403,
    "Unknown API Status Code!",
    status(
        403,
        "Forbidden",
        'serviceaccounts "default" is forbidden: User "IAM#ops@example.com" cannot get resource "serviceaccounts" in API group "" in the namespace "team-a"',
        { details: { causes: [{ message: `Bearer ${TOKEN}` }] } },
    ),
    { "audit-id": HEADER, "content-type": "application/json" },
);
const NOT_FOUND = new ApiException(
    404,
    "Unknown API Status Code!",
    status(404, "NotFound", 'serviceaccounts "default" not found', {
        details: { name: "default", kind: "serviceaccounts" },
    }),
    { "audit-id": HEADER },
);
const UNAUTHORIZED = new ApiException(401, "Unauthorized", undefined, { "audit-id": HEADER });
/** node-fetch's FetchError for a refused connection. */
const REFUSED = Object.assign(
    new Error(
        "request to https://127.0.0.1:31234/api/v1/namespaces/team-a/serviceaccounts/default failed, reason: connect ECONNREFUSED 127.0.0.1:31234",
    ),
    { name: "FetchError", type: "system", code: "ECONNREFUSED", errno: "ECONNREFUSED" },
);

const read: ApiCall = {
    verb: "read",
    object: "ServiceAccount team-a/default",
    where: "cluster dev-cluster",
    server: "https://u:p@c111.us-south.containers.cloud.ibm.com:31234/",
};

function expectClean(message: string): void {
    for (const leak of [TOKEN, "TOKEN-CANARY", HEADER, "HTTP-Code", "Headers:", "Body:", "audit-id", "Bearer"])
        expect(message).not.toContain(leak);
}

describe("apiFailure", () => {
    test("an ApiException: its status, and the Status's reason and message from the response text", () => {
        expect(apiFailure(FORBIDDEN)).toEqual({
            status: 403,
            reason: "Forbidden",
            message:
                'serviceaccounts "default" is forbidden: User "IAM#ops@example.com" cannot get resource "serviceaccounts" in API group "" in the namespace "team-a"',
        });
        expect(apiFailure(UNAUTHORIZED)).toEqual({ status: 401 });
    });

    test("a Status given as an object counts too; a body that is no Status gives the status alone", () => {
        expect(apiFailure({ code: 409, body: { kind: "Status", reason: "Conflict", message: "m" } })).toEqual({
            status: 409,
            reason: "Conflict",
            message: "m",
        });
        for (const body of [
            "<html>404 Not Found</html>",
            "",
            "null",
            JSON.stringify({ reason: "NotFound", message: "m" }),
            JSON.stringify({ kind: "ServiceAccount" }),
            { kind: "Status", reason: 7, message: ["m"] },
            null,
        ]) {
            expect(apiFailure({ code: 404, body })).toEqual({ status: 404 });
        }
    });

    test("no status: node's code, else the error's message masked", () => {
        expect(apiFailure(REFUSED)).toEqual({ transport: "ECONNREFUSED" });
        expect(apiFailure(new Error(`socket closed ${TOKEN}`))).toEqual({ transport: "socket closed [redacted]" });
        expect(apiFailure({ code: "404" })).toEqual({ transport: "[object Object]" });
        expect(apiFailure(undefined)).toEqual({ transport: "undefined" });
    });
});

describe("isAbsent: only the API server's own NotFound", () => {
    test("a 404 Status with reason NotFound", () => {
        expect(isAbsent(apiFailure(NOT_FOUND))).toBe(true);
    });
    test("not a 404 without that Status (a proxy, a wrong path), nor NotFound with another status", () => {
        expect(isAbsent(apiFailure({ code: 404, body: "404 page not found" }))).toBe(false);
        expect(isAbsent(apiFailure({ code: 404, body: status(404, "Gone", "x") }))).toBe(false);
        expect(isAbsent({ status: 410, reason: "NotFound" })).toBe(false);
        expect(isAbsent(apiFailure(REFUSED))).toBe(false);
    });
});

describe("messages", () => {
    test("a refusal: step, object, cluster, status and the Status message; nothing of headers, body or token", () => {
        const err = new KubernetesApiError(read, apiFailure(FORBIDDEN));
        expect(err.message).toBe(
            'read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 403: serviceaccounts "default" ' +
                'is forbidden: User "IAM#ops@example.com" cannot get resource "serviceaccounts" in API group "" in the ' +
                'namespace "team-a"',
        );
        expect(FORBIDDEN.message).toContain(TOKEN); // what the client's own text would have shown
        expectClean(err.message);
        expect(err.name).toBe("KubernetesApiError");
        expect(err.statusCode).toBe(403);
        expect(err.cause).toBeUndefined();
    });

    test("a 401, whose body the client drops: the API server's word for it", () => {
        expect(new KubernetesApiError(read, apiFailure(UNAUTHORIZED)).message).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 401: Unauthorized",
        );
    });

    test("the reason when the Status has no message; the status alone without either", () => {
        const patch: ApiCall = { ...read, verb: "patch", object: "Secret openshift-config/pull-secret" };
        expect(apiErrorMessage(patch, { status: 409, reason: "Conflict" })).toBe(
            "patch Secret openshift-config/pull-secret on cluster dev-cluster failed with HTTP 409: Conflict",
        );
        expect(apiErrorMessage(patch, { status: 503 })).toBe(
            "patch Secret openshift-config/pull-secret on cluster dev-cluster failed with HTTP 503",
        );
    });

    test("the Status message is cut to 200 characters, token-shaped text masked", () => {
        const long = `${"word ".repeat(50)}tail`;
        expect(apiErrorMessage(read, { status: 500, message: long })).toBe(
            `read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 500: ${long.slice(0, 200)}`,
        );
        expect(apiErrorMessage(read, { status: 500, message: `token ${TOKEN} refused` })).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 500: token [redacted] refused",
        );
    });

    test("no answer: the API server's host (no credentials, no path) and node's code", () => {
        const err = new KubernetesApiError(read, apiFailure(REFUSED));
        expect(err.message).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed: could not reach the API server at " +
                "c111.us-south.containers.cloud.ibm.com:31234 (ECONNREFUSED)",
        );
        expect(err.statusCode).toBeUndefined();
        expect(apiErrorMessage({ ...read, server: undefined }, { transport: "ENOTFOUND" })).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed: could not reach the API server (ENOTFOUND)",
        );
    });

    test("after the reconcile loop's attempts", () => {
        const conflict = new KubernetesApiError({ ...read, verb: "patch" }, { status: 422, reason: "Invalid" });
        const last = conflict.afterAttempts(6);
        expect(last).toBeInstanceOf(KubernetesApiError);
        expect(last.message).toBe(
            "patch ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 422 after 6 attempts: Invalid",
        );
        expect([last.statusCode, last.attempts, conflict.attempts]).toEqual([422, 6, 1]);
        expect(conflict.afterAttempts(1).message).toBe(conflict.message);
        expect(apiErrorMessage(read, { transport: "ECONNRESET" }, 2)).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed after 2 attempts: could not reach the " +
                "API server at c111.us-south.containers.cloud.ibm.com:31234 (ECONNRESET)",
        );
    });
});
