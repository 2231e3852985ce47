/**
 * The program under mocks, per platform: what OpenShift adds (global pull secret entries, the builds' push
 * identity linked to `builder`, image streams, the registry route), what Code Engine declares instead of
 * Kubernetes objects, and Portieris policies on IKS. Exact types, names, counts and inputs; canaries never
 * shown.
 */
import { kubectlDockerConfig } from "../fakes/kubectlOracle";
import { globalPullSecretRollout } from "../../core/platforms/openshift";
import { ConfigValue, T, inputsOf, ofType, one, runStack } from "../fakes/programRuns";

const P = {
    entries: "registry-access:index:GlobalPullSecretEntries",
    openShift: "registry-access:index:OpenShiftRegistryAccess",
    codeEngine: "registry-access:index:CodeEngineRegistryAccess",
    ceSecret: "ibm:index/codeEngineSecret:CodeEngineSecret",
    imageStream: "kubernetes:image.openshift.io/v1:ImageStream",
    route: "kubernetes:route.openshift.io/v1:Route",
    imagePolicy: "kubernetes:portieris.cloud.ibm.com/v1:ImagePolicy",
    trust: "registry-access:index:ImageTrustPolicies",
};
const PROJECT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const KEY = "CANARY-IBM-GENERATED-KEY-77e1";
const HUB_TOKEN = "CANARY-HUB-TOKEN-e0e0";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const names = (run: Awaited<ReturnType<typeof runStack>>, type: string) =>
    ofType(run, type)
        .map((r) => r.name)
        .sort();
const everything = (run: Awaited<ReturnType<typeof runStack>>) =>
    JSON.stringify([run.registrations.map((r) => inputsOf(r)), run.rawOutputs]);

const openshift = (extra: Record<string, ConfigValue>, secretKeys: string[] = []) =>
    runStack({ platform: "openshift", cluster: "os1", namespaces: ["team-a", "team-b"], ...extra }, secretKeys, KEY);

const signedBy = {
    simple: {
        requirements: [{ type: "signedBy", keySecret: "payments-pubkey", keySecretNamespace: "signing-keys" }],
    },
};

describe("platform iks (the default)", () => {
    it("declares nothing of OpenShift or Code Engine", async () => {
        const run = await runStack({ cluster: "c1", namespaces: ["team-a"] });
        for (const type of Object.values(P)) expect(ofType(run, type)).toEqual([]);
    });

    it("puts a Portieris ImagePolicy in each namespace: signed images of the imageTrust repositories, others admitted", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["team-a", "team-b"],
            imageTrust: ["us.icr.io/payments/*", "de.icr.io/shared/base-images/ubi"],
            imageTrustSigningKey: "signing-keys/payments-pubkey",
        });
        expect(names(run, P.imagePolicy)).toEqual(["team-a.registry-access-trust", "team-b.registry-access-trust"]);
        const policy = one(run, P.imagePolicy, "team-b.registry-access-trust");
        expect(policy.parent).toBe(one(run, P.trust).urn);
        expect(inputsOf(policy)).toEqual({
            apiVersion: "portieris.cloud.ibm.com/v1",
            kind: "ImagePolicy",
            metadata: {
                name: "registry-access-trust",
                namespace: "team-b",
                labels: { "app.kubernetes.io/managed-by": "registry-access" },
            },
            spec: {
                repositories: [
                    { name: "us.icr.io/payments/*", policy: signedBy },
                    { name: "de.icr.io/shared/base-images/ubi", policy: signedBy },
                    // Digest-only references of that repository (Portieris retries a pattern with `:*` only).
                    { name: "de.icr.io/shared/base-images/ubi@*", policy: signedBy },
                    // Every other image, as before the policy (Portieris reads a namespace's ImagePolicies only).
                    { name: "*" },
                ],
            },
        });
    });

    it("leaves the catch-all out with imageTrustOtherImages deny, and the key in each namespace by default", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaces: ["team-a"],
            imageTrust: ["us.icr.io/payments/*"],
            imageTrustSigningKey: "payments-pubkey",
            imageTrustOtherImages: "deny",
        });
        expect(inputsOf(one(run, P.imagePolicy, "team-a.registry-access-trust")).spec.repositories).toEqual([
            {
                name: "us.icr.io/payments/*",
                policy: { simple: { requirements: [{ type: "signedBy", keySecret: "payments-pubkey" }] } },
            },
        ]);
    });
});

