/**
 * The program under mocks, one stack per registry source mode: the exact graph each declares, docker configs
 * byte-identical to kubectl's, and canary secrets never shown (nor their base64, nor base64 of user:password).
 */
import { GET_PULL_SECRETS } from "../../core/registry/copySource";
import { DOCKER_HUB_SERVER } from "../../core/registry/privateRegistry";
import { kubectlDockerConfig } from "../fakes/kubectlOracle";
import { ConfigValue, T, inputsOf, ofType, one, runStack } from "../fakes/programRuns";

const ENTITLEMENT = "CANARY-ENTITLEMENT-KEY-91c2";
const HUB_TOKEN = "CANARY-DOCKERHUB-TOKEN-3b7e";
const EXISTING_KEY = "CANARY-EXISTING-API-KEY-55aa";
const ACCOUNT_KEY = "CANARY-OTHER-ACCOUNT-KEY-d00d";
const CANARIES = [ENTITLEMENT, HUB_TOKEN, EXISTING_KEY, ACCOUNT_KEY];
const b64 = (s: string) => Buffer.from(s).toString("base64");

const base = { cluster: "c1", namespaces: ["team-a", "team-b"] };
const stack = (registries: Record<string, unknown>[], extra: Record<string, ConfigValue> = {}) =>
    runStack({ ...base, ...extra, registries }, ["registries"]);
const dockerConfigOf = (run: Awaited<ReturnType<typeof runStack>>, name: string) =>
    inputsOf(one(run, T.secret, name), true).stringData[".dockerconfigjson"];
const names = (run: Awaited<ReturnType<typeof runStack>>, type: string) =>
    ofType(run, type)
        .map((r) => r.name)
        .sort();

/** Every form a canary could leak in: itself, its base64, base64 of any user:canary. */
function expectNoCanary(text: string): void {
    for (const c of CANARIES) {
        expect(text).not.toContain(c);
        expect(text).not.toContain(b64(c).slice(0, 16));
        for (const user of ["cp", "acme", "iamapikey"]) expect(text).not.toContain(b64(`${user}:${c}`).slice(0, 20));
    }
}

describe("entitled software", () => {
    it("adds a cp.icr.io secret (user cp) in the chosen namespaces, referenced by their service accounts", async () => {
        const run = await stack([
            { type: "icr" },
            { type: "entitled", entitlementKey: ENTITLEMENT, namespaces: ["team-b"] },
        ]);
        expect(names(run, T.secret)).toEqual(["team-a.all-icr-io", "team-b.all-icr-io", "team-b.entitled-cp-icr-io"]);
        expect(names(run, T.ref)).toEqual(["team-a.default", "team-b.default", "team-b.default@entitled-cp-icr-io"]);
        expect(inputsOf(one(run, T.ref, "team-b.default@entitled-cp-icr-io"))).toMatchObject({
            namespace: "team-b",
            serviceAccount: "default",
            secretName: "entitled-cp-icr-io",
        });
        const json = dockerConfigOf(run, "team-b.entitled-cp-icr-io");
        expect(json).toBe(kubectlDockerConfig("cp.icr.io", "cp", ENTITLEMENT));
        // auth is base64 of cp:<key>, not of the key alone.
        expect(JSON.parse(json).auths["cp.icr.io"].auth).toBe(b64(`cp:${ENTITLEMENT}`));
        expectNoCanary(JSON.stringify(run.registrations.map((r) => inputsOf(r))));
    });
});

describe("other private registries", () => {
    it("gives each registry its own secret, Docker Hub keyed as kubectl writes it, and keeps the ICR one", async () => {
        const run = await stack([
            { type: "icr" },
            { type: "private", server: "docker.io", username: "acme", password: HUB_TOKEN, email: "ci@acme.io" },
            {
                type: "private",
                server: "registry.acme.io:5000",
                username: "acme",
                password: HUB_TOKEN,
                secretName: "acme-reg",
            },
        ]);
        expect(names(run, T.secret)).toEqual([
            "team-a.acme-reg",
            "team-a.all-icr-io",
            "team-a.docker-io",
            "team-b.acme-reg",
            "team-b.all-icr-io",
            "team-b.docker-io",
        ]);
        expect(ofType(run, T.ref)).toHaveLength(6);
        expect(dockerConfigOf(run, "team-a.docker-io")).toBe(
            kubectlDockerConfig(DOCKER_HUB_SERVER, "acme", HUB_TOKEN, "ci@acme.io"),
        );
        expect(dockerConfigOf(run, "team-b.acme-reg")).toBe(
            kubectlDockerConfig("registry.acme.io:5000", "acme", HUB_TOKEN),
        );
        // Private registries need no IAM: the only identity is the ICR source's.
        expect(ofType(run, T.serviceId)).toHaveLength(1);
        expectNoCanary(JSON.stringify(run.registrations.map((r) => inputsOf(r))));
        expectNoCanary(JSON.stringify(run.rawOutputs));
    });
});

