/**
 * The Portieris model (core/platforms/portieris.ts) against Portieris' own unit tests at IBM/portieris
 * 6eaaacaed7ba53af3002726fc0a25b5e5e1e2de0 (v0.14.2), line by line, against the vectors derived in
 * /work/research/portieris.md ("Test vectors" B, run on the unchanged Go code), and the imageTrust builder.
 */
import fc from "fast-check";
import {
    AdmissionInput,
    ImagePolicyObject,
    PolicyObject,
    PolicySpec,
    RepositoryEntry,
    admission,
    checksOf,
    compare,
    compareAnyTag,
    compareImageRef,
    describeCheck,
    findRepository,
    registryHostname,
    trustPolicyRepositories,
} from "../../core/platforms/portieris";

const policyObject = (name: string, ...repositories: (string | RepositoryEntry)[]): PolicyObject => ({
    name,
    repositories: repositories.map((entry) => (typeof entry === "string" ? { name: entry } : entry)),
});
const imagePolicy = (name: string, namespace: string, ...repositories: RepositoryEntry[]): ImagePolicyObject => ({
    ...policyObject(name, ...repositories),
    namespace,
});
/** Policy objects from lists of entry names (";" in the research notes' tables). */
const objects = (...lists: string[][]): PolicyObject[] => lists.map((names, i) => policyObject(`p${i}`, ...names));
const winner = (lists: string[][], image: string) => findRepository(objects(...lists), image)?.entry.name;

describe("compare, compareAnyTag, compareImageRef: helpers/wildcard/wildcard_test.go", () => {
    // [line, function, pattern, string, expected]; "#n" is the row of the research notes' table A.
    const vectors: [string, "Compare" | "CompareAnyTag" | "CompareImageRef", string, string, boolean][] = [
        ["L26 #1", "Compare", "", "", true],
        ["L30 #2", "Compare", "", "abcdefgh", false],
        ["L37", "Compare", "abcdefgh", "abcdefgh", true],
        ["L41", "Compare", "abcdefgh", "stuvwxyz", false],
        ["L48 #3", "Compare", "*", "stuvwxyz", true],
        ["L52", "Compare", "*", "abcd*fgh", true],
        ["L59 #4", "Compare", "*wxyz", "stuvwxyz", true],
        ["L63 #5", "Compare", "*efgh", "stuvwxyz", false],
        ["L70 #6", "Compare", "s*wx*z", "stuvwxyz", true],
        ["L74", "Compare", "a*de*h", "stuvwxyz", false],
        ["L78 #7", "Compare", "a*de*h", "abcwxyz", false],
        ["L85 #8", "Compare", "stuv*", "stuvwxyz", true],
        ["L89", "Compare", "efgh*", "stuvwxyz", false],
        ["L97 #9", "CompareAnyTag", "stuvwxyz", "stuvwxyz:latest", true],
        ["L101 #10", "CompareAnyTag", "stuvwxyz:*", "stuvwxyz:latest", true],
        ["L105 #11", "CompareAnyTag", "uk.icr.io/*", "uk.icr.io/imagesec-demo/alpinegood:demo", true],
        ["L109 #12", "CompareAnyTag", "uk.icr.io/imagesec-demo/*", "uk.icr.io/imagesec-demo/alpinegood:demo", true],
        [
            "L113 #13",
            "CompareAnyTag",
            "uk.icr.io/imagesec-demo/alpinegood",
            "uk.icr.io/imagesec-demo/alpinegood:demo",
            true,
        ],
        ["L117 #14", "CompareAnyTag", "abcdefgh", "stuvwxyz:latest", false],
        [
            "L125 #15",
            "CompareImageRef",
            "*.registry.example.com/myorg/*",
            "us.registry.example.com/myorg/foo:latest",
            true,
        ],
        ["L128", "CompareImageRef", "*.registry.example.com/myrepo/*", "eu.registry.example.com/myrepo/node:v1", true],
        [
            "L131 #16",
            "CompareImageRef",
            "registry*.example.com/myorg/*",
            "registry01.example.com/myorg/worker:v1",
            true,
        ],
        ["L134", "CompareImageRef", "registry.example.com/myorg/*", "registry.example.com/myorg/foo:latest", true],
        ["L137 #17", "CompareImageRef", "*", "attacker.example.com/anything:latest", true],
        ["L140 #18", "CompareImageRef", "trusted.example.com/*", "trusted.example.com/myorg/myimage:demo", true],
        [
            "L146 #19",
            "CompareImageRef",
            "*.registry.example.com/myorg/*",
            "attacker.com/x.registry.example.com/myorg/malware:latest",
            false,
        ],
        [
            "L149",
            "CompareImageRef",
            "*.registry.example.com/myorg/*",
            "attacker.com/x.registry.example.com/myorg/malware",
            false,
        ],
        [
            "L152 #20",
            "CompareImageRef",
            "registry*.example.com/myorg/*",
            "registry.attacker.com/x.example.com/myorg/evil",
            false,
        ],
        [
            "L155",
            "CompareImageRef",
            "*.registry.example.com/myrepo/*",
            "evil.io/fake.registry.example.com/myrepo/pwn:latest",
            false,
        ],
        ["L158 #21", "CompareImageRef", "registry.example.com/myorg/*", "evilreg.io/myorg/foo:latest", false],
        [
            "L161 #22",
            "CompareImageRef",
            "trusted.example.com/*",
            "evil.io/trusted.example.com/myorg/myimage:demo",
            false,
        ],
    ];
    const functions = { Compare: compare, CompareAnyTag: compareAnyTag, CompareImageRef: compareImageRef };
    it.each(vectors)("%s: %s(%j, %j) is %s", (_line, fn, pattern, str, expected) => {
        expect(functions[fn](pattern, str)).toBe(expected);
    });
});

