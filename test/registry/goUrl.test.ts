/**
 * The models of Go's url.Parse and net.SplitHostPort in core/registry/keyring.ts, on Go's own tables:
 * golang/go @ 011829989365218ba4532e86ab0b6702971daab3 src/net/url/url_test.go (TestParseErrors,
 * TestRejectControlCharacters) and @ 0ee2f723e8ab08e61d5036d4fa4bcdfb0e426bb4 src/net/ip_test.go
 * (TestSplitHostPort); then what the keyring files and matches because of them.
 */
import {
    credentialsFor,
    isDefaultRegistryMatch,
    keyringKey,
    parseHttpUrl,
    splitHostPort,
    urlsMatchStr,
} from "../../core/registry/keyring";

describe("url.Parse: TestParseErrors' http URLs", () => {
    it.each([
        ["http://[::1]", true],
        ["http://[::1]:80", true],
        ["http://[::1]:namedport", false],
        ["http://x:namedport", false],
        ["http://[::1]/", true],
        ["http://[::1]a", false],
        ["http://[::1]%23", false],
        ["http://[::1]:", true],
        ["http://x:", true],
        ["http://[::1]:%38%30", false],
        ["http://[%10::1]", false],
        ["http://[::1]/%48", true],
        ["http://%41:8080/", false],
        ["http://[]%20%48%54%54%50%2f%31%2e%31%0a%4d%79%48%65%61%64%65%72%3a%20%31%32%33%0a%0a/", false],
        ["http://a b.com/", false],
    ])("%j parses: %s", (url, parses) => {
        expect(parseHttpUrl(url) !== undefined).toBe(parses);
    });

    it("refuses the zone IDs Go accepts (`[::1%25en0]`): a registry host never has one", () => {
        expect(parseHttpUrl("http://[::1%25en0]")).toBeUndefined();
        expect(parseHttpUrl("http://[::1%25%41]")).toBeUndefined();
    });
});

describe("url.Parse: control characters (TestRejectControlCharacters)", () => {
    it.each(["http://foo.com/?foo\nbar", "http://foo\x7f.com/", "http://foo.com/a\x7f", "http://foo.com/\x1f"])(
        "%j is refused",
        (url) => expect(parseHttpUrl(url)).toBeUndefined(),
    );

    it("keeps a non-ASCII control byte, a space in the path, and any character of the fragment", () => {
        expect(parseHttpUrl("http://foo.com/ctl\x80")).toEqual({ host: "foo.com", path: "/ctl\x80" });
        expect(parseHttpUrl("http://foo.com/a b")).toEqual({ host: "foo.com", path: "/a b" });
        expect(parseHttpUrl("http://foo.com/a#\nb")).toEqual({ host: "foo.com", path: "/a" });
    });
});

describe("url.Parse: the parts the keyring reads", () => {
    it.each([
        ["https://quay.io/team?a=%#top", { host: "quay.io", path: "/team" }], // the query's escapes are not checked
        ["https://quay.io/a#b", { host: "quay.io", path: "/a" }],
        ["https://robot@[::1]:5000/x", { host: "[::1]:5000", path: "/x" }],
        ["https://r%41bot:p%40ss@quay.io", { host: "quay.io", path: "" }],
        ["https:///x", { host: "", path: "/x" }],
        ["https://?x=1", { host: "", path: "" }],
        ["https://quay.io/a%2Fb%41", { host: "quay.io", path: "/a/bA" }],
    ])("%j", (url, parts) => {
        expect(parseHttpUrl(url)).toEqual(parts);
    });

    it.each([
        "https://quay.io/#%zz", // setFragment: invalid escape
        "https://quay.io/%4", // setPath: invalid escape
        "https://r%zz@quay.io", // userinfo: invalid escape
        "https://us{er@quay.io", // validUserinfo
        "https://:ab/x", // parseHost: invalid port after the last ':'
        "https://[::1", // missing ']'
    ])("%j is refused", (url) => {
        expect(parseHttpUrl(url)).toBeUndefined();
    });
});