describe("copy mode", () => {
    it("reads IBM's secrets once per stack and copies them, with no IAM objects", async () => {
        const run = await stack([{ type: "copy", from: "per-region", regions: ["us", "uk"] }]);
        expect(ofType(run, T.serviceId)).toHaveLength(0);
        expect(ofType(run, T.apiKey)).toHaveLength(0);
        expect(run.cloud.calls.filter((c) => c.token === GET_PULL_SECRETS)).toEqual([
            {
                token: GET_PULL_SECRETS,
                inputs: expect.objectContaining({ names: ["default-us-icr-io", "default-uk-icr-io"] }),
            },
        ]);
        expect(names(run, T.secret)).toEqual([
            "team-a.team-a-uk-icr-io",
            "team-a.team-a-us-icr-io",
            "team-b.team-b-uk-icr-io",
            "team-b.team-b-us-icr-io",
        ]);
        const { copiedPlaceholder } = require("../../plan/fakeCloud");
        expect(dockerConfigOf(run, "team-b.team-b-uk-icr-io")).toBe(copiedPlaceholder("default-uk-icr-io"));
        expect(inputsOf(one(run, T.secret, "team-b.team-b-uk-icr-io")).stringData).toBe("[secret]");
        expect(Object.keys(run.rawOutputs)).toEqual(["pullSecretNames"]);
    });
});

describe("existing key", () => {
    it("builds the ICR secret from the given key and creates no IAM objects", async () => {
        const run = await stack([{ type: "icr", identity: "existingKey", apiKey: EXISTING_KEY }], {
            registryRegions: ["us-south"],
        });
        expect(ofType(run, T.pullIdentity)).toHaveLength(0);
        expect(ofType(run, T.serviceId)).toHaveLength(0);
        expect(dockerConfigOf(run, "team-a.all-icr-io")).toBe(
            kubectlDockerConfig("us.icr.io", "iamapikey", EXISTING_KEY),
        );
        expectNoCanary(JSON.stringify(run.registrations.map((r) => inputsOf(r))));
    });
});

describe("cross-account", () => {
    it("creates the identity through a second ibm provider holding the other account's key as a secret", async () => {
        const run = await stack([{ type: "icr", accountApiKey: ACCOUNT_KEY }]);
        const account = one(run, "pulumi:providers:ibm", "c1-iam-account");
        const ref = `${account.urn}::${account.name}-id`;
        expect(ofType(run, T.serviceId)).toHaveLength(1);
        for (const type of [T.serviceId, T.policy, T.apiKey]) {
            for (const r of ofType(run, type))
                expect({ name: r.name, provider: r.provider }).toEqual({ name: r.name, provider: ref });
        }
        expect(inputsOf(account).ibmcloudApiKey).toBe("[secret]");
        expect(inputsOf(account, true).ibmcloudApiKey).toBe(ACCOUNT_KEY);
        expectNoCanary(JSON.stringify(run.registrations.map((r) => inputsOf(r))));
    });
    /** Every IAM object (service IDs, policies, keys) goes through the account provider `name`. */
    const expectAllIamThrough = (run: Awaited<ReturnType<typeof runStack>>, name: string) => {
        const account = one(run, "pulumi:providers:ibm", name);
        const iam = [T.serviceId, T.policy, T.apiKey].flatMap((type) => ofType(run, type));
        expect(iam.length).toBeGreaterThan(0);
        expect(iam.filter((r) => r.provider !== `${account.urn}::${account.name}-id`).map((r) => r.name)).toEqual([]);
    };

    it("on Code Engine, the iam-identity policy too: it is a policy of the other account's service ID", async () => {
        const run = await runStack(
            {
                platform: "codeengine",
                codeEngineProjectId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                registries: [{ type: "icr", accountApiKey: ACCOUNT_KEY }],
            },
            ["registries"],
        );
        expect(names(run, T.policy)).toEqual([
            "codeengine-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-iam-identity",
            "codeengine-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-registry-pull-policy",
        ]);
        expectAllIamThrough(run, "codeengine-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-iam-account");
    });

    it("on OpenShift, the builds' push identity too: builds push where pulls come from", async () => {
        const run = await stack([{ type: "icr", accountApiKey: ACCOUNT_KEY }], {
            platform: "openshift",
            builderPush: true,
        });
        expect(names(run, T.serviceId)).toEqual(["c1-registry-pull-id", "c1-registry-push-id"]);
        expectAllIamThrough(run, "c1-iam-account");
    });

    it("says in the access report which account each identity lives in", async () => {
        const { accessModel } =
            require("../../core/access/accessModel") as typeof import("../../core/access/accessModel");
        const { formatAccess } =
            require("../../core/access/accessReport") as typeof import("../../core/access/accessReport");
        const { planDocument } = require("../../core/review/render") as typeof import("../../core/review/render");
        const other = formatAccess(
            accessModel(planDocument(await stack([{ type: "icr", accountApiKey: ACCOUNT_KEY }]))),
        );
        expect(other).toContain(
            "via all-icr-io: c1-registry-pull-id in the account of provider c1-iam-account: Reader",
        );
        const own = formatAccess(accessModel(planDocument(await stack([{ type: "icr" }]))));
        expect(own).toContain("via all-icr-io: c1-registry-pull-id in the stack's account: Reader");
    });
});