describe("compare: the glob's edges (derived from wildcard.go L69-119)", () => {
    it.each([
        // A pattern without `*` is equality, not a suffix.
        ["abc", "xabc", false],
        // A middle piece may start right where the previous one ended.
        ["a*b*c", "abc", true],
        // Pieces are consumed: the last one must follow the first, not overlap it.
        ["a*a", "a", false],
        ["a*a", "aa", true],
        // First occurrence, no backtracking: "b" is found at index 1, the rest "c" does not end with "bc".
        ["a*b*bc", "abc", false],
        ["*", "", true],
        ["**", "x", true],
        ["a**", "abc", true],
        // `*` crosses `/` and `:`.
        ["icr.io/*", "icr.io/a/b:c", true],
        ["ICR.io/*", "icr.io/a", false],
    ])("compare(%j, %j) is %s", (pattern, str, expected) => {
        expect(compare(pattern, str)).toBe(expected);
    });

    it("compareAnyTag appends `:*` only: a digest-only reference is no tag", () => {
        expect(compareAnyTag("icr.io/ns/img", "icr.io/ns/img@sha256:0123abcd")).toBe(false);
        expect(compareAnyTag("icr.io/ns/img", "icr.io/ns/img:1@sha256:0123abcd")).toBe(true);
    });

    it("compareImageRef: no `/` in the image never matches a host/path pattern; the host half is compared exactly", () => {
        expect(compareImageRef("*/*", "nginx:1.25")).toBe(false);
        expect(compareImageRef("nginx", "nginx:1.25")).toBe(true);
        // Host by Compare, no `:*` retry: a host pattern without port does not match a host with one.
        expect(compareImageRef("registry.example.com/*", "registry.example.com:5000/a")).toBe(false);
        expect(compareImageRef("registry.example.com*/*", "registry.example.com:5000/a")).toBe(true);
        // Path by CompareAnyTag.
        expect(compareImageRef("icr.io/ns/img", "icr.io/ns/img:1")).toBe(true);
        expect(compareImageRef("icr.io/ns/img", "icr.io/ns/img2:1")).toBe(false);
        // An image starting with `/` has the empty host, which `*` matches (the reference parser refuses it earlier).
        expect(compareImageRef("*/app", "/app")).toBe(true);
        // Both split at the first `/`.
        expect(compareImageRef("icr.io/ns/*", "icr.io/ns/a/b")).toBe(true);
        expect(compareImageRef("icr.io/ns/*", "icr.io/nt/a")).toBe(false);
    });
});

describe("findRepository: pkg/apis/portieris.cloud.ibm.com/v1/types_test.go (FindImagePolicy, FindClusterImagePolicy)", () => {
    // [lines, repository names, image, matching entry name or undefined]
    const vectors: [string, string[], string, string | undefined][] = [
        ["L26-31 (no policies)", [], "test.com/hello", undefined],
        ["L34-51 #23", ["test.com/*"], "unknown.com/hello", undefined],
        ["L54-75 #24", ["test.com/*"], "test.com/hello", "test.com/*"],
        [
            "L78-100 #25",
            ["test.com/namespace/hello:nopolicies"],
            "test.com/namespace/hello:nopolicies",
            "test.com/namespace/hello:nopolicies",
        ],
        ["L252-275 #26", ["test.com/namespace/image"], "test.com/namespace/image:tag", "test.com/namespace/image"],
        ["L278-283 (no cluster policies)", [], "test.com/hello", undefined],
        ["L286-304", ["test.com/*"], "unknown.com/hello", undefined],
        ["L306-329", ["test.com/*"], "test.com/hello", "test.com/*"],
        ["L470-492", ["test.com/namespace/image"], "test.com/namespace/image:tag", "test.com/namespace/image"],
        ["L500", ["*.registry.example.com/myorg/*"], "attacker.com/x.registry.example.com/myorg/malware", undefined],
        [
            "L501",
            ["*.registry.example.com/myorg/*"],
            "attacker.com/x.registry.example.com/myorg/malware:latest",
            undefined,
        ],
        ["L502 #27", ["*.registry.example.com/myrepo/*"], "evil.io/fake.registry.example.com/myrepo/pwn:v1", undefined],
        ["L503", ["*.registry.example.com/myrepo/*"], "evil.io/fake.registry.example.com/myrepo/pwn:latest", undefined],
        ["L504", ["registry*.example.com/myorg/*"], "registry.attacker.com/x.example.com/myorg/evil", undefined],
        [
            "L531",
            ["*.registry.example.com/myorg/*"],
            "us.registry.example.com/myorg/foo:latest",
            "*.registry.example.com/myorg/*",
        ],
        [
            "L532",
            ["*.registry.example.com/myrepo/*"],
            "eu.registry.example.com/myrepo/node:v1",
            "*.registry.example.com/myrepo/*",
        ],
        [
            "L533 #28",
            ["*.registry.example.com/myrepo/*"],
            "ap.registry.example.com/myrepo/control:v2",
            "*.registry.example.com/myrepo/*",
        ],
        [
            "L534",
            ["registry*.example.com/myorg/*"],
            "registry01.example.com/myorg/worker:v1",
            "registry*.example.com/myorg/*",
        ],
        [
            "L535",
            ["registry.example.com/myorg/*"],
            "registry.example.com/myorg/foo:latest",
            "registry.example.com/myorg/*",
        ],
        ["L562", ["*.registry.example.com/myorg/*"], "attacker.com/x.registry.example.com/myorg/malware", undefined],
        [
            "L563",
            ["*.registry.example.com/myorg/*"],
            "attacker.com/x.registry.example.com/myorg/malware:latest",
            undefined,
        ],
        ["L564", ["registry*.example.com/myorg/*"], "registry.attacker.com/x.example.com/myorg/evil", undefined],
    ];
    it.each(vectors)("%s: %j against %s → %s", (_lines, names, image, expected) => {
        expect(winner(names.length === 0 ? [] : [names], image)).toBe(expected);
    });

    // L103-249 and L355-467: an exact name returns the entry's policy as it is, whatever it holds.
    const policies: [string, string, PolicySpec][] = [
        ["L103-126", "test.com/namespace/hello:notrust", { simple: { requirements: [{} as never] } }],
        [
            "L129-157",
            "test.com/namespace/hello:nova",
            { trust: { enabled: false, trustServer: "https://some-trust-server.com" } },
        ],
        [
            "L159-190",
            "test.com/namespace/hello:enabled",
            {
                trust: { enabled: true, trustServer: "https://some-trust-server.com" },
                simple: { requirements: [{} as never] },
            },
        ],
        ["L192-219", "test.com/namespace/hello:disabled", { trust: { enabled: true } }],
        [
            "L221-249",
            "test.com/namespace/hello:disabled",
            { vulnerability: { ICCRVA: { enabled: true, account: "123" } } },
        ],
        ["L355-377", "test.com/namespace/hello:notrust", {}],
        ["L441-467", "test.com/namespace/hello:disabled", { trust: { enabled: false } }],
    ];
    it.each(policies)("%s: the exact entry %s comes back with its policy", (_lines, name, policy) => {
        const entry = { name, policy };
        expect(findRepository([policyObject("p", entry)], name)).toEqual({ policyName: "p", entry, score: "exact" });
        expect(findRepository([policyObject("p", entry)], name)?.entry.policy).toBe(policy);
    });
});

