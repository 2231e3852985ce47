import * as pulumi from "@pulumi/pulumi";
import { findRegion } from "../../core/registry/icrCatalogue";
import {
    GLOBAL_GEOGRAPHY,
    PolicyScope,
    codeEngineIdentityDescriptions,
    describeNamespaces,
    identityNames,
    perNamespaceIdentityNames,
    pushIdentityDescriptions,
    pushIdentityNames,
    serviceIdDescription,
    policyScopesFor,
    policyResourceName,
    policyResources,
} from "../../core/iam/policyScopes";

const region = (name: string) => findRegion(name)!;
const BASE = identityNames("c1").base;

describe("policy scopes", () => {
    it("is one unscoped policy by default", () => {
        expect(policyScopesFor()).toStrictEqual([{}]);
    });

    it("scopes a local registry by IAM region (ICR aliases resolve to it)", () => {
        expect(policyScopesFor([region("us-south"), region("uk-south")])).toStrictEqual([
            { region: "us-south" },
            { region: "eu-gb" },
        ]);
    });

    it("scopes the global registry (icr.io) by geography global, never by region", () => {
        expect(policyScopesFor([region("global")])).toStrictEqual([{ geography: GLOBAL_GEOGRAPHY }]);
        expect(GLOBAL_GEOGRAPHY).toBe("global");
    });

    it("is one policy per region × registry namespace, global included", () => {
        expect(policyScopesFor([region("global"), region("us-south")], ["team-a", "team-b"])).toStrictEqual([
            { geography: "global", registryNamespace: "team-a" },
            { geography: "global", registryNamespace: "team-b" },
            { region: "us-south", registryNamespace: "team-a" },
            { region: "us-south", registryNamespace: "team-b" },
        ]);
    });

    it("covers the new Indian regions like any local region", () => {
        expect(policyScopesFor([region("in-che"), region("in-mum")])).toStrictEqual([
            { region: "in-che" },
            { region: "in-mum" },
        ]);
    });
});

describe("policy resource names (unchanged by the geography)", () => {
    const name = (scope: PolicyScope) => policyResourceName(BASE, scope);

    it("has no suffix without scope, then region, then registry namespace", () => {
        expect(name({})).toBe("c1-registry-pull-policy");
        expect(name({ region: "us-south" })).toBe("c1-registry-pull-policy-us-south");
        expect(name({ registryNamespace: "team-a" })).toBe("c1-registry-pull-policy-team-a");
        expect(name({ region: "eu-gb", registryNamespace: "team-a" })).toBe("c1-registry-pull-policy-eu-gb-team-a");
    });

    it("keeps -global for the global registry", () => {
        expect(name({ geography: "global" })).toBe("c1-registry-pull-policy-global");
        expect(name({ geography: "global", registryNamespace: "team-a" })).toBe(
            "c1-registry-pull-policy-global-team-a",
        );
    });

    it("names every planned policy differently", () => {
        const names = policyScopesFor([region("global"), region("us-south"), region("in-che")], ["a", "b"]).map(name);
        expect(new Set(names).size).toBe(6);
    });
});

describe("policy resources input", () => {
    it("(a) no region: the service only", () => {
        expect(policyResources({})).toStrictEqual({ service: "container-registry" });
    });

    it("(b) a local region: region", () => {
        expect(policyResources({ region: "us-south" })).toStrictEqual({
            service: "container-registry",
            region: "us-south",
        });
    });

    it("(c) global: attributes.geography=global and no region", () => {
        const resources = policyResources(policyScopesFor([region("global")])[0]);
        expect(resources).toStrictEqual({ service: "container-registry", attributes: { geography: "global" } });
        expect("region" in resources).toBe(false);
    });

    it("(d) region and registry namespace: resource type namespace", () => {
        expect(policyResources({ region: "us-south", registryNamespace: "team-a" })).toStrictEqual({
            service: "container-registry",
            region: "us-south",
            resourceType: "namespace",
            resource: "team-a",
        });
    });

    it("global and registry namespace: namespace plus geography", () => {
        expect(policyResources({ geography: "global", registryNamespace: "team-a" })).toStrictEqual({
            service: "container-registry",
            resourceType: "namespace",
            resource: "team-a",
            attributes: { geography: "global" },
        });
    });
});

describe("identity names", () => {
    it("are <cluster>-registry-pull-* for the shared identity", () => {
        expect(identityNames("c1")).toEqual({
            base: "c1-registry-pull",
            serviceId: "c1-registry-pull-id",
            apiKey: "c1-registry-pull-key",
        });
    });

    it("are IBM's <cluster>-<namespace>-id and -key for a namespace's own identity (seed 000 lines 335, 372)", () => {
        expect(perNamespaceIdentityNames("c1", "team-a")).toEqual({
            base: "c1-team-a",
            serviceId: "c1-team-a-id",
            apiKey: "c1-team-a-key",
        });
    });

    it("are <cluster>-registry-push-* for the OpenShift builds' push identity", () => {
        expect(pushIdentityNames("c1")).toEqual({
            base: "c1-registry-push",
            serviceId: "c1-registry-push-id",
            apiKey: "c1-registry-push-key",
        });
    });
});

