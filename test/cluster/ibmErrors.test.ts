/**
 * core/cluster/ibmErrors.ts with IBM's own error bodies, as published in bug reports, and with what a wrong
 * endpoint answers (the quoting of outside text is test/input/errorText.test.ts's); core/cluster/connection.ts
 * namingConnection. No network.
 */
import { ClusterGoneError, namingConnection } from "../../core/cluster/connection";
import {
    CLUSTER_NOT_FOUND_TEXT,
    clusterGoneMessage,
    ibmDetail,
    isClusterNotFound,
    parseIbmError,
    stepFailureMessage,
    unrecognisedNotFoundMessage,
    unreachableMessage,
} from "../../core/cluster/ibmErrors";
import { IAM_UNKNOWN_KEY_400 as BXNIM0415E } from "../fakes/ibmAnswers";

/** terraform-provider-ibm#4163 (2022): a 404 for a cluster the key does not see, IBM's current code. */
const G0004 =
    '{"incidentID":"40d606eb-99bb-42b6-9731-8a3597be17c3","code":"G0004","description":"The specified cluster could ' +
    'not be found. If applicable, make sure that you target the correct account and resource group.","type":"General",' +
    '"recoveryCLI":"To list the clusters you have access to, run \'ibmcloud ks cluster ls\'. To list the resource ' +
    "groups that you have access to, run 'ibmcloud resource groups'. To target the resource group, run 'ibmcloud " +
    "target -g \\u003cresource_group\\u003e'.\"}";
/**
 * terraform-provider-ibm#3449 (2021): a 404 while the cluster was still provisioning; the incident ID twice.
 * recoveryCLI is cut where the published excerpt cuts it.
 */
const A0006 =
    '{"incidentID":"e5bd7015-2160-4db9-a464-7090a3572476,e5bd7015-2160-4db9-a464-7090a3572476","code":"A0006",' +
    '"description":"The specified cluster could not be found. If applicable, make sure that you target the correct ' +
    'resource group or region.","type":"Authentication","recoveryCLI":"To list the clusters you have access to, run ' +
    "'ibmcloud ks cluster ls'. To set the resource group, get the cluster's resource group, compare it to groups " +
    "that you have access to, and target the group: 'ibmcloud ks cluster\"}";
/** terraform-provider-ibm#1538 (2020): the older incident ID form. */
const G0004_2020 =
    '{"incidentID":"5a10a7126481e156-BOM","code":"G0004","description":"The specified cluster could not be found. ' +
    'If applicable, make sure that you target the correct account and resource group.","type":"General"}';
/** IBM's continuous-delivery troubleshooting docs: the `bx cs` era's body. */
const E0008 =
    '{"incidentID":"586fe36e84cf9fb2-IAD","code":"E0008","description":"The specified cluster could not be found.",' +
    '"type":"Provisioning"}';
/** What a web server that is not the containers API answers: a wrong IBMCLOUD_CS_API_ENDPOINT, a proxy. */
const NGINX_404 =
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n" +
    "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const KEY = "ApIkEy_0123456789abcdefghijklmnopqrstuvwxyz";

describe("isClusterNotFound: terraform-provider-ibm's test, on a JSON object", () => {
    test("IBM's not-found bodies, whatever their code", () => {
        for (const body of [G0004, A0006, G0004_2020, E0008]) expect(isClusterNotFound(404, body)).toBe(true);
        expect(isClusterNotFound(404, JSON.stringify({ description: CLUSTER_NOT_FOUND_TEXT }))).toBe(true);
    });

    test("only with status 404", () => {
        for (const status of [400, 403, 410, 500]) expect(isClusterNotFound(status, G0004)).toBe(false);
    });

    test("not an HTML or plain 404, nor JSON without IBM's phrase in `description`", () => {
        for (const body of [
            NGINX_404,
            "404 page not found",
            "",
            "null",
            JSON.stringify([G0004]),
            JSON.stringify(CLUSTER_NOT_FOUND_TEXT),
            JSON.stringify({ description: "no such call" }),
            JSON.stringify({ message: CLUSTER_NOT_FOUND_TEXT }),
            JSON.stringify({ errorMessage: CLUSTER_NOT_FOUND_TEXT }),
            JSON.stringify({ description: ["The specified cluster could not be found"] }),
            JSON.stringify({ description: "the specified cluster could not be found" }),
        ]) {
            expect(isClusterNotFound(404, body)).toBe(false);
        }
        expect(CLUSTER_NOT_FOUND_TEXT).toBe("The specified cluster could not be found");
    });
});

