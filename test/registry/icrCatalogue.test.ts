import { ACCEPTED_REGION_NAMES, ICR_REGIONS, domainsInScope, findRegion } from "../../core/registry/icrCatalogue";

describe("ICR catalogue", () => {
    it("maps each region to its registry domain, as IBM documents them", () => {
        expect(Object.fromEntries(ICR_REGIONS.map((r) => [r.iamRegion, r.domain]))).toEqual({
            global: "icr.io",
            "au-syd": "au.icr.io",
            "br-sao": "br.icr.io",
            "ca-mon": "ca2.icr.io",
            "ca-tor": "ca.icr.io",
            "eu-de": "de.icr.io",
            "eu-es": "es.icr.io",
            "eu-gb": "uk.icr.io",
            "in-che": "in.icr.io",
            "in-mum": "in2.icr.io",
            "jp-osa": "jp2.icr.io",
            "jp-tok": "jp.icr.io",
            "us-south": "us.icr.io",
        });
    });

    it("lists global first, then the local regions alphabetically by IAM name, as IBM's tables do", () => {
        expect(ICR_REGIONS.map((r) => r.iamRegion)).toEqual([
            "global",
            "au-syd",
            "br-sao",
            "ca-mon",
            "ca-tor",
            "eu-de",
            "eu-es",
            "eu-gb",
            "in-che",
            "in-mum",
            "jp-osa",
            "jp-tok",
            "us-south",
        ]);
    });

    it("knows the Indian regions (Chennai in.icr.io, Mumbai in2.icr.io), with private twins and no ICR aliases", () => {
        expect(findRegion("in-che")).toMatchObject({ domain: "in.icr.io", aliases: [] });
        expect(findRegion("IN-MUM")).toMatchObject({ domain: "in2.icr.io", aliases: [] });
        expect(domainsInScope([findRegion("in-mum")!, findRegion("in-che")!], true)).toEqual([
            "in.icr.io",
            "private.in.icr.io",
            "in2.icr.io",
            "private.in2.icr.io",
        ]);
        expect(ACCEPTED_REGION_NAMES).toEqual(expect.arrayContaining(["in-che", "in-mum"]));
    });

    it("has no name or domain twice", () => {
        const names = ACCEPTED_REGION_NAMES;
        expect(new Set(names).size).toBe(names.length);
        expect(new Set(ICR_REGIONS.map((r) => r.domain)).size).toBe(ICR_REGIONS.length);
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