describe("findRepository: research notes' derived vectors B (the unchanged Go matching code)", () => {
    const vectors: [string, string[][], string, string | undefined][] = [
        ["D1", [["*", "icr.io/*", "icr.io/ns/*"]], "icr.io/ns/img:1", "icr.io/ns/*"],
        ["D2", [["icr.io/*"], ["icr.io/ns/img"]], "icr.io/ns/img:1", "icr.io/ns/img"],
        ["D3", [["*"], ["icr.io/ns/img:1"]], "icr.io/ns/img:1", "icr.io/ns/img:1"],
        ["D4", [["icr.io/ns/img:*", "icr.io/ns/img"], ["icr.io/ns/img:1"]], "icr.io/ns/img:1", "icr.io/ns/img:1"],
        ["D5", [["icr.io/a*/*"], ["icr.io/*b/*"]], "icr.io/ab/img:1", "icr.io/a*/*"],
        ["D6", [["icr.io/*b/*"], ["icr.io/a*/*"]], "icr.io/ab/img:1", "icr.io/*b/*"],
        ["D7", [["icr.io/ns/*"], ["*/*verylongimagename*"]], "icr.io/ns/verylongimagename:1", "*/*verylongimagename*"],
        ["D8", [["icr.io/ns/img"], ["icr.io/ns/img:*"]], "icr.io/ns/img:1", "icr.io/ns/img:*"],
        ["D9", [["docker.io/*", "*"]], "nginx", "*"],
        ["D10", [["docker.io/*"]], "nginx", undefined],
        ["D11", [["icr.io/*/nginx"]], "icr.io/a/b/nginx:1", "icr.io/*/nginx"],
        ["D12", [["icr.io/ns/img"]], "icr.io/ns/img@sha256:0123abcd", undefined],
        ["D13", [["icr.io/ns/*"]], "icr.io/ns/img@sha256:0123abcd", "icr.io/ns/*"],
        ["D14", [["icr.io/*"]], "us.icr.io/a/b:1", undefined],
        ["D15", [["*.icr.io/*"]], "icr.io/a/b:1", undefined],
        ["D16", [["docker.io/library/nginx"]], "nginx", undefined],
        ["D17", [["ICR.io/ns/*"]], "icr.io/ns/a", undefined],
        ["D18", [[]], "icr.io/ns/a", undefined],
    ];
    it.each(vectors)("%s: %j against %s → %s", (_id, lists, image, expected) => {
        expect(winner(lists, image)).toBe(expected);
    });

    it("scores are the literal characters (research §2.3), exact only for a `*`-free name equal to the image", () => {
        const score = (name: string, image = "icr.io/ns/img:1") => findRepository(objects([name]), image)?.score;
        expect(score("*")).toBe(0);
        expect(score("icr.io/*")).toBe(7);
        expect(score("icr.io/ns/*")).toBe(10);
        expect(score("icr.io/ns/img")).toBe(13);
        expect(score("icr.io/ns/img:*")).toBe(14);
        expect(score("icr.io/ns/img:1")).toBe("exact");
        // A name with `*` equal to the image string is matched as a pattern, never as exact.
        expect(score("icr.io/ns/img:*", "icr.io/ns/img:*")).toBe(14);
    });

    it("every `*` is deducted: three of them lose to one with as many characters", () => {
        // "*cr.io/n*/*" scores 8, "icr.io/ns/*" 10: the later one wins although both are 11 characters long.
        expect(winner([["*cr.io/n*/*"], ["icr.io/ns/*"]], "icr.io/ns/img:1")).toBe("icr.io/ns/*");
    });

    it("the score counts UTF-8 bytes, as Go's len: `*é*` (2) ties with `*ab*` (2) and, first, wins", () => {
        expect(findRepository(objects(["*é*"], ["*ab*"]), "xéab")).toEqual({
            policyName: "p0",
            entry: { name: "*é*" },
            score: 2,
        });
    });

    it("reports the policy object the entry came from", () => {
        expect(findRepository(objects(["icr.io/*"], ["other.io/*", "icr.io/ns/*"]), "icr.io/ns/a")).toEqual({
            policyName: "p1",
            entry: { name: "icr.io/ns/*" },
            score: 10,
        });
    });
});

