import { ICR_REGIONS } from "../../core/registry/icrCatalogue";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLUSTER_CONFIG_TOKEN, FAKE_CLUSTER_CONFIG } from "../../plan/fakeCloud";
import { planJson, planText, plainValue } from "../../core/review/render";
import { T, inputsOf, ofType, one, run, runStack } from "../fakes/programRuns";

const namespaces = (n: number) => Array.from({ length: n }, (_, i) => `ns-${String(i).padStart(3, "0")}`);

describe.each([1, 50])("graph shape for %i namespace(s)", (n) => {
    let run: Awaited<ReturnType<typeof runStack>>;
    beforeAll(async () => {
        run = await runStack({ cluster: "dev-cluster", namespaces: namespaces(n) });
    });

    it("has IAM resources once, and one secret and one reference per namespace, no component per namespace", () => {
        const counts: Record<string, number> = {};
        for (const r of run.registrations) counts[r.type] = (counts[r.type] ?? 0) + 1;
        expect(counts).toEqual({
            [T.stack]: 1,
            [T.pullIdentity]: 1,
            [T.serviceId]: 1,
            [T.policy]: 1,
            [T.apiKey]: 1,
            [T.connection]: 1,
            [T.k8sProvider]: 1,
            [T.registryAccessProvider]: 1,
            [T.secret]: n,
            [T.ref]: n,
        });
    });

    it("names every resource deterministically from the inputs", () => {
        expect(one(run, T.serviceId).name).toBe("dev-cluster-registry-pull-id");
        expect(one(run, T.apiKey).name).toBe("dev-cluster-registry-pull-key");
        expect(one(run, T.policy).name).toBe("dev-cluster-registry-pull-policy");
        expect(
            ofType(run, T.secret)
                .map((r) => r.name)
                .sort(),
        ).toEqual(namespaces(n).map((ns) => `${ns}.all-icr-io`));
        expect(
            ofType(run, T.ref)
                .map((r) => r.name)
                .sort(),
        ).toEqual(namespaces(n).map((ns) => `${ns}.default`));
    });

    it("makes each secret depend only on the key, each reference only on its secret", () => {
        const keyUrn = one(run, T.apiKey).urn;
        for (const secret of ofType(run, T.secret)) expect(secret.dependsOn).toEqual([keyUrn]);
        for (const ref of ofType(run, T.ref)) {
            const ns = ref.name.split(".")[0];
            expect(ref.dependsOn).toEqual([one(run, T.secret, `${ns}.all-icr-io`).urn]);
        }
        expect(one(run, T.apiKey).dependsOn).toEqual([one(run, T.serviceId).urn]);
    });

    it("writes one kubernetes.io/dockerconfigjson secret per namespace through the cluster's provider", () => {
        const providerRef = `${one(run, T.k8sProvider).urn}::${one(run, T.k8sProvider).name}-id`;
        for (const ns of namespaces(n)) {
            const secret = one(run, T.secret, `${ns}.all-icr-io`);
            expect(secret.provider).toBe(providerRef);
            expect(secret.urn).toBe(`urn:pulumi:test::registry-access::kubernetes:core/v1:Secret::${ns}.all-icr-io`);
            // Secrets created under the former per-namespace component keep their identity.
            expect(secret.aliases).toEqual([
                `urn:pulumi:test::registry-access::registry-access:index:NamespacePullSecret$kubernetes:core/v1:Secret::${ns}.all-icr-io`,
            ]);
            expect(inputsOf(secret)).toEqual({
                apiVersion: "v1",
                kind: "Secret",
                type: "kubernetes.io/dockerconfigjson",
                metadata: {
                    name: "all-icr-io",
                    namespace: ns,
                    labels: { "app.kubernetes.io/managed-by": "registry-access" },
                    // What it grants, readable without the secret (core/access/grants.ts): the domains in catalogue order.
                    annotations: {
                        "registry-access.io/icr": "icr.io,{au,br,ca2,ca,de,es,uk,in,in2,jp2,jp,us}.icr.io",
                    },
                },
                stringData: "[secret]",
            });
        }
    });
});

/** The Kubernetes provider options pinned in code (the provider serializes booleans as JSON text). */
const PINNED = {
    upsertExistingObjects: "false",
    enablePatchForce: "false",
    deleteUnreachable: "false",
    skipUpdateUnreachable: "false",
    enableServerSideApply: "true",
    enableSecretMutable: "true",
    enableConfigMapMutable: "false",
};

