/** core/registry/sources.ts and core/registry/sourcePlan.ts: each mode's schema, its bad inputs, and the layout per namespace. */
import { SecretText, UNREADABLE_SECRET } from "../../core/input/secretText";
import { DOCKER_HUB_SERVER, readServer } from "../../core/registry/privateRegistry";
import { planSources } from "../../core/registry/sourcePlan";
import { IBM_DEFAULT_SECRET } from "../../core/registry/sources/copy";
import { SERVICE_IDS_PER_ACCOUNT } from "../../core/registry/sources/icr";
import { RegistrySource, readRegistrySources } from "../../core/registry/sources";

const CANARY = "CANARY-PASSWORD-7f3a";
const ctx = { cluster: "c1", namespaces: ["team-a", "team-b"], secretName: "all-icr-io" };
const read = (items: unknown[], keyIsSecret = true) => readRegistrySources(items, keyIsSecret);
const paths = (items: unknown[], keyIsSecret = true) => read(items, keyIsSecret).problems.map((p) => p.path);

describe("reading sources", () => {
    it("reads every type with its defaults", () => {
        const { byPosition: sources, problems } = read([
            { type: "icr" },
            { type: "copy" },
            { type: "entitled", entitlementKey: CANARY },
            { type: "private", server: "quay.io", username: "u", password: CANARY, email: "a@b.c" },
        ]);
        expect(problems).toEqual([]);
        expect(sources.map((s) => s?.type)).toEqual(["icr", "copy", "entitled", "private"]);
        expect(sources[0]).toMatchObject({ identity: "shared" });
        expect(sources[1]).toMatchObject({ from: "all-icr-io" });
        expect(sources[3]).toMatchObject({ server: "quay.io", host: "quay.io", username: "u", email: "a@b.c" });
    });

    it("holds secret fields as SecretText, which never prints its value", () => {
        const [entitled] = read([{ type: "entitled", entitlementKey: CANARY }]).byPosition as Extract<
            RegistrySource,
            { type: "entitled" }
        >[];
        expect(entitled.entitlementKey).toBeInstanceOf(SecretText);
        expect(entitled.entitlementKey.reveal()).toBe(CANARY);
        const printed = [`${entitled.entitlementKey}`, JSON.stringify(entitled), require("util").inspect(entitled)];
        for (const text of printed) expect(text).not.toContain(CANARY);
    });

    it("refuses a secret field written in plain text, without showing it", () => {
        const { problems } = read([{ type: "private", server: "quay.io", username: "u", password: CANARY }], false);
        expect(problems).toEqual([
            {
                path: "[0].password",
                value: undefined,
                rule: expect.stringContaining("pulumi config set --secret --path 'registries[0].password' VALUE"),
            },
        ]);
        expect(JSON.stringify(problems)).not.toContain(CANARY);
    });

    it("offline, refuses plain text beside encrypted fields and accepts the encrypted ones unread", () => {
        const { byPosition: sources, problems } = read([
            { type: "entitled", entitlementKey: UNREADABLE_SECRET },
            { type: "private", server: "quay.io", username: "u", password: CANARY },
        ]);
        expect(problems.map((p) => p.path)).toEqual(["[1].password"]);
        expect(JSON.stringify(problems)).not.toContain(CANARY);
        expect(sources).toHaveLength(2);
        expect(sources[1]).toBeUndefined();
        expect((sources[0] as { entitlementKey: SecretText }).entitlementKey.unreadable).toBe(true);
    });

    it("reports every problem of every source at once, with field paths", () => {
        expect(
            paths([
                { type: "icr", identity: "everyone", color: "red" },
                { type: "copy", from: "per-region", regions: ["us", "mars"], secretName: "x" },
                { type: "entitled" },
                { type: "private", server: "Not A Host", username: "token", password: CANARY, email: "nope" },
                { type: "ftp" },
                "icr",
            ]),
        ).toEqual([
            "[0].color",
            "[0].identity",
            "[1].regions",
            "[1].secretName",
            "[2].entitlementKey",
            "[3].server",
            "[3].username",
            "[3].email",
            "[4].type",
            "[5]",
        ]);
    });

    it("ties each icr field to its identity mode", () => {
        expect(paths([{ type: "icr", identity: "existingKey" }])).toEqual(["[0].apiKey"]);
        expect(paths([{ type: "icr", apiKey: CANARY }])).toEqual(["[0].apiKey"]);
        expect(paths([{ type: "icr", identity: "existingKey", apiKey: CANARY, accountApiKey: CANARY }])).toEqual([
            "[0].accountApiKey",
        ]);
        expect(paths([{ type: "icr", registryNamespaces: { "team-a": ["team-a-images"] } }])).toEqual([
            "[0].registryNamespaces",
        ]);
        expect(
            paths([{ type: "icr", identity: "perNamespace", registryNamespaces: { "Team A": ["x1x1"], b: ["UP"] } }]),
        ).toEqual(["[0].registryNamespaces.Team A", "[0].registryNamespaces.b"]);
    });
});

