/**
 * Every problem the registry sources can report, word for word: what a user reads is part of the contract
 * (which key, which value, which rule), so a changed or lost message fails here.
 */
import { DEFAULT_SOURCES, readRegistrySources } from "../../core/registry/sources";
import { planSources } from "../../core/registry/sourcePlan";
import { readServer } from "../../core/registry/privateRegistry";

const C = "CANARY-SECRET-5150";
const DNS_LABEL =
    "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit";

describe("source problems, word for word", () => {
    it("lists each source's problems in order, secrets never shown", () => {
        const items: unknown[] = [
            { type: "icr", identity: "everyone", zeta: 1, color: "red" },
            { type: "copy", from: "per-region", regions: ["us", "mars", "us"], secretName: "x" },
            { type: "entitled", email: "nope" },
            { type: "private", server: "Not A Host", username: "token", password: 7 },
            { type: "ftp" },
            "icr",
            { type: "icr", apiKey: C, registryNamespaces: ["a"] },
            { type: "icr", identity: "existingKey", accountApiKey: C },
            { type: "icr", identity: "perNamespace", registryNamespaces: { "Team A": ["x1x1"], b: "one", c: [] } },
            { type: "copy", regions: ["us"], namespaces: [], secretName: 5 },
            { type: "private", server: "", username: null, password: "" },
            { type: 3 },
            {},
            { type: "icr", registryNamespaces: { a: ["team-a"] } },
        ];
        const { byPosition: sources, problems } = readRegistrySources(items, true);
        // Every position unread (toStrictEqual: toEqual would take [] for a list of undefined).
        expect(sources).toStrictEqual(items.map(() => undefined));
        expect(problems).toEqual([
            {
                path: "[0].color",
                rule: "is not a field of a source of type icr; its fields: type, identity, apiKey, accountApiKey, registryNamespaces, namespaces, secretName",
            },
            {
                path: "[0].zeta",
                rule: "is not a field of a source of type icr; its fields: type, identity, apiKey, accountApiKey, registryNamespaces, namespaces, secretName",
            },
            { path: "[0].identity", value: "everyone", rule: "must be one of shared, perNamespace, existingKey" },
            { path: "[1].regions", value: "mars", rule: "must be one of global, us, uk, de, au, jp" },
            { path: "[1].regions", value: "us", rule: "is listed more than once" },
            {
                path: "[1].secretName",
                value: "x",
                rule: "is not used with from: per-region: copies are named <namespace>-<region>-icr-io",
            },
            { path: "[2].entitlementKey", rule: "is required" },
            { path: "[2].email", value: "nope", rule: "must be an email address such as a@b.c" },
            {
                path: "[3].server",
                value: "Not A Host",
                rule: "must be a registry server: a lower-case host name with an optional port and path, optionally after https:// (e.g. quay.io, registry.example.com:5000, https://index.docker.io/v1/)",
            },
            {
                path: "[3].username",
                value: "token",
                rule: "is the deprecated registry-token user; tokens no longer work, use an API key or the registry's own account",
            },
            { path: "[3].password", value: "[secret]", rule: "must be a string" },
            { path: "[4].type", value: "ftp", rule: "must be one of icr, copy, entitled, private" },
            { path: "[5]", rule: "must be an object with a type: icr, copy, entitled, private" },
            {
                path: "[6].registryNamespaces",
                value: '["a"]',
                rule: "must map Kubernetes namespaces to lists of ICR namespaces",
            },
            { path: "[6].apiKey", rule: "is only used with identity existingKey" },
            { path: "[7].apiKey", rule: "is required" },
            {
                path: "[7].accountApiKey",
                rule: "creates IAM objects in another account; identity existingKey creates none",
            },
            { path: "[8].registryNamespaces.Team A", rule: `names a Kubernetes namespace: ${DNS_LABEL}` },
            { path: "[8].registryNamespaces.b", value: '"one"', rule: "must be a non-empty list of strings" },
            { path: "[8].registryNamespaces.c", value: "[]", rule: "must be a non-empty list of strings" },
            { path: "[9].namespaces", value: "[]", rule: "must be a non-empty list of strings" },
            { path: "[9].secretName", value: "5", rule: "must be a string" },
            { path: "[9].regions", rule: "is only used with from: per-region" },
            { path: "[10].server", rule: "is required" },
            { path: "[10].username", rule: "is required" },
            { path: "[10].password", rule: "is required" },
            { path: "[11].type", value: "3", rule: "must be a string" },
            { path: "[12].type", rule: "is required" },
            { path: "[13].registryNamespaces", rule: "is only used with identity perNamespace" },
        ]);
        expect(JSON.stringify(problems)).not.toContain(C);
    });

    it("reads a per-namespace map and lists with mixed element types as problems", () => {
        const { byPosition: sources, problems } = readRegistrySources(
            [
                { type: "icr", identity: "perNamespace", registryNamespaces: { "team-a": ["team-a-images"] } },
                { type: "copy", from: "per-region", regions: ["us", 5] },
                { type: "icr", identity: "perNamespace", registryNamespaces: null },
            ],
            true,
        );
        expect(sources).toHaveLength(3);
        expect(sources).toEqual([
            { type: "icr", identity: "perNamespace", registryNamespaces: { "team-a": ["team-a-images"] } },
            undefined,
            undefined,
        ]);
        expect(problems).toEqual([
            { path: "[1].regions", value: '["us",5]', rule: "must be a non-empty list of strings" },
            {
                path: "[2].registryNamespaces",
                value: "null",
                rule: "must map Kubernetes namespaces to lists of ICR namespaces",
            },
        ]);
    });

    it("takes an empty or null optional field as unset, and a valid source whole", () => {
        const { byPosition: sources, problems } = readRegistrySources(
            [{ type: "private", server: "quay.io", username: "u", password: C, email: "", secretName: null }],
            true,
        );
        expect(problems).toEqual([]);
        expect(JSON.parse(JSON.stringify(sources))).toEqual([
            { type: "private", server: "quay.io", host: "quay.io", username: "u", password: "[secret]" },
        ]);
    });
});