describe("net.SplitHostPort (TestSplitHostPort)", () => {
    it.each([
        ["localhost:http", "localhost", "http"],
        ["localhost:80", "localhost", "80"],
        ["localhost%lo0:http", "localhost%lo0", "http"],
        ["localhost%lo0:80", "localhost%lo0", "80"],
        ["[localhost%lo0]:http", "localhost%lo0", "http"],
        ["[localhost%lo0]:80", "localhost%lo0", "80"],
        ["127.0.0.1:http", "127.0.0.1", "http"],
        ["127.0.0.1:80", "127.0.0.1", "80"],
        ["[::1]:http", "::1", "http"],
        ["[::1]:80", "::1", "80"],
        ["[::1%lo0]:http", "::1%lo0", "http"],
        ["[::1%lo0]:80", "::1%lo0", "80"],
        [":http", "", "http"],
        [":80", "", "80"],
        ["golang.org:", "golang.org", ""],
        ["127.0.0.1:", "127.0.0.1", ""],
        ["[::1]:", "::1", ""],
        ["golang.org:https%foo", "golang.org", "https%foo"],
    ])("%j: host %j, port %j", (hostPort, host, port) => {
        expect(splitHostPort(hostPort)).toEqual({ host, port });
    });

    it.each([
        "golang.org",
        "127.0.0.1",
        "[::1]",
        "[fe80::1%lo0]",
        "[localhost%lo0]",
        "localhost%lo0",
        "::1",
        "fe80::1%lo0",
        "fe80::1%lo0:80",
        "[foo:bar]",
        "[foo:bar]baz",
        "[foo]bar:baz",
        "[foo]:[bar]:baz",
        "[foo]:[bar]baz",
        "foo[bar]:baz",
        "foo]bar:baz",
    ])("%j fails", (hostPort) => {
        expect(splitHostPort(hostPort)).toBeUndefined();
    });
});

describe("what the keyring makes of them", () => {
    it.each([
        ["https:///quay.io", "/quay.io"], // no host: the path alone
        ["https://?x=1", ""],
        ["quay.io/a?next=https://b", "quay.io/a"], // only a leading scheme is one
        ["https://quay.io/v2/team", "quay.io/team"],
        ["https://quay.io/v1/team", "quay.io/team"],
        ["https://quay.io/a b", "quay.io/a b"],
    ])("%j is filed as %j", (key, filed) => {
        expect(keyringKey(key)).toBe(filed);
    });

    it("matches nothing when either side does not parse (urlsMatchStr returns its error)", () => {
        expect(urlsMatchStr("bad host", "bad host")).toBe(false);
        expect(urlsMatchStr("bad host", "quay.io/x")).toBe(false);
        expect(urlsMatchStr("quay.io", "quay.io/%zz")).toBe(false);
        expect(urlsMatchStr("quay.io", "quay.io/a")).toBe(true);
    });

    it("needs as many host labels: a key is no prefix of a longer host", () => {
        expect(urlsMatchStr("quay.io", "quay.io.example.com/x")).toBe(false);
    });

    it("reads an empty port after ':' as no port, like a host without one", () => {
        expect(urlsMatchStr("quay.io", "quay.io:/team/app")).toBe(true);
        expect(urlsMatchStr("quay.io:", "quay.io/team/app")).toBe(true);
    });
});

it("files a key url.Parse refuses under no name at all, not even one an image could match", () => {
    expect(keyringKey("bad host.io")).toBeUndefined();
    expect(urlsMatchStr("undefined", "undefined/foo")).toBe(true);
    expect(credentialsFor(["bad host.io"], "undefined/foo")).toEqual([]);
});

it("reads a name without '/' as Docker Hub's, whatever it holds (isDefaultRegistryMatch: one part)", () => {
    expect(isDefaultRegistryMatch("registry.tld")).toBe(true);
    expect(isDefaultRegistryMatch("localhost:5000")).toBe(true);
    expect(isDefaultRegistryMatch("registry.tld/app")).toBe(false);
});