describe("parseIbmError", () => {
    test("the containers API's body: description, code, incident", () => {
        expect(parseIbmError(G0004)).toStrictEqual({
            text: "The specified cluster could not be found. If applicable, make sure that you target the correct account and resource group.",
            code: "G0004",
            incidents: ["40d606eb-99bb-42b6-9731-8a3597be17c3"],
        });
    });

    test("a doubled incident ID is named once; the older form is an incident ID too", () => {
        expect(parseIbmError(A0006)?.incidents).toStrictEqual(["e5bd7015-2160-4db9-a464-7090a3572476"]);
        expect(parseIbmError(G0004_2020)?.incidents).toStrictEqual(["5a10a7126481e156-BOM"]);
        // IBM's published list has no spaces; one after a comma is tolerated, and each ID checked on its own.
        expect(
            parseIbmError(JSON.stringify({ incidentID: "5a10a7126481e156-BOM, 586fe36e84cf9fb2-IAD ,x" })),
        ).toStrictEqual({
            incidents: ["5a10a7126481e156-BOM", "586fe36e84cf9fb2-IAD"],
        });
        expect(parseIbmError(E0008)).toMatchObject({ code: "E0008", incidents: ["586fe36e84cf9fb2-IAD"] });
    });

    test("IAM's body: errorMessage, errorCode and context.requestId, nothing else of context", () => {
        expect(parseIbmError(BXNIM0415E)).toStrictEqual({
            text: "Provided API key could not be found",
            code: "BXNIM0415E",
            requestId: "583ab17ab34d44fe890aef44f9fbee0b",
        });
    });

    test("description before errorMessage before message", () => {
        expect(parseIbmError(JSON.stringify({ description: "d", errorMessage: "e", message: "m" }))?.text).toBe("d");
        expect(parseIbmError(JSON.stringify({ errorMessage: "e", message: "m" }))?.text).toBe("e");
        expect(parseIbmError(JSON.stringify({ message: "m" }))?.text).toBe("m");
        expect(parseIbmError(JSON.stringify({ description: 5, message: "m" }))?.text).toBe("m");
    });

    test("codes, incident and request IDs not shaped as IBM's are left out (they would escape the mask)", () => {
        const odd = parseIbmError(
            JSON.stringify({
                code: KEY,
                incidentID: `${KEY},i-1`,
                context: { requestId: KEY },
                description: "x",
            }),
        );
        expect(odd).toStrictEqual({ text: "x" });
        expect(parseIbmError(JSON.stringify({ errorCode: "BXNIM0415E", code: 404 }))?.code).toBe("BXNIM0415E");
        expect(parseIbmError(JSON.stringify({ code: "E60b6" }))?.code).toBe("E60b6");
        for (const code of ["G004", "G00044", "g0004", "BXNIM0415EE", "E0008 "])
            expect(parseIbmError(JSON.stringify({ code }))).toStrictEqual({});
        // Only strings count: an array's or a number's text may have the shape, but it is not IBM's field.
        expect(parseIbmError(JSON.stringify({ code: ["G0004"], context: { requestId: 58312345678 } }))).toStrictEqual(
            {},
        );
        expect(parseIbmError(JSON.stringify({ context: { requestId: "583ab17ab34d44fe" } }))).toStrictEqual({
            requestId: "583ab17ab34d44fe",
        });
        expect(parseIbmError(JSON.stringify({ context: null }))).toStrictEqual({});
        for (const context of ["583ab17ab34d44fe", 583, true, ["583ab17ab34d44fe"]])
            expect(parseIbmError(JSON.stringify({ context }))).toStrictEqual({});
    });

    test("undefined for a body that is no JSON object", () => {
        for (const body of [NGINX_404, "", "null", "[]", "42", '"text"']) expect(parseIbmError(body)).toBeUndefined();
    });
});

