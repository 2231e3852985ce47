/**
 * Copy mode's read at the engine's boundary: the provider plugin's getPullSecrets function over gRPC, with a
 * credential minted from the API key against fake IBM Cloud and a fake API server holding IBM's secrets.
 */
import { GET_PULL_SECRETS } from "../../core/registry/copySource";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { providerFor, secret } from "../fakes/providerProcess";

const API_KEY = "CANARY-operator-key-c0c0";
const CLUSTER = "legacy-cluster";
const connection = { source: "cluster", cluster: CLUSTER };
const dockerConfig = (password: string) =>
    JSON.stringify({ auths: { "us.icr.io": { username: "iamapikey", password, auth: "x" } } });
const stored = (text: string) => ({
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(text).toString("base64") },
});

describe("getPullSecrets over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "iks" });
    const provider = providerFor(world, () => world.env());
    beforeEach(() => {
        world.clusterCalls.length = 0;
        world.secrets.clear();
    });

    it("returns each named secret's docker config as stored, one GET each, with the stack's key as a secret", async () => {
        world.secrets.set("default/default-us-icr-io", stored(dockerConfig("US-KEY")));
        world.secrets.set("default/default-icr-io", stored(dockerConfig("GLOBAL-KEY")));
        const { outputs, failures } = await provider.invoke(GET_PULL_SECRETS, {
            connection,
            names: ["default-us-icr-io", "default-icr-io"],
            apiKey: secret(API_KEY),
        });
        expect(failures).toEqual([]);
        expect(outputs).toEqual({
            dockerConfigJsons: {
                "default-us-icr-io": dockerConfig("US-KEY"),
                "default-icr-io": dockerConfig("GLOBAL-KEY"),
            },
        });
        // (The credential's first mint also asks the API server whether it is OpenShift.)
        expect(world.clusterCalls.filter((c) => c.includes("/secrets/"))).toEqual([
            "GET /api/v1/namespaces/default/secrets/default-us-icr-io",
            "GET /api/v1/namespaces/default/secrets/default-icr-io",
        ]);
    });

    it("reads the current value each time, so a rotated source reaches the copies", async () => {
        world.secrets.set("default/all-icr-io", stored(dockerConfig("OLD")));
        const read = () =>
            provider.invoke(GET_PULL_SECRETS, { connection, names: ["all-icr-io"], apiKey: secret(API_KEY) });
        expect((await read()).outputs).toEqual({ dockerConfigJsons: { "all-icr-io": dockerConfig("OLD") } });
        world.secrets.set("default/all-icr-io", stored(dockerConfig("ROTATED")));
        expect((await read()).outputs).toEqual({ dockerConfigJsons: { "all-icr-io": dockerConfig("ROTATED") } });
    });

    it("names every missing secret and the command that makes IBM Cloud create them", async () => {
        world.secrets.set("default/default-us-icr-io", stored(dockerConfig("US-KEY")));
        const err = await provider
            .invoke(GET_PULL_SECRETS, {
                connection,
                names: ["default-us-icr-io", "default-uk-icr-io", "default-de-icr-io"],
                apiKey: secret(API_KEY),
            })
            .then(
                () => undefined,
                (e: Error) => e,
            );
        expect(err?.message).toContain(
            `cluster ${CLUSTER} has no secret default/default-uk-icr-io, default/default-de-icr-io to copy`,
        );
        expect(err?.message).toContain("ibmcloud ks cluster pull-secret apply --cluster <cluster>");
        expect(err?.message).not.toContain(API_KEY);
    });

    it("refuses to copy a secret that is not an image pull secret", async () => {
        world.secrets.set("default/all-icr-io", { type: "Opaque", data: { token: "eA==" } });
        await expect(
            provider.invoke(GET_PULL_SECRETS, { connection, names: ["all-icr-io"], apiKey: secret(API_KEY) }),
        ).rejects.toThrow(/is of type Opaque, not kubernetes.io\/dockerconfigjson/);
    });
});
