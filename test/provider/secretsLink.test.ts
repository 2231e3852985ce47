/**
 * ServiceAccountPullSecretRef with `list: secrets` (the builds' push secret linked to `builder`, as
 * `oc secrets link` does) at the engine's boundary: its ID, check, diff, create, read (refresh and import)
 * and delete over gRPC against the fake API server.
 */
import { SECRETS_OWNERS_ANNOTATION } from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { providerFor, refUrn } from "../fakes/providerProcess";

const API_KEY = "CANARY-operator-key-51e7";
const CLUSTER = "os-dev";
const connection = { source: "cluster", cluster: CLUSTER };
const link = {
    namespace: "team-a",
    serviceAccount: "builder",
    secretName: "icr-builder-push",
    connection,
    list: "secrets",
};
const urn = refUrn("dev", "team-a.builder@icr-builder-push#secrets");

describe("a secrets link over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "openshift" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));

    it("refuses a list other than imagePullSecrets or secrets", async () => {
        expect((await provider.check(urn, {}, { ...link, list: "mounts" })).failures).toEqual([
            { property: "list", reason: "list must be one of imagePullSecrets, secrets" },
        ]);
        expect((await provider.check(urn, {}, link)).failures).toEqual([]);
    });

    it("links, refreshes, imports by ID, replaces on a change of list, and unlinks", async () => {
        world.serviceAccounts.put("team-a", "builder", [{ name: "builder-dockercfg-7x2k" }]);
        const created = await provider.create(urn, link);
        expect(created.id).toBe("team-a/builder/secrets:icr-builder-push@cluster=os-dev");
        const sa = world.serviceAccounts.get("team-a", "builder")!;
        expect(sa.secrets).toEqual([{ name: "icr-builder-push" }]);
        expect(sa.imagePullSecrets).toEqual([{ name: "builder-dockercfg-7x2k" }]);
        expect(Object.keys(JSON.parse(sa.metadata.annotations![SECRETS_OWNERS_ANNOTATION]))).toEqual([
            "icr-builder-push",
        ]);

        expect((await provider.read(created.id, urn, created.props)).id).toBe(created.id);
        const imported = await provider.read(created.id, urn);
        expect(imported.inputs).toEqual({ ...link });
        const { list: _list, ...pullRef } = link;
        const toPull = await provider.diff(created.id, urn, created.props, pullRef);
        expect(toPull).toMatchObject({ changes: "some", replaces: ["list"] });

        await provider.delete(created.id, urn, created.props);
        expect(world.serviceAccounts.get("team-a", "builder")!.secrets).toEqual([]);
        expect(world.serviceAccounts.names("team-a", "builder")).toEqual(["builder-dockercfg-7x2k"]);
    });
});
