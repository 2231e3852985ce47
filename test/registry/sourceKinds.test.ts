/**
 * Each kind of registry source through the one interface the planners and components call (sourceKind.ts):
 * which kind a source is, the secrets it puts into a namespace, its credential, and what Code Engine makes of it.
 */
import { SecretText } from "../../core/input/secretText";
import { ICR_API_KEY_USERNAME } from "../../core/registry/dockerConfig";
import { RegistrySource, SOURCE_KINDS, kindOf } from "../../core/registry/sources";
import { COPY_SOURCE, CopySource } from "../../core/registry/sources/copy";
import { ENTITLED_SOURCE } from "../../core/registry/sources/entitled";
import { EXISTING_KEY_SOURCE, EXISTING_KEY_WARNING } from "../../core/registry/sources/existingKey";
import { ICR_SOURCE, IcrSource } from "../../core/registry/sources/icr";
import { PRIVATE_SOURCE, PrivateSource } from "../../core/registry/sources/private";

const ctx = { icrDomains: ["us.icr.io", "icr.io"], dockerEmail: "ops@example.com" };

describe("which kind a source is", () => {
    it("tells the ICR identities apart by identity, the others by type", () => {
        const key = new SecretText("k");
        const cases: [RegistrySource, unknown][] = [
            [{ type: "icr", identity: "shared" }, ICR_SOURCE],
            [{ type: "icr", identity: "perNamespace" }, ICR_SOURCE],
            [{ type: "icr", identity: "existingKey", apiKey: key }, EXISTING_KEY_SOURCE],
            [{ type: "copy", from: "all-icr-io" }, COPY_SOURCE],
            [{ type: "entitled", entitlementKey: key }, ENTITLED_SOURCE],
            [{ type: "private", server: "quay.io", host: "quay.io", username: "u", password: key }, PRIVATE_SOURCE],
        ];
        for (const [source, kind] of cases) {
            expect(kindOf(source)).toBe(kind);
            // Every kind but its own refuses it, whatever the order kindOf asks them in.
            expect(SOURCE_KINDS.filter((k) => k.is(source))).toEqual([kind]);
        }
        // Only type icr has identities: another type's object is never an existing-key source.
        expect(EXISTING_KEY_SOURCE.is({ type: "copy", identity: "existingKey" } as never)).toBe(false);
        expect(EXISTING_KEY_SOURCE.warning).toBe(EXISTING_KEY_WARNING);
    });
});

describe("ICR identities", () => {
    it("create an identity on every ICR domain in scope, with the other account's key and per-namespace map only when given", () => {
        const shared: IcrSource = { type: "icr", identity: "shared" };
        expect(ICR_SOURCE.credential(shared, ctx)).toStrictEqual({
            kind: "identity",
            perNamespace: false,
            servers: ["us.icr.io", "icr.io"],
            email: "ops@example.com",
        });
        const accountApiKey = new SecretText("other-account");
        const registryNamespacesOf = { "team-a": ["team-a-images"] };
        const perNamespace: IcrSource = {
            type: "icr",
            identity: "perNamespace",
            accountApiKey,
            registryNamespaces: registryNamespacesOf,
        };
        expect(ICR_SOURCE.credential(perNamespace, { icrDomains: ["de.icr.io"] })).toStrictEqual({
            kind: "identity",
            perNamespace: true,
            servers: ["de.icr.io"],
            email: undefined,
            accountApiKey,
            registryNamespacesOf,
        });
    });

    it("put one secret per namespace, named by registry-access:secretName unless the source names its own", () => {
        expect(ICR_SOURCE.secretsIn({ type: "icr", identity: "shared" }, "team-a", "icr-pull")).toEqual([
            { name: "icr-pull" },
        ]);
        expect(
            ICR_SOURCE.secretsIn({ type: "icr", identity: "shared", secretName: "mine" }, "team-a", "icr-pull"),
        ).toEqual([{ name: "mine" }]);
        const key = new SecretText("k");
        const existing = { type: "icr", identity: "existingKey", apiKey: key } as const;
        expect(EXISTING_KEY_SOURCE.secretsIn(existing, "team-a", "icr-pull")).toEqual([{ name: "icr-pull" }]);
        expect(EXISTING_KEY_SOURCE.secretsIn({ ...existing, secretName: "mine" }, "team-a", "icr-pull")).toEqual([
            { name: "mine" },
        ]);
    });

    it("give an existing key to every ICR domain in scope as user iamapikey", () => {
        const apiKey = new SecretText("k");
        expect(ICR_API_KEY_USERNAME).toBe("iamapikey");
        expect(EXISTING_KEY_SOURCE.credential({ type: "icr", identity: "existingKey", apiKey }, ctx)).toStrictEqual({
            kind: "static",
            servers: ["us.icr.io", "icr.io"],
            username: "iamapikey",
            password: apiKey,
            email: "ops@example.com",
        });
    });

    it("on Code Engine: one secret per domain named like IBM's (us-icr-io), and no per-namespace identity", () => {
        const shared: IcrSource = { type: "icr", identity: "shared" };
        expect(ICR_SOURCE.codeEngineSecretName(shared, "us.icr.io")).toBe("us-icr-io");
        expect(ICR_SOURCE.codeEngineSecretName({ ...shared, secretName: "mine" }, "us.icr.io")).toBe("mine");
        expect(ICR_SOURCE.codeEngineProblem!(shared, 2)).toBeUndefined();
        expect(ICR_SOURCE.codeEngineProblem!({ type: "icr", identity: "perNamespace" }, 2)).toEqual({
            path: "registries[2].identity",
            value: "perNamespace",
            rule:
                "needs Kubernetes namespaces, which a Code Engine project does not have (platform codeengine); " +
                "use identity shared or existingKey",
        });
        const existing = { type: "icr", identity: "existingKey", apiKey: new SecretText("k") } as const;
        expect(EXISTING_KEY_SOURCE.codeEngineSecretName(existing, "private.de.icr.io")).toBe("private-de-icr-io");
        expect(EXISTING_KEY_SOURCE.codeEngineSecretName({ ...existing, secretName: "mine" }, "de.icr.io")).toBe("mine");
    });
});