describe("platform openshift", () => {
    it("without its keys, declares what IKS does and nothing more", async () => {
        const run = await openshift({});
        expect(ofType(run, P.openShift)).toHaveLength(1);
        for (const type of [P.entries, P.imageStream, P.route, P.imagePolicy]) expect(ofType(run, type)).toEqual([]);
        expect(names(run, T.pullIdentity)).toEqual(["os1"]);
        expect(Object.keys(run.rawOutputs)).not.toContain("globalPullSecretRollout");
    });

    it("merges each stack-wide source into the global pull secret from its own Secret, never by value", async () => {
        const run = await openshift(
            {
                registryRegions: ["us-south"],
                globalPullSecret: true,
                registries: [
                    { type: "icr" },
                    {
                        type: "private",
                        server: "docker.io",
                        username: "acme",
                        password: HUB_TOKEN,
                        namespaces: ["team-b"],
                    },
                ],
            },
            ["registries"],
        );
        expect(names(run, P.entries)).toEqual([
            "openshift-config.pull-secret@all-icr-io",
            "openshift-config.pull-secret@docker-io",
        ]);
        const icr = one(run, P.entries, "openshift-config.pull-secret@all-icr-io");
        const hub = one(run, P.entries, "openshift-config.pull-secret@docker-io");
        expect(icr.parent).toBe(one(run, P.openShift).urn);
        expect(inputsOf(icr)).toEqual({
            connection: { source: "cluster", cluster: "os1" },
            from: { namespace: "team-a", secretName: "all-icr-io" },
            servers: ["us.icr.io"],
            contentHash: "[secret]",
        });
        expect(inputsOf(hub)).toMatchObject({
            from: { namespace: "team-b", secretName: "docker-io" },
            servers: ["https://index.docker.io/v1/"],
        });
        // The hash is of the Secret's docker config: it changes when the key does, and is not the value.
        const config = inputsOf(one(run, T.secret, "team-a.all-icr-io"), true).stringData[".dockerconfigjson"];
        const hash = inputsOf(icr, true).contentHash;
        expect(hash).toBe(require("crypto").createHash("sha256").update(config).digest("hex"));
        expect(JSON.stringify(inputsOf(icr, true))).not.toContain(KEY);
        // Each entry waits for its Secret (its name is an input), so the provider can read it.
        expect(icr.dependsOn).toContain(one(run, T.secret, "team-a.all-icr-io").urn);
        expect(inputsOf({ ...run.registrations[0], rawInputs: run.rawOutputs } as never).globalPullSecretRollout).toBe(
            globalPullSecretRollout("os1"),
        );
        for (const text of [everything(run)]) {
            expect(text).not.toContain(KEY);
            expect(text).not.toContain(HUB_TOKEN);
            expect(text).not.toContain(b64(`acme:${HUB_TOKEN}`).slice(0, 20));
        }
    });

    it("gives builds a push identity (Reader and Writer, scoped like the pull identity) linked to builder", async () => {
        const run = await openshift({ builderPush: true, registryRegions: ["us-south"], registryNamespaces: ["apps"] });
        expect(names(run, T.pullIdentity)).toEqual(["os1", "os1-registry-push"]);
        const push = one(run, T.pullIdentity, "os1-registry-push");
        const pushPolicies = ofType(run, T.policy).filter((p) => p.parent === push.urn);
        const pullPolicies = ofType(run, T.policy).filter((p) => p.parent === one(run, T.pullIdentity, "os1").urn);
        expect(pushPolicies.map((p) => inputsOf(p).roles)).toEqual([["Reader", "Writer"]]);
        expect(pushPolicies.map((p) => inputsOf(p).resources)).toEqual(pullPolicies.map((p) => inputsOf(p).resources));
        expect(inputsOf(one(run, T.serviceId, "os1-registry-push-id"))).toEqual({
            name: "os1-registry-push-id",
            description:
                "Pushes and pulls images in IBM Cloud Container Registry for the builds of OpenShift cluster os1, projects team-a, team-b (managed by registry-access)",
        });
        expect(inputsOf(one(run, T.apiKey, "os1-registry-push-key")).description).toBe(
            "Image push key of os1-registry-push-id for the builds of cluster os1 (managed by registry-access)",
        );
        expect(pushPolicies.map((p) => inputsOf(p).description)).toEqual([
            "Reader, Writer on container-registry for the builds of cluster os1 (intent: push, from builderPush)",
        ]);
        expect(names(run, T.secret)).toEqual([
            "team-a.all-icr-io",
            "team-a.icr-builder-push",
            "team-b.all-icr-io",
            "team-b.icr-builder-push",
        ]);
        const pushConfig = inputsOf(one(run, T.secret, "team-a.icr-builder-push"), true).stringData[
            ".dockerconfigjson"
        ];
        expect(pushConfig).toBe(kubectlDockerConfig("us.icr.io", "iamapikey", KEY));
        expect(names(run, T.ref)).toEqual([
            "team-a.builder@icr-builder-push",
            "team-a.builder@icr-builder-push#secrets",
            "team-a.default",
            "team-b.builder@icr-builder-push",
            "team-b.builder@icr-builder-push#secrets",
            "team-b.default",
        ]);
        expect(inputsOf(one(run, T.ref, "team-a.builder@icr-builder-push#secrets"))).toMatchObject({
            namespace: "team-a",
            serviceAccount: "builder",
            secretName: "icr-builder-push",
            list: "secrets",
        });
        expect(inputsOf(one(run, T.ref, "team-a.builder@icr-builder-push")).list).toBeUndefined();
        expect(inputsOf({ ...run.registrations[0], rawInputs: run.rawOutputs } as never).builderPushSecrets).toEqual({
            "team-a": "icr-builder-push",
            "team-b": "icr-builder-push",
        });
        expect(everything(run)).not.toContain(KEY);
    });

    it("sets named BuildConfigs' push and pull secret through our provider, after the push secret exists", async () => {
        const run = await openshift({ builderPush: true, buildConfigs: ["team-b/api", "team-a/web"] });
        const refs = ofType(run, "registry-access:index:BuildConfigSecretRef");
        expect(refs.map((r) => r.name).sort()).toEqual(["team-a.web#build-secrets", "team-b.api#build-secrets"]);
        const api = one(run, "registry-access:index:BuildConfigSecretRef", "team-b.api#build-secrets");
        expect(inputsOf(api)).toEqual({
            namespace: "team-b",
            buildConfig: "api",
            secretName: "icr-builder-push",
            fields: ["push", "pull"],
            connection: { source: "cluster", cluster: "os1" },
        });
        expect(api.dependsOn).toEqual([one(run, T.secret, "team-b.icr-builder-push").urn]);
        expect(api.provider).toBe(`${one(run, T.registryAccessProvider).urn}::os1-id`);
    });

    it("imports image streams with local reference policy and scheduled import, after the pull secrets exist", async () => {
        const run = await openshift({
            imageStreams: ["us.icr.io/apps/api:1.4", "us.icr.io/apps/api:1.5", "us.icr.io/apps/team/worker"],
            imageStreamNamespace: "team-b",
        });
        expect(names(run, P.imageStream)).toEqual(["team-b.api", "team-b.worker"]);
        const api = one(run, P.imageStream, "team-b.api");
        expect(inputsOf(api)).toEqual({
            apiVersion: "image.openshift.io/v1",
            kind: "ImageStream",
            metadata: {
                name: "api",
                namespace: "team-b",
                labels: { "app.kubernetes.io/managed-by": "registry-access" },
            },
            spec: {
                tags: ["1.4", "1.5"].map((tag) => ({
                    name: tag,
                    from: { kind: "DockerImage", name: `us.icr.io/apps/api:${tag}` },
                    importPolicy: { scheduled: true },
                    referencePolicy: { type: "Local" },
                })),
            },
        });
        expect(inputsOf(one(run, P.imageStream, "team-b.worker")).spec.tags[0]).toMatchObject({
            name: "latest",
            from: { kind: "DockerImage", name: "us.icr.io/apps/team/worker:latest" },
        });
        expect(api.dependsOn).toEqual([one(run, T.secret, "team-b.all-icr-io").urn]);
    });

    it("routes the internal registry as oc create route reencrypt does, with source balancing", async () => {
        const run = await openshift({ registryRoute: true });
        expect(inputsOf(one(run, P.route, "openshift-image-registry.image-registry"))).toEqual({
            apiVersion: "route.openshift.io/v1",
            kind: "Route",
            metadata: {
                name: "image-registry",
                namespace: "openshift-image-registry",
                labels: { "app.kubernetes.io/managed-by": "registry-access" },
                annotations: { "haproxy.router.openshift.io/balance": "source" },
            },
            spec: {
                to: { kind: "Service", name: "image-registry", weight: 100 },
                port: { targetPort: "5000-tcp" },
                tls: { termination: "reencrypt" },
                wildcardPolicy: "None",
            },
        });
    });
});