describe("descriptions", () => {
    it("shortens long namespace lists", () => {
        expect(describeNamespaces(["a", "b"])).toBe("a, b");
        expect(describeNamespaces(["a", "b", "c", "d", "e", "f", "g"])).toBe("a, b, c, d, e and 2 more");
    });

    it("names them sorted, whatever order they are listed in", () => {
        expect(describeNamespaces(["team-b", "team-a"])).toBe("team-a, team-b");
        expect(describeNamespaces(["g", "f", "e", "d", "c", "b", "a"])).toBe("a, b, c, d, e and 2 more");
    });

    it("names up to five namespaces in full", () => {
        expect(describeNamespaces(["a", "b", "c", "d", "e"])).toBe("a, b, c, d, e");
        expect(describeNamespaces(["a", "b", "c"], 2)).toBe("a, b and 1 more");
    });

    it("says what the service ID is for, for which cluster and namespaces", () => {
        expect(serviceIdDescription("prod-1", ["team-a", "team-b"])).toBe(
            "Pulls images from IBM Cloud Container Registry for Kubernetes cluster prod-1, " +
                "namespaces team-a, team-b (managed by registry-access)",
        );
    });

    it("names the namespaces a selector matches, with or without listed namespaces", () => {
        expect(serviceIdDescription("prod-1", ["team-a"], "env=prod")).toBe(
            "Pulls images from IBM Cloud Container Registry for Kubernetes cluster prod-1, " +
                "namespaces team-a and namespaces matching env=prod (managed by registry-access)",
        );
        expect(serviceIdDescription("prod-1", [], "env=prod")).toBe(
            "Pulls images from IBM Cloud Container Registry for Kubernetes cluster prod-1, " +
                "namespaces matching env=prod (managed by registry-access)",
        );
    });

    it("says what the builds' push identity is for", () => {
        expect(pushIdentityDescriptions("oc-1", ["builds-b", "builds-a"])).toEqual({
            serviceId:
                "Pushes and pulls images in IBM Cloud Container Registry for the builds of OpenShift cluster oc-1, " +
                "projects builds-a, builds-b (managed by registry-access)",
            apiKey: "Image push key of oc-1-registry-push-id for the builds of cluster oc-1 (managed by registry-access)",
            subject: "the builds of cluster oc-1",
        });
    });

    it("says which Code Engine project a pull identity is for", () => {
        expect(codeEngineIdentityDescriptions("p-123", identityNames("ce-p-123"))).toEqual({
            serviceId:
                "Pulls images from IBM Cloud Container Registry for Code Engine project p-123 (managed by registry-access)",
            apiKey: "Image pull key of ce-p-123-registry-pull-id for Code Engine project p-123 (managed by registry-access)",
            subject: "Code Engine project p-123",
        });
    });
});

describe("PullIdentity registers what the plan says", () => {
    const registrations: { type: string; name: string; inputs: any }[] = [];

    beforeAll(async () => {
        await pulumi.runtime.setMocks({
            newResource: (args) => {
                registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: `${args.name}-id`, state: { ...args.inputs, iamId: "iam-ServiceId-1", apikey: "k3y" } };
            },
            call: () => ({}),
        });
        const { PullIdentity } =
            require("../../components/pullIdentity") as typeof import("../../components/pullIdentity");
        const identity = new PullIdentity("c1", {
            cluster: "c1",
            namespaces: ["team-a"],
            roles: ["Reader"],
            registryRegions: [region("global"), region("us-south")],
        });
        await Promise.all(
            [identity.apiKey, ...identity.policies].map((r) => new Promise((resolve) => r.urn.apply(resolve))),
        );
    });

    const ofType = (suffix: string) => registrations.filter((r) => r.type.endsWith(suffix));

    it("scopes the global policy by geography and the regional one by region, names unchanged", () => {
        expect(
            ofType("IamServicePolicy")
                .map((p) => [p.name, p.inputs.resources])
                .sort(),
        ).toEqual([
            ["c1-registry-pull-policy-global", { service: "container-registry", attributes: { geography: "global" } }],
            ["c1-registry-pull-policy-us-south", { service: "container-registry", region: "us-south" }],
        ]);
    });

    it("creates the API key with storeValue false", () => {
        const [key] = ofType("IamServiceApiKey");
        expect(key.name).toBe("c1-registry-pull-key");
        expect(key.inputs.storeValue).toBe(false);
        expect(key.inputs.name).toBe("c1-registry-pull-key");
    });
});