describe("pull identity", () => {
    it("registers IBM resources through the parameterized ibm package, the rest without", async () => {
        const run = await runStack({ cluster: "c1", namespaces: ["a"] });
        for (const r of run.registrations) {
            expect([r.type, r.packageRef]).toEqual([r.type, r.type.startsWith("ibm:") ? "mock-uuid" : undefined]);
        }
    });

    it("creates a service ID described with the cluster and namespaces, and a key for it", async () => {
        const run = await runStack({ cluster: "prod-eu", namespaces: ["shop", "pay"] });
        const serviceId = one(run, T.serviceId);
        expect(inputsOf(serviceId)).toEqual({
            name: "prod-eu-registry-pull-id",
            description:
                "Pulls images from IBM Cloud Container Registry for Kubernetes cluster prod-eu, namespaces pay, shop (managed by registry-access)",
        });
        const key = inputsOf(one(run, T.apiKey));
        expect(key.name).toBe("prod-eu-registry-pull-key");
        expect(key.iamServiceId).toMatch(/^iam-ServiceId-/);
        expect(key.apikey).toBeUndefined();
    });

    it("grants the configured roles on container-registry with no scope by default", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["a"],
            roles: ["Reader", "Writer"],
            roleIntent: "push",
        });
        const policy = inputsOf(one(run, T.policy));
        expect(policy).toEqual({
            iamId: expect.stringMatching(/^iam-ServiceId-/),
            roles: ["Reader", "Writer"],
            description: "Reader, Writer on container-registry for cluster c1 (intent: push, from roleIntent)",
            resources: { service: "container-registry" },
        });
    });

    it("scopes one policy per region × registry namespace", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["a"],
            registryRegions: ["us-south", "uk-south"],
            registryNamespaces: ["team-images", "base-images"],
        });
        const scopes = ofType(run, T.policy).map((p) => [p.name, inputsOf(p).resources]);
        expect(scopes.sort()).toEqual([
            [
                "c1-registry-pull-policy-eu-gb-base-images",
                { service: "container-registry", region: "eu-gb", resourceType: "namespace", resource: "base-images" },
            ],
            [
                "c1-registry-pull-policy-eu-gb-team-images",
                { service: "container-registry", region: "eu-gb", resourceType: "namespace", resource: "team-images" },
            ],
            [
                "c1-registry-pull-policy-us-south-base-images",
                {
                    service: "container-registry",
                    region: "us-south",
                    resourceType: "namespace",
                    resource: "base-images",
                },
            ],
            [
                "c1-registry-pull-policy-us-south-team-images",
                {
                    service: "container-registry",
                    region: "us-south",
                    resourceType: "namespace",
                    resource: "team-images",
                },
            ],
        ]);
        for (const p of ofType(run, T.policy)) expect(inputsOf(p).roles).toEqual(["Reader"]);
    });
});

describe("docker config in the secret", () => {
    const CANARY = "CANARY-apikey-7f3b9c2e";

    async function dockerConfigOf(config: Record<string, any>) {
        const run = await runStack({ cluster: "c1", namespaces: ["a"], ...config }, [], CANARY);
        return JSON.parse(inputsOf(one(run, T.secret), true).stringData[".dockerconfigjson"]);
    }

    it("has every ICR domain by default, each with iamapikey and the key", async () => {
        const doc = await dockerConfigOf({});
        expect(Object.keys(doc.auths)).toEqual(ICR_REGIONS.map((r) => r.domain));
        expect(doc.auths["us.icr.io"]).toEqual({
            username: "iamapikey",
            password: CANARY,
            auth: Buffer.from(`iamapikey:${CANARY}`).toString("base64"),
        });
    });

    it("is limited to registryRegions, with private twins and the email when asked", async () => {
        const doc = await dockerConfigOf({
            registryRegions: ["us-south"],
            privateEndpoints: true,
            dockerEmail: "a@b.c",
        });
        expect(Object.keys(doc.auths)).toEqual(["us.icr.io", "private.us.icr.io"]);
        expect(doc.auths["private.us.icr.io"].email).toBe("a@b.c");
    });
});

