import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    OWNERS_ANNOTATION,
    ServiceAccountView,
    isAttached,
    attachOps,
    detachOps,
    readOwnership,
    reconcilePullSecret,
} from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { FakeServiceAccounts, HttpError, applyJsonPatch } from "../fakes/fakeServiceAccounts";

const OURS = "all-icr-io-team";
const ME = "registry-access/dev/team-a.default#00000001";
const NEXT = "registry-access/dev/team-a.default#00000002";
const OTHER_STACK = "registry-access/prod/team-a.default#0000000f";
const ref = { namespace: "team-a", serviceAccount: "default", secretName: OURS };
const noWait = { backoff: async () => undefined };
const ATTACH = { action: "attach", owner: ME } as const;
const DETACH = { action: "detach", owner: ME } as const;

const record = (o: Record<string, { owners: string[]; preexisting: boolean }>) => ({
    [OWNERS_ANNOTATION]: JSON.stringify(o),
});
const sa = (
    imagePullSecrets: ServiceAccountView["imagePullSecrets"],
    annotations?: Record<string, string>,
    resourceVersion = "7",
) => ({ metadata: { resourceVersion, ...(annotations ? { annotations } : {}) }, imagePullSecrets });
/** Attach or detach, applied to the object as the API server would. */
const after = (before: ServiceAccountView, ops: ReturnType<typeof attachOps>) => applyJsonPatch(before, ops);

describe("attachOps", () => {
    it("creates a null or missing list and the annotation, the whole patch guarded by the resourceVersion read", () => {
        const before = sa(null);
        const ops = attachOps(before, OURS, ME);
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "add", path: "/imagePullSecrets", value: [{ name: OURS }] },
            {
                op: "add",
                path: "/metadata/annotations",
                value: record({ [OURS]: { owners: [ME], preexisting: false } }),
            },
        ]);
        expect(after(before, ops).imagePullSecrets).toEqual([{ name: OURS }]);
        const missing = { metadata: { resourceVersion: "7" } };
        expect(after(missing, attachOps(missing, OURS, ME)).imagePullSecrets).toEqual([{ name: OURS }]);
    });

    it("appends after foreign entries, in order, and keeps other annotations", () => {
        const before = sa([{ name: "all-icr-io" }, { name: "default-dockercfg-x7k2p" }], {
            "openshift.io/internal-registry-pull-secret-ref": "x",
        });
        const next = after(before, attachOps(before, OURS, ME));
        expect(next.imagePullSecrets).toEqual([
            { name: "all-icr-io" },
            { name: "default-dockercfg-x7k2p" },
            { name: OURS },
        ]);
        expect(next.metadata!.annotations!["openshift.io/internal-registry-pull-secret-ref"]).toBe("x");
        expect(readOwnership(next)).toEqual({ [OURS]: { owners: [ME], preexisting: false } });
        expect(isAttached(next, OURS, ME)).toBe(true);
    });

    it("records an entry that was there with no owners as someone else's", () => {
        const next = after(sa([{ name: OURS }]), attachOps(sa([{ name: OURS }]), OURS, ME));
        expect(next.imagePullSecrets).toEqual([{ name: OURS }]);
        expect(readOwnership(next)).toEqual({ [OURS]: { owners: [ME], preexisting: true } });
    });

    it("adds an owner to an entry another resource owns, and is a no-op for an owner already recorded", () => {
        const before = sa([{ name: OURS }], record({ [OURS]: { owners: [ME], preexisting: false } }));
        expect(attachOps(before, OURS, ME)).toEqual([]);
        const next = after(before, attachOps(before, OURS, NEXT));
        expect(readOwnership(next)[OURS]).toEqual({ owners: [ME, NEXT], preexisting: false });
    });

    it("starts the record afresh when the entry was removed out of band", () => {
        const before = sa([], record({ [OURS]: { owners: [OTHER_STACK], preexisting: true } }));
        const next = after(before, attachOps(before, OURS, ME));
        expect(next.imagePullSecrets).toEqual([{ name: OURS }]);
        expect(readOwnership(next)[OURS]).toEqual({ owners: [ME], preexisting: false });
    });
});