describe("admission: pkg/policy/policy_test.go (image icr.io/hello/world, namespace default)", () => {
    const image = "icr.io/hello/world";
    const worldOn: RepositoryEntry = { name: "icr.io/hello/world", policy: { trust: { enabled: true } } };
    const worldOff: RepositoryEntry = { name: "icr.io/hello/world", policy: { trust: { enabled: false } } };
    const earthOn: RepositoryEntry = { name: "icr.io/hello/earth", policy: { trust: { enabled: true } } };
    const earthOff: RepositoryEntry = { name: "icr.io/hello/earth", policy: { trust: { enabled: false } } };
    const cip = (name: string, ...entries: RepositoryEntry[]) => policyObject(name, ...entries);
    const run = (imagePolicies: ImagePolicyObject[], clusterImagePolicies: PolicyObject[]) =>
        admission({ namespace: "default", imagePolicies, clusterImagePolicies }, image);
    // Trust on an icr.io image without trustServer: Portieris' tests stop at the policy; the enforcer always denies.
    const icrTrust = {
        admitted: "never",
        entry: worldOn,
        policy: { trust: { enabled: true } },
        checks: [
            {
                kind: "unsatisfiable",
                reason: "trust (Notary), which ICR no longer offers, so it always denies for icr.io images without trustServer",
            },
        ],
        requires:
            "trust (Notary), which ICR no longer offers, so it always denies for icr.io images without trustServer",
        mutatesToDigest: true,
    };
    const fromCluster = (name: string) => ({ ...icrTrust, source: { kind: "ClusterImagePolicy", name } });
    const fromNamespace = (name: string) => ({ ...icrTrust, source: { kind: "ImagePolicy", name } });

    it("L106-112 #29: no ImagePolicy, a matching ClusterImagePolicy: its entry", () => {
        expect(run([], [cip("policy-one", worldOn)])).toEqual(fromCluster("policy-one"));
    });
    it("L113-119 #30: no ImagePolicy, no matching ClusterImagePolicy entry: denied", () => {
        expect(run([], [cip("policy-one", earthOn)])).toEqual({
            denied: 'Deny "icr.io/hello/world", no matching repositories in ClusterImagePolicy and no ImagePolicies in the "default" namespace',
        });
    });
    it("L120-125 #31: no policy of either kind: denied (Portieris spells it 'polices')", () => {
        expect(run([], [])).toEqual({ denied: 'Deny "icr.io/hello/world", no image policies or cluster polices' });
    });
    it("L126-135 #32: several ClusterImagePolicies are searched together", () => {
        expect(run([], [cip("policy-one", earthOff), cip("policy-two", worldOn)])).toEqual(fromCluster("policy-two"));
    });
    it("L136-144: several entries in one ClusterImagePolicy", () => {
        expect(run([], [cip("policy-one", earthOff, worldOn)])).toEqual(fromCluster("policy-one"));
    });
    it("L145-154 #33: an ImagePolicy in the namespace wins over a ClusterImagePolicy", () => {
        expect(run([imagePolicy("policy-two", "default", worldOn)], [cip("policy-one", worldOff)])).toEqual(
            fromNamespace("policy-two"),
        );
    });
    it("L155-164 #34: only the workload's namespace counts", () => {
        const policies = [
            imagePolicy("policy-one", "nonDefault", worldOff),
            imagePolicy("policy-two", "default", worldOn),
        ];
        expect(run(policies, [])).toEqual(fromNamespace("policy-two"));
    });
    it("L165-173: ImagePolicies without a matching entry: denied", () => {
        expect(run([imagePolicy("policy-one", "default", earthOff)], [])).toEqual({
            denied: 'Deny "icr.io/hello/world", no matching repositories in the ImagePolicies',
        });
    });
    it("L174-183 #35: no fallback to a matching ClusterImagePolicy", () => {
        expect(run([imagePolicy("policy-one", "default", earthOn)], [cip("policy-one", worldOn)])).toEqual({
            denied: 'Deny "icr.io/hello/world", no matching repositories in the ImagePolicies',
        });
    });
    it("L184-193 #36: several ImagePolicies in the namespace are searched together", () => {
        const policies = [
            imagePolicy("policy-one", "default", earthOff),
            imagePolicy("policy-two", "default", worldOn),
        ];
        expect(run(policies, [])).toEqual(fromNamespace("policy-two"));
    });
    it("L194-202: several entries in one ImagePolicy", () => {
        expect(run([imagePolicy("policy-one", "default", earthOff, worldOn)], [])).toEqual(fromNamespace("policy-one"));
    });
    it("trust disabled asks for nothing", () => {
        expect(run([], [cip("policy-one", worldOff)])).toEqual({
            admitted: "unconditionally",
            source: { kind: "ClusterImagePolicy", name: "policy-one" },
            entry: worldOff,
            policy: { trust: { enabled: false } },
            checks: [],
            requires: "nothing",
            mutatesToDigest: false,
        });
    });
});