describe("cluster connection", () => {
    it("reads the cluster's address once, and gives the kubernetes provider a credential plugin, never a token", async () => {
        const run = await runStack({ cluster: "dev-cluster", namespaces: namespaces(20) });
        expect(run.cloud.calls.map((c) => [c.token, c.inputs.clusterNameId])).toEqual([
            [CLUSTER_CONFIG_TOKEN, "dev-cluster"],
        ]);
        // A private directory of its own, removed once the data source has answered (it writes a token there).
        const configDir = run.cloud.calls[0].inputs.configDir as string;
        expect(configDir).toMatch(/registry-access-kubeconfig-[A-Za-z0-9]{6}$/);
        expect(fs.existsSync(configDir)).toBe(false);

        const provider = one(run, T.k8sProvider);
        expect(inputsOf(provider)).toEqual({
            ...PINNED,
            kubeconfig: "[secret]",
            clusterIdentifier: "cluster:dev-cluster",
        });
        const kubeconfigText: string = inputsOf(provider, true).kubeconfig;
        expect(kubeconfigText).not.toContain(FAKE_CLUSTER_CONFIG.token);
        const kubeconfig = JSON.parse(kubeconfigText);
        expect(kubeconfig.clusters[0].cluster).toEqual({
            server: FAKE_CLUSTER_CONFIG.host,
            "certificate-authority-data": Buffer.from(FAKE_CLUSTER_CONFIG.caCertificate).toString("base64"),
        });
        expect(kubeconfig.users[0].user).toEqual({
            exec: {
                apiVersion: "client.authentication.k8s.io/v1",
                command: "node",
                args: ["bin/registry-access-credentials.js", "--cluster", "dev-cluster"],
                interactiveMode: "Never",
                provideClusterInfo: false,
            },
        });
        const sharedObjects = one(run, T.registryAccessProvider);
        expect(inputsOf(sharedObjects)).toEqual({});
        for (const ref of ofType(run, T.ref)) {
            expect(ref.provider).toBe(`${sharedObjects.urn}::${sharedObjects.name}-id`);
            expect(inputsOf(ref).connection).toEqual({ source: "cluster", cluster: "dev-cluster" });
            expect(inputsOf(ref).apiKey).toBeUndefined();
        }
    });

    it("passes the stack's ibm:ibmcloudApiKey, as a secret, to the plugin and the references only when it is set", async () => {
        const CANARY = "CANARY-stack-ibm-key-61f0";
        const run = await runStack({ cluster: "c1", namespaces: ["a"], "ibm:ibmcloudApiKey": CANARY }, [
            "ibm:ibmcloudApiKey",
        ]);
        const exec = JSON.parse(inputsOf(one(run, T.k8sProvider), true).kubeconfig).users[0].user.exec;
        expect(exec.env).toEqual([{ name: "REGISTRY_ACCESS_STACK_API_KEY", value: CANARY }]);
        expect(inputsOf(one(run, T.ref)).apiKey).toBe("[secret]");
        expect(inputsOf(one(run, T.ref), true).apiKey).toBe(CANARY);
        expect(planJson(run)).not.toContain(CANARY);
    });

    it("with kubeconfig=ambient, reads nothing from IBM Cloud and pins both providers' work to one context", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["a", "b"],
            kubeconfig: "ambient",
            kubeContext: "c1/abc",
        });
        expect(run.cloud.calls).toEqual([]);
        expect(inputsOf(one(run, T.k8sProvider))).toEqual({
            ...PINNED,
            kubeconfig: "",
            context: "c1/abc",
            clusterIdentifier: "context:c1/abc",
        });
        for (const ref of ofType(run, T.ref))
            expect(inputsOf(ref).connection).toEqual({ source: "ambient", context: "c1/abc" });
    });

    it("with kubeconfig=ambient, plans the configured context whatever this machine's kubeconfig says", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-kubeconfig-"));
        const file = path.join(dir, "config");
        fs.writeFileSync(file, "apiVersion: v1\nkind: Config\ncurrent-context: someone-elses\n");
        const saved = process.env.KUBECONFIG;
        process.env.KUBECONFIG = `${file}${path.delimiter}${file}`;
        try {
            const pinned = { cluster: "c1", namespaces: ["a"], kubeconfig: "ambient", kubeContext: "c1/abc" };
            const run = await runStack(pinned);
            const text = JSON.stringify(run.registrations.map((r) => r.rawInputs));
            expect(text).not.toContain("someone-elses");
            expect(text).not.toContain(dir);
            expect(inputsOf(one(run, T.k8sProvider)).context).toBe("c1/abc");
            await expect(runStack({ cluster: "c1", namespaces: ["a"], kubeconfig: "ambient" })).rejects.toThrow(
                /registry-access:kubeconfig "ambient": needs registry-access:kubeContext/,
            );
        } finally {
            if (saved === undefined) delete process.env.KUBECONFIG;
            else process.env.KUBECONFIG = saved;
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("registers no dynamic-provider resource: nothing serialized into state", async () => {
        const run = await runStack({ cluster: "c1", namespaces: ["a"] });
        expect(run.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
        expect(JSON.stringify(run.registrations.map((r) => r.rawInputs))).not.toContain("__provider");
    });
});

describe("service-account references", () => {
    it("references the secret in every configured service account of every namespace", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["a", "b"],
            serviceAccounts: ["default", "builder"],
            secretName: "icr-pull",
        });
        const refs = ofType(run, T.ref).map((r) => inputsOf(r));
        expect(refs.map((r) => [r.namespace, r.serviceAccount, r.secretName]).sort()).toEqual([
            ["a", "builder", "icr-pull"],
            ["a", "default", "icr-pull"],
            ["b", "builder", "icr-pull"],
            ["b", "default", "icr-pull"],
        ]);
        const ref = one(run, T.ref, "a.builder");
        expect(ref.parent).toBe(one(run, T.stack).urn);
    });
});

