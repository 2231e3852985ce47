/** core/access/grants.ts: the grant annotation a pull secret carries, and reading it back (and its former form). */
import fc from "fast-check";
import {
    FORMER_GRANT_ANNOTATIONS,
    compactServers,
    expandServers,
    grantAnnotations,
    readGrant,
} from "../../core/access/grants";
import { domainsInScope } from "../../core/registry/icrCatalogue";

const ALL_ICR = domainsInScope(undefined, false);

describe("grant annotations", () => {
    it("name the source in the key and the servers in the value, neighbours of one domain braced", () => {
        expect(grantAnnotations({ source: "icr", servers: ALL_ICR })).toEqual({
            "registry-access.io/icr": "icr.io,{au,br,ca2,ca,de,es,uk,in,in2,jp2,jp,us}.icr.io",
        });
        expect(grantAnnotations({ source: "entitled", servers: ["cp.icr.io"] })).toEqual({
            "registry-access.io/entitled": "cp.icr.io",
        });
        expect(grantAnnotations({ source: "builder-push", servers: ["us.icr.io"] })).toEqual({
            "registry-access.io/builder-push": "us.icr.io",
        });
        expect(
            grantAnnotations({
                source: "private",
                servers: ["https://index.docker.io/v1/", "quay.io", "registry.example.com:5000", "ghcr.io"],
            }),
        ).toEqual({
            "registry-access.io/private": "https://index.docker.io/v1/,quay.io,registry.example.com:5000,ghcr.io",
        });
    });

    it("name the copied Secret for a copy", () => {
        expect(grantAnnotations({ source: "copy", copiedFrom: "default/all-icr-io" })).toEqual({
            "registry-access.io/copy": "default/all-icr-io",
        });
    });

    it("brace only neighbours, so the order of the docker config stays", () => {
        const withPrivate = domainsInScope(undefined, true);
        expect(compactServers(withPrivate.slice(0, 6))).toBe(
            "icr.io,{private,au}.icr.io,private.au.icr.io,br.icr.io,private.br.icr.io",
        );
        expect(expandServers(compactServers(withPrivate))).toEqual(withPrivate);
        expect(compactServers([])).toBe("");
        expect(expandServers("")).toEqual([]);
    });

    it("brace only hosts whose first label alone differs: lower-case labels under a domain with a dot", () => {
        expect(compactServers(["au.icr.io", "quay.io", "br.icr.io"])).toBe("au.icr.io,quay.io,br.icr.io");
        expect(compactServers(["a.example", "b.example"])).toBe("a.example,b.example");
        expect(compactServers(["AU.icr.io", "br.icr.io", "ca.icr.io"])).toBe("AU.icr.io,{br,ca}.icr.io");
        expect(compactServers(["us.icr.io:443", "de.icr.io"])).toBe("us.icr.io:443,de.icr.io");
        expect(expandServers("{br,ca}.icr.io,AU.icr.io")).toEqual(["br.icr.io", "ca.icr.io", "AU.icr.io"]);
        expect(grantAnnotations({ source: "copy" })).toEqual({ "registry-access.io/copy": "" });
        expect(grantAnnotations({ source: "private" })).toEqual({ "registry-access.io/private": "" });
    });

    it("read back what they wrote, for any servers", () => {
        const label = fc.constantFrom("au", "br", "private", "a-1", "x");
        const host = fc.oneof(
            fc.tuple(label, fc.constantFrom("icr.io", "private.icr.io", "example.com")).map(([l, d]) => `${l}.${d}`),
            fc.constantFrom("icr.io", "https://index.docker.io/v1/", "registry.example.com:5000", "quay.io"),
        );
        fc.assert(
            fc.property(fc.uniqueArray(host, { maxLength: 12 }), (servers) => {
                expect(readGrant(grantAnnotations({ source: "private", servers }))).toEqual({
                    source: "private",
                    servers,
                });
            }),
        );
        expect(readGrant(grantAnnotations({ source: "copy", copiedFrom: "default/default-us-icr-io" }))).toEqual({
            source: "copy",
            copiedFrom: "default/default-us-icr-io",
        });
    });

    it("read the former annotations of Secrets and plans made before", () => {
        expect(
            readGrant({
                [FORMER_GRANT_ANNOTATIONS.source]: "icr",
                [FORMER_GRANT_ANNOTATIONS.servers]: "icr.io,us.icr.io",
            }),
        ).toEqual({ source: "icr", servers: ["icr.io", "us.icr.io"] });
        expect(
            readGrant({
                [FORMER_GRANT_ANNOTATIONS.source]: "copy",
                [FORMER_GRANT_ANNOTATIONS.copiedFrom]: "default/all-icr-io",
            }),
        ).toStrictEqual({ source: "copy", copiedFrom: "default/all-icr-io" });
        // Empty entries of the former comma list are no servers; a grant without servers or copy has neither.
        expect(
            readGrant({
                [FORMER_GRANT_ANNOTATIONS.source]: "private",
                [FORMER_GRANT_ANNOTATIONS.servers]: ",quay.io,,ghcr.io,",
            }),
        ).toStrictEqual({ source: "private", servers: ["quay.io", "ghcr.io"] });
        expect(readGrant({ [FORMER_GRANT_ANNOTATIONS.source]: "entitled" })).toStrictEqual({ source: "entitled" });
    });

    it("write an empty value for a grant that names nothing, and read it back as such", () => {
        expect(grantAnnotations({ source: "copy" })).toEqual({ "registry-access.io/copy": "" });
        expect(grantAnnotations({ source: "icr" })).toEqual({ "registry-access.io/icr": "" });
        expect(readGrant({ "registry-access.io/icr": "" })).toStrictEqual({ source: "icr", servers: [] });
        expect(
            readGrant({ [FORMER_GRANT_ANNOTATIONS.source]: "private", [FORMER_GRANT_ANNOTATIONS.servers]: "" }),
        ).toStrictEqual({ source: "private", servers: [] });
    });

    it("find no grant on a Secret without one", () => {
        expect(readGrant(undefined)).toBeUndefined();
        expect(readGrant({ "registry-access.io/opt-in": "allowedSystemNamespaces" })).toBeUndefined();
        expect(readGrant({ "registry-access.io/icr": 3 })).toBeUndefined();
    });
});
