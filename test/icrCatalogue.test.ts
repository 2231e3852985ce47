import { ICR_REGIONS, domainsInScope, findRegion } from "../components/icrCatalogue";
import { describeNamespaces, planPolicyScopes, policyResourceName } from "../components/iamPlan";

describe("ICR catalogue", () => {
    it("maps each region to its registry domain, as IBM documents them", () => {
        expect(Object.fromEntries(ICR_REGIONS.map((r) => [r.iamRegion, r.domain]))).toEqual({
            global: "icr.io", "au-syd": "au.icr.io", "br-sao": "br.icr.io", "ca-mon": "ca2.icr.io", "ca-tor": "ca.icr.io",
            "eu-de": "de.icr.io", "eu-es": "es.icr.io", "eu-gb": "uk.icr.io", "jp-osa": "jp2.icr.io", "jp-tok": "jp.icr.io",
            "us-south": "us.icr.io",
        });
    });

    it("accepts the ICR region names as aliases, case-insensitively", () => {
        expect(findRegion("ap-north")?.domain).toBe("jp.icr.io");
        expect(findRegion("ap-south")?.domain).toBe("au.icr.io");
        expect(findRegion("eu-central")?.domain).toBe("de.icr.io");
        expect(findRegion("UK-South")?.domain).toBe("uk.icr.io");
        expect(findRegion("us-east")).toBeUndefined();
    });

    it("puts every domain in scope when no region is given", () => {
        expect(domainsInScope(undefined, false)).toEqual(ICR_REGIONS.map((r) => r.domain));
    });

    it("limits domains to the regions given, in catalogue order, private twins after each", () => {
        const regions = [findRegion("us-south")!, findRegion("global")!];
        expect(domainsInScope(regions, false)).toEqual(["icr.io", "us.icr.io"]);
        expect(domainsInScope(regions, true)).toEqual(["icr.io", "private.icr.io", "us.icr.io", "private.us.icr.io"]);
    });
});

describe("IAM policy scopes", () => {
    it("is one unscoped policy by default", () => {
        expect(planPolicyScopes()).toEqual([{ region: undefined, registryNamespace: undefined }]);
    });

    it("is one policy per region × registry namespace", () => {
        const scopes = planPolicyScopes([findRegion("us-south")!, findRegion("uk-south")!], ["team-a", "team-b"]);
        expect(scopes).toEqual([
            { region: "us-south", registryNamespace: "team-a" },
            { region: "us-south", registryNamespace: "team-b" },
            { region: "eu-gb", registryNamespace: "team-a" },
            { region: "eu-gb", registryNamespace: "team-b" },
        ]);
        expect(scopes.map((s) => policyResourceName("c-registry-pull", s))).toEqual([
            "c-registry-pull-policy-us-south-team-a", "c-registry-pull-policy-us-south-team-b",
            "c-registry-pull-policy-eu-gb-team-a", "c-registry-pull-policy-eu-gb-team-b",
        ]);
    });

    it("shortens long namespace lists in descriptions", () => {
        expect(describeNamespaces(["a", "b"])).toBe("a, b");
        expect(describeNamespaces(["a", "b", "c", "d", "e", "f", "g"])).toBe("a, b, c, d, e and 2 more");
    });
});
