import { deprecatedServer, noDeprecatedRegistries } from "../../policy/deprecatedRegistries";
import { DEPRECATED_ICR_DOMAINS } from "../../core/registry/privateRegistry";
import { codeEngineSecret, dockerConfigSecret, resource } from "./fixtures";

const check = noDeprecatedRegistries.check;

describe("no-deprecated-registries", () => {
    it("passes the docker configs the program writes: ICR domains, Docker Hub, quay.io, entitled cp.icr.io", () => {
        expect(check(dockerConfigSecret())).toEqual([]);
        expect(
            check(dockerConfigSecret({ servers: ["icr.io", "us.icr.io", "private.de.icr.io"], username: "iamapikey" })),
        ).toEqual([]);
        expect(check(dockerConfigSecret({ servers: ["cp.icr.io"], username: "cp", field: "data" }))).toEqual([]);
        expect(check(codeEngineSecret())).toEqual([]);
    });

    it.each(Object.entries(DEPRECATED_ICR_DOMAINS))(
        "refuses %s in stringData and in data (base64), naming %s as its replacement",
        (domain, replacement) => {
            for (const field of ["stringData", "data"] as const) {
                const messages = check(
                    dockerConfigSecret({ servers: ["us.icr.io", domain], username: "iamapikey", field }),
                );
                expect(messages).toEqual([
                    `kubernetes:core/v1:Secret team-a.docker-io: ${field}[".dockerconfigjson"] has an entry for ${domain}, ` +
                        "which is a deprecated IBM Cloud Container Registry token domain; its images are served by " +
                        `${replacement}: use the icr source (an API key) instead of a registry token`,
                ]);
            }
        },
    );

    it("refuses any registry.*.bluemix.net however the key is written, without naming an unknown host", () => {
        for (const server of [
            "registry.jp-tok.bluemix.net",
            "https://registry.ng.bluemix.net/v1/",
            "Registry.EU-GB.bluemix.net:443",
        ]) {
            expect(deprecatedServer(server)).toBeDefined();
        }
        // The host as the kubelet files the key (kubernetes pkg/credentialprovider/keyring.go Add, modelled in
        // core/registry/keyring.ts): with or without http:// or https://, after a user, before a port or path.
        const ng = DEPRECATED_ICR_DOMAINS["registry.ng.bluemix.net"];
        for (const server of [
            "registry.ng.bluemix.net",
            "http://registry.ng.bluemix.net",
            " https://Registry.NG.bluemix.net/v1/ ",
            "registry.ng.bluemix.net:99999",
            "ci@registry.ng.bluemix.net/v2/team",
            "registry.ng.bluemix.net/v1/http://elsewhere",
        ]) {
            expect(deprecatedServer(server)).toStrictEqual({
                host: "registry.ng.bluemix.net",
                problem: expect.stringContaining(`token domain; its images are served by ${ng}:`),
            });
        }
        expect(deprecatedServer("Registry.EU-GB.bluemix.net:443")).toStrictEqual({
            host: "registry.eu-gb.bluemix.net",
            problem: expect.stringContaining("its images are served by uk.icr.io:"),
        });
        const messages = check(dockerConfigSecret({ servers: ["registry.jp-tok.bluemix.net"] }));
        expect(messages).toEqual([
            expect.stringContaining(
                "has an entry for a registry.*.bluemix.net server, which is a deprecated IBM Cloud Container Registry token domain",
            ),
        ]);
        // Malformed or unrelated servers are not this policy's business.
        // The kubelet files no key with a scheme other than http(s) under that host, nor one it cannot parse.
        for (const server of [
            "bluemix.net",
            "registry.example.com",
            "not a server",
            "https://index.docker.io/v1/",
            "docker://registry.ng.bluemix.net",
            "registry.ng.bluemix.net:port",
            "my_registry.example.com",
        ]) {
            expect(deprecatedServer(server)).toBeUndefined();
        }
    });

    it("refuses the registry-token user `token`, in username or only inside auth", () => {
        expect(check(dockerConfigSecret({ servers: ["us.icr.io"], username: "token" }))).toEqual([
            'kubernetes:core/v1:Secret team-a.docker-io: stringData[".dockerconfigjson"] logs in as user "token", a ' +
                "deprecated registry token; use an IAM API key (user iamapikey) through the icr source instead",
        ]);
        const authOnly = JSON.stringify({
            auths: { "us.icr.io": { auth: Buffer.from("token:abc:def").toString("base64") } },
        });
        const r = resource("kubernetes:core/v1:Secret", "team-a.legacy", {
            kind: "Secret",
            type: "kubernetes.io/dockerconfigjson",
            metadata: { name: "legacy", namespace: "team-a" },
            stringData: { ".dockerconfigjson": authOnly },
        });
        expect(check(r)).toEqual([expect.stringContaining('logs in as user "token"')]);
    });

    it("checks Code Engine registry secrets' data.server and data.username", () => {
        expect(check(codeEngineSecret({ server: "registry.eu-de.bluemix.net" }))).toEqual([
            "ibm:index/codeEngineSecret:CodeEngineSecret us-icr-io: data has an entry for registry.eu-de.bluemix.net, which " +
                "is a deprecated IBM Cloud Container Registry token domain; its images are served by de.icr.io: use the " +
                "icr source (an API key) instead of a registry token",
        ]);
        expect(check(codeEngineSecret({ username: "token" }))).toEqual([
            expect.stringContaining('data logs in as user "token"'),
        ]);
    });

    it("reads only dockerconfigjson Secrets, including ones registered as a CustomResource; skips what is no docker config", () => {
        const config = JSON.stringify({ auths: { "registry.bluemix.net": { username: "token", password: "p" } } });
        const opaque = resource("kubernetes:core/v1:Secret", "team-a.x", {
            kind: "Secret",
            type: "Opaque",
            metadata: { name: "x", namespace: "team-a" },
            stringData: { ".dockerconfigjson": config },
        });
        expect(check(opaque)).toEqual([]);
        const custom = resource("kubernetes:v1:Secret", "team-a.x", {
            ...opaque.props,
            type: "kubernetes.io/dockerconfigjson",
        });
        expect(check(custom)).toHaveLength(2);
        // The offline placeholder of a copied secret (plan/fakeCloud.ts) has no entries to judge.
        const copy = dockerConfigSecret();
        const placeholder = {
            ...copy.props,
            stringData: {
                ".dockerconfigjson": "DOCKER-CONFIG-OF-default/all-icr-io-READ-FROM-THE-CLUSTER-AT-RUN-TIME",
            },
        };
        expect(check({ ...copy, props: placeholder })).toEqual([]);
    });
});
