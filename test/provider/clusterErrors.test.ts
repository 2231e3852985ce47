/**
 * The provider's errors at the engine's boundary: the plugin over gRPC against fake IBM Cloud and a fake API
 * server (test/fakes/fakeIbmWorld.ts). Only IBM's own "cluster not found" answer lets a delete succeed; any other
 * 404 fails naming the URL. A refusal by the API server is one message naming the step, the object, the cluster
 * and the status with the API server's words, never the client's dump of headers and body, never a token. A
 * revoked cached credential is minted again; an API server that is gone is named with its cluster.
 */
import { FakeIbmWorld, HEADER_CANARY } from "../fakes/fakeIbmWorld";
import { providerFor, refUrn } from "../fakes/providerProcess";
import { caught } from "../fakes/rejections";

const API_KEY = "CANARY-operator-key-e7a2";
const CLUSTER = "dev-cluster";
const ID = "team-a/default/all-icr-io@cluster=dev-cluster";
const URN = refUrn("dev", "team-a.default");
const STATE = { owner: "registry-access/dev/team-a.default#0badc0de" };
const inputs = (ns = "team-a") => ({
    namespace: ns,
    serviceAccount: "default",
    secretName: "all-icr-io",
    connection: { source: "cluster", cluster: CLUSTER },
});

/** The message a gRPC call failed with, as the engine shows it. */
async function failure(p: Promise<unknown>): Promise<string> {
    return ((await caught(p)) as Error & { details?: string }).details ?? "(no details)";
}

/** None of what the client's own exception text holds: the token, a response header, its dump's labels. */
function expectNoLeak(world: FakeIbmWorld, ...texts: string[]): void {
    for (const text of texts) {
        for (const leak of [world.clusterToken, "TOKEN-CANARY", HEADER_CANARY, "HTTP-Code", "Headers:", "Body:"])
            expect(text).not.toContain(leak);
        expect(text).not.toContain(API_KEY);
    }
}

describe("IBM's answer decides whether the cluster is gone", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "iks" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));
    beforeEach(() => {
        world.ibmCalls.length = 0;
        world.clusterGone = false;
        world.wrongEndpoint = false;
    });

    it("a delete answered by an HTML 404 (not IBM's) fails naming the URL; refresh keeps the reference", async () => {
        world.wrongEndpoint = true;
        const url = `${world.ibmUrl}/global/v2/applyRBACAndGetKubeconfig`;
        const ibm404 =
            `cluster dev-cluster: applyRBACAndGetKubeconfig failed with HTTP 404 from ${url} ` +
            `(not IBM's "cluster not found" answer; check IBMCLOUD_CS_API_ENDPOINT)`;
        expect(await failure(provider.delete(ID, URN, STATE))).toBe(
            `cannot remove all-icr-io from team-a/default on cluster dev-cluster: ${ibm404}`,
        );
        expect(await failure(provider.read(ID, URN, STATE))).toBe(ibm404);
        expect(world.ibmCalls).toEqual([
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
        ]);
    });

    it("a delete answered by IBM's G0004 succeeds as gone, and refresh drops the reference", async () => {
        world.clusterGone = true;
        await expect(provider.delete(ID, URN, STATE)).resolves.toBeUndefined();
        expect(await provider.read(ID, URN, STATE)).toMatchObject({ id: "" });
        expect(world.ibmCalls).toEqual([
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
        ]);
    });

    it("a create on a gone cluster names IBM's code, words and incident, and what else they can mean", async () => {
        world.clusterGone = true;
        expect(await failure(provider.create(URN, inputs()))).toBe(
            "cluster dev-cluster was not found by IBM Cloud: applyRBACAndGetKubeconfig answered HTTP 404: The " +
                "specified cluster could not be found. If applicable, make sure that you target the correct account " +
                "and resource group. (G0004, incident 40d606eb-99bb-42b6-9731-8a3597be17c3) If the cluster still " +
                "exists, this API key may simply not see it: a key of another account, or one without access to the " +
                "cluster or its resource group",
        );
    });
});

describe("the API server's refusals, one message each", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "iks" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));
    beforeEach(() => {
        world.serviceAccountStatus = undefined;
        world.ibmCalls.length = 0;
        world.serviceAccounts.put("team-a", "default", []);
    });

    it("403 on the ServiceAccount: cluster, object, step, status and the API server's words; no token, no header", async () => {
        world.serviceAccountStatus = 403;
        const forbidden =
            'read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 403: serviceaccounts "default" ' +
            'is forbidden: User "IAM#ops@example.com" cannot get resource "serviceaccounts" in API group "" in the ' +
            'namespace "team-a"';
        const created = await failure(provider.create(URN, inputs()));
        const refreshed = await failure(provider.read(ID, URN, STATE));
        const deleted = await failure(provider.delete(ID, URN, STATE));
        expect([created, refreshed, deleted]).toEqual([forbidden, forbidden, forbidden]);
        // read and delete print the error and its stack on the plugin's stderr (@pulumi/pulumi provider/server.js).
        expect(provider.stderr).toContain(forbidden);
        expectNoLeak(world, created, refreshed, deleted, provider.stderr);
    });

    it("500 after the reads: the status and the API server's words", async () => {
        world.serviceAccountStatus = 500;
        expect(await failure(provider.create(URN, inputs()))).toBe(
            "read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 500: Internal error occurred: " +
                "etcdserver: request timed out",
        );
    });

    it("a 404 that is no Status NotFound (a proxy, a wrong path): a delete fails instead of doing nothing", async () => {
        world.serviceAccountStatus = 404;
        const message = await failure(provider.delete(ID, URN, STATE));
        expect(message).toBe("read ServiceAccount team-a/default on cluster dev-cluster failed with HTTP 404");
        expectNoLeak(world, message);
    });

    it("a revoked cached credential: evicted and minted again once, and the call goes through", async () => {
        const first = await provider.create(URN, inputs());
        world.ibmCalls.length = 0;
        world.rotateClusterToken();
        await provider.delete(first.id, URN, first.props);
        expect(world.serviceAccounts.names("team-a", "default")).toEqual([]);
        expect(world.ibmCalls).toEqual([
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
            "GET /global/v2/getRBACStatus",
        ]);
    });

    it("the API server gone, the credential cached: the error names the cluster and the API server", async () => {
        await provider.create(URN, inputs()); // a credential is cached
        const port = new URL(world.clusterUrl).port;
        await world.stopApiServer();
        world.ibmCalls.length = 0;
        const unreachable =
            "read ServiceAccount team-a/default on cluster dev-cluster failed: could not reach the API server at " +
            `127.0.0.1:${port} (ECONNREFUSED)`;
        expect(await failure(provider.create(URN, inputs()))).toBe(unreachable);
        expect(await failure(provider.delete(ID, URN, STATE))).toBe(unreachable);
        expect(world.ibmCalls).toEqual([]);
    });
});
