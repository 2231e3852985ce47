/** The ICR catalogue row by row (core/registry/icrCatalogue.ts): every field of every region, and the lookups. */
import {
    ACCEPTED_REGION_NAMES,
    ICR_REGIONS,
    domainsInScope,
    findRegion,
    privateDomain,
} from "../../core/registry/icrCatalogue";

describe("ICR catalogue, every field", () => {
    it("is exactly IBM's table: IAM name, ICR aliases, domain, location", () => {
        expect(ICR_REGIONS.map((r) => [r.iamRegion, r.aliases, r.domain, r.location])).toEqual([
            ["global", [], "icr.io", "Global (IBM-provided public images)"],
            ["au-syd", ["ap-south"], "au.icr.io", "Sydney"],
            ["br-sao", [], "br.icr.io", "Sao Paulo"],
            ["ca-mon", [], "ca2.icr.io", "Montreal"],
            ["ca-tor", [], "ca.icr.io", "Toronto"],
            ["eu-de", ["eu-central"], "de.icr.io", "Frankfurt"],
            ["eu-es", [], "es.icr.io", "Madrid"],
            ["eu-gb", ["uk-south"], "uk.icr.io", "London"],
            ["in-che", [], "in.icr.io", "Chennai - Airtel"],
            ["in-mum", [], "in2.icr.io", "Mumbai - Airtel"],
            ["jp-osa", [], "jp2.icr.io", "Osaka"],
            ["jp-tok", ["ap-north"], "jp.icr.io", "Tokyo"],
            ["us-south", [], "us.icr.io", "Dallas"],
        ]);
    });

    it("accepts the IAM names first, then the aliases, and nothing else", () => {
        expect(ACCEPTED_REGION_NAMES).toEqual([
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
            "ap-south",
            "eu-central",
            "uk-south",
            "ap-north",
        ]);
    });

    it("finds every accepted name (trimmed, any case) and no other", () => {
        for (const r of ICR_REGIONS) {
            for (const name of [r.iamRegion, ...r.aliases]) {
                expect(findRegion(name)).toBe(r);
                expect(findRegion(`  ${name.toUpperCase()}\t`)).toBe(r);
            }
        }
        for (const name of ["", " ", "us", "us-south-1", "icr.io", "Stryker was here", "Stryker was here!"])
            expect(findRegion(name)).toBeUndefined();
    });

    it("private twins are private.<domain>", () => {
        expect(privateDomain("de.icr.io")).toBe("private.de.icr.io");
        expect(domainsInScope([], true)).toEqual([]);
        expect(domainsInScope([findRegion("eu-de")!], true)).toEqual(["de.icr.io", "private.de.icr.io"]);
    });
});