describe("admission: policy choice and messages (policy.go L63-99)", () => {
    const allowAll = policyObject("allow-all", "*");
    const input = (over: Partial<AdmissionInput>): AdmissionInput => ({
        namespace: "apps",
        imagePolicies: [],
        clusterImagePolicies: [],
        ...over,
    });

    it("an ImagePolicy with no entries denies every image, a matching ClusterImagePolicy notwithstanding (D18)", () => {
        expect(
            admission(
                input({ imagePolicies: [imagePolicy("empty", "apps")], clusterImagePolicies: [allowAll] }),
                "nginx",
            ),
        ).toEqual({
            denied: 'Deny "nginx", no matching repositories in the ImagePolicies',
        });
    });

    it("an ImagePolicy of another namespace is as none: the ClusterImagePolicies decide, the message names the namespace", () => {
        const other = [imagePolicy("allow", "team-b", { name: "*" })];
        expect(admission(input({ imagePolicies: other }), "us.icr.io/a/b:1")).toEqual({
            denied: 'Deny "us.icr.io/a/b:1", no image policies or cluster polices',
        });
        expect(
            admission(
                input({ imagePolicies: other, clusterImagePolicies: [policyObject("c", "de.icr.io/*")] }),
                "us.icr.io/a/b:1",
            ),
        ).toEqual({
            denied: 'Deny "us.icr.io/a/b:1", no matching repositories in ClusterImagePolicy and no ImagePolicies in the "apps" namespace',
        });
    });

    it("the allow-all entry (name `*`, no policy) admits anything unconditionally, without mutation", () => {
        expect(admission(input({ clusterImagePolicies: [allowAll] }), "nginx:1.25")).toEqual({
            admitted: "unconditionally",
            source: { kind: "ClusterImagePolicy", name: "allow-all" },
            entry: { name: "*" },
            policy: {},
            checks: [],
            requires: "nothing",
            mutatesToDigest: false,
        });
        const nullPolicy = imagePolicy("allow-all", "apps", { name: "*", policy: null });
        expect(admission(input({ imagePolicies: [nullPolicy] }), "nginx")).toMatchObject({
            policy: {},
            requires: "nothing",
        });
    });

    it("the image is matched raw: no docker.io/library prefix is added", () => {
        const hub = policyObject("hub", "docker.io/library/*");
        expect(admission(input({ clusterImagePolicies: [hub] }), "nginx:1.25")).toEqual({
            denied: 'Deny "nginx:1.25", no matching repositories in ClusterImagePolicy and no ImagePolicies in the "apps" namespace',
        });
        expect(admission(input({ clusterImagePolicies: [hub] }), "docker.io/library/nginx:1.25")).toMatchObject({
            admitted: "unconditionally",
        });
    });
});

