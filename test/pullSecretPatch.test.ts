import {
    planAddPullSecret, planRemovePullSecret, reconcilePullSecret,
} from "../components/pullSecretPatch";
import { FakeServiceAccounts, HttpError, applyJsonPatch } from "./fakeServiceAccounts";

const OURS = "all-icr-io-team";
const ref = { namespace: "team-a", serviceAccount: "default", secretName: OURS };
const noWait = { backoff: async () => undefined };

describe("planAddPullSecret", () => {
    it("creates the list when it is null, guarded by the resourceVersion read", () => {
        const sa = { metadata: { resourceVersion: "7" }, imagePullSecrets: null };
        const ops = planAddPullSecret(sa, OURS);
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "add", path: "/imagePullSecrets", value: [{ name: OURS }] },
        ]);
        expect(applyJsonPatch(sa, ops).imagePullSecrets).toEqual([{ name: OURS }]);
    });

    it("creates the list when the field is missing", () => {
        const sa = { metadata: { resourceVersion: "7" } };
        expect(applyJsonPatch(sa, planAddPullSecret(sa, OURS))).toEqual({ metadata: { resourceVersion: "7" }, imagePullSecrets: [{ name: OURS }] });
    });

    it("appends to an empty list", () => {
        const sa = { metadata: { resourceVersion: "7" }, imagePullSecrets: [] };
        expect(planAddPullSecret(sa, OURS)).toEqual([{ op: "add", path: "/imagePullSecrets/-", value: { name: OURS } }]);
    });

    it("appends after foreign entries and keeps them, in order", () => {
        const sa = { imagePullSecrets: [{ name: "all-icr-io" }, { name: "default-dockercfg-x7k2p" }] };
        const after = applyJsonPatch(sa, planAddPullSecret(sa, OURS));
        expect(after.imagePullSecrets).toEqual([{ name: "all-icr-io" }, { name: "default-dockercfg-x7k2p" }, { name: OURS }]);
    });

    it("is a no-op when ours is present", () => {
        expect(planAddPullSecret({ imagePullSecrets: [{ name: "x" }, { name: OURS }] }, OURS)).toEqual([]);
    });
});

describe("planRemovePullSecret", () => {
    it("removes only ours, every copy, highest index first, each guarded by a test", () => {
        const sa = { imagePullSecrets: [{ name: OURS }, { name: "all-icr-io" }, { name: OURS }, { name: "default-dockercfg-x" }] };
        const ops = planRemovePullSecret(sa, OURS);
        expect(ops).toEqual([
            { op: "test", path: "/imagePullSecrets/2/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/2" },
            { op: "test", path: "/imagePullSecrets/0/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/0" },
        ]);
        expect(applyJsonPatch(sa, ops).imagePullSecrets).toEqual([{ name: "all-icr-io" }, { name: "default-dockercfg-x" }]);
    });

    it("is a no-op on a null list, an empty list, or a list without ours", () => {
        expect(planRemovePullSecret({ imagePullSecrets: null }, OURS)).toEqual([]);
        expect(planRemovePullSecret({ imagePullSecrets: [] }, OURS)).toEqual([]);
        expect(planRemovePullSecret({ imagePullSecrets: [{ name: "all-icr-io" }] }, OURS)).toEqual([]);
    });

    it("fails rather than remove someone else's entry when the list shifted under it", () => {
        const sa = { imagePullSecrets: [{ name: "a" }, { name: OURS }] };
        const ops = planRemovePullSecret(sa, OURS);
        const shifted = { imagePullSecrets: [{ name: "new" }, { name: "a" }, { name: OURS }] };
        expect(() => applyJsonPatch(shifted, ops)).toThrow(HttpError);
    });
});

describe("reconcilePullSecret against a fake API server", () => {
    it("adds to a null list, then is a no-op", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", null);
        expect(await reconcilePullSecret(api, ref, "present", noWait)).toBe("patched");
        expect(await reconcilePullSecret(api, ref, "present", noWait)).toBe("unchanged");
        expect(api.names("team-a", "default")).toEqual([OURS]);
        expect(api.patches).toHaveLength(1);
    });

    it("keeps IBM's and OpenShift's entries on add and on remove", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "all-icr-io" }, { name: "default-dockercfg-x" }]);
        await reconcilePullSecret(api, ref, "present", noWait);
        expect(api.names("team-a", "default")).toEqual(["all-icr-io", "default-dockercfg-x", OURS]);
        expect(await reconcilePullSecret(api, ref, "absent", noWait)).toBe("patched");
        expect(api.names("team-a", "default")).toEqual(["all-icr-io", "default-dockercfg-x"]);
    });

    it("re-reads and retries when someone creates the list between read and patch", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", null);
        let raced = false;
        api.beforePatch = (fake) => {
            if (raced) return;
            raced = true;
            fake.put("team-a", "default", [{ name: "default-dockercfg-x" }]); // OpenShift adds its entry
        };
        expect(await reconcilePullSecret(api, ref, "present", noWait)).toBe("patched");
        expect(api.names("team-a", "default")).toEqual(["default-dockercfg-x", OURS]);
        expect(api.patches).toHaveLength(2);
    });

    it("re-plans a removal when an entry was inserted before ours concurrently", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "a" }, { name: OURS }]);
        let raced = false;
        api.beforePatch = (fake) => {
            if (raced) return;
            raced = true;
            fake.put("team-a", "default", [{ name: "new" }, { name: "a" }, { name: OURS }]);
        };
        await reconcilePullSecret(api, ref, "absent", noWait);
        expect(api.names("team-a", "default")).toEqual(["new", "a"]);
    });

    it("gives up after the configured attempts on endless conflicts, naming the account", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", null);
        api.beforePatch = (fake) => fake.put("team-a", "default", null); // bumps resourceVersion every time
        await expect(reconcilePullSecret(api, ref, "present", { ...noWait, attempts: 3 }))
            .rejects.toThrow("could not patch imagePullSecrets of service account team-a/default after 3 attempt(s): HTTP 422");
        expect(api.patches).toHaveLength(3);
    });

    it("waits for a ServiceAccount that does not exist yet, then fails clearly", async () => {
        const api = new FakeServiceAccounts();
        const waits: number[] = [];
        await expect(reconcilePullSecret(api, ref, "present", { attempts: 3, backoff: async (n) => { waits.push(n); } }))
            .rejects.toThrow(/service account team-a\/default does not exist/);
        expect(waits).toEqual([1, 2]);
    });

    it("treats a missing ServiceAccount as done on removal", async () => {
        expect(await reconcilePullSecret(new FakeServiceAccounts(), ref, "absent", noWait)).toBe("absent");
    });

    it("does not retry errors other than conflicts", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", []);
        api.beforePatch = () => { throw new HttpError(403, "forbidden"); };
        await expect(reconcilePullSecret(api, ref, "present", noWait)).rejects.toThrow(/after 1 attempt\(s\): HTTP 403/);
    });
});
