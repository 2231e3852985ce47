/**
 * GlobalPullSecretEntries at the engine's boundary: the provider plugin over gRPC, against a fake OpenShift API
 * server holding a realistic `openshift-config/pull-secret` and our namespace Secret. Red Hat's entries stay
 * byte for byte through create, update (rotation) and delete; state holds hashes, never a credential; a foreign
 * edit of our entry is refused on update and left on delete; a concurrent edit is retried, not overwritten.
 */
import { GLOBAL_PULL_SECRET_TYPE } from "../../core/sharedObjects/resourceTypes";
import { OWNERS_ANNOTATION } from "../../core/sharedObjects/globalPullSecretMerge";
import { FakeIbmWorld, FakeSecret } from "../fakes/fakeIbmWorld";
import { providerFor, Props, secret } from "../fakes/providerProcess";

const API_KEY = "CANARY-operator-key-9f1d";
const CLUSTER = "os-prod";
const connection = { source: "cluster", cluster: CLUSTER };
const b64 = (s: string) => Buffer.from(s).toString("base64");
const urn = (name: string, stack = "prod") =>
    `urn:pulumi:${stack}::registry-access::registry-access:index:OpenShiftRegistryAccess$${GLOBAL_PULL_SECRET_TYPE}::${name}`;

/** Red Hat's entries as cloud.redhat.com issues the pull secret: one line, compact. */
const RED_HAT =
    '{"auths":{"cloud.openshift.com":{"auth":"b3BlbnNoaWZ0LXJlbGVhc2UtZGV2K29jbTpSRURIQVQx","email":"ops@example.com"},' +
    '"quay.io":{"auth":"b3BlbnNoaWZ0LXJlbGVhc2UtZGV2K29jbTpSRURIQVQy","email":"ops@example.com"},' +
    '"registry.connect.redhat.com":{"auth":"dWhjLXBvb2w6UkVESEFUMw==","email":"ops@example.com"},' +
    '"registry.redhat.io":{"auth":"dWhjLXBvb2w6UkVESEFUNA==","email":"ops@example.com"}}}';
const RED_HAT_ENTRIES = [...RED_HAT.matchAll(/"[a-z.]+":\{"auth":"[^"]+","email":"[^"]+"\}/g)].map((m) => m[0]);

const ourConfig = (key: string) =>
    JSON.stringify({ auths: { "us.icr.io": { username: "iamapikey", password: key, auth: b64(`iamapikey:${key}`) } } });
const stored = (text: string, metadata?: FakeSecret["metadata"]): FakeSecret => ({
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": b64(text) },
    ...(metadata ? { metadata } : {}),
});
const pullSecretText = (world: FakeIbmWorld) =>
    Buffer.from(world.secrets.get("openshift-config/pull-secret")!.data[".dockerconfigjson"], "base64").toString();
const inputs = (hash: string): Props => ({
    connection,
    from: { namespace: "team-a", secretName: "all-icr-io" },
    servers: ["us.icr.io"],
    contentHash: secret(hash),
});

