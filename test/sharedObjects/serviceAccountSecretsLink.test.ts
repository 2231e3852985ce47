/**
 * References in a ServiceAccount's `secrets` (what `oc secrets link builder NAME` edits; OpenShift builds take
 * their push credentials from there): the same planner as imagePullSecrets, on the other list, with its own
 * ownership record, leaving imagePullSecrets and its record alone.
 */
import {
    OWNERS_ANNOTATION,
    SECRETS_OWNERS_ANNOTATION,
    ServiceAccountView,
    attachOps,
    detachOps,
    isAttached,
    reconcilePullSecret,
} from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { FakeServiceAccounts, applyJsonPatch } from "../fakes/fakeServiceAccounts";

const PUSH = "icr-builder-push";
const ME = "registry-access/dev/team-a.builder@icr-builder-push#secrets#00000001";
const PULL_OWNER = "registry-access/dev/team-a.builder@icr-builder-push#00000002";
const target = { namespace: "team-a", serviceAccount: "builder", secretName: PUSH, list: "secrets" as const };
const noWait = { backoff: async () => undefined };

/** The builder ServiceAccount as OpenShift makes it: its dockercfg secret in both lists, and a token. */
const builder = (): ServiceAccountView => ({
    metadata: { resourceVersion: "12" },
    imagePullSecrets: [{ name: "builder-dockercfg-7x2k" }],
    secrets: [{ name: "builder-dockercfg-7x2k" }, { name: "builder-token-q8w" }],
});

describe("secrets links", () => {
    it("appends to secrets, records ownership under its own annotation, and leaves imagePullSecrets alone", () => {
        const before = builder();
        const ops = attachOps(before, PUSH, ME, "secrets");
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "12" },
            { op: "add", path: "/secrets/-", value: { name: PUSH } },
            {
                op: "add",
                path: "/metadata/annotations",
                value: {
                    [SECRETS_OWNERS_ANNOTATION]: JSON.stringify({ [PUSH]: { owners: [ME], preexisting: false } }),
                },
            },
        ]);
        const linked = applyJsonPatch(before, ops);
        expect(linked.secrets!.map((r) => r.name)).toEqual(["builder-dockercfg-7x2k", "builder-token-q8w", PUSH]);
        expect(linked.imagePullSecrets).toEqual(before.imagePullSecrets);
        expect(isAttached(linked, PUSH, ME, "secrets")).toBe(true);
        expect(isAttached(linked, PUSH, ME)).toBe(false); // not in imagePullSecrets

        const unlinked = applyJsonPatch(linked, detachOps(linked, PUSH, ME, "secrets"));
        expect(unlinked.secrets).toEqual(before.secrets);
        expect(unlinked.metadata?.annotations ?? {}).toEqual({});
    });

    it("keeps the two lists' records apart when one name is in both", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "builder", [{ name: "builder-dockercfg-7x2k" }]);
        await reconcilePullSecret(
            api,
            { ...target, list: "imagePullSecrets" },
            { action: "attach", owner: PULL_OWNER },
            noWait,
        );
        await reconcilePullSecret(api, target, { action: "attach", owner: ME }, noWait);
        const sa = api.get("team-a", "builder")!;
        expect(sa.imagePullSecrets!.map((r) => r.name)).toEqual(["builder-dockercfg-7x2k", PUSH]);
        expect(sa.secrets!.map((r) => r.name)).toEqual([PUSH]);
        expect(JSON.parse(sa.metadata.annotations![OWNERS_ANNOTATION])).toEqual({
            [PUSH]: { owners: [PULL_OWNER], preexisting: false },
        });
        expect(JSON.parse(sa.metadata.annotations![SECRETS_OWNERS_ANNOTATION])).toEqual({
            [PUSH]: { owners: [ME], preexisting: false },
        });
        // Unlinking the mount leaves the pull reference and its record.
        expect(await reconcilePullSecret(api, target, { action: "detach", owner: ME }, noWait)).toBe("patched");
        const after = api.get("team-a", "builder")!;
        expect(after.secrets).toEqual([]);
        expect(after.imagePullSecrets!.map((r) => r.name)).toEqual(["builder-dockercfg-7x2k", PUSH]);
        expect(Object.keys(after.metadata.annotations!)).toEqual([OWNERS_ANNOTATION]);
    });

    it("names the list in its error", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "builder", []);
        api.beforePatch = () => {
            throw Object.assign(new Error("conflict"), { statusCode: 409 });
        };
        await expect(
            reconcilePullSecret(api, target, { action: "attach", owner: ME }, { attempts: 2, backoff: noWait.backoff }),
        ).rejects.toThrow("could not patch secrets of service account team-a/builder after 2 attempt(s): HTTP 409");
    });
});
