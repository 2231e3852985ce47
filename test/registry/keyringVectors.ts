/**
 * Test vectors for core/registry/keyring.ts: the tables and cases of kubernetes/kubernetes
 * pkg/credentialprovider/keyring_test.go @ 6fbbec6ac5711b8c65a2420394b2bb2a2ccf5bff (`source` is
 * file:line of the case, and the test's name), and cases computed with a Go port of keyring.go's matching
 * (Docker Hub, ports, case, nesting). For a lookup, `credentials` are the docker-config keys whose
 * credentials come back, in order (keyring_test.go checks the credentials themselves). Data only.
 */

export interface UrlsMatchVector {
    readonly source: string;
    readonly glob: string;
    readonly target: string;
    readonly match: boolean;
}

export interface LookupVector {
    readonly source: string;
    readonly configKeys: readonly string[];
    readonly image: string;
    readonly credentials: readonly string[];
}

export interface DefaultRegistryVector {
    readonly source: string;
    readonly image: string;
    readonly match: boolean;
}

/** TestUrlsMatch: urlsMatchStr(glob, target). One vector a line. */
// prettier-ignore
export const URLS_MATCH_VECTORS: readonly UrlsMatchVector[] = [
    { source: "keyring_test.go:34 TestUrlsMatch", glob: "*.kubernetes.io", target: "prefix.kubernetes.io", match: true },
    { source: "keyring_test.go:39 TestUrlsMatch", glob: "prefix.*.io", target: "prefix.kubernetes.io", match: true },
    { source: "keyring_test.go:44 TestUrlsMatch", glob: "prefix.kubernetes.*", target: "prefix.kubernetes.io", match: true },
    { source: "keyring_test.go:49 TestUrlsMatch", glob: "*-good.kubernetes.io", target: "prefix-good.kubernetes.io", match: true },
    { source: "keyring_test.go:55 TestUrlsMatch", glob: "*.kubernetes.io/blah", target: "prefix.kubernetes.io/blah", match: true },
    { source: "keyring_test.go:60 TestUrlsMatch", glob: "prefix.*.io/foo", target: "prefix.kubernetes.io/foo/bar", match: true },
    { source: "keyring_test.go:66 TestUrlsMatch", glob: "*.kubernetes.io:1111/blah", target: "prefix.kubernetes.io:1111/blah", match: true },
    { source: "keyring_test.go:71 TestUrlsMatch", glob: "prefix.*.io:1111/foo", target: "prefix.kubernetes.io:1111/foo/bar", match: true },
    { source: "keyring_test.go:77 TestUrlsMatch", glob: "*.kubernetes.io", target: "kubernetes.io", match: false },
    { source: "keyring_test.go:82 TestUrlsMatch", glob: "*.*.kubernetes.io", target: "prefix.kubernetes.io", match: false },
    { source: "keyring_test.go:87 TestUrlsMatch", glob: "*.*.kubernetes.io", target: "kubernetes.io", match: false },
    { source: "keyring_test.go:93 TestUrlsMatch", glob: "kubernetes.io", target: "kubernetes.com", match: false },
    { source: "keyring_test.go:98 TestUrlsMatch", glob: "k*.io", target: "quay.io", match: false },
    { source: "keyring_test.go:104 TestUrlsMatch", glob: "*.kubernetes.io:1234/blah", target: "prefix.kubernetes.io:1111/blah", match: false },
    { source: "keyring_test.go:109 TestUrlsMatch", glob: "prefix.*.io/foo", target: "prefix.kubernetes.io:1111/foo/bar", match: false },
];