describe("copies of IBM's pull secrets", () => {
    const allIcrIo: CopySource = { type: "copy", from: "all-icr-io" };

    it("copy all-icr-io under its own name or the source's, and every legacy region by default", () => {
        expect(COPY_SOURCE.secretsIn(allIcrIo, "team-a", "icr-pull")).toEqual([
            { name: "all-icr-io", copyOf: "all-icr-io" },
        ]);
        expect(COPY_SOURCE.secretsIn({ ...allIcrIo, secretName: "ibm-pull" }, "team-a", "icr-pull")).toEqual([
            { name: "ibm-pull", copyOf: "all-icr-io" },
        ]);
        // Seed 000 lines 181-186: default-icr-io and default-<region>-icr-io for us, uk, de, au, jp.
        expect(COPY_SOURCE.secretsIn({ type: "copy", from: "per-region" }, "team-a", "icr-pull")).toEqual([
            { name: "team-a-icr-io", copyOf: "default-icr-io" },
            { name: "team-a-us-icr-io", copyOf: "default-us-icr-io" },
            { name: "team-a-uk-icr-io", copyOf: "default-uk-icr-io" },
            { name: "team-a-de-icr-io", copyOf: "default-de-icr-io" },
            { name: "team-a-au-icr-io", copyOf: "default-au-icr-io" },
            { name: "team-a-jp-icr-io", copyOf: "default-jp-icr-io" },
        ]);
    });

    it("read their credential from the cluster, and are refused on Code Engine", () => {
        expect(COPY_SOURCE.credential(allIcrIo, ctx)).toStrictEqual({ kind: "copy" });
        expect(COPY_SOURCE.codeEngineProblem!(allIcrIo, 1)).toEqual({
            path: "registries[1].type",
            value: "copy",
            rule:
                "copies a cluster's pull secrets, which a Code Engine project does not have (platform codeengine); " +
                "use an icr source",
        });
        expect(COPY_SOURCE.codeEngineSecretName(allIcrIo, "icr.io")).toBe("all-icr-io");
        expect(COPY_SOURCE.codeEngineSecretName({ ...allIcrIo, secretName: "mine" }, "icr.io")).toBe("mine");
    });
});

describe("entitled software and private registries", () => {
    it("give entitled software user cp on cp.icr.io, in entitled-cp-icr-io unless named (seed 000 line 589)", () => {
        const entitlementKey = new SecretText("k");
        const entitled = { type: "entitled", entitlementKey, email: "a@b.c" } as const;
        expect(ENTITLED_SOURCE.credential(entitled, ctx)).toStrictEqual({
            kind: "static",
            servers: ["cp.icr.io"],
            username: "cp",
            password: entitlementKey,
            email: "a@b.c",
        });
        expect(ENTITLED_SOURCE.secretsIn(entitled, "team-a", "icr-pull")).toEqual([{ name: "entitled-cp-icr-io" }]);
        expect(ENTITLED_SOURCE.secretsIn({ ...entitled, secretName: "cp" }, "team-a", "icr-pull")).toEqual([
            { name: "cp" },
        ]);
        expect(ENTITLED_SOURCE.codeEngineSecretName(entitled, "cp.icr.io")).toBe("entitled-cp-icr-io");
        expect(ENTITLED_SOURCE.codeEngineSecretName({ ...entitled, secretName: "cp" }, "cp.icr.io")).toBe("cp");
    });

    it("give a private registry its server, user and password, in a secret named after its host unless named", () => {
        const password = new SecretText("p");
        const quay: PrivateSource = {
            type: "private",
            server: "https://quay.example.com:8443/v2/",
            host: "quay.example.com:8443",
            username: "robot",
            password,
        };
        expect(PRIVATE_SOURCE.credential(quay, ctx)).toStrictEqual({
            kind: "static",
            servers: ["https://quay.example.com:8443/v2/"],
            username: "robot",
            password,
            email: undefined,
        });
        expect(PRIVATE_SOURCE.secretsIn(quay, "team-a", "icr-pull")).toEqual([{ name: "quay-example-com-8443" }]);
        expect(PRIVATE_SOURCE.secretsIn({ ...quay, secretName: "quay" }, "team-a", "icr-pull")).toEqual([
            { name: "quay" },
        ]);
        expect(PRIVATE_SOURCE.codeEngineSecretName(quay, quay.server)).toBe("quay-example-com-8443");
        expect(PRIVATE_SOURCE.codeEngineSecretName({ ...quay, secretName: "quay" }, quay.server)).toBe("quay");
    });
});