describe("messages", () => {
    test("a failed step keeps IBM's text, code and incident, the code and incident outside the mask", () => {
        expect(stepFailureMessage("prod-dal10", "getRBACStatus", 404, G0004)).toBe(
            "cluster prod-dal10: getRBACStatus failed with HTTP 404: The specified cluster could not be found. If " +
                "applicable, make sure that you target the correct account and resource group. " +
                "(G0004, incident 40d606eb-99bb-42b6-9731-8a3597be17c3)",
        );
        expect(stepFailureMessage("c", "IAM token for the API key", 400, BXNIM0415E)).toBe(
            "cluster c: IAM token for the API key failed with HTTP 400: Provided API key could not be found " +
                "(BXNIM0415E, request 583ab17ab34d44fe890aef44f9fbee0b)",
        );
    });

    test("the status alone for a body that is not IBM's; a code alone without text", () => {
        expect(stepFailureMessage("c", "s", 502, NGINX_404)).toBe("cluster c: s failed with HTTP 502");
        expect(stepFailureMessage("c", "s", 500, JSON.stringify({ code: "E0001" }))).toBe(
            "cluster c: s failed with HTTP 500 (E0001)",
        );
        expect(ibmDetail(JSON.stringify({}))).toBe("");
    });

    test("IBM's text is cut to 200 characters and token-shaped runs are masked", () => {
        const long = `${"word ".repeat(50)}tail`;
        expect(ibmDetail(JSON.stringify({ description: long, code: "E0001" }))).toBe(`: ${long.slice(0, 200)} (E0001)`);
        expect(ibmDetail(JSON.stringify({ errorMessage: `API key ${KEY} is not valid.` }))).toBe(
            ": API key [redacted] is not valid.",
        );
    });

    test("cluster gone: IBM's words, code and incident, and what else the answer can mean", () => {
        expect(clusterGoneMessage("prod-dal10", "applyRBACAndGetKubeconfig", G0004)).toBe(
            "cluster prod-dal10 was not found by IBM Cloud: applyRBACAndGetKubeconfig answered HTTP 404: The " +
                "specified cluster could not be found. If applicable, make sure that you target the correct account " +
                "and resource group. (G0004, incident 40d606eb-99bb-42b6-9731-8a3597be17c3) If the cluster still " +
                "exists, this API key may simply not see it: a key of another account, or one without access to the " +
                "cluster or its resource group",
        );
        const tail =
            " If the cluster still exists, this API key may simply not see it: a key of another account, or one " +
            "without access to the cluster or its resource group";
        expect(clusterGoneMessage("c", "s", JSON.stringify({ description: CLUSTER_NOT_FOUND_TEXT }))).toBe(
            `cluster c was not found by IBM Cloud: s answered HTTP 404: ${CLUSTER_NOT_FOUND_TEXT}.${tail}`,
        );
        expect(clusterGoneMessage("c", "s", JSON.stringify({ description: `${CLUSTER_NOT_FOUND_TEXT}.` }))).toBe(
            `cluster c was not found by IBM Cloud: s answered HTTP 404: ${CLUSTER_NOT_FOUND_TEXT}.${tail}`,
        );
        // IBM's text cut at 200 characters ends mid-sentence, after a full stop inside it: the period is added.
        const long = `${CLUSTER_NOT_FOUND_TEXT}. ${"Target the correct account and resource group. ".repeat(4)}`;
        expect(clusterGoneMessage("c", "s", JSON.stringify({ description: long }))).toBe(
            `cluster c was not found by IBM Cloud: s answered HTTP 404: ${long.slice(0, 200)}.${tail}`,
        );
    });

    test("any other 404 names the URL, without its credentials or query, and the endpoint variable", () => {
        expect(
            unrecognisedNotFoundMessage(
                "prod-dal10",
                "applyRBACAndGetKubeconfig",
                "https://proxy.example.com/global/v2/applyRBACAndGetKubeconfig",
                NGINX_404,
            ),
        ).toBe(
            "cluster prod-dal10: applyRBACAndGetKubeconfig failed with HTTP 404 from " +
                "https://proxy.example.com/global/v2/applyRBACAndGetKubeconfig " +
                '(not IBM\'s "cluster not found" answer; check IBMCLOUD_CS_API_ENDPOINT)',
        );
        expect(
            unrecognisedNotFoundMessage(
                "c",
                "s",
                "https://u:pw@cs.test/global/v2/x?token=abc#f",
                JSON.stringify({ description: "no such call", code: "G0404" }),
            ),
        ).toBe(
            "cluster c: s failed with HTTP 404 from https://cs.test/global/v2/x: no such call (G0404) " +
                '(not IBM\'s "cluster not found" answer; check IBMCLOUD_CS_API_ENDPOINT)',
        );
    });

    test("no answer: the cluster, the step, the host and node's code", () => {
        const err = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" });
        expect(
            unreachableMessage(
                "c",
                "getRBACStatus",
                "https://u:pw@cs.test:8443/global/v2/getRBACStatus?cluster=c",
                err,
            ),
        ).toBe("cluster c: getRBACStatus failed: could not reach cs.test:8443 (ECONNREFUSED)");
        expect(unreachableMessage("c", "s", "https://cs.test/x", new Error("no answer within 30 s"))).toBe(
            "cluster c: s failed: could not reach cs.test (no answer within 30 s)",
        );
    });
});

