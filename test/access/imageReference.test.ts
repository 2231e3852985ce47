/** Image references as the runtime normalizes them, and docker-config keys as the kubelet matches them. */
import { configKeyHost, keyServes, parseImageReference } from "../../core/access/imageReference";

describe("parseImageReference", () => {
    it.each([
        ["nginx", { host: "docker.io", repository: "library/nginx", version: "" }],
        ["nginx:1.27", { host: "docker.io", repository: "library/nginx", version: ":1.27" }],
        ["acme/app", { host: "docker.io", repository: "acme/app", version: "" }],
        ["docker.io/acme/app:1", { host: "docker.io", repository: "acme/app", version: ":1" }],
        ["index.docker.io/library/nginx", { host: "docker.io", repository: "library/nginx", version: "" }],
        ["registry-1.docker.io/acme/app", { host: "docker.io", repository: "acme/app", version: "" }],
        ["us.icr.io/payments/api:1.4", { host: "us.icr.io", repository: "payments/api", version: ":1.4" }],
        ["private.us.icr.io/payments/api", { host: "private.us.icr.io", repository: "payments/api", version: "" }],
        ["localhost/app", { host: "localhost", repository: "app", version: "" }],
        [
            "registry.example.com:5000/team/app:2",
            { host: "registry.example.com:5000", repository: "team/app", version: ":2" },
        ],
        [
            `us.icr.io/payments/api:1@sha256:${"c".repeat(64)}`,
            { host: "us.icr.io", repository: "payments/api", version: `:1@sha256:${"c".repeat(64)}` },
        ],
    ])("%s", (text, expected) => {
        expect(parseImageReference(text)).toEqual(expected);
    });

    it.each([
        "",
        "Nginx",
        "us.icr.io/Payments/api",
        "a b",
        "us.icr.io/payments/api@sha256:short",
        "us.icr.io/payments/api:-x",
    ])("refuses %j", (text) => expect(parseImageReference(text)).toBeUndefined());
});

describe("docker-config keys", () => {
    it("name a host: Docker Hub under each of its names, ports kept, scheme and path dropped", () => {
        expect(configKeyHost("https://index.docker.io/v1/")).toBe("docker.io");
        expect(configKeyHost("index.docker.io")).toBe("docker.io");
        expect(configKeyHost("https://quay.io")).toBe("quay.io");
        expect(configKeyHost("registry.example.com:5000")).toBe("registry.example.com:5000");
        expect(configKeyHost("US.ICR.IO")).toBe("us.icr.io");
    });

    it("serve an image of the same host only", () => {
        const hub = parseImageReference("nginx")!;
        expect(keyServes("https://index.docker.io/v1/", hub)).toBe(true);
        expect(keyServes("quay.io", hub)).toBe(false);
        expect(keyServes("us.icr.io", parseImageReference("private.us.icr.io/a/b")!)).toBe(false);
    });
});
