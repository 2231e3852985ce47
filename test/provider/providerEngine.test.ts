/**
 * The registry-access provider at the engine's boundary: the plugin executable, started as the engine
 * starts it, spoken to over gRPC (Configure, Check, Diff, Create, Read, Update, Delete), with fake IBM Cloud
 * and a fake API server on 127.0.0.1 (test/fakes/fakeIbmWorld.ts). Covers what day 2 and day 200 bring:
 * replacement on the same target, refresh after an out-of-band removal, import, two stacks sharing a
 * ServiceAccount, and deletes after the ServiceAccount, the namespace or the cluster is gone.
 */
import { OWNERS_ANNOTATION } from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { ProviderProcess, Props, SECRET_SIG, refUrn, secret } from "../fakes/providerProcess";

const API_KEY = "CANARY-operator-key-3b7c";
const CLUSTER = "dev-cluster";
const connection = { source: "cluster", cluster: CLUSTER };
const inputs = (ns = "team-a", sa = "default", secretName = "all-icr-io"): Props => ({
    namespace: ns,
    serviceAccount: sa,
    secretName,
    connection,
});
const owners = (world: FakeIbmWorld, ns = "team-a", sa = "default") =>
    JSON.parse(world.serviceAccounts.annotation(ns, sa, OWNERS_ANNOTATION) ?? "{}");
const ownerOf = (props: Props) => props.owner as string;