describe("cross-source problems, word for word", () => {
    const ctx = { cluster: "c1", namespaces: ["team-a", "default"], secretName: "all-icr-io" };
    const plan = (items: unknown[], c = ctx) => planSources(readRegistrySources(items, true).byPosition, c).problems;

    it("names the rule each breaks, once however many namespaces share it", () => {
        expect(
            plan([
                { type: "icr", namespaces: ["team-a"] },
                { type: "icr", namespaces: ["team-b"] },
                { type: "copy", namespaces: ["default"] },
                {
                    type: "icr",
                    identity: "perNamespace",
                    registryNamespaces: { default: ["abcd"] },
                    namespaces: ["team-a"],
                },
                { type: "private", server: "quay.io", username: "u", password: C, namespaces: ["team-a"] },
                { type: "entitled", entitlementKey: C, secretName: "quay-io" },
                { type: "entitled", entitlementKey: C, secretName: "all-icr-io", namespaces: ["default"] },
            ]),
        ).toEqual([
            {
                path: "registries[1].type",
                value: "icr",
                rule: "is the second icr source (the first is [0]); a stack has one ICR identity",
            },
            {
                path: "registries[3].type",
                value: "icr",
                rule: "is the second icr source (the first is [0]); a stack has one ICR identity",
            },
            { path: "registries[1].namespaces", value: "team-b", rule: "is not in registry-access:namespaces" },
            {
                path: "registries[2].namespaces",
                value: "default",
                rule: "is where a copy source copies from; leave it out of this source's namespaces",
            },
            { path: "registries[3].registryNamespaces.default", rule: "names a namespace this source does not serve" },
            {
                // [3] is an icr source too: its secret takes registry-access:secretName, as [0]'s does.
                path: "registries[3].secretName",
                value: "all-icr-io",
                rule: "is also the secret name of source [0] in the namespaces both serve; give one of them another secretName",
            },
            {
                path: "registries[5].secretName",
                value: "quay-io",
                rule: "is also the secret name of source [4] in the namespaces both serve; give one of them another secretName",
            },
            {
                // The copy into default (refused above) is still counted: its name is taken there.
                path: "registries[6].secretName",
                value: "all-icr-io",
                rule: "is also the secret name of source [2] in the namespaces both serve; give one of them another secretName",
            },
        ]);
    });

    it("files IBM's own secret under registry-access:secretName when the ICR source takes its name from there", () => {
        expect(plan([{ type: "icr" }])).toEqual([
            {
                path: "secretName",
                value: "all-icr-io",
                rule: "is the secret IBM Cloud manages in namespace default; choose another secretName so that it is not taken over",
            },
        ]);
        expect(plan([{ type: "icr", secretName: "all-icr-io" }])).toEqual([
            {
                path: "registries[0].secretName",
                value: "all-icr-io",
                rule: "is the secret IBM Cloud manages in namespace default; choose another secretName so that it is not taken over",
            },
        ]);
        expect(
            plan([
                { type: "icr", identity: "perNamespace", secretName: "ours" },
                { type: "entitled", entitlementKey: C },
            ]),
        ).toEqual([]);
    });

    it("gives a shared or existing-key identity no per-namespace limit", () => {
        const many = { ...ctx, namespaces: Array.from({ length: 2001 }, (_, i) => `ns-${i}`) };
        expect(plan([{ type: "icr" }], many)).toEqual([]);
        expect(plan([{ type: "icr", identity: "existingKey", apiKey: C }], many)).toEqual([]);
        expect(plan([{ type: "icr", identity: "perNamespace", namespaces: ["ns-1"] }], many)).toEqual([]);
        expect(plan([{ type: "icr", identity: "perNamespace" }], many)).toEqual([
            {
                path: "registries[0].identity",
                value: "perNamespace",
                rule: "would create 2001 service IDs, more than IBM Cloud's limit of 2000 per account (https://cloud.ibm.com/docs/account?topic=account-known-issues#iam_limits); use identity shared",
            },
        ]);
    });
});

