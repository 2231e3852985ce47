/**
 * KyvernoPolicy at the engine's boundary: the plugin over gRPC against the fake API server. Check fails at
 * preview, naming the Kyverno to install, when the cluster lacks its CRDs; create never adopts a ClusterPolicy
 * of the same name; update deletes and creates (Kyverno refuses in-place changes of synchronizing generate rules);
 * delete removes the policy, then Kyverno's clones of our source and the entries the policy recorded, nothing else.
 */
import { policyEntryAnnotation, selectorPolicy, excludedNamespaces } from "../../core/platforms/kyverno";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { providerFor } from "../fakes/providerProcess";
import { caught } from "../fakes/rejections";

const API_KEY = "CANARY-operator-key-c0de";
const CLUSTER = "os-dev";
const URN =
    "urn:pulumi:dev::registry-access::registry-access:index:NamespaceSelectorAccess$" +
    "registry-access:index:KyvernoPolicy::registry-access-os-dev";
const INPUT = {
    cluster: CLUSTER,
    selector: { matchLabels: { "registry-access.io/pull": "icr" } },
    sourceNamespace: "registry-access",
    secrets: ["all-icr-io"],
    references: [{ serviceAccount: "default", list: "imagePullSecrets" as const, secret: "all-icr-io" }],
    listedNamespaces: [],
};
const policy = selectorPolicy(INPUT);
const props = (selector: { matchLabels: Record<string, string> } = INPUT.selector) => ({
    policy: selectorPolicy({ ...INPUT, selector }),
    scope: {
        policyName: "registry-access-os-dev",
        sourceNamespace: "registry-access",
        selector,
        excluded: excludedNamespaces(INPUT),
        secrets: INPUT.secrets,
        references: INPUT.references,
    },
    requireCrds: true,
    connection: { source: "cluster", cluster: CLUSTER },
});
const RECORD = policyEntryAnnotation("imagePullSecrets", "all-icr-io");
const CLONE_LABELS = {
    "app.kubernetes.io/managed-by": "kyverno",
    "generate.kyverno.io/policy-name": "registry-access-os-dev",
    "generate.kyverno.io/source-namespace": "registry-access",
};

describe("a KyvernoPolicy over the engine's gRPC protocol", () => {
    const world = new FakeIbmWorld({ cluster: CLUSTER, apiKey: API_KEY, platform: "openshift" });
    const provider = providerFor(world, () => ({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));

    it("fails check, as preview runs it, when the cluster has no Kyverno, naming the version to install", async () => {
        world.kyverno.crds.clear();
        const { failures } = await provider.check(URN, {}, props());
        expect(failures).toEqual([
            {
                property: "policy",
                reason:
                    "cluster os-dev has no Kyverno (CustomResourceDefinition clusterpolicies.kyverno.io, updaterequests.kyverno.io " +
                    "not found); registry-access:namespaceSelector needs Kyverno v1.19.0 (Helm chart kyverno 3.9.0 from " +
                    "https://kyverno.github.io/kyverno/: helm install kyverno kyverno --repo https://kyverno.github.io/kyverno/ " +
                    "--version 3.9.0 --namespace kyverno --create-namespace), or set registry-access:kyverno to install",
            },
        ]);
        world.kyverno.crds.add("clusterpolicies.kyverno.io").add("updaterequests.kyverno.io");
        expect((await provider.check(URN, {}, props())).failures).toEqual([]);
    });

    it("creates the policy, and refuses to adopt one it did not create", async () => {
        const created = await provider.create(URN, props());
        expect(created.id).toBe("registry-access-os-dev@cluster=os-dev");
        expect(created.props.policyName).toBe("registry-access-os-dev");
        expect(world.kyverno.policies.get("registry-access-os-dev")).toEqual(JSON.parse(JSON.stringify(policy)));
        const err = (await caught(provider.create(URN, props()))) as Error & { details?: string };
        expect(err.details).toBe(
            "cluster os-dev: ClusterPolicy registry-access-os-dev already exists and was not created by this stack; " +
                "registry-access does not adopt it: delete it, or give this stack another cluster name",
        );
        expect((await provider.read(created.id, URN, created.props)).id).toBe(created.id);
    });

    it("replaces the policy on update, then removes what the new selector no longer serves", async () => {
        world.kyverno.calls.length = 0;
        world.kyverno.namespaces.push({ name: "app-1", labels: { "registry-access.io/pull": "icr" } });
        world.secrets.set("app-1/all-icr-io", {
            type: "kubernetes.io/dockerconfigjson",
            data: {},
            metadata: { labels: CLONE_LABELS },
        });
        world.serviceAccounts.put("app-1", "default", [{ name: "theirs" }, { name: "all-icr-io" }], {
            [RECORD]: "registry-access-os-dev",
        });
        const next = { tier: "gold" } as unknown as typeof INPUT.selector;
        await provider.update(
            "registry-access-os-dev@cluster=os-dev",
            URN,
            props(),
            props({ matchLabels: next } as never),
        );
        expect(world.kyverno.calls.slice(0, 3)).toEqual([
            "DELETE clusterpolicies/registry-access-os-dev",
            "GET clusterpolicies/registry-access-os-dev",
            "POST clusterpolicies",
        ]);
        expect(world.secrets.has("app-1/all-icr-io")).toBe(false);
        expect(world.serviceAccounts.names("app-1", "default")).toEqual(["theirs"]);
        expect(world.serviceAccounts.annotation("app-1", "default", RECORD)).toBeUndefined();
    });

    it("deletes the policy and every clone of ours, keeping a Secret of the same name that is not Kyverno's", async () => {
        world.secrets.set("app-2/all-icr-io", {
            type: "kubernetes.io/dockerconfigjson",
            data: {},
            metadata: { labels: CLONE_LABELS },
        });
        world.secrets.set("app-3/all-icr-io", { type: "kubernetes.io/dockerconfigjson", data: {} });
        await provider.delete("registry-access-os-dev@cluster=os-dev", URN, props());
        expect(world.kyverno.policies.size).toBe(0);
        expect(world.secrets.has("app-2/all-icr-io")).toBe(false);
        expect(world.secrets.has("app-3/all-icr-io")).toBe(true);
        expect(provider.stderr).not.toContain(API_KEY);
    });
});