describe("registry-access provider over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "iks" });
    let provider: ProviderProcess;

    beforeAll(async () => {
        await world.start();
        provider = await ProviderProcess.start({ IBMCLOUD_API_KEY: API_KEY, ...world.env() });
        expect(await provider.configure()).toEqual({ acceptSecrets: true });
    }, 60000);
    afterAll(async () => {
        provider?.stop();
        await world.stop();
    });
    beforeEach(() => {
        world.ibmCalls.length = 0;
        world.clusterCalls.length = 0;
    });

    it("checks identifying inputs and names each bad one", async () => {
        const urn = refUrn("dev", "team-a.default");
        expect((await provider.check(urn, {}, inputs())).failures).toEqual([]);
        // In a preview the Secret's name is not known yet: nothing to judge.
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect((await provider.check(urn, {}, { ...inputs(), secretName: UNKNOWN })).failures).toEqual([]);
        const bad = await provider.check(
            urn,
            {},
            { ...inputs("Team_A"), connection: { source: "file" }, apiKey: "plain" },
        );
        expect(bad.failures).toEqual([
            { property: "namespace", reason: "namespace must be a Kubernetes object name (DNS-1123 subdomain)" },
            {
                property: "connection",
                reason: 'connection must be {source: "cluster", cluster: NAME} or {source: "ambient", context: NAME}',
            },
            { property: "apiKey", reason: "apiKey must be a secret" },
        ]);
    });

    it("creates the reference next to others' entries, records ownership, and costs 2 cluster calls", async () => {
        world.serviceAccounts.put("team-a", "default", [{ name: "default-dockercfg-x7k2p" }]);
        const urn = refUrn("dev", "team-a.default");
        const created = await provider.create(urn, inputs());
        expect(created.id).toBe("team-a/default/all-icr-io@cluster=dev-cluster");
        // State keeps the owner token only: the target and cluster are in the ID.
        expect(created.props).toEqual({
            owner: expect.stringMatching(/^registry-access\/dev\/team-a\.default#[0-9a-f]{8}$/),
        });
        expect(world.serviceAccounts.names("team-a", "default")).toEqual(["default-dockercfg-x7k2p", "all-icr-io"]);
        expect(owners(world)).toEqual({ "all-icr-io": { owners: [ownerOf(created.props)], preexisting: false } });
        // The first call of this process mints a credential: three IBM calls, then discovery on the cluster.
        expect(world.ibmCalls).toEqual([
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
            "GET /global/v2/getRBACStatus",
        ]);
        expect(world.clusterCalls.filter((c) => c.includes("serviceaccounts"))).toEqual([
            "GET /api/v1/namespaces/team-a/serviceaccounts/default",
            "PATCH /api/v1/namespaces/team-a/serviceaccounts/default",
        ]);

        // The same inputs again: no change, and nothing asked of IBM Cloud or the cluster.
        world.ibmCalls.length = 0;
        world.clusterCalls.length = 0;
        expect(await provider.diff(created.id, urn, created.props, inputs())).toEqual({
            changes: "none",
            replaces: [],
            deleteBeforeReplace: false,
        });
        // Key order inside the connection carries no meaning.
        const reordered = { ...inputs(), connection: { cluster: CLUSTER, source: "cluster" } };
        expect(await provider.diff(created.id, urn, created.props, reordered)).toEqual({
            changes: "none",
            replaces: [],
            deleteBeforeReplace: false,
        });
        expect([world.ibmCalls, world.clusterCalls]).toEqual([[], []]);

        await provider.delete(created.id, urn, created.props);
        expect(world.serviceAccounts.names("team-a", "default")).toEqual(["default-dockercfg-x7k2p"]);
        expect(world.serviceAccounts.annotation("team-a", "default", OWNERS_ANNOTATION)).toBeUndefined();
    });

    it("mints cluster credentials once per process, whatever the number of references", async () => {
        const created = [];
        for (let i = 0; i < 5; i++) {
            world.serviceAccounts.put(`ns-${i}`, "default", null);
            created.push(provider.create(refUrn("dev", `ns-${i}.default`), inputs(`ns-${i}`)));
        }
        await Promise.all(created);
        // Minted by an earlier test in this process and still valid: no IBM call at all.
        expect(world.ibmCalls).toEqual([]);
        expect(world.clusterCalls.filter((c) => c.startsWith("PATCH"))).toHaveLength(5);
    });

    it("replaces on the same target without dropping the entry (create new, then delete old)", async () => {
        world.serviceAccounts.put("team-b", "default", []);
        const urn = refUrn("dev", "team-b.default");
        const old = await provider.create(urn, inputs("team-b"));
        expect(
            (
                await provider.diff(old.id, urn, old.props, {
                    ...inputs("team-b"),
                    connection: { source: "cluster", cluster: "other" },
                })
            ).replaces,
        ).toEqual(["connection"]);
        const replacement = await provider.create(urn, inputs("team-b"));
        expect(ownerOf(replacement.props)).not.toBe(ownerOf(old.props));
        await provider.delete(old.id, urn, old.props);
        expect(world.serviceAccounts.names("team-b", "default")).toEqual(["all-icr-io"]);
        expect(owners(world, "team-b")).toEqual({
            "all-icr-io": { owners: [ownerOf(replacement.props)], preexisting: false },
        });
    });

    it("reports an entry removed out of band as gone, so refresh drops it and the next up puts it back", async () => {
        world.serviceAccounts.put("team-c", "default", []);
        const urn = refUrn("dev", "team-c.default");
        const created = await provider.create(urn, inputs("team-c"));
        expect((await provider.read(created.id, urn, created.props, inputs("team-c"))).id).toBe(created.id);

        const sa = world.serviceAccounts.get("team-c", "default")!;
        world.serviceAccounts.put("team-c", "default", [], sa.metadata.annotations);
        expect(await provider.read(created.id, urn, created.props, inputs("team-c"))).toEqual({
            id: "",
            props: {},
            inputs: undefined,
        });

        const again = await provider.create(urn, inputs("team-c"));
        expect(world.serviceAccounts.names("team-c", "default")).toEqual(["all-icr-io"]);
        expect(owners(world, "team-c")["all-icr-io"].owners).toEqual([ownerOf(again.props)]);
    });

    it("reports a reference whose ownership record was wiped as gone, so the next up records it again", async () => {
        world.serviceAccounts.put("team-e", "default", []);
        const urn = refUrn("dev", "team-e.default");
        const created = await provider.create(urn, inputs("team-e"));
        world.serviceAccounts.put("team-e", "default", [{ name: "all-icr-io" }]); // entry kept, annotations gone
        expect((await provider.read(created.id, urn, created.props, inputs("team-e"))).id).toBe("");
        const again = await provider.create(urn, inputs("team-e"));
        // Without a record the entry counts as someone else's from now on: never removed by us.
        expect(owners(world, "team-e")["all-icr-io"]).toEqual({ owners: [ownerOf(again.props)], preexisting: true });
    });

    it("imports a reference by ID, then manages it", async () => {
        world.serviceAccounts.put("team-d", "builder", [{ name: "icr-pull" }]);
        const urn = refUrn("dev", "team-d.builder");
        const read = await provider.read("team-d/builder/icr-pull@cluster=dev-cluster", urn);
        expect(read).toEqual({
            id: "team-d/builder/icr-pull@cluster=dev-cluster",
            props: { owner: "" },
            inputs: inputs("team-d", "builder", "icr-pull"),
        });
        expect(await provider.read("team-d/builder/absent@cluster=dev-cluster", urn)).toMatchObject({ id: "" });
        await expect(provider.read("not-an-id", urn)).rejects.toThrow(
            /"not-an-id" is not a ServiceAccountPullSecretRef ID: expected NAMESPACE\/SERVICEACCOUNT\/SECRET@cluster=CLUSTER/,
        );
        await provider.delete(read.id, urn, read.props);
        expect(world.serviceAccounts.names("team-d", "builder")).toEqual([]);
    });

    it("lets two stacks share a ServiceAccount: the entry stays until the last one lets go", async () => {
        world.serviceAccounts.put("shared", "default", null);
        const a = await provider.create(refUrn("stack-a", "shared.default"), inputs("shared"));
        const b = await provider.create(refUrn("stack-b", "shared.default"), inputs("shared"));
        expect(owners(world, "shared")["all-icr-io"].owners).toEqual([ownerOf(a.props), ownerOf(b.props)]);
        await provider.delete(a.id, refUrn("stack-a", "shared.default"), a.props);
        expect(world.serviceAccounts.names("shared", "default")).toEqual(["all-icr-io"]);
        await provider.delete(b.id, refUrn("stack-b", "shared.default"), b.props);
        expect(world.serviceAccounts.names("shared", "default")).toEqual([]);
    });

    it("leaves an entry that was there before it: someone else's", async () => {
        world.serviceAccounts.put("legacy", "default", [{ name: "all-icr-io" }]);
        const urn = refUrn("dev", "legacy.default");
        const created = await provider.create(urn, inputs("legacy"));
        expect(owners(world, "legacy")["all-icr-io"]).toEqual({ owners: [ownerOf(created.props)], preexisting: true });
        await provider.delete(created.id, urn, created.props);
        expect(world.serviceAccounts.names("legacy", "default")).toEqual(["all-icr-io"]);
    });

    it("deletes successfully when the ServiceAccount or the whole namespace is gone", async () => {
        for (const [ns, removeWhole] of [
            ["gone-sa", false],
            ["gone-ns", true],
        ] as const) {
            world.serviceAccounts.put(ns, "default", []);
            const urn = refUrn("dev", `${ns}.default`);
            const created = await provider.create(urn, inputs(ns));
            world.serviceAccounts.remove(ns, removeWhole ? undefined : "default");
            await expect(provider.delete(created.id, urn, created.props)).resolves.toBeUndefined();
            expect((await provider.read(created.id, urn, created.props)).id).toBe("");
        }
    });

    it("keeps the stack's API key a secret in state and only updates when it changes", async () => {
        world.serviceAccounts.put("keyed", "default", []);
        const urn = refUrn("dev", "keyed.default");
        const created = await provider.create(urn, { ...inputs("keyed"), apiKey: secret(API_KEY) });
        expect(created.props.apiKey).toEqual({ [SECRET_SIG.key]: SECRET_SIG.value, value: API_KEY });
        const rotated = { ...inputs("keyed"), apiKey: secret("CANARY-rotated-key") };
        expect(await provider.diff(created.id, urn, created.props, rotated)).toEqual({
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
        world.clusterCalls.length = 0;
        const updated = await provider.update(created.id, urn, created.props, rotated);
        expect(updated).toEqual({ ...created.props, apiKey: secret("CANARY-rotated-key") });
        expect(world.clusterCalls).toEqual([]);
    });
});

describe("registry-access provider with no way to reach the cluster", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "iks" });
    beforeAll(() => world.start());
    afterAll(() => world.stop());

    it("deletes successfully once IBM Cloud says the cluster is gone", async () => {
        const provider = await ProviderProcess.start({ IBMCLOUD_API_KEY: API_KEY, ...world.env() });
        try {
            world.clusterGone = true;
            const props = { owner: "registry-access/dev/team-a.default#0badc0de" };
            await expect(
                provider.delete(
                    "team-a/default/all-icr-io@cluster=dev-cluster",
                    refUrn("dev", "team-a.default"),
                    props,
                ),
            ).resolves.toBeUndefined();
            expect(world.ibmCalls).toEqual(["POST /identity/token", "POST /global/v2/applyRBACAndGetKubeconfig"]);
            expect(
                await provider.read(
                    "team-a/default/all-icr-io@cluster=dev-cluster",
                    refUrn("dev", "team-a.default"),
                    props,
                ),
            ).toMatchObject({ id: "" });
        } finally {
            world.clusterGone = false;
            provider.stop();
        }
    }, 60000);

    it("fails a delete with a clear message when no API key is available, without touching the cluster", async () => {
        const provider = await ProviderProcess.start(world.env());
        try {
            world.ibmCalls.length = 0;
            const props = { owner: "registry-access/dev/team-a.default#0badc0de" };
            const err = await provider
                .delete("team-a/default/all-icr-io@cluster=dev-cluster", refUrn("dev", "team-a.default"), props)
                .catch((e: Error) => e);
            expect((err as Error).message).toContain(
                "cannot remove all-icr-io from team-a/default on cluster dev-cluster: " +
                    "no IBM Cloud API key to reach cluster dev-cluster: set IC_API_KEY or IBMCLOUD_API_KEY",
            );
            expect(world.ibmCalls).toEqual([]);
        } finally {
            provider.stop();
        }
    }, 60000);

    it("reaches an OpenShift cluster with an OAuth token for the key", async () => {
        const openshift = await new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "openshift" }).start();
        const provider = await ProviderProcess.start({ IC_API_KEY: API_KEY, ...openshift.env() });
        try {
            openshift.serviceAccounts.put("team-a", "default", [{ name: "default-dockercfg-abcde" }]);
            await provider.create(refUrn("dev", "team-a.default"), inputs());
            expect(openshift.serviceAccounts.names("team-a", "default")).toEqual([
                "default-dockercfg-abcde",
                "all-icr-io",
            ]);
            expect(openshift.clusterCalls.slice(0, 2)).toEqual([
                "GET /.well-known/oauth-authorization-server",
                "GET /oauth/authorize",
            ]);
        } finally {
            provider.stop();
            await openshift.stop();
        }
    }, 60000);
});
