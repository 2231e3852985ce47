import { BindingConnection } from "../components/clusterCredentials";
import { makePullSecretRefProvider } from "../components/serviceAccountPatchProvider";
import { FakeServiceAccounts } from "./fakeServiceAccounts";

const connection: BindingConnection = { source: "ambient", context: "dev" };
const inputs = { namespace: "team-a", serviceAccount: "default", secretName: "all-icr-io", connection };

function providerWith(api: FakeServiceAccounts) {
    const asked: BindingConnection[] = [];
    const provider = makePullSecretRefProvider(async (c) => { asked.push(c); return api; });
    return { provider, asked };
}

describe("ServiceAccountPullSecretRef provider", () => {
    it("create adds the reference, keeping foreign entries, with credentials for the recorded connection", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "default-dockercfg-x" }]);
        const { provider, asked } = providerWith(api);
        const result = await provider.create(inputs);
        expect(result).toEqual({ id: "team-a/default/all-icr-io", outs: { ...inputs, referenceWasPresent: false } });
        expect(api.names("team-a", "default")).toEqual(["default-dockercfg-x", "all-icr-io"]);
        expect(asked).toEqual([connection]);
    });

    it("delete removes only ours", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "all-icr-io" }, { name: "other" }]);
        const { provider } = providerWith(api);
        await provider.delete!("team-a/default/all-icr-io", { ...inputs, referenceWasPresent: false });
        expect(api.names("team-a", "default")).toEqual(["other"]);
    });

    it("leaves a reference it found already there: it is someone else's", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "all-icr-io" }]);
        const { provider } = providerWith(api);
        const { outs } = await provider.create(inputs);
        expect(outs.referenceWasPresent).toBe(true);
        expect(api.patches).toEqual([]);
        await provider.delete!("id", outs);
        expect(api.names("team-a", "default")).toEqual(["all-icr-io"]);
    });

    it("replaces on a change of namespace, account or secret, adding before removing; updates on a new connection", async () => {
        const { provider } = providerWith(new FakeServiceAccounts());
        const olds = { ...inputs, referenceWasPresent: false };
        expect(await provider.diff!("id", olds, { ...inputs })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
        expect(await provider.diff!("id", olds, { ...inputs, secretName: "icr-2" })).toEqual({ changes: true, replaces: ["secretName"], deleteBeforeReplace: false });
        expect(await provider.diff!("id", olds, { ...inputs, connection: { source: "cluster", cluster: "c" } }))
            .toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("update makes sure the reference is there, through the new connection", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", []);
        const { provider, asked } = providerWith(api);
        const news = { ...inputs, connection: { source: "cluster" as const, cluster: "c" } };
        const result = await provider.update!("id", { ...inputs, referenceWasPresent: false }, news);
        expect(result).toEqual({ outs: { ...news, referenceWasPresent: false } });
        expect(asked).toEqual([news.connection]);
        expect(api.names("team-a", "default")).toEqual(["all-icr-io"]);
    });

    it("check names each missing identity field", async () => {
        const { provider } = providerWith(new FakeServiceAccounts());
        const result = await provider.check!({}, { ...inputs, namespace: "", secretName: undefined as unknown as string });
        expect(result.failures).toEqual([
            { property: "namespace", reason: "namespace must be a non-empty string" },
            { property: "secretName", reason: "secretName must be a non-empty string" },
        ]);
    });
});