describe("admission: what the chosen entry requires", () => {
    const only = (policy: PolicySpec, image: string, namespace = "apps") =>
        admission(
            {
                namespace,
                imagePolicies: [imagePolicy("p", namespace, { name: "*", policy })],
                clusterImagePolicies: [],
            },
            image,
        );
    const signedBy = (keySecret?: string, keySecretNamespace?: string): PolicySpec => ({
        simple: { requirements: [{ type: "signedBy", keySecret, keySecretNamespace }] },
    });

    it("signedBy: the key secret in the workload's namespace unless keySecretNamespace says otherwise", () => {
        expect(only(signedBy("signing-key"), "us.icr.io/team/app:1")).toMatchObject({
            admitted: "when-signed",
            checks: [{ kind: "signedBy", keySecret: "signing-key", keySecretNamespace: "apps", signedIdentity: "" }],
            requires: "signed with a key in secret signing-key in namespace apps",
            mutatesToDigest: true,
        });
        expect(only(signedBy("signing-key", "keys"), "us.icr.io/team/app:1")).toMatchObject({
            checks: [{ kind: "signedBy", keySecret: "signing-key", keySecretNamespace: "keys", signedIdentity: "" }],
            requires: "signed with a key in secret signing-key in namespace keys",
        });
        // An empty keySecretNamespace is no override (policy.go L48).
        expect(only(signedBy("signing-key", ""), "app")).toMatchObject({
            requires: "signed with a key in secret signing-key in namespace apps",
        });
    });

    it("signedBy words name a non-default identity rule and a lookaside store", () => {
        const policy: PolicySpec = {
            simple: {
                storeURL: "https://sigs.example.com",
                requirements: [
                    {
                        type: "signedBy",
                        keySecret: "k",
                        signedIdentity: { type: "remapIdentity", prefix: "a", signedPrefix: "b" },
                    },
                ],
            },
        };
        expect(only(policy, "us.icr.io/team/app:1")).toMatchObject({
            checks: [
                {
                    kind: "signedBy",
                    keySecret: "k",
                    keySecretNamespace: "apps",
                    signedIdentity: "remapIdentity",
                    storeURL: "https://sigs.example.com",
                },
            ],
            requires:
                "signed with a key in secret k in namespace apps (signed identity remapIdentity), signatures read from https://sigs.example.com",
        });
    });

    it("signedBy without keySecret, and reject, can never pass", () => {
        expect(only(signedBy(undefined), "app")).toMatchObject({
            admitted: "never",
            requires:
                'a signedBy requirement without keySecret, which Portieris refuses ("KeySecret missing in signedBy requirement"), so it always denies',
        });
        expect(only(signedBy(""), "app")).toMatchObject({ admitted: "never" });
        expect(only({ simple: { requirements: [{ type: "reject" }] } }, "app")).toMatchObject({
            admitted: "never",
            checks: [{ kind: "unsatisfiable", reason: 'a simple "reject" requirement, which denies every image' }],
        });
    });

    it("insecureAcceptAnything asks for nothing, yet the image is resolved to its digest", () => {
        expect(only({ simple: { requirements: [{ type: "insecureAcceptAnything" }] } }, "app")).toMatchObject({
            admitted: "unconditionally",
            checks: [],
            requires: "nothing",
            mutatesToDigest: true,
        });
        expect(
            only({ simple: { requirements: [{ type: "insecureAcceptAnything" }] }, mutateImage: false }, "app"),
        ).toMatchObject({ mutatesToDigest: false });
        expect(only({ simple: { requirements: null, storeURL: "https://s" } }, "app")).toMatchObject({
            admitted: "unconditionally",
            mutatesToDigest: false,
        });
    });

    it("trust: a given trustServer, else Docker Hub's and Quay's by host suffix, else it always denies", () => {
        const trust = (trustServer?: string, signers?: string[]): PolicySpec => ({
            trust: { enabled: true, trustServer, signerSecrets: signers?.map((name) => ({ name })) },
        });
        expect(only(trust("https://notary.example.com"), "us.icr.io/team/app:1")).toMatchObject({
            admitted: "when-trusted",
            checks: [{ kind: "notary", trustServer: "https://notary.example.com", signerSecrets: [] }],
            requires: "trust (Notary) signatures at https://notary.example.com",
            mutatesToDigest: true,
        });
        expect(only(trust(undefined, ["alice", "bob"]), "nginx:1.25")).toMatchObject({
            checks: [{ kind: "notary", trustServer: "https://notary.docker.io", signerSecrets: ["alice", "bob"] }],
            requires: "trust (Notary) signatures at https://notary.docker.io by the signers in secrets alice, bob",
        });
        // By suffix: Docker Hub's registry host is docker.io's too.
        expect(only(trust(), "registry-1.docker.io/library/nginx")).toMatchObject({
            checks: [{ kind: "notary", trustServer: "https://notary.docker.io", signerSecrets: [] }],
        });
        expect(only(trust(), "quay.io:443/org/tool:1")).toMatchObject({
            checks: [{ kind: "notary", trustServer: "https://quay.io:443", signerSecrets: [] }],
        });
        expect(only(trust(""), "de.icr.io/team/app@sha256:0123")).toMatchObject({
            admitted: "never",
            requires:
                "trust (Notary), which ICR no longer offers, so it always denies for icr.io images without trustServer",
        });
        expect(only(trust(), "ghcr.io/org/app:1")).toMatchObject({
            admitted: "never",
            requires:
                "trust (Notary) without trustServer, and Portieris knows no trust server for ghcr.io, so it always denies",
        });
        expect(only({ trust: { enabled: false, trustServer: "https://n" } }, "app")).toMatchObject({
            admitted: "unconditionally",
            mutatesToDigest: false,
        });
    });

    it("Vulnerability Advisor: IBM's registries only (HasIBMRepo), no mutation of its own", () => {
        const va: PolicySpec = { vulnerability: { ICCRVA: { enabled: true, account: "123" } } };
        const scanned = {
            admitted: "when-scanned",
            checks: [{ kind: "vulnerabilityAdvisor" }],
            requires:
                "a Vulnerability Advisor status of OK, WARN or UNSUPPORTED (ICCRVA, which IBM deprecated in April 2023)",
            mutatesToDigest: false,
        };
        expect(only(va, "us.icr.io/team/app:1")).toMatchObject(scanned);
        expect(only(va, "registry.ng.bluemix.net/team/app:1")).toMatchObject(scanned);
        for (const image of ["foo.bluemix.net/team/app", "registry.example.com/team/app", "nginx"]) {
            expect(only(va, image)).toMatchObject({ admitted: "never" });
        }
        expect(only(va, "nginx")).toMatchObject({
            requires:
                "a Vulnerability Advisor check, which fails for images outside IBM's registries (docker.io), so it always denies",
        });
        expect(only({ vulnerability: {} }, "nginx")).toMatchObject({ admitted: "unconditionally" });
        expect(only({ vulnerability: { ICCRVA: { enabled: false } } }, "nginx")).toMatchObject({
            admitted: "unconditionally",
        });
    });

    it("several checks: all must pass, in Portieris' order (Vulnerability Advisor, simple, Notary)", () => {
        const policy: PolicySpec = {
            vulnerability: { ICCRVA: { enabled: true } },
            simple: { requirements: [{ type: "signedBy", keySecret: "k" }] },
            trust: { enabled: true, trustServer: "https://n" },
        };
        const result = only(policy, "us.icr.io/team/app:1");
        expect(result).toMatchObject({ admitted: "when-all-checks-pass" });
        expect("checks" in result && result.checks.map((check) => check.kind)).toEqual([
            "vulnerabilityAdvisor",
            "signedBy",
            "notary",
        ]);
        expect("requires" in result && result.requires).toBe(
            "a Vulnerability Advisor status of OK, WARN or UNSUPPORTED (ICCRVA, which IBM deprecated in April 2023)" +
                " and signed with a key in secret k in namespace apps and trust (Notary) signatures at https://n",
        );
        // One check that cannot pass makes the whole entry "never".
        expect(only({ ...policy, trust: { enabled: true } }, "us.icr.io/team/app:1")).toMatchObject({
            admitted: "never",
        });
        // Two signatures: still "when-signed".
        const twoKeys: PolicySpec = {
            simple: {
                requirements: [
                    { type: "signedBy", keySecret: "a" },
                    { type: "signedBy", keySecret: "b" },
                ],
            },
        };
        expect(only(twoKeys, "app")).toMatchObject({
            admitted: "when-signed",
            requires:
                "signed with a key in secret a in namespace apps and signed with a key in secret b in namespace apps",
        });
        expect(only({ ...twoKeys, trust: { enabled: true, trustServer: "https://n" } }, "app")).toMatchObject({
            admitted: "when-all-checks-pass",
        });
    });

    it("checksOf and describeCheck are the same words outside admission", () => {
        const checks = checksOf({ simple: { requirements: [{ type: "signedBy", keySecret: "k" }] } }, "ns", "a/b");
        expect(checks.map(describeCheck)).toEqual(["signed with a key in secret k in namespace ns"]);
    });
});