describe("per-namespace identities", () => {
    it("creates <cluster>-<namespace>-id and -key per namespace, each scoped to its own ICR namespaces", async () => {
        const run = await stack(
            [{ type: "icr", identity: "perNamespace", registryNamespaces: { "team-a": ["team-a-images"] } }],
            { registryNamespaces: ["shared-images"] },
        );
        expect(names(run, T.serviceId)).toEqual(["c1-team-a-id", "c1-team-b-id"]);
        expect(names(run, T.apiKey)).toEqual(["c1-team-a-key", "c1-team-b-key"]);
        const resources = (name: string) => inputsOf(one(run, T.policy, name)).resources;
        expect(resources("c1-team-a-policy-team-a-images")).toEqual({
            service: "container-registry",
            resourceType: "namespace",
            resource: "team-a-images",
        });
        expect(resources("c1-team-b-policy-shared-images").resource).toBe("shared-images");
        // Each namespace's secret depends on its own key only.
        expect(one(run, T.secret, "team-a.all-icr-io").dependsOn.join()).toContain("c1-team-a-key");
        expect(one(run, T.secret, "team-a.all-icr-io").dependsOn.join()).not.toContain("c1-team-b-key");
        expect(Object.keys(run.rawOutputs).sort()).toEqual(["namespaceIdentities", "pullSecretNames"]);
    });
});

describe("namespaces named like a member of every JavaScript object", () => {
    it("get their secrets and identities like any other (constructor is a valid DNS-1123 label)", async () => {
        const run = await stack(
            [{ type: "icr", identity: "perNamespace", registryNamespaces: { "team-a": ["team-a-images"] } }],
            { namespaces: ["constructor", "team-a"], registryNamespaces: ["shared-images"] },
        );
        expect(names(run, T.serviceId)).toEqual(["c1-constructor-id", "c1-team-a-id"]);
        expect(inputsOf(one(run, T.policy, "c1-constructor-policy-shared-images")).resources.resource).toBe(
            "shared-images",
        );
        expect(run.rawOutputs.pullSecretNames).toEqual({ constructor: "all-icr-io", "team-a": "all-icr-io" });
    });
});

describe("name stability", () => {
    it("adding sources renames nothing the default stack has", async () => {
        const before = await runStack(base);
        const after = await stack([
            { type: "icr" },
            { type: "entitled", entitlementKey: ENTITLEMENT },
            { type: "private", server: "quay.io", username: "acme", password: HUB_TOKEN },
            { type: "copy", from: "per-region", regions: ["us"] },
        ]);
        const urns = (run: Awaited<ReturnType<typeof runStack>>) => run.registrations.map((r) => r.urn);
        expect(urns(after)).toEqual(expect.arrayContaining(urns(before)));
        expect(urns(after).length).toBeGreaterThan(urns(before).length);
    });
});

describe("bad input", () => {
    it("is refused before any resource is registered, every mode's problems in one error", async () => {
        const run = stack(
            [
                { type: "private", server: "registry.ng.bluemix.net", username: "token", password: HUB_TOKEN },
                { type: "entitled" },
                { type: "copy", namespaces: ["nowhere"] },
            ],
            { roles: ["Boss"] },
        );
        await expect(run).rejects.toThrow(
            /registry-access:roles "Boss".*\n.*registries\[0\]\.server "registry\.ng\.bluemix\.net": .*us\.icr\.io.*\n.*registries\[0\]\.username "token".*\n.*registries\[1\]\.entitlementKey: is required/s,
        );
        await expect(run).rejects.not.toThrow(HUB_TOKEN);
    });
});
