/**
 * BuildConfigSecretRef at the engine's boundary: the plugin over gRPC against a fake API server serving
 * build.openshift.io/v1 BuildConfigs. Create sets what `oc set build-secret --push --pull` sets, records it,
 * and refuses a field holding someone else's secret; refresh keeps it while the record says ours; delete
 * clears only what it set.
 */
import { BUILD_SECRETS_OWNERS_ANNOTATION } from "../../core/sharedObjects/buildConfigSecretPatch";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { providerFor } from "../fakes/providerProcess";
import { caught } from "../fakes/rejections";

const API_KEY = "CANARY-operator-key-b11d";
const CLUSTER = "os-dev";
const URN =
    "urn:pulumi:dev::registry-access::registry-access:index:OpenShiftRegistryAccess$" +
    "registry-access:index:BuildConfigSecretRef::team-a.api#build-secrets";
const ref = {
    namespace: "team-a",
    buildConfig: "api",
    secretName: "icr-builder-push",
    fields: ["push", "pull"],
    connection: { source: "cluster", cluster: CLUSTER },
};

/** A docker-strategy BuildConfig as `oc new-build` leaves it: an output image, no secrets. */
const dockerBuild = (extra: Record<string, unknown> = {}) => ({
    metadata: { name: "api", namespace: "team-a", resourceVersion: "10" },
    spec: {
        output: { to: { kind: "DockerImage", name: "us.icr.io/team-a/api:latest" } },
        strategy: { type: "Docker", dockerStrategy: { ...extra } },
    },
});

type BuildConfig = ReturnType<typeof dockerBuild> & {
    metadata: { annotations?: Record<string, string> };
    spec: { output: { pushSecret?: { name: string } }; strategy: { dockerStrategy: { pullSecret?: unknown } } };
};

describe("a BuildConfig's build secrets over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "openshift" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));
    const current = () => world.buildConfigs.get("team-a/api") as BuildConfig;

    it("checks names and fields, naming the property", async () => {
        expect((await provider.check(URN, {}, ref)).failures).toEqual([]);
        expect(
            (await provider.check(URN, {}, { ...ref, buildConfig: "API_", fields: ["push", "mount"] })).failures,
        ).toEqual([
            { property: "buildConfig", reason: "buildConfig must be a Kubernetes object name (DNS-1123 subdomain)" },
            { property: "fields", reason: "fields must list some of push, pull" },
        ]);
    });

    it("sets push and pull secret, keeps them on refresh, and clears them on delete", async () => {
        world.buildConfigs.set("team-a/api", dockerBuild());
        const created = await provider.create(URN, ref);
        expect(created.id).toBe("team-a/api@cluster=os-dev");
        expect(current().spec.output.pushSecret).toEqual({ name: "icr-builder-push" });
        expect(current().spec.strategy.dockerStrategy.pullSecret).toEqual({ name: "icr-builder-push" });
        const record = JSON.parse(current().metadata.annotations![BUILD_SECRETS_OWNERS_ANNOTATION]);
        expect(Object.keys(record).sort()).toEqual(["pull", "push"]);
        expect(JSON.stringify(created.props)).not.toContain(API_KEY);

        expect((await provider.read(created.id, URN, created.props)).id).toBe(created.id);

        await provider.delete(created.id, URN, created.props);
        expect(current().spec.output).toEqual({ to: { kind: "DockerImage", name: "us.icr.io/team-a/api:latest" } });
        expect(current().spec.strategy.dockerStrategy).toEqual({});
        expect(current().metadata.annotations?.[BUILD_SECRETS_OWNERS_ANNOTATION]).toBeUndefined();
        expect((await provider.read(created.id, URN, created.props)).id).toBe("");
    });

    it("refuses a pull secret someone else set, changing nothing, and names the field and the cluster", async () => {
        world.buildConfigs.set("team-a/api", dockerBuild({ pullSecret: { name: "their-secret" } }));
        const before = JSON.stringify(current());
        const err = (await caught(provider.create(URN, ref))) as Error & { details?: string };
        expect(err.details).toContain("spec.strategy.dockerStrategy.pullSecret is their-secret");
        expect(err.details).toContain("os-dev");
        expect(JSON.stringify(current())).toBe(before);
    });
});
