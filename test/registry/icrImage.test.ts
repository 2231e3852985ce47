/** ICR image and repository references as `oc tag` and Portieris take them. */
import { findRegion } from "../../core/registry/icrCatalogue";
import {
    imageStreamName,
    parseIcrImage,
    parseIcrRepositoryPattern,
    repositoryPattern,
} from "../../core/registry/icrImage";

describe("parseIcrImage", () => {
    it("reads domain, region, registry namespace, repository and tag", () => {
        expect(parseIcrImage("us.icr.io/payments/api:1.4")).toEqual({
            domain: "us.icr.io",
            region: findRegion("us-south"),
            privateEndpoint: false,
            registryNamespace: "payments",
            repository: "api",
            tag: "1.4",
            reference: "us.icr.io/payments/api:1.4",
        });
        expect(parseIcrImage("private.de.icr.io/team_a/base/ubi-minimal")).toMatchObject({
            region: findRegion("eu-de"),
            privateEndpoint: true,
            repository: "base/ubi-minimal",
            tag: "latest",
            reference: "private.de.icr.io/team_a/base/ubi-minimal:latest",
        });
        expect(parseIcrImage("icr.io/ibm-images/hello__world-x.y:V_1-2.3")).toMatchObject({
            region: findRegion("global"),
            repository: "hello__world-x.y",
            tag: "V_1-2.3",
        });
    });

    it.each([
        ["a digest (nothing to re-import)", "us.icr.io/payments/api@sha256:0123"],
        ["a host that is not ICR", "docker.io/library/nginx:1"],
        ["a deprecated domain", "registry.ng.bluemix.net/payments/api:1"],
        ["no repository", "us.icr.io/payments"],
        ["an empty repository", "us.icr.io/payments/:1"],
        ["an upper-case repository", "us.icr.io/payments/Api:1"],
        ["a repository ending in a separator", "us.icr.io/payments/api-:1"],
        ["three underscores", "us.icr.io/payments/a___b:1"],
        ["an empty path component", "us.icr.io/payments/a//b:1"],
        ["a registry namespace too short", "us.icr.io/abc/api:1"],
        ["a registry namespace with upper case", "us.icr.io/Payments/api:1"],
        ["an empty tag", "us.icr.io/payments/api:"],
        ["a tag starting with '.'", "us.icr.io/payments/api:.1"],
        ["a tag of 129 characters", `us.icr.io/payments/api:${"a".repeat(129)}`],
        ["a wildcard", "us.icr.io/payments/*"],
        ["a leading space", " us.icr.io/payments/api:1"],
    ])("refuses %s", (_why, text) => {
        expect(parseIcrImage(text)).toBeUndefined();
    });

    it("accepts a tag of 128 characters and a port-free colon only as the tag separator", () => {
        expect(parseIcrImage(`us.icr.io/payments/api:${"a".repeat(128)}`)?.tag).toHaveLength(128);
        expect(parseIcrImage("us.icr.io/payments/api:1:2")).toBeUndefined();
    });
});

describe("parseIcrRepositoryPattern", () => {
    it("takes a repository or every repository of a registry namespace", () => {
        const all = parseIcrRepositoryPattern("us.icr.io/payments/*")!;
        expect(all).toEqual({
            domain: "us.icr.io",
            region: findRegion("us-south"),
            privateEndpoint: false,
            registryNamespace: "payments",
            repository: "*",
        });
        expect(repositoryPattern(all)).toBe("us.icr.io/payments/*");
        expect(repositoryPattern(parseIcrRepositoryPattern("jp.icr.io/team/base/ubi")!)).toBe(
            "jp.icr.io/team/base/ubi",
        );
    });

    it.each([
        "us.icr.io/payments/api:1",
        "us.icr.io/payments/a*",
        "us.icr.io/*",
        "quay.io/payments/*",
        "us.icr.io/payments",
    ])("refuses %s", (text) => expect(parseIcrRepositoryPattern(text)).toBeUndefined());
});

it("names an image stream after the repository's last component", () => {
    expect(imageStreamName(parseIcrImage("us.icr.io/payments/team/api:1")!)).toBe("api");
    expect(imageStreamName(parseIcrImage("us.icr.io/payments/worker")!)).toBe("worker");
});
