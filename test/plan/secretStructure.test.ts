/**
 * A secret's non-secret structure (core/review/secretStructure.ts) and how a plan shows it (core/review/render.ts): the
 * servers, user names and emails a reviewer must see change; never a password, auth, token or key, nor
 * its base64, nor a hash of it.
 */
import * as crypto from "crypto";
import * as fc from "fast-check";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { UNREADABLE_SECRET } from "../../core/input/secretText";
import { diffPlans, formatDiff } from "../../core/review/diff";
import { API_KEY_PLACEHOLDER, copiedPlaceholder } from "../../plan/fakeCloud";
import { planDocument, planJson, planText, plainValue } from "../../core/review/render";
import type { ProgramRun, Registration } from "../../plan/runProgram";
import { secretStructure } from "../../core/review/secretStructure";
import { ICR_API_KEY_USERNAME, buildDockerConfigJson } from "../../core/registry/dockerConfig";

const CANARY = "CANARY-ab12";
const S = "[secret]";

/** Every form of the canary that must never be shown. */
function leaks(canary: string, users: readonly string[] = ["user", ICR_API_KEY_USERNAME]): string[] {
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
    const hex = (alg: string) => crypto.createHash(alg).update(canary).digest("hex");
    return [canary, b64(canary), ...users.map((u) => b64(`${u}:${canary}`)), hex("sha256"), hex("sha1"), hex("md5")];
}

function expectNoLeak(output: unknown, canary = CANARY, users?: readonly string[]): void {
    const text = typeof output === "string" ? output : JSON.stringify(output);
    for (const leak of leaks(canary, users)) expect(text).not.toContain(leak);
    // Nor a fragment of the fixed canary.
    for (const fragment of ["CANARY", "ab12", "Q0FOQVJZ"]) expect(text).not.toContain(fragment);
}

const wireSecret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

const kubeconfig = (extra: { user?: Record<string, unknown>; env?: boolean } = {}) => ({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        {
            name: "c1",
            cluster: {
                server: "https://c1.example:30000",
                "certificate-authority-data": Buffer.from(CANARY).toString("base64"),
            },
        },
    ],
    users: [
        {
            name: "c1-registry-access",
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1",
                    command: "node",
                    args: ["bin/registry-access-credentials.js", "--cluster", "c1"],
                    ...(extra.env ? { env: [{ name: "REGISTRY_ACCESS_STACK_API_KEY", value: CANARY }] } : {}),
                    interactiveMode: "Never",
                    provideClusterInfo: false,
                },
                ...extra.user,
            },
        },
    ],
    contexts: [{ name: "c1", context: { cluster: "c1", user: "c1-registry-access", namespace: "ns" } }],
    "current-context": "c1",
});

describe("secretStructure: docker configs", () => {
    it("shows servers, user names and emails of a docker config written as JSON text; password and auth are [secret]", () => {
        const json = buildDockerConfigJson(["us.icr.io", "private.us.icr.io"], {
            username: ICR_API_KEY_USERNAME,
            password: CANARY,
            email: "ops@example.com",
        });
        const structure = secretStructure(json);
        expect(structure).toEqual({
            auths: {
                "private.us.icr.io": { username: "iamapikey", email: "ops@example.com", password: S, auth: S },
                "us.icr.io": { username: "iamapikey", email: "ops@example.com", password: S, auth: S },
            },
        });
        // Keys sorted, so that the plan is byte-identical across runs whatever order the program wrote.
        expect(Object.keys((structure as any).auths)).toEqual(["private.us.icr.io", "us.icr.io"]);
        expect(Object.keys((structure as any).auths["us.icr.io"])).toEqual(["auth", "email", "password", "username"]);
        expectNoLeak(structure);
    });

    it("reads Go-escaped JSON (\\u003c) as kubectl writes it", () => {
        const json = buildDockerConfigJson(["quay.io"], { username: "a<b>&c", password: CANARY });
        expect(json).toContain("\\u003c");
        expect(secretStructure(json)).toEqual({ auths: { "quay.io": { username: "a<b>&c", password: S, auth: S } } });
    });

    it("takes the same config as an object, and masks identitytoken, registrytoken and any other field", () => {
        const structure = secretStructure({
            auths: {
                "quay.io": {
                    username: "robot",
                    password: CANARY,
                    auth: Buffer.from(`robot:${CANARY}`).toString("base64"),
                    identitytoken: CANARY,
                    registrytoken: CANARY,
                    serveraddress: CANARY,
                    nested: { username: CANARY, email: CANARY },
                    list: [CANARY],
                },
                "bad.example": CANARY,
            },
            credsStore: CANARY,
            HttpHeaders: { "X-Token": CANARY },
        });
        expect(structure).toEqual({
            auths: {
                "bad.example": S,
                "quay.io": {
                    username: "robot",
                    password: S,
                    auth: S,
                    identitytoken: S,
                    registrytoken: S,
                    serveraddress: S,
                    nested: { username: S, email: S },
                    list: [S],
                },
            },
            credsStore: S,
            HttpHeaders: { "X-Token": S },
        });
        expectNoLeak(structure, CANARY, ["robot"]);
    });

    it("shows a user name or email that is not a string as [secret], and keeps the unreadable marker as it is", () => {
        expect(
            secretStructure({
                auths: { r: { username: { v: CANARY }, email: UNREADABLE_SECRET, password: UNREADABLE_SECRET } },
            }),
        ).toEqual({ auths: { r: { username: { v: S }, email: UNREADABLE_SECRET, password: S } } });
    });
});