describe("GlobalPullSecretEntries over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "openshift" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));
    beforeEach(() => {
        world.secrets.clear();
        world.beforeSecretPatch = undefined;
        world.secrets.set("openshift-config/pull-secret", stored(RED_HAT, { resourceVersion: "41" }));
        world.secrets.set("team-a/all-icr-io", stored(ourConfig("KEY-ONE")));
        world.clusterCalls.length = 0;
    });

    it("checks its inputs: the hash must be a secret, the servers listed", async () => {
        const bad = await provider.check(urn("e"), {}, { ...inputs("h"), contentHash: "plain", servers: [] });
        expect(bad.failures).toEqual([
            { property: "servers", reason: "servers must list at least one registry server" },
            { property: "contentHash", reason: "contentHash must be a secret" },
        ]);
        expect((await provider.check(urn("e"), {}, inputs("h"))).failures).toEqual([]);
    });

    it("creates, rotates and deletes our entry, Red Hat's entries byte for byte, no credential in state", async () => {
        const created = await provider.create(urn("e"), inputs("h1"));
        expect(created.id).toBe("openshift-config/pull-secret<team-a/all-icr-io@cluster=os-prod");
        let text = pullSecretText(world);
        for (const entry of RED_HAT_ENTRIES) expect(text).toContain(entry);
        expect(JSON.parse(text).auths["us.icr.io"]).toEqual(JSON.parse(ourConfig("KEY-ONE")).auths["us.icr.io"]);
        const owner = created.props.owner as string;
        expect(
            JSON.parse(world.secrets.get("openshift-config/pull-secret")!.metadata!.annotations![OWNERS_ANNOTATION]),
        ).toEqual({
            "us.icr.io": owner,
        });
        expect(JSON.stringify(created.props)).not.toContain("KEY-ONE");
        expect(JSON.stringify(created.props)).not.toContain(b64("iamapikey:KEY-ONE"));
        expect(created.props.entryHashes).toEqual(secret({ "us.icr.io": expect.stringMatching(/^[0-9a-f]{64}$/) }));

        // Rotation: our Secret holds a new key; the program's hash changed, so the engine calls diff then update.
        world.secrets.set("team-a/all-icr-io", stored(ourConfig("KEY-TWO")));
        expect((await provider.diff(created.id, urn("e"), created.props, inputs("h2"))).changes).toBe("some");
        const updated = await provider.update(created.id, urn("e"), created.props, inputs("h2"));
        text = pullSecretText(world);
        for (const entry of RED_HAT_ENTRIES) expect(text).toContain(entry);
        expect(JSON.parse(text).auths["us.icr.io"].password).toBe("KEY-TWO");
        expect(JSON.stringify(updated)).not.toContain("KEY-TWO");

        await provider.delete(created.id, urn("e"), updated);
        expect(pullSecretText(world)).toBe(RED_HAT);
        expect(world.secrets.get("openshift-config/pull-secret")!.metadata!.annotations ?? {}).not.toHaveProperty(
            OWNERS_ANNOTATION,
        );
    });

    it("refuses an entry it did not write, naming the server and no value", async () => {
        const foreign = RED_HAT.replace('{"auths":{', '{"auths":{"us.icr.io":{"auth":"Q0FOQVJZLXRoZWlycw=="},');
        world.secrets.set("openshift-config/pull-secret", stored(foreign, { resourceVersion: "3" }));
        const err = await provider.create(urn("e"), inputs("h")).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(err?.message).toContain(
            "registry-access will not change these entries of openshift-config/pull-secret: us.icr.io: present and not added by registry-access",
        );
        expect(err?.message).not.toContain("Q0FOQVJZ");
        expect(pullSecretText(world)).toBe(foreign);
    });

    it("refuses to overwrite our entry edited by someone else, and leaves it on delete", async () => {
        const created = await provider.create(urn("e"), inputs("h1"));
        const edited = pullSecretText(world).replace("KEY-ONE", "THEIR-EDIT");
        world.secrets.set("openshift-config/pull-secret", {
            ...world.secrets.get("openshift-config/pull-secret")!,
            data: { ".dockerconfigjson": b64(edited) },
        });
        world.secrets.set("team-a/all-icr-io", stored(ourConfig("KEY-TWO")));
        await expect(provider.update(created.id, urn("e"), created.props, inputs("h2"))).rejects.toThrow(
            /us\.icr\.io: edited by someone else since registry-access wrote it/,
        );
        await provider.delete(created.id, urn("e"), created.props);
        expect(pullSecretText(world)).toBe(edited);
    });

    it("lets two stacks merge different registries; one's delete keeps the other's", async () => {
        const a = await provider.create(urn("e", "prod"), inputs("h"));
        world.secrets.set(
            "team-b/quay",
            stored(JSON.stringify({ auths: { "quay.example.com": { auth: b64("u:p") } } })),
        );
        const bInputs = {
            ...inputs("h"),
            from: { namespace: "team-b", secretName: "quay" },
            servers: ["quay.example.com"],
        };
        const b = await provider.create(urn("e", "staging"), bInputs);
        await provider.delete(a.id, urn("e", "prod"), a.props);
        const auths = JSON.parse(pullSecretText(world)).auths;
        expect(Object.keys(auths)).toEqual([
            "cloud.openshift.com",
            "quay.io",
            "registry.connect.redhat.com",
            "registry.redhat.io",
            "quay.example.com",
        ]);
        await provider.delete(b.id, urn("e", "staging"), b.props);
        expect(pullSecretText(world)).toBe(RED_HAT);
    });

    it("retries after a concurrent edit and keeps it", async () => {
        let edits = 0;
        world.beforeSecretPatch = (w, key) => {
            if (key !== "openshift-config/pull-secret" || edits++ > 0) return;
            const current = w.secrets.get(key)!;
            const text = Buffer.from(current.data[".dockerconfigjson"], "base64").toString();
            const added = text.replace('{"auths":{', '{"auths":{"mirror.example.com":{"auth":"bTpu"},');
            w.secrets.set(key, {
                ...current,
                data: { ".dockerconfigjson": b64(added) },
                metadata: { resourceVersion: "99" },
            });
        };
        await provider.create(urn("e"), inputs("h"));
        const auths = JSON.parse(pullSecretText(world)).auths;
        expect(Object.keys(auths).sort()).toEqual([
            "cloud.openshift.com",
            "mirror.example.com",
            "quay.io",
            "registry.connect.redhat.com",
            "registry.redhat.io",
            "us.icr.io",
        ]);
        expect(world.clusterCalls.filter((c) => c.includes("pull-secret"))).toEqual([
            "GET /api/v1/namespaces/openshift-config/secrets/pull-secret",
            "PATCH /api/v1/namespaces/openshift-config/secrets/pull-secret",
            "GET /api/v1/namespaces/openshift-config/secrets/pull-secret",
            "PATCH /api/v1/namespaces/openshift-config/secrets/pull-secret",
        ]);
    });

    it("refresh: lists an entry someone removed, which the next update puts back; gone when none is left", async () => {
        const two = JSON.stringify({
            auths: { "us.icr.io": { auth: b64("iamapikey:K") }, "icr.io": { auth: b64("iamapikey:K") } },
        });
        world.secrets.set("team-a/all-icr-io", stored(two));
        const both = { ...inputs("h"), servers: ["us.icr.io", "icr.io"] };
        const created = await provider.create(urn("e"), both);
        const unchanged = await provider.read(created.id, urn("e"), created.props);
        expect([unchanged.id, unchanged.props.missing]).toEqual([created.id, []]);
        expect((await provider.diff(created.id, urn("e"), unchanged.props, both)).changes).toBe("none");

        const withoutIcr = pullSecretText(world).replace(/,?"icr\.io":\{"auth":"[^"]+"\}/, "");
        const current = world.secrets.get("openshift-config/pull-secret")!;
        world.secrets.set("openshift-config/pull-secret", {
            ...current,
            data: { ".dockerconfigjson": b64(withoutIcr) },
        });
        const drifted = await provider.read(created.id, urn("e"), created.props);
        expect([drifted.id, drifted.props.missing]).toEqual([created.id, ["icr.io"]]);
        expect((await provider.diff(created.id, urn("e"), drifted.props, both)).changes).toBe("some");
        await provider.update(created.id, urn("e"), drifted.props, both);
        expect(Object.keys(JSON.parse(pullSecretText(world)).auths)).toContain("icr.io");

        world.secrets.set("openshift-config/pull-secret", stored(RED_HAT, { resourceVersion: "77" }));
        expect((await provider.read(created.id, urn("e"), created.props)).id).toBe("");
    });
});