describe("registryHostname: image.go L40-63 with distribution/reference v0.6.0", () => {
    it.each([
        ["nginx", "docker.io"],
        ["nginx:1.25", "docker.io"],
        ["nginx@sha256:0123", "docker.io"],
        // One component is always a Docker Hub name, dots or not (normalize.go L127-137).
        ["example.com", "docker.io"],
        ["library/nginx:1.25", "docker.io"],
        ["index.docker.io/library/nginx", "docker.io"],
        ["docker.io/library/nginx", "docker.io"],
        ["localhost/app", "localhost"],
        ["localhost:5000/app", "localhost"],
        ["myregistry:5000/app", "myregistry"],
        ["quay.io:443/org/tool:1", "quay.io"],
        ["[::1]:5000/app", "::1"],
        ["Registry/app", "Registry"],
        ["us.icr.io/team/app@sha256:0123", "us.icr.io"],
    ])("%s → %s", (image, host) => {
        expect(registryHostname(image)).toBe(host);
    });
});

describe("trustPolicyRepositories: the ImagePolicy spec.repositories for imageTrust", () => {
    const key = { name: "image-signing-key" };
    const signed: PolicySpec = { simple: { requirements: [{ type: "signedBy", keySecret: "image-signing-key" }] } };

    it("a signedBy entry per pattern (and its digest companion), then `*` without policy to admit the rest", () => {
        expect(
            trustPolicyRepositories({
                trustedRepositories: ["us.icr.io/team/*", "us.icr.io/base/app", "nginx", "quay.io/org/tool:*"],
                signingKey: key,
                otherImages: "admit",
            }),
        ).toStrictEqual([
            { name: "us.icr.io/team/*", policy: signed },
            { name: "us.icr.io/base/app", policy: signed },
            { name: "us.icr.io/base/app@*", policy: signed },
            { name: "nginx", policy: signed },
            { name: "nginx@*", policy: signed },
            { name: "quay.io/org/tool:*", policy: signed },
            { name: "quay.io/org/tool@*", policy: signed },
            { name: "*" },
        ]);
    });

    it("deny: no `*`; the key's namespace is written only when given", () => {
        expect(
            trustPolicyRepositories({
                trustedRepositories: ["us.icr.io/team/*"],
                signingKey: { name: "k", namespace: "keys" },
                otherImages: "deny",
            }),
        ).toStrictEqual([
            {
                name: "us.icr.io/team/*",
                policy: {
                    simple: { requirements: [{ type: "signedBy", keySecret: "k", keySecretNamespace: "keys" }] },
                },
            },
        ]);
        expect(trustPolicyRepositories({ trustedRepositories: [], signingKey: key, otherImages: "deny" })).toEqual([]);
    });

    const decide = (repositories: RepositoryEntry[], image: string) =>
        admission(
            {
                namespace: "apps",
                imagePolicies: [imagePolicy("image-trust", "apps", ...repositories)],
                clusterImagePolicies: [],
            },
            image,
        );
    const whenSigned = (name: string) => ({
        admitted: "when-signed",
        source: { kind: "ImagePolicy", name: "image-trust" },
        entry: { name, policy: signed },
        policy: signed,
        checks: [{ kind: "signedBy", keySecret: "image-signing-key", keySecretNamespace: "apps", signedIdentity: "" }],
        requires: "signed with a key in secret image-signing-key in namespace apps",
        mutatesToDigest: true,
    });
    const admitAll = {
        admitted: "unconditionally",
        source: { kind: "ImagePolicy", name: "image-trust" },
        entry: { name: "*" },
        policy: {},
        checks: [],
        requires: "nothing",
        mutatesToDigest: false,
    };

    it("a trusted image resolves to its signedBy entry, not to `*`; others to `*` (admit) or a denial (deny)", () => {
        const options = { trustedRepositories: ["us.icr.io/team/*", "nginx"], signingKey: key };
        const admit = trustPolicyRepositories({ ...options, otherImages: "admit" });
        const deny = trustPolicyRepositories({ ...options, otherImages: "deny" });
        expect(decide(admit, "us.icr.io/team/api:1.4")).toEqual(whenSigned("us.icr.io/team/*"));
        expect(decide(deny, "us.icr.io/team/api:1.4")).toEqual(whenSigned("us.icr.io/team/*"));
        // A Docker Hub short name: a pattern without `/` is matched against the whole string.
        expect(decide(admit, "nginx:1.25")).toEqual(whenSigned("nginx"));
        expect(decide(admit, "nginx@sha256:0123abcd")).toEqual(whenSigned("nginx@*"));
        expect(decide(admit, "redis:7")).toEqual(admitAll);
        expect(decide(deny, "redis:7")).toEqual({
            denied: 'Deny "redis:7", no matching repositories in the ImagePolicies',
        });
        // Portieris does not normalize: the long form of Docker Hub's nginx is not "nginx".
        expect(decide(admit, "docker.io/library/nginx:1.25")).toEqual(admitAll);
        expect(decide(admit, "us.icr.io/other/api:1.4")).toEqual(admitAll);
    });

    it("a trusted `*` ties with the allow-all `*` and, listed first, keeps every image signed", () => {
        const repositories = trustPolicyRepositories({
            trustedRepositories: ["*"],
            signingKey: key,
            otherImages: "admit",
        });
        expect(repositories).toEqual([{ name: "*", policy: signed }, { name: "*" }]);
        expect(decide(repositories, "redis:7")).toEqual(whenSigned("*"));
    });

    it("the digest companion closes Portieris' gap: without it a digest-only reference falls to `*` unsigned", () => {
        const bare: RepositoryEntry[] = [{ name: "us.icr.io/base/app", policy: signed }, { name: "*" }];
        expect(decide(bare, "us.icr.io/base/app@sha256:0123abcd")).toEqual(admitAll);
        const built = trustPolicyRepositories({
            trustedRepositories: ["us.icr.io/base/app"],
            signingKey: key,
            otherImages: "admit",
        });
        expect(decide(built, "us.icr.io/base/app@sha256:0123abcd")).toEqual(whenSigned("us.icr.io/base/app@*"));
        expect(decide(built, "us.icr.io/base/app:1@sha256:0123abcd")).toEqual(whenSigned("us.icr.io/base/app"));
        expect(decide(built, "us.icr.io/base/app")).toEqual(whenSigned("us.icr.io/base/app"));
    });

    // Trusted patterns with a way to make their images, and images of no trusted repository.
    const TRUSTED: [string, (name: string, version: string) => string][] = [
        ["us.icr.io/team-a/*", (name, version) => `us.icr.io/team-a/${name}${version}`],
        ["us.icr.io/team-b/app", (_name, version) => `us.icr.io/team-b/app${version}`],
        ["nginx", (_name, version) => `nginx${version}`],
        ["quay.io/org/tool:*", (_name, version) => `quay.io/org/tool${version === "" ? ":latest" : version}`],
        ["de.icr.io/*/base", (name, version) => `de.icr.io/${name}/base${version}`],
    ];
    const OTHERS = [
        "de.icr.io/team-a/x:1",
        "us.icr.io/team-c/x",
        "us.icr.io/team-b/app-v2:1",
        "redis",
        "docker.io/library/nginx:1.25",
        "nginx-unprivileged:1",
        "quay.io/org/toolbox:1",
        "de.icr.io/base",
    ];
    const DIGEST = "@sha256:" + "ab".repeat(32);
    const version = fc.constantFrom("", ":1.4", DIGEST, `:1.4${DIGEST}`);
    const imageName = fc.constantFrom("api", "web", "x/y");

    it("property: an image of a trusted repository needs the signature; any other is admitted or denied as asked", () => {
        fc.assert(
            fc.property(
                fc.subarray(TRUSTED, { minLength: 0 }),
                fc.constantFrom<"admit" | "deny">("admit", "deny"),
                fc.nat(TRUSTED.length - 1),
                imageName,
                version,
                fc.constantFrom(...OTHERS),
                (trusted, otherImages, pick, name, tail, other) => {
                    const patterns = trusted.map(([pattern]) => pattern);
                    const repositories = trustPolicyRepositories({
                        trustedRepositories: patterns,
                        signingKey: key,
                        otherImages,
                    });
                    const [pattern, make] = TRUSTED[pick];
                    const image = make(name, tail);
                    const untrusted = (img: string) =>
                        otherImages === "admit"
                            ? admitAll
                            : { denied: `Deny ${JSON.stringify(img)}, no matching repositories in the ImagePolicies` };
                    const decision = decide(repositories, image);
                    if (patterns.includes(pattern)) {
                        expect(decision).toMatchObject({ admitted: "when-signed", requires: whenSigned("").requires });
                        expect("entry" in decision && decision.entry.name.startsWith(pattern.replace(/:\*$/, ""))).toBe(
                            true,
                        );
                    } else {
                        expect(decision).toEqual(untrusted(image));
                    }
                    expect(decide(repositories, other)).toEqual(untrusted(other));
                },
            ),
            { numRuns: 300 },
        );
    });
});