describe("detachOps", () => {
    it("removes the entry and the record when the last owner lets go, every copy, each guarded by a test", () => {
        const before = sa(
            [{ name: OURS }, { name: "all-icr-io" }, { name: OURS }],
            record({ [OURS]: { owners: [ME], preexisting: false } }),
        );
        const ops = detachOps(before, OURS, ME);
        expect(ops).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "test", path: "/imagePullSecrets/2/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/2" },
            { op: "test", path: "/imagePullSecrets/0/name", value: OURS },
            { op: "remove", path: "/imagePullSecrets/0" },
            { op: "remove", path: "/metadata/annotations/registry-access.io~1owners" },
        ]);
        const next = after(before, ops);
        expect(next.imagePullSecrets).toEqual([{ name: "all-icr-io" }]);
        expect(next.metadata!.annotations).toEqual({});
    });

    it("keeps the entry while another owner remains, and keeps a preexisting entry", () => {
        const shared = sa([{ name: OURS }], record({ [OURS]: { owners: [ME, NEXT], preexisting: false } }));
        const kept = after(shared, detachOps(shared, OURS, ME));
        expect(kept.imagePullSecrets).toEqual([{ name: OURS }]);
        expect(readOwnership(kept)[OURS]).toEqual({ owners: [NEXT], preexisting: false });
        const theirs = sa([{ name: OURS }], record({ [OURS]: { owners: [ME], preexisting: true } }));
        expect(after(theirs, detachOps(theirs, OURS, ME)).imagePullSecrets).toEqual([{ name: OURS }]);
    });

    it("keeps the records of other secrets", () => {
        const before = sa(
            [{ name: OURS }, { name: "b" }],
            record({
                [OURS]: { owners: [ME], preexisting: false },
                b: { owners: [OTHER_STACK], preexisting: false },
            }),
        );
        expect(readOwnership(after(before, detachOps(before, OURS, ME)))).toEqual({
            b: { owners: [OTHER_STACK], preexisting: false },
        });
    });

    it('leaves an entry with no record alone, unless the resource was imported (owner "")', () => {
        expect(detachOps(sa([{ name: OURS }]), OURS, ME)).toEqual([]);
        expect(
            after(sa([{ name: OURS }, { name: "x" }]), detachOps(sa([{ name: OURS }, { name: "x" }]), OURS, ""))
                .imagePullSecrets,
        ).toEqual([{ name: "x" }]);
    });

    it("is a no-op for an owner that is not recorded, and ignores a malformed annotation", () => {
        expect(
            detachOps(
                sa([{ name: OURS }], record({ [OURS]: { owners: [OTHER_STACK], preexisting: false } })),
                OURS,
                ME,
            ),
        ).toEqual([]);
        expect(readOwnership(sa([], { [OWNERS_ANNOTATION]: "{not json" }))).toEqual({});
        expect(readOwnership(sa([], { [OWNERS_ANNOTATION]: '{"a":{"owners":"x"}}' }))).toEqual({});
    });

    it("fails rather than remove someone else's entry when the object changed under it", () => {
        const before = sa([{ name: "a" }, { name: OURS }], record({ [OURS]: { owners: [ME], preexisting: false } }));
        const ops = detachOps(before, OURS, ME);
        const shifted = {
            ...before,
            metadata: { ...before.metadata, resourceVersion: "8" },
            imagePullSecrets: [{ name: "new" }, { name: "a" }, { name: OURS }],
        };
        expect(() => applyJsonPatch(shifted, ops)).toThrow(HttpError);
    });
});