/** A keyring holding `configKeys`, looked up for `image`. One vector a line. */
// prettier-ignore
export const LOOKUP_VECTORS: readonly LookupVector[] = [
    { source: "keyring_test.go:129 TestDockerKeyringForGlob", configKeys: ["https://hello.kubernetes.io"], image: "hello.kubernetes.io/foo/bar", credentials: ["https://hello.kubernetes.io"] },
    { source: "keyring_test.go:133 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io"], image: "prefix.docker.io/foo/bar", credentials: ["https://*.docker.io"] },
    { source: "keyring_test.go:137 TestDockerKeyringForGlob", configKeys: ["https://prefix.*.io"], image: "prefix.docker.io/foo/bar", credentials: ["https://prefix.*.io"] },
    { source: "keyring_test.go:141 TestDockerKeyringForGlob", configKeys: ["https://prefix.docker.*"], image: "prefix.docker.io/foo/bar", credentials: ["https://prefix.docker.*"] },
    { source: "keyring_test.go:145 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io/path"], image: "prefix.docker.io/path/foo/bar", credentials: ["https://*.docker.io/path"] },
    { source: "keyring_test.go:149 TestDockerKeyringForGlob", configKeys: ["https://prefix.*.io/path"], image: "prefix.docker.io/path/subpath/foo/bar", credentials: ["https://prefix.*.io/path"] },
    { source: "keyring_test.go:153 TestDockerKeyringForGlob", configKeys: ["https://prefix.docker.*/path"], image: "prefix.docker.io/path/foo/bar", credentials: ["https://prefix.docker.*/path"] },
    { source: "keyring_test.go:157 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io:8888"], image: "prefix.docker.io:8888/foo/bar", credentials: ["https://*.docker.io:8888"] },
    { source: "keyring_test.go:161 TestDockerKeyringForGlob", configKeys: ["https://prefix.*.io:8888"], image: "prefix.docker.io:8888/foo/bar", credentials: ["https://prefix.*.io:8888"] },
    { source: "keyring_test.go:165 TestDockerKeyringForGlob", configKeys: ["https://prefix.docker.*:8888"], image: "prefix.docker.io:8888/foo/bar", credentials: ["https://prefix.docker.*:8888"] },
    { source: "keyring_test.go:169 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io/path:1111"], image: "prefix.docker.io/path:1111/foo/bar", credentials: ["https://*.docker.io/path:1111"] },
    { source: "keyring_test.go:173 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io/v1/"], image: "prefix.docker.io/path:1111/foo/bar", credentials: ["https://*.docker.io/v1/"] },
    { source: "keyring_test.go:177 TestDockerKeyringForGlob", configKeys: ["https://*.docker.io/v2/"], image: "prefix.docker.io/path:1111/foo/bar", credentials: ["https://*.docker.io/v2/"] },
    { source: "keyring_test.go:181 TestDockerKeyringForGlob", configKeys: ["https://prefix.docker.*/path:1111"], image: "prefix.docker.io/path:1111/foo/bar", credentials: ["https://prefix.docker.*/path:1111"] },
    { source: "keyring_test.go:185 TestDockerKeyringForGlob", configKeys: ["prefix.docker.io:1111"], image: "prefix.docker.io:1111/path/foo/bar", credentials: ["prefix.docker.io:1111"] },
    { source: "keyring_test.go:189 TestDockerKeyringForGlob", configKeys: ["*.docker.io:1111"], image: "prefix.docker.io:1111/path/foo/bar", credentials: ["*.docker.io:1111"] },
    { source: "keyring_test.go:237 TestKeyringMiss", configKeys: ["https://hello.kubernetes.io"], image: "world.mesos.org/foo/bar/foo/bar", credentials: [] },
    { source: "keyring_test.go:241 TestKeyringMiss", configKeys: ["https://*.docker.com"], image: "prefix.docker.io/foo/bar", credentials: [] },
    { source: "keyring_test.go:245 TestKeyringMiss", configKeys: ["https://suffix.*.io"], image: "prefix.docker.io/foo/bar", credentials: [] },
    { source: "keyring_test.go:249 TestKeyringMiss", configKeys: ["https://prefix.docker.c*"], image: "prefix.docker.io/foo/bar", credentials: [] },
    { source: "keyring_test.go:253 TestKeyringMiss", configKeys: ["https://prefix.*.io/path:1111"], image: "prefix.docker.io/path/subpath:1111/foo/bar", credentials: [] },
    { source: "keyring_test.go:257 TestKeyringMiss", configKeys: ["suffix.*.io"], image: "prefix.docker.io/foo/bar", credentials: [] },
    { source: "keyring_test.go:308 TestKeyringMissWithDockerHubCredentials", configKeys: ["https://index.docker.io/v1/"], image: "world.mesos.org/foo/bar", credentials: [] },
    { source: "keyring_test.go:334 TestKeyringHitWithUnqualifiedDockerHub", configKeys: ["https://index.docker.io/v1/"], image: "google/docker-registry", credentials: ["https://index.docker.io/v1/"] },
    { source: "keyring_test.go:375 TestKeyringHitWithUnqualifiedLibraryDockerHub", configKeys: ["https://index.docker.io/v1/"], image: "jenkins", credentials: ["https://index.docker.io/v1/"] },
    { source: "keyring_test.go:416 TestKeyringHitWithQualifiedDockerHub", configKeys: ["https://index.docker.io/v1/"], image: "index.docker.io/v1//google/docker-registry", credentials: ["https://index.docker.io/v1/"] },
    { source: "keyring_test.go:532 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "bar.example.com", credentials: ["bar.example.com"] },
    { source: "keyring_test.go:535 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "bar.example.com/pong", credentials: ["bar.example.com/pong", "bar.example.com"] },
    { source: "keyring_test.go:538 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "bar.example.com/ping", credentials: ["bar.example.com"] },
    { source: "keyring_test.go:541 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "bar.example.com/pongz", credentials: ["bar.example.com/pong", "bar.example.com"] },
    { source: "keyring_test.go:544 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "bar.example.com/pong/pang", credentials: ["bar.example.com/pong", "bar.example.com"] },
    { source: "keyring_test.go:547 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "example.com", credentials: [] },
    { source: "keyring_test.go:548 TestDockerKeyringLookup", configKeys: ["bar.example.com/pong", "bar.example.com"], image: "foo.example.com", credentials: [] },
    { source: "keyring_test.go:588 TestIssue3797", configKeys: ["https://quay.io/v1/"], image: "quay.io", credentials: ["https://quay.io/v1/"] },
    { source: "keyring_test.go:591 TestIssue3797", configKeys: ["https://quay.io/v1/"], image: "quay.io/foo", credentials: ["https://quay.io/v1/"] },
    { source: "keyring_test.go:592 TestIssue3797", configKeys: ["https://quay.io/v1/"], image: "quay.io/foo/bar", credentials: ["https://quay.io/v1/"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["https://index.docker.io/v1/"], image: "docker.io/library/nginx", credentials: ["https://index.docker.io/v1/"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["docker.io"], image: "docker.io/library/nginx", credentials: ["docker.io"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["*.docker.io"], image: "docker.io/library/nginx", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["registry-1.docker.io"], image: "docker.io/library/nginx", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["index.docker.io"], image: "docker.io/library/nginx", credentials: ["index.docker.io"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["docker.io/library"], image: "docker.io/library/nginx", credentials: ["docker.io/library"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["docker.io/myorg"], image: "docker.io/library/nginx", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["registry.example.com"], image: "docker.io/library/nginx", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["registry.example.com"], image: "registry.example.com:5000/app", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["registry.example.com:5000"], image: "registry.example.com/app", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["registry.example.com:5000"], image: "registry.example.com:5000/app", credentials: ["registry.example.com:5000"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["http://registry.example.com:5000/v2/"], image: "registry.example.com:5000/app", credentials: ["http://registry.example.com:5000/v2/"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["Registry.Example.com"], image: "registry.example.com/app", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["*.example.com"], image: "a.b.example.com/app", credentials: [] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["*.*.example.com"], image: "a.b.example.com/app", credentials: ["*.*.example.com"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["localhost:5000"], image: "localhost:5000/foo", credentials: ["localhost:5000"] },
    { source: "computed with a Go port of keyring.go (not an upstream test)", configKeys: ["localhost"], image: "localhost:5000/foo", credentials: [] },
];

/** TestIsDefaultRegistryMatch. One vector a line. */
// prettier-ignore
export const DEFAULT_REGISTRY_VECTORS: readonly DefaultRegistryVector[] = [
    { source: "keyring_test.go:439 TestIsDefaultRegistryMatch", image: "foo/bar", match: true },
    { source: "keyring_test.go:440 TestIsDefaultRegistryMatch", image: "docker.io/foo/bar", match: true },
    { source: "keyring_test.go:441 TestIsDefaultRegistryMatch", image: "index.docker.io/foo/bar", match: true },
    { source: "keyring_test.go:442 TestIsDefaultRegistryMatch", image: "foo", match: true },
    { source: "keyring_test.go:443 TestIsDefaultRegistryMatch", image: "", match: false },
    { source: "keyring_test.go:444 TestIsDefaultRegistryMatch", image: "registry.tld/foo/bar", match: false },
    { source: "keyring_test.go:445 TestIsDefaultRegistryMatch", image: "registry:5000/foo/bar", match: false },
    { source: "keyring_test.go:446 TestIsDefaultRegistryMatch", image: "myhostdocker.io/foo/bar", match: false },
];
