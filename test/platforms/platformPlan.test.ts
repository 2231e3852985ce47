/** The platforms' pure rules: Code Engine's secret layout, image streams from `oc tag`'s view, OpenShift's checks. */
import { domainSecretName } from "../../core/registry/sources/sourceKind";
import { SecretText } from "../../core/input/secretText";
import { findRegion } from "../../core/registry/icrCatalogue";
import { IcrImage, parseIcrImage } from "../../core/registry/icrImage";
import { RegistrySource } from "../../core/registry/sources";
import {
    BUILDER_PUSH_SECRET,
    OpenShiftContext,
    openShiftProblems,
    planCodeEngineSecrets,
    planImageStreams,
} from "../../core/platforms/platformPlan";

const key = new SecretText("k");
const image = (text: string): IcrImage => parseIcrImage(text)!;
const us = findRegion("us-south")!;
const de = findRegion("eu-de")!;

describe("planCodeEngineSecrets", () => {
    it("gives the icr source one secret per domain in scope, named after it, user iamapikey", () => {
        const icr: RegistrySource = { type: "icr", identity: "shared" };
        expect(planCodeEngineSecrets([icr], { registryRegions: [us, de], privateEndpoints: true }).secrets).toEqual([
            { name: "de-icr-io", server: "de.icr.io", username: "iamapikey", source: 0 },
            { name: "private-de-icr-io", server: "private.de.icr.io", username: "iamapikey", source: 0 },
            { name: "us-icr-io", server: "us.icr.io", username: "iamapikey", source: 0 },
            { name: "private-us-icr-io", server: "private.us.icr.io", username: "iamapikey", source: 0 },
        ]);
        expect(planCodeEngineSecrets([icr], { privateEndpoints: false }).secrets).toHaveLength(13);
    });

    it("takes entitled and private sources with their own server, user and name, skipping unreadable sources", () => {
        const sources: (RegistrySource | undefined)[] = [
            undefined,
            { type: "entitled", entitlementKey: key },
            {
                type: "private",
                server: "https://index.docker.io/v1/",
                host: "docker.io",
                username: "acme",
                password: key,
            },
            {
                type: "private",
                server: "quay.io:8443",
                host: "quay.io:8443",
                username: "u",
                password: key,
                secretName: "q",
            },
            { type: "icr", identity: "existingKey", apiKey: key, secretName: "icr" },
        ];
        expect(planCodeEngineSecrets(sources, { registryRegions: [us], privateEndpoints: false })).toEqual({
            secrets: [
                { name: "entitled-cp-icr-io", server: "cp.icr.io", username: "cp", source: 1 },
                { name: "docker-io", server: "https://index.docker.io/v1/", username: "acme", source: 2 },
                { name: "q", server: "quay.io:8443", username: "u", source: 3 },
                { name: "icr", server: "us.icr.io", username: "iamapikey", source: 4 },
            ],
            problems: [],
        });
    });

    it("reports each problem once, whatever the number of domains", () => {
        const sources: RegistrySource[] = [
            {
                type: "private",
                server: "quay.io",
                host: "quay.io",
                username: "u",
                password: key,
                secretName: "us-icr-io",
            },
            { type: "icr", identity: "shared" },
        ];
        expect(planCodeEngineSecrets(sources, { registryRegions: [us], privateEndpoints: false }).problems).toEqual([
            {
                path: "registries[1].secretName",
                value: "us-icr-io",
                rule: "is also the secret name of source [0]; give one of them another secretName",
            },
        ]);
    });
});

it("domainSecretName turns a domain into a Kubernetes-style name", () => {
    expect(domainSecretName("private.jp2.icr.io")).toBe("private-jp2-icr-io");
});

describe("planImageStreams", () => {
    it("groups tags by repository name, in order", () => {
        const { streams, problems } = planImageStreams([
            image("us.icr.io/apps/api:1"),
            image("us.icr.io/apps/worker:2"),
            image("us.icr.io/apps/api:2"),
        ]);
        expect(problems).toEqual([]);
        expect(streams).toEqual([
            {
                name: "api",
                tags: [
                    { tag: "1", from: "us.icr.io/apps/api:1" },
                    { tag: "2", from: "us.icr.io/apps/api:2" },
                ],
            },
            { name: "worker", tags: [{ tag: "2", from: "us.icr.io/apps/worker:2" }] },
        ]);
    });

    it("refuses a second image for the same stream and tag", () => {
        expect(planImageStreams([image("us.icr.io/apps/api:1"), image("de.icr.io/other/api:1")]).problems).toEqual([
            {
                path: "imageStreams",
                value: "de.icr.io/other/api:1",
                rule: "would be tag 1 of image stream api, which us.icr.io/apps/api:1 already is",
            },
        ]);
    });
});

describe("openShiftProblems", () => {
    const ctx: OpenShiftContext = {
        namespaces: ["a", "b"],
        privateEndpoints: false,
        globalPullSecret: false,
        builderPush: false,
        secretNames: ["all-icr-io"],
    };
    const shared: RegistrySource[] = [{ type: "icr", identity: "shared" }];

    it("accepts a stack without OpenShift keys, and images within the pull secret's scope", () => {
        expect(openShiftProblems(shared, ctx)).toEqual([]);
        const images = [image("us.icr.io/apps/api:1"), image("private.us.icr.io/apps/x:1")];
        const scoped = { ...ctx, registryRegions: [us], registryNamespaces: ["apps"], privateEndpoints: true };
        expect(openShiftProblems(shared, { ...scoped, imageStreams: images, imageStreamNamespace: "b" })).toEqual([]);
    });

    it("allows the global pull secret with a shared identity or an existing key, not per namespace", () => {
        const on = { ...ctx, globalPullSecret: true };
        expect(openShiftProblems(shared, on)).toEqual([]);
        expect(openShiftProblems([{ type: "icr", identity: "existingKey", apiKey: key }], on)).toEqual([]);
        expect(
            openShiftProblems([undefined, { type: "icr", identity: "perNamespace" }], on).map((p) => p.path),
        ).toEqual(["globalPullSecret"]);
        expect(openShiftProblems([{ type: "icr", identity: "perNamespace" }], ctx)).toEqual([]);
    });

    it("refuses the builder push secret's name only when builderPush is on", () => {
        const clash = { ...ctx, secretNames: [BUILDER_PUSH_SECRET] };
        expect(openShiftProblems(shared, clash)).toEqual([]);
        expect(openShiftProblems(shared, { ...clash, builderPush: true })).toEqual([
            {
                path: "builderPush",
                value: "true",
                rule: "puts a secret named icr-builder-push in each namespace, which a registry source also names; give that source another secretName",
            },
        ]);
    });

    it("needs an icr source serving the image streams' namespace", () => {
        const images = { ...ctx, imageStreams: [image("us.icr.io/apps/api:1")] };
        const entitledOnly: RegistrySource[] = [{ type: "entitled", entitlementKey: key }];
        const rule = (ns: string) =>
            `are imported with the icr source's pull secret in ${ns}, and no icr source serves that namespace`;
        expect(openShiftProblems(entitledOnly, images)).toEqual([{ path: "imageStreams", rule: rule("a") }]);
        const onlyB: RegistrySource[] = [{ type: "icr", identity: "shared", namespaces: ["b"] }];
        expect(openShiftProblems(onlyB, images)).toEqual([{ path: "imageStreams", rule: rule("a") }]);
        expect(openShiftProblems(onlyB, { ...images, imageStreamNamespace: "b" })).toEqual([]);
    });
});
