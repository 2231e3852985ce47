/**
 * buildDockerConfigJson byte for byte, in process: the documents below are what `kubectl create secret
 * docker-registry --dry-run=client` wrote (kubectl v1 client, captured for these inputs), so the mutation
 * run (which skips the kubectl oracle in dockerConfig.test.ts) still pins every byte.
 */
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "../../core/registry/dockerConfig";

describe("buildDockerConfigJson bytes (kubectl's, pinned)", () => {
    it("the ICR user name is iamapikey", () => {
        expect(ICR_API_KEY_USERNAME).toBe("iamapikey");
    });

    it("escapes < & > as Go's encoding/json does", () => {
        expect(buildDockerConfigJson(["us.icr.io"], { username: "iamapikey", password: "p<&>" })).toBe(
            '{"auths":{"us.icr.io":{"username":"iamapikey","password":"p\\u003c\\u0026\\u003e","auth":"aWFtYXBpa2V5OnA8Jj4="}}}',
        );
    });

    it("escapes U+2028 and U+2029, and every occurrence, in the email too", () => {
        expect(
            buildDockerConfigJson(["icr.io"], { username: "iamapikey", password: "a\u2028b\u2029c", email: "<e>&" }),
        ).toBe(
            '{"auths":{"icr.io":{"username":"iamapikey","password":"a\\u2028b\\u2029c","email":"\\u003ce\\u003e\\u0026","auth":"aWFtYXBpa2V5OmHigKhi4oCpYw=="}}}',
        );
        expect(buildDockerConfigJson(["icr.io"], { username: "u", password: "<<&&>>\u2028\u2028\u2029\u2029" })).toBe(
            '{"auths":{"icr.io":{"username":"u","password":"\\u003c\\u003c\\u0026\\u0026\\u003e\\u003e\\u2028\\u2028\\u2029\\u2029","auth":"dTo8PCYmPj7igKjigKjigKnigKk="}}}',
        );
    });

    it("puts the email between password and auth when given", () => {
        expect(buildDockerConfigJson(["icr.io"], { username: "iamapikey", password: "x", email: "a@b.c" })).toBe(
            '{"auths":{"icr.io":{"username":"iamapikey","password":"x","email":"a@b.c","auth":"aWFtYXBpa2V5Ong="}}}',
        );
    });

    it("omits empty fields as kubectl's omitempty tags do, but always writes auth", () => {
        expect(buildDockerConfigJson(["icr.io"], { username: "iamapikey", password: "x", email: "" })).toBe(
            '{"auths":{"icr.io":{"username":"iamapikey","password":"x","auth":"aWFtYXBpa2V5Ong="}}}',
        );
        expect(buildDockerConfigJson(["icr.io"], { username: "", password: "pw" })).toBe(
            '{"auths":{"icr.io":{"password":"pw","auth":"OnB3"}}}',
        );
        expect(buildDockerConfigJson(["icr.io"], { username: "u", password: "" })).toBe(
            '{"auths":{"icr.io":{"username":"u","auth":"dTo="}}}',
        );
        expect(buildDockerConfigJson(["icr.io"], { username: "", password: "" })).toBe(
            '{"auths":{"icr.io":{"auth":"Og=="}}}',
        );
    });

    it("one identical entry per server, in the order given", () => {
        expect(
            buildDockerConfigJson(["us.icr.io", "icr.io", "private.icr.io"], { username: "iamapikey", password: "k" }),
        ).toBe(
            '{"auths":{' +
                '"us.icr.io":{"username":"iamapikey","password":"k","auth":"aWFtYXBpa2V5Oms="},' +
                '"icr.io":{"username":"iamapikey","password":"k","auth":"aWFtYXBpa2V5Oms="},' +
                '"private.icr.io":{"username":"iamapikey","password":"k","auth":"aWFtYXBpa2V5Oms="}}}',
        );
    });

    it("names the problem exactly", () => {
        expect(() => buildDockerConfigJson([], { username: "u", password: "p" })).toThrow(
            new Error("buildDockerConfigJson: at least one registry server is required"),
        );
        expect(() =>
            buildDockerConfigJson(["icr.io", "us.icr.io", "icr.io"], { username: "u", password: "p" }),
        ).toThrow(new Error('buildDockerConfigJson: registry server "icr.io" is listed twice'));
    });

    it("a server named like an Object.prototype member is an ordinary server", () => {
        expect(
            JSON.parse(buildDockerConfigJson(["constructor", "toString"], { username: "u", password: "p" })).auths,
        ).toEqual({
            constructor: { username: "u", password: "p", auth: "dTpw" },
            toString: { username: "u", password: "p", auth: "dTpw" },
        });
    });
});
