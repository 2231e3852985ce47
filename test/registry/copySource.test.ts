/** core/registry/copySource.ts on its own: what copy mode reads from `default`, against an in-memory cluster. */
import { GET_PULL_SECRETS, SecretView, readPullSecretsToCopy } from "../../core/registry/copySource";

const dockerConfig = '{"auths":{"icr.io":{"auth":"eA=="}}}';
const pullSecret: SecretView = {
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(dockerConfig).toString("base64") },
};

function cluster(secrets: Record<string, SecretView>) {
    const reads: string[] = [];
    return {
        reads,
        reader: {
            read: async (namespace: string, name: string) => {
                reads.push(`${namespace}/${name}`);
                return secrets[`${namespace}/${name}`];
            },
        },
    };
}

describe("readPullSecretsToCopy", () => {
    it("returns each secret's docker config text, decoded, reading each from default once", async () => {
        const c = cluster({ "default/all-icr-io": pullSecret, "default/default-us-icr-io": pullSecret });
        await expect(
            readPullSecretsToCopy(c.reader, ["all-icr-io", "default-us-icr-io"], "cluster c1"),
        ).resolves.toEqual({
            "all-icr-io": dockerConfig,
            "default-us-icr-io": dockerConfig,
        });
        expect(c.reads).toEqual(["default/all-icr-io", "default/default-us-icr-io"]);
    });

    it("names every missing secret at once, and the command that creates them", async () => {
        const c = cluster({ "default/default-us-icr-io": pullSecret });
        await expect(
            readPullSecretsToCopy(c.reader, ["default-uk-icr-io", "default-us-icr-io", "default-icr-io"], "cluster c1"),
        ).rejects.toThrow(
            new Error(
                "copy source: cluster c1 has no secret default/default-uk-icr-io, default/default-icr-io to copy. " +
                    "IBM Cloud creates the default image pull secrets with `ibmcloud ks cluster pull-secret apply --cluster <cluster>` " +
                    "(`ibmcloud oc cluster pull-secret apply` on Red Hat OpenShift); clusters created before 2020 may have the " +
                    "per-region set instead (from: per-region), newer ones only all-icr-io",
            ),
        );
    });

    it("refuses a secret that is not a dockerconfigjson pull secret", async () => {
        const cases: [SecretView, string][] = [
            [{ type: "Opaque", data: pullSecret.data }, "Opaque"],
            [
                { type: "kubernetes.io/dockerconfigjson", data: { ".dockercfg": "e30=" } },
                "kubernetes.io/dockerconfigjson",
            ],
            [{ type: "kubernetes.io/dockerconfigjson" }, "kubernetes.io/dockerconfigjson"],
            [{ data: pullSecret.data }, "(none)"],
        ];
        for (const [wrong, shownType] of cases) {
            await expect(
                readPullSecretsToCopy(cluster({ "default/all-icr-io": wrong }).reader, ["all-icr-io"], "cluster c1"),
            ).rejects.toThrow(
                new Error(
                    `copy source: secret default/all-icr-io on cluster c1 is of type ${shownType}, not ` +
                        "kubernetes.io/dockerconfigjson with a .dockerconfigjson key; it is not an image pull secret to copy",
                ),
            );
        }
    });
});

describe("the provider function's token", () => {
    it("is registry-access:index:getPullSecrets, as the provider serves it and the program invokes it", () => {
        expect(GET_PULL_SECRETS).toBe("registry-access:index:getPullSecrets");
    });
});
