/**
 * core/registry/keyring.ts against kubernetes' keyring_test.go tables and cases computed with a Go port
 * (test/registry/keyringVectors.ts), and what keyring.go's code says about the keys this project writes.
 */
import {
    credentialsFor,
    isDefaultRegistryMatch,
    keyMatches,
    keyringKey,
    lookupOrder,
    urlsMatchStr,
} from "../../core/registry/keyring";
import { DEFAULT_REGISTRY_VECTORS, LOOKUP_VECTORS, URLS_MATCH_VECTORS } from "./keyringVectors";

describe("kubernetes' keyring tests, and computed cases", () => {
    it.each(URLS_MATCH_VECTORS)("$source: $glob ~ $target", ({ glob, target, match }) => {
        expect(urlsMatchStr(glob, target)).toBe(match);
    });

    it.each(LOOKUP_VECTORS)("$source: $configKeys for $image", ({ configKeys, image, credentials }) => {
        expect(credentialsFor(configKeys, image)).toEqual(credentials);
    });

    it.each(DEFAULT_REGISTRY_VECTORS)("$source: $image", ({ image, match }) => {
        expect(isDefaultRegistryMatch(image)).toBe(match);
    });
});

describe("Add files each docker-config key (keyring.go:91-116)", () => {
    it.each([
        ["https://index.docker.io/v1/", "index.docker.io"],
        ["https://quay.io/v1/", "quay.io"],
        ["http://registry.example.com:5000/v2/", "registry.example.com:5000"],
        ["us.icr.io", "us.icr.io"],
        ["https://us.icr.io/", "us.icr.io"],
        ["bar.example.com/pong", "bar.example.com/pong"],
        ["https://quay.io/coreos?x=1#top", "quay.io/coreos"],
        ["https://robot@quay.io/coreos", "quay.io/coreos"],
        ["https://quay.io/a%2Fb", "quay.io/a/b"],
        // Only `/v1/` and `/v2/` lose their version: `/v1` stays, so this is not Docker Hub's key.
        ["https://index.docker.io/v1", "index.docker.io/v1"],
        ["[::1]:5000", "[::1]:5000"],
    ])("%s as %s", (key, filed) => {
        expect(keyringKey(key)).toBe(filed);
    });

    it.each([
        "registry.example.com:abc", // url.Parse: invalid port
        "[::1", // missing ']'
        "https://quay.io/%zz", // invalid escape
        "https://quay.io/#%zz", // invalid escape in the fragment
        "bad host.io", // a space in a host
        "quay.io/\n", // a control character
        "us{er@quay.io", // invalid userinfo
    ])("%j is refused by url.Parse: the kubelet ignores the entry", (key) => {
        expect(keyringKey(key)).toBeUndefined();
        expect(credentialsFor([key], "quay.io/foo")).toEqual([]);
    });
});

describe("Lookup: every matching key, most specific first (keyring.go:121-128, :239-264)", () => {
    it("orders by the filed key, reverse-sorted, then by the keys' own order", () => {
        const keys = ["quay.io", "quay.io/coreos", "https://quay.io/v1/", "https://quay.io/coreos"];
        expect(credentialsFor(keys, "quay.io/coreos/etcd")).toEqual([
            "quay.io/coreos",
            "https://quay.io/coreos",
            "quay.io",
            "https://quay.io/v1/",
        ]);
        expect(lookupOrder(keys, "quay.io/coreos/etcd")).toEqual([1, 3, 0, 2]);
        expect(credentialsFor(keys, "quay.io/other")).toEqual(["quay.io", "https://quay.io/v1/"]);
    });

    it("gives Docker Hub's key only when no other key matches", () => {
        const keys = ["https://index.docker.io/v1/", "docker.io"];
        expect(credentialsFor(keys, "docker.io/library/nginx")).toEqual(["docker.io"]);
        expect(credentialsFor(["https://index.docker.io/v1/", "quay.io"], "docker.io/library/nginx")).toEqual([
            "https://index.docker.io/v1/",
        ]);
        // isDefaultRegistryMatch reads any first component without '.' or ':' as Docker Hub, localhost too.
        expect(credentialsFor(["https://index.docker.io/v1/"], "localhost/foo")).toEqual([
            "https://index.docker.io/v1/",
        ]);
        expect(credentialsFor(["https://index.docker.io/v1/"], "registry-1.docker.io/acme/app")).toEqual([]);
    });

    it("reads an IPv6 host's labels as Go does: with a port the brackets go, without one they stay and glob as a class", () => {
        expect(credentialsFor(["[::1]:5000"], "[::1]:5000/foo")).toEqual(["[::1]:5000"]);
        expect(credentialsFor(["[::1]"], "[::1]/foo")).toEqual([]);
    });

    it("reads no port where net.SplitHostPort fails (too many colons): the whole host is one label", () => {
        expect(urlsMatchStr("*:5000", "a:b:5000/x")).toBe(false);
        expect(urlsMatchStr("a:b:5000", "a:b:5000/x")).toBe(true);
    });

    it("is empty when nothing matches: the kubelet then pulls without credentials", () => {
        expect(credentialsFor([], "docker.io/library/nginx")).toEqual([]);
        expect(lookupOrder(["us.icr.io"], "docker.io/library/nginx")).toEqual([]);
    });
});

describe("keyMatches: the keys this project writes", () => {
    it.each([
        ["https://index.docker.io/v1/", "docker.io/library/nginx", true],
        ["https://index.docker.io/v1/", "docker.io/acme/app", true],
        ["quay.io", "docker.io/library/nginx", false],
        ["us.icr.io", "us.icr.io/payments/api", true],
        ["us.icr.io", "private.us.icr.io/payments/api", false],
        ["private.us.icr.io", "private.us.icr.io/payments/api", true],
        ["registry.example.com:5000", "registry.example.com:5000/team/app", true],
        ["registry.example.com:5000", "registry.example.com/team/app", false],
        // Case matters in the keyring: an upper-case key serves no image (image hosts keep their case).
        ["US.ICR.IO", "us.icr.io/payments/api", false],
        ["*.icr.io", "us.icr.io/payments/api", true],
        ["*.icr.io", "private.us.icr.io/payments/api", false],
    ])("%s for %s: %s", (key, image, expected) => {
        expect(keyMatches(key, image)).toBe(expected);
    });
});