describe("registry servers", () => {
    it("writes Docker Hub as kubectl does, under any of its names", () => {
        for (const name of ["docker.io", "index.docker.io", "registry-1.docker.io", DOCKER_HUB_SERVER]) {
            expect(readServer(name)).toEqual({ server: DOCKER_HUB_SERVER, host: "docker.io" });
        }
    });

    it("keeps other hosts as written, ports and paths included", () => {
        expect(readServer("quay.io")).toEqual({ server: "quay.io", host: "quay.io" });
        expect(readServer("registry.example.com:5000")).toEqual({
            server: "registry.example.com:5000",
            host: "registry.example.com:5000",
        });
        expect(readServer("https://harbor.example.com/v2/")).toEqual({
            server: "https://harbor.example.com/v2/",
            host: "harbor.example.com",
        });
        // A one-label host named like a member of every JavaScript object is a host like any other.
        expect(readServer("constructor:5000")).toEqual({ server: "constructor:5000", host: "constructor:5000" });
        for (const bad of ["http://quay.io", "quay.io:70000", "Quay.io", "", "a b"]) {
            expect(readServer(bad)).toHaveProperty("problem");
        }
    });

    it("refuses the deprecated token domains, naming the icr.io domain that replaced each", () => {
        const cases: [string, string][] = [
            ["registry.ng.bluemix.net", "us.icr.io"],
            ["registry.eu-gb.bluemix.net", "uk.icr.io"],
            ["registry.eu-de.bluemix.net", "de.icr.io"],
            ["registry.au-syd.bluemix.net", "au.icr.io"],
            ["registry.bluemix.net", "icr.io"],
        ];
        for (const [server, replacement] of cases) {
            const r = readServer(server) as { problem: string };
            expect(r.problem).toContain(`served by ${replacement}:`);
        }
        expect((readServer("registry.jp-xyz.bluemix.net") as { problem: string }).problem).toContain("deprecated");
    });
});

describe("planning sources per namespace", () => {
    const sources = (items: unknown[]) => read(items).byPosition;

    it("gives each source its own secret, named as IBM's procedures name them", () => {
        const { secrets, problems } = planSources(
            sources([
                { type: "icr" },
                { type: "entitled", entitlementKey: CANARY, namespaces: ["team-b"] },
                { type: "private", server: "registry.example.com:5000", username: "u", password: CANARY },
                { type: "copy", from: "per-region", regions: ["us", "global"], namespaces: ["team-a"] },
            ]),
            ctx,
        );
        expect(problems).toEqual([]);
        expect(secrets.map((s) => [s.resourceName, s.referenceSuffix, s.copyOf])).toEqual([
            ["team-a.all-icr-io", "", undefined],
            ["team-a.registry-example-com-5000", "@registry-example-com-5000", undefined],
            ["team-a.team-a-us-icr-io", "@team-a-us-icr-io", "default-us-icr-io"],
            ["team-a.team-a-icr-io", "@team-a-icr-io", "default-icr-io"],
            ["team-b.all-icr-io", "", undefined],
            ["team-b.entitled-cp-icr-io", "@entitled-cp-icr-io", undefined],
            ["team-b.registry-example-com-5000", "@registry-example-com-5000", undefined],
        ]);
    });

    it("plans the readable sources around unreadable ones (undefined: their own problems say why)", () => {
        const [entitled, icr] = sources([
            { type: "entitled", entitlementKey: CANARY },
            { type: "icr", identity: "perNamespace" },
        ]);
        const { secrets, problems } = planSources([undefined, icr, undefined, entitled, undefined], ctx);
        expect(problems).toEqual([]);
        expect(secrets.map((s) => [s.resourceName, s.source])).toEqual([
            ["team-a.all-icr-io", 1],
            ["team-a.entitled-cp-icr-io", 3],
            ["team-b.all-icr-io", 1],
            ["team-b.entitled-cp-icr-io", 3],
        ]);
    });

    it("refuses two ICR identities, unmanaged namespaces, clashing names and copies into default, all at once", () => {
        const { problems } = planSources(
            sources([
                { type: "icr" },
                { type: "icr", namespaces: ["team-c"] },
                { type: "copy", namespaces: ["team-a"] },
                { type: "copy", namespaces: ["default"] },
            ]),
            { ...ctx, namespaces: ["team-a", "default"], secretName: "all-icr-io" },
        );
        expect(problems.map((p) => [p.path, p.value])).toEqual([
            ["registries[1].type", "icr"],
            ["registries[1].namespaces", "team-c"],
            ["registries[3].namespaces", "default"],
            ["registries[2].secretName", "all-icr-io"],
            ["secretName", IBM_DEFAULT_SECRET.name],
        ]);
    });

    it("refuses more per-namespace service IDs than IBM's limit per account, with the numbers", () => {
        const many = Array.from({ length: SERVICE_IDS_PER_ACCOUNT + 1 }, (_, i) => `ns-${i}`);
        const { problems } = planSources(sources([{ type: "icr", identity: "perNamespace" }]), {
            ...ctx,
            namespaces: many,
        });
        expect(problems).toEqual([
            expect.objectContaining({
                path: "registries[0].identity",
                rule: expect.stringContaining("2001 service IDs"),
            }),
        ]);
        expect(problems[0].rule).toContain("limit of 2000");
        const fits = planSources(sources([{ type: "icr", identity: "perNamespace" }]), {
            ...ctx,
            namespaces: many.slice(1),
        });
        expect(fits.problems).toEqual([]);
    });
});

describe("entitled software's credential", () => {
    it("is user cp on cp.icr.io, so auth is base64 of cp:<key> (IBM's procedure, seed 000 line 589)", () => {
        const {
            ENTITLED_SERVER,
            ENTITLED_USERNAME,
            ENTITLED_SECRET_NAME,
        } = require("../../core/registry/sources/entitled");
        const { buildDockerConfigJson } = require("../../core/registry/dockerConfig");
        expect([ENTITLED_SERVER, ENTITLED_USERNAME, ENTITLED_SECRET_NAME]).toEqual([
            "cp.icr.io",
            "cp",
            "entitled-cp-icr-io",
        ]);
        const json = JSON.parse(
            buildDockerConfigJson([ENTITLED_SERVER], { username: ENTITLED_USERNAME, password: CANARY }),
        );
        expect(json.auths["cp.icr.io"].auth).toBe(Buffer.from(`cp:${CANARY}`).toString("base64"));
    });
});