describe("namingConnection", () => {
    const cluster = { source: "cluster", cluster: "dev" } as const;

    test("an error already naming the cluster is kept as it is", () => {
        const gone = new ClusterGoneError("dev", "cluster dev was not found by IBM Cloud: …");
        expect(namingConnection(cluster, gone)).toBe(gone);
        const named = new Error("read ServiceAccount a/b on cluster dev failed with HTTP 403");
        expect(namingConnection(cluster, named)).toBe(named);
        const key = new Error("no IBM Cloud API key to reach cluster dev: set IC_API_KEY");
        expect(namingConnection(cluster, key)).toBe(key);
    });

    test("else a new error, prefixed, without the cause", () => {
        const inner = new Error("service account a/b does not exist", { cause: new Error("Headers: secret") });
        const named = namingConnection(cluster, inner);
        expect(named.message).toBe("cluster dev: service account a/b does not exist");
        expect(named.cause).toBeUndefined();
        expect(namingConnection(cluster, "text").message).toBe("cluster dev: text");
    });

    test("another cluster whose name starts alike does not count", () => {
        for (const message of ["on cluster dev-2 failed", "cluster dev.x", "cluster devx", "the cluster dev_1"])
            expect(namingConnection(cluster, new Error(message)).message).toBe(`cluster dev: ${message}`);
        expect(namingConnection(cluster, new Error("cluster dev")).message).toBe("cluster dev");
    });

    test("a kubeconfig context, its name quoted literally", () => {
        const ambient = { source: "ambient", context: "a.b/c+d" } as const;
        expect(namingConnection(ambient, new Error("x on kubeconfig context a.b/c+d failed")).message).toBe(
            "x on kubeconfig context a.b/c+d failed",
        );
        expect(namingConnection(ambient, new Error("kubeconfig context aXb/c+d")).message).toBe(
            "kubeconfig context a.b/c+d: kubeconfig context aXb/c+d",
        );
    });
});