describe("planned patches under kubectl's JSON-patch engine (the API server's)", () => {
    /** `kubectl patch --local` applies a JSON patch with the same library kube-apiserver uses. */
    function kubectlPatch(object: object, ops: unknown[]): any {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-patch-"));
        const file = path.join(dir, "sa.json");
        fs.writeFileSync(
            file,
            JSON.stringify({
                apiVersion: "v1",
                kind: "ServiceAccount",
                metadata: { name: "default", namespace: "team-a" },
                ...object,
            }),
        );
        return JSON.parse(
            execFileSync(
                "kubectl",
                ["patch", "--local", "-f", file, "--type", "json", "-p", JSON.stringify(ops), "-o", "json"],
                { encoding: "utf8" },
            ),
        );
    }

    it("attach then detach round-trips, escaping the annotation's '/' as JSON pointer ~1", () => {
        const start = {
            metadata: { name: "default", namespace: "team-a", annotations: { keep: "me" } },
            imagePullSecrets: [{ name: "default-dockercfg-x" }],
        };
        const attached = kubectlPatch(start, attachOps(start, OURS, ME));
        expect(attached.imagePullSecrets).toEqual([{ name: "default-dockercfg-x" }, { name: OURS }]);
        expect(JSON.parse(attached.metadata.annotations[OWNERS_ANNOTATION])).toEqual({
            [OURS]: { owners: [ME], preexisting: false },
        });
        const detached = kubectlPatch(attached, detachOps(attached, OURS, ME));
        expect(detached.imagePullSecrets).toEqual([{ name: "default-dockercfg-x" }]);
        expect(detached.metadata.annotations).toEqual({ keep: "me" });
    });
});

describe("reconcilePullSecret against a fake API server", () => {
    it("adds to a null list, then is a no-op", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", null);
        expect(await reconcilePullSecret(api, ref, ATTACH, noWait)).toBe("patched");
        expect(await reconcilePullSecret(api, ref, ATTACH, noWait)).toBe("unchanged");
        expect(api.names("team-a", "default")).toEqual([OURS]);
        expect(api.patches).toHaveLength(1);
    });

    it("keeps IBM's and OpenShift's entries on add and on remove", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", [{ name: "all-icr-io" }, { name: "default-dockercfg-x" }]);
        await reconcilePullSecret(api, ref, ATTACH, noWait);
        expect(api.names("team-a", "default")).toEqual(["all-icr-io", "default-dockercfg-x", OURS]);
        expect(await reconcilePullSecret(api, ref, DETACH, noWait)).toBe("patched");
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
        expect(await reconcilePullSecret(api, ref, ATTACH, noWait)).toBe("patched");
        expect(api.names("team-a", "default")).toEqual(["default-dockercfg-x", OURS]);
        expect(api.patches).toHaveLength(2);
    });

    it("re-plans a removal when an entry was inserted before ours concurrently", async () => {
        const api = new FakeServiceAccounts();
        const ours = record({ [OURS]: { owners: [ME], preexisting: false } });
        api.put("team-a", "default", [{ name: "a" }, { name: OURS }], ours);
        let raced = false;
        api.beforePatch = (fake) => {
            if (raced) return;
            raced = true;
            fake.put("team-a", "default", [{ name: "new" }, { name: "a" }, { name: OURS }], ours);
        };
        expect(await reconcilePullSecret(api, ref, DETACH, noWait)).toBe("patched");
        expect(api.names("team-a", "default")).toEqual(["new", "a"]);
        expect(api.patches).toHaveLength(2);
    });

    it("gives up after the configured attempts on endless conflicts, naming the account", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", null);
        api.beforePatch = (fake) => fake.put("team-a", "default", null); // bumps resourceVersion every time
        await expect(reconcilePullSecret(api, ref, ATTACH, { ...noWait, attempts: 3 })).rejects.toThrow(
            "could not patch imagePullSecrets of service account team-a/default after 3 attempt(s): HTTP 422",
        );
        expect(api.patches).toHaveLength(3);
    });

    it("waits for a ServiceAccount that does not exist yet, then fails clearly", async () => {
        const api = new FakeServiceAccounts();
        const waits: number[] = [];
        await expect(
            reconcilePullSecret(api, ref, ATTACH, {
                attempts: 3,
                backoff: async (n) => {
                    waits.push(n);
                },
            }),
        ).rejects.toThrow(/service account team-a\/default does not exist/);
        expect(waits).toEqual([1, 2]);
    });

    it("treats a missing ServiceAccount as done on removal", async () => {
        expect(await reconcilePullSecret(new FakeServiceAccounts(), ref, DETACH, noWait)).toBe("absent");
    });

    it("does not retry errors other than conflicts", async () => {
        const api = new FakeServiceAccounts();
        api.put("team-a", "default", []);
        api.beforePatch = () => {
            throw new HttpError(403, "forbidden");
        };
        await expect(reconcilePullSecret(api, ref, ATTACH, noWait)).rejects.toThrow(/after 1 attempt\(s\): HTTP 403/);
    });
});