describe("registry server edges", () => {
    it("takes ports up to 65535 and registry.hub.docker.com as Docker Hub; other bluemix.net hosts are not registries", () => {
        expect(readServer("r.example.com:65535")).toEqual({
            server: "r.example.com:65535",
            host: "r.example.com:65535",
        });
        expect(readServer("r.example.com:65536")).toHaveProperty("problem");
        expect(readServer("registry.hub.docker.com")).toEqual({
            server: "https://index.docker.io/v1/",
            host: "docker.io",
        });
        expect(readServer("cdn.bluemix.net")).toEqual({ server: "cdn.bluemix.net", host: "cdn.bluemix.net" });
        expect(readServer("registry.jp-tok.bluemix.net")).toEqual({
            problem: "is a deprecated IBM Cloud Container Registry token domain; use the icr.io domain of that region",
        });
        expect(readServer("registry.ng.bluemix.net")).toEqual({
            problem:
                "is a deprecated IBM Cloud Container Registry token domain; its images are served by us.icr.io: use the icr source (an API key) instead of a registry token",
        });
    });
});

describe("source edges", () => {
    const problems = (items: unknown[]) => readRegistrySources(items, true).problems;
    const plain = (items: unknown[]) => readRegistrySources(items, false).problems;

    it("is one icr source with a shared identity by default", () => {
        expect(DEFAULT_SOURCES).toEqual([{ type: "icr", identity: "shared" }]);
    });

    it("takes a present but empty or null mode, or a null secret, as missing", () => {
        expect(problems([{ type: "icr", identity: "" }])).toEqual([{ path: "[0].identity", rule: "is required" }]);
        expect(problems([{ type: "copy", from: null }])).toEqual([{ path: "[0].from", rule: "is required" }]);
        expect(problems([{ type: "entitled", entitlementKey: null }])).toEqual([
            { path: "[0].entitlementKey", rule: "is required" },
        ]);
        expect(problems([null])).toEqual([
            { path: "[0]", rule: "must be an object with a type: icr, copy, entitled, private" },
        ]);
    });

    it("refuses a registryNamespaces that is not a map, and reads each field under its own name", () => {
        expect(problems([{ type: "icr", identity: "perNamespace", registryNamespaces: "team-a" }])).toEqual([
            {
                path: "[0].registryNamespaces",
                value: '"team-a"',
                rule: "must map Kubernetes namespaces to lists of ICR namespaces",
            },
        ]);
        const [icr] = readRegistrySources([{ type: "icr", accountApiKey: C }], true).byPosition as {
            accountApiKey: { reveal(): string };
        }[];
        expect(icr.accountApiKey.reveal()).toBe(C);
        expect(problems([{ type: "copy", secretName: "mine" }])).toEqual([]);
    });

    it("tells how to encrypt a plain-text secret field", () => {
        expect(plain([{ type: "icr", identity: "existingKey", apiKey: C }])).toEqual([
            {
                path: "[0].apiKey",
                rule:
                    "is a secret and must not be written in plain text; remove it from the stack file and run " +
                    "pulumi config set --secret --path 'registries[0].apiKey' VALUE",
            },
        ]);
    });

    it("plans served per-namespace maps without problems, and reports a clash once for every namespace", () => {
        const ctx = { cluster: "c1", namespaces: ["team-a", "team-b"], secretName: "all-icr-io" };
        const plan = (items: unknown[]) => planSources(readRegistrySources(items, true).byPosition, ctx);
        expect(
            plan([{ type: "icr", identity: "perNamespace", registryNamespaces: { "team-a": ["abcd"] } }]).problems,
        ).toEqual([]);
        const clash = plan([
            { type: "entitled", entitlementKey: C, secretName: "same" },
            { type: "private", server: "quay.io", username: "u", password: C, secretName: "same" },
        ]);
        expect(clash.problems).toEqual([
            {
                path: "registries[1].secretName",
                value: "same",
                rule: "is also the secret name of source [0] in the namespaces both serve; give one of them another secretName",
            },
        ]);
        expect(clash.secrets.map((s) => s.resourceName)).toEqual(["team-a.same", "team-b.same"]);
    });

    it("names a private registry's default secret after its host, even when that is IBM's name", () => {
        const ctx = { cluster: "c1", namespaces: ["default"], secretName: "mine" };
        expect(
            planSources(
                readRegistrySources([{ type: "private", server: "all-icr-io", username: "u", password: C }], true)
                    .byPosition,
                ctx,
            ).problems,
        ).toEqual([
            {
                path: "registries[0].secretName",
                value: "all-icr-io",
                rule: "is the secret IBM Cloud manages in namespace default; choose another secretName so that it is not taken over",
            },
        ]);
    });
});