describe("secretStructure: Code Engine registry data", () => {
    it("shows server, username and email; password is [secret]", () => {
        const structure = secretStructure({
            server: "us.icr.io",
            username: "iamapikey",
            password: CANARY,
            email: "a@b.c",
        });
        expect(structure).toEqual({ email: "a@b.c", password: S, server: "us.icr.io", username: "iamapikey" });
        expectNoLeak(structure);
    });

    it("is only that shape: another field makes it a plain object, every value [secret]", () => {
        expect(secretStructure({ server: "us.icr.io", username: "u", password: CANARY, token: CANARY })).toEqual({
            password: S,
            server: S,
            token: S,
            username: S,
        });
        expect(secretStructure({ username: "u", password: CANARY })).toEqual({ password: S, username: S });
    });
});

describe("secretStructure: objects, kubeconfigs and everything else", () => {
    it("shows an object's keys and the structure of recognised documents among its values (a Secret's stringData)", () => {
        const stringData = {
            ".dockerconfigjson": buildDockerConfigJson(["icr.io"], { username: "iamapikey", password: CANARY }),
            token: CANARY,
            nested: { deeper: [CANARY, 42, true, null] },
        };
        expect(secretStructure(stringData)).toEqual({
            ".dockerconfigjson": { auths: { "icr.io": { username: "iamapikey", password: S, auth: S } } },
            nested: { deeper: [S, S, S, S] },
            token: S,
        });
        expectNoLeak(secretStructure(stringData));
    });

    it("keeps a `__proto__` key a plain key", () => {
        const structure = secretStructure(JSON.parse(`{"__proto__": {"polluted": "${CANARY}"}}`)) as object;
        expect(Object.getPrototypeOf(structure)).toBe(Object.prototype);
        expect(JSON.stringify(structure)).toBe('{"__proto__":{"polluted":"[secret]"}}');
        expect(({} as any).polluted).toBeUndefined();
    });

    it("shows a kubeconfig's names, server and exec command; its CA, tokens, keys and variable values are [secret]", () => {
        const config = kubeconfig({
            env: true,
            user: { token: CANARY, "client-key-data": CANARY, "client-certificate-data": CANARY, password: CANARY },
        });
        const structure = secretStructure(JSON.stringify(config));
        expect(structure).toEqual({
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                { name: "c1", cluster: { server: "https://c1.example:30000", "certificate-authority-data": S } },
            ],
            users: [
                {
                    name: "c1-registry-access",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1",
                            command: "node",
                            args: ["bin/registry-access-credentials.js", "--cluster", "c1"],
                            env: [{ name: "REGISTRY_ACCESS_STACK_API_KEY", value: S }],
                            interactiveMode: "Never",
                            provideClusterInfo: false,
                        },
                        token: S,
                        "client-key-data": S,
                        "client-certificate-data": S,
                        password: S,
                    },
                },
            ],
            contexts: [{ name: "c1", context: { cluster: "c1", user: "c1-registry-access", namespace: "ns" } }],
            "current-context": "c1",
        });
        expectNoLeak(structure);
    });

    it("leaves anything it does not recognise [secret]: an API key, a token, a hash, other JSON, broken JSON, scalars", () => {
        const values: unknown[] = [
            CANARY,
            API_KEY_PLACEHOLDER,
            copiedPlaceholder("all-icr-io"),
            crypto.createHash("sha256").update(CANARY).digest("hex"),
            JSON.stringify({ apikey: CANARY }),
            JSON.stringify({ kind: "Config", token: CANARY }),
            JSON.stringify([CANARY]),
            JSON.stringify(CANARY),
            `{"auths": {"r": {"password": "${CANARY}"}`,
            "",
            "[unknown]",
            42,
            true,
            null,
            undefined,
        ];
        for (const v of values) expect(secretStructure(v)).toBe(S);
        expect(secretStructure(UNREADABLE_SECRET)).toBe(UNREADABLE_SECRET);
        expect(secretStructure([CANARY, { a: CANARY }])).toEqual([S, { a: S }]);
    });

    it("never shows a password or auth of a docker config, whatever they are", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1, maxLength: 40 }),
                fc.constantFrom("iamapikey", "cp", "acme+puller", "robot$x"),
                fc.boolean(),
                (tail, username, asText) => {
                    const password = `${CANARY}${tail}`;
                    const json = buildDockerConfigJson(["a.example", "b.example"], { username, password });
                    const structure = secretStructure(asText ? json : JSON.parse(json));
                    expectNoLeak(structure, password, [username]);
                },
            ),
        );
    });
});

