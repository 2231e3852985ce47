import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "../../core/registry/dockerConfig";
import { ICR_REGIONS, domainsInScope } from "../../core/registry/icrCatalogue";
import { kubectlDockerConfig } from "../fakes/kubectlOracle";

describe("buildDockerConfigJson against kubectl create secret docker-registry", () => {
    it.each([
        ["us.icr.io", "an-api-key_0123456789abcdef", undefined],
        ["icr.io", "an-api-key_0123456789abcdef", "a@b.c"],
        ["private.de.icr.io", "p@ss:wörd<&>\u2028", "ops@example.com"],
        ["cp.icr.io", "x", undefined],
    ])("is byte-identical for %s", (server, password, email) => {
        const ours = buildDockerConfigJson([server], { username: ICR_API_KEY_USERNAME, password, email });
        expect(ours).toBe(kubectlDockerConfig(server, ICR_API_KEY_USERNAME, password, email));
    });

    it("holds, for many domains, exactly kubectl's entry for each domain", () => {
        const servers = domainsInScope(undefined, true);
        const password = "k3y-for-all-regions";
        const ours = JSON.parse(
            buildDockerConfigJson(servers, { username: ICR_API_KEY_USERNAME, password, email: "a@b.c" }),
        );
        expect(Object.keys(ours.auths)).toEqual(servers);
        for (const server of servers) {
            const theirs = JSON.parse(kubectlDockerConfig(server, ICR_API_KEY_USERNAME, password, "a@b.c"));
            expect(ours.auths[server]).toEqual(theirs.auths[server]);
        }
        expect(servers).toHaveLength(2 * ICR_REGIONS.length);
    });

    it("encodes auth as base64(username:password)", () => {
        const doc = JSON.parse(buildDockerConfigJson(["us.icr.io"], { username: "iamapikey", password: "abc" }));
        expect(doc.auths["us.icr.io"]).toEqual({
            username: "iamapikey",
            password: "abc",
            auth: "aWFtYXBpa2V5OmFiYw==",
        });
    });

    it("refuses an empty or duplicated server list", () => {
        expect(() => buildDockerConfigJson([], { username: "u", password: "p" })).toThrow(/at least one/);
        expect(() => buildDockerConfigJson(["icr.io", "icr.io"], { username: "u", password: "p" })).toThrow(
            /listed twice/,
        );
    });

    it("never puts the password into an error message", () => {
        try {
            buildDockerConfigJson(["icr.io", "icr.io"], { username: "u", password: "canary-pw" });
        } catch (err) {
            expect((err as Error).message).not.toContain("canary-pw");
        }
    });
});