describe("bad config", () => {
    it("registers nothing and reports every problem at once", async () => {
        await expect(runStack({ cluster: "c1", namespaces: ["Bad"], roles: ["Owner"] })).rejects.toThrow(
            /invalid stack configuration \(2 problems\):\n.*namespaces "Bad".*\n.*roles "Owner"/,
        );
    });

    it("records no resource before failing", async () => {
        let message = "";
        const settings = require("@pulumi/pulumi/runtime/settings");
        await run({ project: "registry-access", stack: "test", config: { "registry-access:cluster": "c1" } }).catch(
            (err: Error) => {
                message = err.message;
            },
        );
        const registered = settings
            .getMonitor()
            .registrations.filter((r: { type: string }) => r.type !== T.stack).length;
        expect(message).toMatch(/registry-access:namespaces: is required/);
        expect(registered).toBe(0);
    });
});

describe("secrets", () => {
    const CANARY = "CANARY-apikey-0d1e2f3a4b";
    const CANARY_B64 = Buffer.from(`iamapikey:${CANARY}`).toString("base64");

    it("never puts the API key, or its base64, in stack outputs or plan output", async () => {
        const run = await runStack({ cluster: "c1", namespaces: ["a", "b"] }, [], CANARY);
        const outputs = JSON.stringify(plainValue(run.rawOutputs, { showSecrets: true }));
        expect(Object.keys(plainValue(run.rawOutputs, {}) as object).sort()).toEqual([
            "policyId",
            "policyIds",
            "pullSecretNames",
            "serviceIdIamId",
            "serviceIdId",
        ]);
        for (const text of [outputs, planText(run), planJson(run)]) {
            expect(text).not.toContain(CANARY);
            expect(text).not.toContain(CANARY_B64);
        }
        // Revealed only on request, proving the canary did flow into the secret.
        expect(planJson(run, { showSecrets: true })).toContain(CANARY);
    });
});

describe("Kubernetes provider options", () => {
    it("are pinned in code: PULUMI_K8S_* variables of whoever runs the program change none of them", async () => {
        const vars = {
            PULUMI_K8S_UPSERT_EXISTING_OBJECTS: "true",
            PULUMI_K8S_ENABLE_PATCH_FORCE: "true",
            PULUMI_K8S_DELETE_UNREACHABLE: "true",
            PULUMI_K8S_SKIP_UPDATE_UNREACHABLE: "true",
            PULUMI_K8S_ENABLE_SERVER_SIDE_APPLY: "false",
            PULUMI_K8S_ENABLE_SECRET_MUTABLE: "false",
            PULUMI_K8S_ENABLE_CONFIGMAP_MUTABLE: "true",
        };
        Object.assign(process.env, vars);
        try {
            const run = await runStack({ cluster: "c1", namespaces: ["a"] });
            const inputs = inputsOf(one(run, T.k8sProvider));
            expect(Object.fromEntries(Object.keys(PINNED).map((k) => [k, inputs[k]]))).toEqual(PINNED);
        } finally {
            for (const k of Object.keys(vars)) delete process.env[k];
        }
    });
});