describe("platform codeengine", () => {
    const codeEngine = (extra: Record<string, ConfigValue> = {}, secretKeys: string[] = []) =>
        runStack({ platform: "codeengine", codeEngineProjectId: PROJECT, ...extra }, secretKeys, KEY);

    it("declares the identity, its iam-identity policy and one registry secret per server: no cluster at all", async () => {
        const run = await codeEngine({ registryRegions: ["us-south", "global"] });
        expect(run.cloud.calls).toEqual([]); // no cluster to look up
        for (const type of [T.secret, T.ref, T.k8sProvider, T.connection, T.registryAccessProvider]) {
            expect(ofType(run, type)).toEqual([]);
        }
        const base = `codeengine-${PROJECT}`;
        expect(names(run, T.pullIdentity)).toEqual([base]);
        expect(inputsOf(one(run, T.serviceId))).toEqual({
            name: `${base}-registry-pull-id`,
            description: `Pulls images from IBM Cloud Container Registry for Code Engine project ${PROJECT} (managed by registry-access)`,
        });
        expect(one(run, T.pullIdentity).parent).toBe(one(run, P.codeEngine).urn);
        expect(
            ofType(run, T.policy)
                .map((p) => inputsOf(p).description)
                .sort(),
        ).toEqual([
            `Lets Code Engine project ${PROJECT} read the registry key's details`,
            `Reader on container-registry for Code Engine project ${PROJECT}`,
            `Reader on container-registry for Code Engine project ${PROJECT}`,
        ]);
        const iamIdentity = one(run, T.policy, `${base}-iam-identity`);
        const serviceId = one(run, T.serviceId);
        expect(inputsOf(iamIdentity)).toEqual({
            iamId: `iam-${serviceId.name === `${base}-registry-pull-id` ? inputsOf(iamIdentity).resources.resource : ""}`,
            roles: ["Operator"],
            description: `Lets Code Engine project ${PROJECT} read the registry key's details`,
            resources: {
                service: "iam-identity",
                resourceType: "serviceid",
                resource: inputsOf(iamIdentity).resources.resource,
            },
        });
        expect(inputsOf(iamIdentity).resources.resource).toMatch(/^ServiceId-/);
        expect(inputsOf(iamIdentity).iamId).toMatch(/^iam-ServiceId-/);
        expect(names(run, P.ceSecret)).toEqual(["icr-io", "us-icr-io"]);
        const us = one(run, P.ceSecret, "us-icr-io");
        expect(us.parent).toBe(one(run, P.codeEngine).urn);
        expect(us.dependsOn).toContain(iamIdentity.urn);
        expect(inputsOf(us)).toEqual({ projectId: PROJECT, name: "us-icr-io", format: "registry", data: "[secret]" });
        expect(inputsOf(us, true).data).toEqual({ server: "us.icr.io", username: "iamapikey", password: KEY });
        expect(everything(run)).not.toContain(KEY);
        expect(Object.keys(run.rawOutputs).sort()).toEqual([
            "policyId",
            "policyIds",
            "registrySecretNames",
            "serviceIdIamId",
            "serviceIdId",
        ]);
    });

    it("takes Docker Hub and entitled software too, each with its own server and user", async () => {
        const run = await codeEngine(
            {
                registryRegions: ["eu-de"],
                dockerEmail: "ops@example.com",
                registries: [
                    { type: "icr" },
                    { type: "private", server: "docker.io", username: "acme", password: HUB_TOKEN },
                    { type: "entitled", entitlementKey: KEY },
                ],
            },
            ["registries"],
        );
        expect(names(run, P.ceSecret)).toEqual(["de-icr-io", "docker-io", "entitled-cp-icr-io"]);
        expect(inputsOf(one(run, P.ceSecret, "entitled-cp-icr-io"), true).data).toEqual({
            server: "cp.icr.io",
            username: "cp",
            password: KEY,
            email: "ops@example.com",
        });
        expect(inputsOf(one(run, P.ceSecret, "docker-io"), true).data).toEqual({
            server: "https://index.docker.io/v1/",
            username: "acme",
            password: HUB_TOKEN,
            email: "ops@example.com",
        });
        expect(everything(run)).not.toContain(HUB_TOKEN);
    });

    it("with an existing key creates no IAM objects and no iam-identity policy", async () => {
        const run = await codeEngine(
            {
                registryRegions: ["us-south"],
                registries: [{ type: "icr", identity: "existingKey", apiKey: HUB_TOKEN }],
            },
            ["registries"],
        );
        expect(ofType(run, T.serviceId)).toEqual([]);
        expect(ofType(run, T.policy)).toEqual([]);
        expect(inputsOf(one(run, P.ceSecret, "us-icr-io"), true).data.password).toBe(HUB_TOKEN);
    });
});