describe("plans show secrets by their structure", () => {
    const dockerConfig = (servers: string[], email?: string) =>
        buildDockerConfigJson(servers, { username: "iamapikey", password: CANARY, ...(email ? { email } : {}) });
    const secretResource = (dockerConfigJson: string): Registration => ({
        urn: "urn:pulumi:s::p::kubernetes:core/v1:Secret::team-a.all-icr-io",
        type: "kubernetes:core/v1:Secret",
        name: "team-a.all-icr-io",
        custom: true,
        dependsOn: [],
        aliases: [],
        rawInputs: {
            metadata: { name: "all-icr-io", namespace: "team-a" },
            stringData: wireSecret({ ".dockerconfigjson": dockerConfigJson }),
            type: "kubernetes.io/dockerconfigjson",
        },
    });
    const keyResource: Registration = {
        urn: "urn:pulumi:s::p::ibm:index/iamServiceApiKey:IamServiceApiKey::key",
        type: "ibm:index/iamServiceApiKey:IamServiceApiKey",
        name: "key",
        custom: true,
        dependsOn: [],
        aliases: [],
        rawInputs: { name: "key", apikey: wireSecret(CANARY) },
    };
    const run = (...registrations: Registration[]): ProgramRun =>
        ({
            project: "p",
            stack: "s",
            registrations,
            rawOutputs: { config: wireSecret(dockerConfig(["icr.io"])) },
        }) as unknown as ProgramRun;

    it('marks the structure {"[secret]": …}, keeps [secret] for a secret without structure, and leaks nothing', () => {
        const r = run(secretResource(dockerConfig(["us.icr.io"], "ops@example.com")), keyResource);
        const doc = planDocument(r);
        const secret = doc.resources.find((x) => x.type === "kubernetes:core/v1:Secret")!;
        expect(secret.inputs.stringData).toEqual({
            [S]: {
                ".dockerconfigjson": {
                    auths: { "us.icr.io": { auth: S, email: "ops@example.com", password: S, username: "iamapikey" } },
                },
            },
        });
        expect(doc.resources.find((x) => x.name === "key")!.inputs.apikey).toBe(S);
        const text = planText(r);
        expect(text).toContain(
            'stringData: {"[secret]":{".dockerconfigjson":{"auths":{"us.icr.io":{"auth":"[secret]","email":"ops@example.com","password":"[secret]","username":"iamapikey"}}}}}',
        );
        expect(text).toContain('    apikey: "[secret]"');
        for (const out of [planJson(r), text]) expectNoLeak(out);
    });

    it("--show-secrets still reveals; plainValue masks a whole secret unless asked for its structure", () => {
        const r = run(secretResource(dockerConfig(["us.icr.io"])));
        expect(planJson(r, { showSecrets: true })).toContain(CANARY);
        expect(planText(r, { showSecrets: true })).toContain(CANARY);
        const raw = r.registrations[0].rawInputs;
        expect((plainValue(raw, {}) as any).stringData).toBe(S);
        expect(
            (plainValue(raw, { secretStructure: true }) as any).stringData[S][".dockerconfigjson"].auths,
        ).toHaveProperty(["us.icr.io"]);
        expect((planDocument(r, { secretStructure: false }).resources[0].inputs as any).stringData).toBe(S);
    });

    it("lets the diff name an added server and a changed email, and never the password", () => {
        const before = planDocument(run(secretResource(dockerConfig(["us.icr.io"], "old@example.com"))));
        const after = planDocument(
            run(secretResource(dockerConfig(["us.icr.io", "private.us.icr.io"], "new@example.com"))),
        );
        const changes = diffPlans(before, after);
        expect(changes).toHaveLength(1);
        expect(changes[0].kind).toBe("changed");
        const text = formatDiff(changes);
        expect(text).toContain(
            'stringData.[secret]..dockerconfigjson.auths.us.icr.io.email: "old@example.com" → "new@example.com"',
        );
        expect(text).toContain(
            'stringData.[secret]..dockerconfigjson.auths.private.us.icr.io.username: (none) → "iamapikey"',
        );
        expect(text).toContain(
            'stringData.[secret]..dockerconfigjson.auths.private.us.icr.io.password: (none) → "[secret]"',
        );
        expectNoLeak(text);
    });

    it("sees no change when only the password changes", () => {
        const withPassword = (password: string) =>
            planDocument(
                run(secretResource(buildDockerConfigJson(["us.icr.io"], { username: "iamapikey", password }))),
            );
        expect(diffPlans(withPassword(CANARY), withPassword(`${CANARY}-rotated`))).toEqual([]);
    });
});
