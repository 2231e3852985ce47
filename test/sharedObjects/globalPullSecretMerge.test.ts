import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
/**
 * The global pull secret's planner (globalPullSecretMerge.ts) and its application (globalPullSecretReconcile.ts),
 * over realistic pull secrets in four layouts; one file, as every plan is checked through the patch it becomes.
 */
import {
    CurrentPullSecret,
    DockerAuthEntry,
    EditPlan,
    Hashes,
    MergePlan,
    OWNERS_ANNOTATION,
    entryHash,
    planMerge,
    planRemoval,
    presentEntries,
} from "../../core/sharedObjects/globalPullSecretMerge";
import {
    SecretPatchOp,
    SecretView,
    decodePullSecret,
    pullSecretPatch,
    reconcileGlobalPullSecret,
} from "../../core/sharedObjects/globalPullSecretReconcile";
import { KubernetesApiError } from "../../core/kubernetes/apiErrors";
import { FakeSecret, asView, b64, patchWith } from "../fakes/fakeGlobalPullSecret";

const ME = "registry-access/dev/global-pull-secret#00000001";
const NEXT = "registry-access/dev/global-pull-secret#00000002"; // the same resource, replaced
const OTHER = "registry-access/prod/global-pull-secret#0000000f";
const noWait = { backoff: async () => undefined };

/** As cloud.redhat.com issues it: four entries, each auth (user:token in base64) and email. */
const RED_HAT: [string, Record<string, string>][] = [
    ["cloud.openshift.com", { auth: b64("openshift-release-dev+ocm_access_1a2b3c:CLOUDTOKEN0001"), email: "o@x.io" }],
    ["quay.io", { auth: b64("openshift-release-dev+ocm_access_1a2b3c:QUAYTOKEN0002"), email: "o@x.io" }],
    ["registry.connect.redhat.com", { auth: b64("uhc-pool-1:CONNECTTOKEN0003"), email: "o@x.io" }],
    ["registry.redhat.io", { auth: b64("uhc-pool-1:RHIOTOKEN0004"), email: "o@x.io" }],
];
/** Ours, as `kubectl create secret docker-registry` writes an entry. */
const icr = (key: string) => ({ username: "iamapikey", password: key, email: "a@b.c", auth: b64(`iamapikey:${key}`) });

type Style = "compact" | "compact, trailing newline" | "pretty" | "pretty, trailing newline";
/** The fixture written by hand (not by the code under test), with each entry's exact text, key to `}`. */
function render(entries: [string, Record<string, string>][], style: Style) {
    const pretty = style.startsWith("pretty");
    const sep = pretty ? ": " : ":";
    const chunks = new Map(
        entries.map(([server, e]) => {
            const fields = Object.entries(e).map(([k, v]) => JSON.stringify(k) + sep + JSON.stringify(v));
            const body = pretty ? `{\n      ${fields.join(",\n      ")}\n    }` : `{${fields.join(",")}}`;
            return [server, JSON.stringify(server) + sep + body];
        }),
    );
    const list = [...chunks.values()];
    const body = pretty ? `{\n  "auths": {\n    ${list.join(",\n    ")}\n  }\n}` : `{"auths":{${list.join(",")}}}`;
    return { text: body + (style.endsWith("newline") ? "\n" : ""), chunks };
}
type Rendered = ReturnType<typeof render>;
const secret = (text: string, owners?: Record<string, string>): CurrentPullSecret => ({
    dockerConfigJson: text,
    annotations: owners ? { "kubectl.kubernetes.io/x": "keep", [OWNERS_ANNOTATION]: JSON.stringify(owners) } : null,
    resourceVersion: "7",
});
/** A plan applied as the API server would: the patch builder's ops under fast-json-patch (an independent engine). */
function applied(current: CurrentPullSecret, plan: MergePlan | EditPlan): CurrentPullSecret {
    if ("conflicts" in plan) throw new Error(`refused: ${JSON.stringify(plan.conflicts)}`);
    const next = decodePullSecret(patchWith(asView(current), pullSecretPatch(current, plan)));
    return { ...next, resourceVersion: String(Number(current.resourceVersion) + 1) };
}
function merged(c: CurrentPullSecret, owner: string, entries: Record<string, DockerAuthEntry>, previous?: Hashes) {
    const plan = planMerge(c, { owner, entries, previous });
    if (!plan.ok) throw new Error(`refused: ${JSON.stringify(plan.conflicts)}`);
    return { plan, after: applied(c, plan) };
}
const removed = (c: CurrentPullSecret, owner: string, previous: Hashes) =>
    applied(c, planRemoval(c, { owner, previous }));
const edited = (c: CurrentPullSecret, from: string, to: string) => ({
    ...c,
    dockerConfigJson: c.dockerConfigJson.replace(from, to),
});
const owners = (c: CurrentPullSecret) => JSON.parse(c.annotations?.[OWNERS_ANNOTATION] ?? "{}");
const auths = (c: CurrentPullSecret) => JSON.parse(c.dockerConfigJson).auths;
const expectForeignIntact = (before: Rendered, after: string) => {
    for (const chunk of before.chunks.values()) expect(after.split(chunk)).toHaveLength(2); // once, byte for byte
};

it("entryHash is sha256 hex of canonical JSON: key order and formatting do not change it", () => {
    const canonical = '{"auth":"QQ==","email":"e","x":{"a":[1,{"b":2,"c":3}]}}';
    expect(entryHash({ x: { a: [1, { c: 3, b: 2 }] }, email: "e", auth: "QQ==", gone: undefined })).toBe(
        createHash("sha256").update(canonical).digest("hex"),
    );
    expect(entryHash(JSON.parse(render(RED_HAT, "pretty").text).auths["quay.io"])).toBe(entryHash(RED_HAT[1][1]));
});

describe.each<Style>(["compact", "compact, trailing newline", "pretty", "pretty, trailing newline"])(
    "merging into a %s pull secret",
    (style) => {
        const start = render(RED_HAT, style);
        const h = (key: string) => ({ "icr.io": entryHash(icr(key)) });

        it("starts from the JSON meant (pretty as JSON.stringify(_, null, 2) writes it)", () => {
            const obj = { auths: Object.fromEntries(RED_HAT) };
            const expected = style.startsWith("pretty") ? JSON.stringify(obj, null, 2) : JSON.stringify(obj);
            expect(start.text).toBe(expected + (style.endsWith("newline") ? "\n" : ""));
        });

        it("adds ours, keeping every foreign entry and the text around them byte for byte", () => {
            const { plan, after } = merged(secret(start.text), ME, { "icr.io": icr("K1") });
            expectForeignIntact(start, after.dockerConfigJson);
            const last = [...start.chunks.values()].pop()!;
            const cut = start.text.indexOf(last) + last.length;
            expect(after.dockerConfigJson.startsWith(start.text.slice(0, cut))).toBe(true);
            expect(after.dockerConfigJson.endsWith(start.text.slice(cut))).toBe(true);
            expect(JSON.parse(after.dockerConfigJson)).toEqual({
                auths: { ...Object.fromEntries(RED_HAT), "icr.io": icr("K1") },
            });
            expect([plan.hashes, owners(after), plan.changed]).toEqual([h("K1"), { "icr.io": ME }, true]);
            if (style.startsWith("compact")) expect(after.dockerConfigJson.trimEnd()).not.toContain("\n");
        });

        it("rotates ours, is idempotent, and removing restores the original text exactly", () => {
            const one = merged(secret(start.text), ME, { "icr.io": icr("K1") }).after;
            const two = merged(one, ME, { "icr.io": icr("K2") }, h("K1")).after;
            expect(auths(two)["icr.io"]).toEqual(icr("K2"));
            expectForeignIntact(start, two.dockerConfigJson);
            const again = planMerge(two, { owner: ME, entries: { "icr.io": icr("K2") }, previous: h("K2") });
            expect(again).toMatchObject({ changed: false, dockerConfigJson: two.dockerConfigJson, hashes: h("K2") });
            expect(pullSecretPatch(two, again as EditPlan)).toEqual([]);
            expect(presentEntries(two, ME, h("K2"))).toEqual(h("K2"));
            const gone = removed(two, ME, h("K2"));
            expect([gone.dockerConfigJson, gone.annotations]).toEqual([start.text, {}]);
            expect(presentEntries(gone, ME, h("K2"))).toEqual({});
        });

        it("refuses to overwrite a foreign entry for the same server, naming the server and no value", () => {
            const theirs = render([...RED_HAT, ["icr.io", { auth: b64("iamapikey:THEIRS") }]], style).text;
            const plan = planMerge(secret(theirs), { owner: ME, entries: { "icr.io": icr("K1") } });
            expect(plan).toEqual({
                ok: false,
                conflicts: [{ server: "icr.io", reason: expect.stringMatching(/ours/) }],
            });
            expect(JSON.stringify(plan)).not.toMatch(/THEIRS|aWFtYXBpa2V5/);
        });
    },
);

describe("ownership", () => {
    const start = secret(render(RED_HAT, "compact").text);
    let h1: Hashes;
    beforeEach(() => {
        h1 = { "icr.io": entryHash(icr("K1")) };
    });
    const withOurs = (owner: string) => merged(start, owner, { "icr.io": icr("K1") }).after;

    it("refuses another stack's entry, naming its project/stack and not its value", () => {
        const plan = planMerge(withOurs(OTHER), { owner: ME, entries: { "icr.io": icr("K2") } });
        expect(plan.ok).toBe(false);
        expect(JSON.stringify(plan)).toContain("project/stack registry-access/prod");
        expect(JSON.stringify(plan)).not.toContain(b64("iamapikey:K1"));
    });

    it("refuses to update an entry edited by someone else, and leaves it (unrecorded) on removal", () => {
        const hand = edited(withOurs(ME), b64("iamapikey:K1"), b64("iamapikey:HAND"));
        expect(planMerge(hand, { owner: ME, entries: { "icr.io": icr("K2") }, previous: h1 })).toEqual({
            ok: false,
            conflicts: [{ server: "icr.io", reason: "edited by someone else since registry-access wrote it" }],
        });
        const after = removed(hand, ME, h1);
        expect([after.dockerConfigJson, owners(after)]).toEqual([hand.dockerConfigJson, {}]);
        expect(presentEntries(hand, ME, h1)).toEqual({});
    });

    it("takes out a server no longer wanted when unedited, and leaves it when edited", () => {
        const both = merged(start, ME, { "icr.io": icr("K1"), "us.icr.io": icr("U") });
        const one = merged(both.after, ME, { "icr.io": icr("K1") }, both.plan.hashes).after;
        expect(Object.keys(auths(one))).toEqual([...RED_HAT.map(([s]) => s), "icr.io"]);
        expect(owners(one)).toEqual({ "icr.io": ME });
        const hand = edited(both.after, b64("iamapikey:U"), b64("x:y"));
        const kept = merged(hand, ME, { "icr.io": icr("K1") }, both.plan.hashes).after;
        expect([auths(kept)["us.icr.io"], owners(kept)]).toEqual([{ ...icr("U"), auth: b64("x:y") }, { "icr.io": ME }]);
    });

    it("lets two stacks add different registries; removing one keeps the other intact", () => {
        const before = { ...start, annotations: { "kubectl.kubernetes.io/x": "keep" } };
        const a = merged(before, ME, { "icr.io": icr("A") });
        const b = merged(a.after, OTHER, { "us.icr.io": icr("B") });
        const bText = JSON.stringify("us.icr.io") + ":" + JSON.stringify(icr("B"));
        const afterA = removed(b.after, ME, a.plan.hashes);
        expect(afterA.dockerConfigJson).toBe(start.dockerConfigJson.replace(/}}$/, `,${bText}}}`));
        expect(afterA.annotations).toEqual({
            "kubectl.kubernetes.io/x": "keep",
            [OWNERS_ANNOTATION]: '{"us.icr.io":"' + OTHER + '"}',
        });
    });

    it("lets a replacement of the same resource take over its entries; the old instance's removal leaves them", () => {
        const taken = merged(withOurs(ME), NEXT, { "icr.io": icr("K2") }).after;
        expect([auths(taken)["icr.io"], owners(taken)]).toEqual([icr("K2"), { "icr.io": NEXT }]);
        expect(planRemoval(taken, { owner: ME, previous: h1 }).changed).toBe(false);
        // Rewritten with the same value, the old instance's hash still matches: the record alone keeps it.
        const same = merged(withOurs(ME), NEXT, { "icr.io": icr("K1") }).after;
        expect(removed(same, ME, h1).dockerConfigJson).toBe(same.dockerConfigJson);
    });

    it("writes the annotation with sorted keys, keeping others' records", () => {
        const plan = planMerge(secret(start.dockerConfigJson, { "z.io": OTHER }), {
            owner: ME,
            entries: { "a.io": {} },
        });
        expect(plan).toMatchObject({ ownersAnnotation: JSON.stringify({ "a.io": ME, "z.io": OTHER }) });
    });
});

describe("layouts and refusals", () => {
    it("falls back to an unformatted edit where the formatter would reflow foreign entries; keeps CRLF", () => {
        const oneLineAuths = render(RED_HAT, "compact").text.replace(/^{/, "{\n  ").replace(/}$/, "\n}");
        const plan = planMerge(secret(oneLineAuths), { owner: ME, entries: { "icr.io": icr("K") } });
        expectForeignIntact(render(RED_HAT, "compact"), (plan as EditPlan).dockerConfigJson);
        const crlf = merged(secret(render(RED_HAT, "pretty").text.replace(/\n/g, "\r\n")), ME, { "icr.io": icr("K") });
        expect(crlf.after.dockerConfigJson).not.toMatch(/[^\r]\n/);
        expect(auths(crlf.after)["icr.io"]).toEqual(icr("K"));
    });

    it("creates auths when the config has none", () => {
        const { after } = merged(secret('{"credsStore":"x"}'), ME, { "icr.io": icr("K") });
        expect(JSON.parse(after.dockerConfigJson)).toEqual({ credsStore: "x", auths: { "icr.io": icr("K") } });
    });

    it.each([
        ["broken JSON", '{"auths":{"q.io":{"auth":"CANARY-SECRET-123"'],
        ["a trailing comma", '{"auths":{"q.io":{"auth":"CANARY-SECRET-123"},}}'],
        ["an array", '["CANARY-SECRET-123"]'],
        ["auths not an object", '{"auths":["CANARY-SECRET-123"]}'],
        ["a repeated server", '{"auths":{"q.io":{"auth":"CANARY-SECRET-123"},"q.io":{}}}'],
    ])("refuses %s without quoting any of it", (_what, text) => {
        for (const plan of [
            () => planMerge(secret(text), { owner: ME, entries: { "icr.io": icr("K") } }),
            () => planRemoval(secret(text), { owner: ME, previous: {} }),
        ]) {
            expect(plan).toThrow(/^openshift-config\/pull-secret is not a valid docker config/);
            expect(plan).not.toThrow(/CANARY|q\.io|SECRET/);
        }
    });

    it("refuses a Secret of another type or with bytes that are not UTF-8", () => {
        expect(() => decodePullSecret({ type: "Opaque", data: { ".dockerconfigjson": b64("{}") } })).toThrow(/valid/);
        const bad = Buffer.from([0x7b, 0xff, 0x7d]).toString("base64");
        expect(() => decodePullSecret({ data: { ".dockerconfigjson": bad } })).toThrow(/not UTF-8/);
    });
});

describe("pullSecretPatch", () => {
    const start = secret(render(RED_HAT, "compact").text);
    // Planned when a test runs, so that the planner's mutants meet the tests (not the file's loading).
    let plan: ReturnType<typeof merged>["plan"];
    beforeEach(() => {
        plan = merged(start, ME, { "icr.io": icr("K") }).plan;
    });

    it("tests the resourceVersion, replaces the data, and escapes the annotation key's '/' as ~1", () => {
        expect(pullSecretPatch(start, plan)).toEqual([
            { op: "test", path: "/metadata/resourceVersion", value: "7" },
            { op: "replace", path: "/data/.dockerconfigjson", value: b64(plan.dockerConfigJson) },
            { op: "add", path: "/metadata/annotations", value: { [OWNERS_ANNOTATION]: plan.ownersAnnotation } },
        ]);
        expect(pullSecretPatch({ ...start, annotations: { other: "x" } }, plan)[2]).toEqual({
            op: "add",
            path: "/metadata/annotations/registry-access.io~1owners",
            value: plan.ownersAnnotation,
        });
    });

    it("applies under kubectl's JSON-patch engine (the API server's) as under fast-json-patch", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ra-gps-")), "s.json");
        const kubectl = (object: SecretView, ops: SecretPatchOp[]) => {
            fs.writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "Secret", ...object }));
            const args = ["patch", "--local", "-f", file, "--type", "json", "-p", JSON.stringify(ops), "-o", "json"];
            return JSON.parse(execFileSync("kubectl", args, { encoding: "utf8" }));
        };
        const view = asView(start);
        view.metadata = {
            ...view.metadata,
            name: "pull-secret",
            namespace: "openshift-config",
        } as SecretView["metadata"];
        const added = kubectl(view, pullSecretPatch(start, plan));
        expect(added).toEqual({ apiVersion: "v1", kind: "Secret", ...patchWith(view, pullSecretPatch(start, plan)) });
        expect(decodePullSecret(added).dockerConfigJson).toBe(plan.dockerConfigJson);
        const now = decodePullSecret(added);
        const gone = kubectl(added, pullSecretPatch(now, planRemoval(now, { owner: ME, previous: plan.hashes })));
        expect([decodePullSecret(gone).dockerConfigJson, gone.metadata.annotations]).toEqual([
            start.dockerConfigJson,
            {},
        ]);
    });
});

describe("reconcileGlobalPullSecret", () => {
    const start = () => asView(secret(render(RED_HAT, "compact").text));
    const merge = { action: "merge", owner: ME, entries: { "icr.io": icr("K") } } as const;

    it("re-plans after a 409 when someone else added an entry meanwhile, and keeps theirs", async () => {
        const api = new FakeSecret(start());
        api.beforePatch = (fake) => {
            if (fake.patches.length > 1) return undefined;
            const cfg = JSON.parse(decodePullSecret(fake.object!).dockerConfigJson);
            cfg.auths["mirror.example.com:5000"] = { auth: b64("m:m") }; // as `oc set data` does: re-serialized
            fake.object = asView({ dockerConfigJson: JSON.stringify(cfg), resourceVersion: "8" });
            return 409;
        };
        let backoffs = 0;
        const result = await reconcileGlobalPullSecret(api, merge, { backoff: async () => void backoffs++ });
        expect(result).toEqual({ outcome: "patched", hashes: { "icr.io": entryHash(icr("K")) } });
        expect([api.patches.length, backoffs]).toEqual([2, 1]);
        expect(auths(decodePullSecret(api.object!))).toEqual({
            ...Object.fromEntries(RED_HAT),
            "mirror.example.com:5000": { auth: b64("m:m") },
            "icr.io": icr("K"),
        });
        const again = await reconcileGlobalPullSecret(api, { ...merge, previous: result.hashes }, noWait);
        expect(again.outcome).toBe("unchanged");
        const removal = { action: "remove", owner: ME, previous: result.hashes } as const;
        expect((await reconcileGlobalPullSecret(api, removal, noWait)).outcome).toBe("patched");
        expect(Object.keys(auths(decodePullSecret(api.object!)))).toContain("mirror.example.com:5000");
        expect(Object.keys(auths(decodePullSecret(api.object!)))).not.toContain("icr.io");
    });

    it("gives up after N conflicts, naming the secret and the status only", async () => {
        const api = new FakeSecret(start());
        api.beforePatch = () => 422;
        const err = await reconcileGlobalPullSecret(api, merge, { attempts: 3, ...noWait }).catch((e: Error) => e);
        expect(String(err)).toBe(
            "Error: could not patch secret openshift-config/pull-secret after 3 attempt(s): HTTP 422",
        );
        expect(api.patches).toHaveLength(3);
    });

    it("refuses a conflict without patching; a missing secret fails a merge and completes a removal", async () => {
        const api = new FakeSecret(start());
        const quay = { ...merge, entries: { "quay.io": icr("K") } };
        await expect(reconcileGlobalPullSecret(api, quay, noWait)).rejects.toThrow(/will not change .*quay\.io/);
        expect(api.patches).toHaveLength(0);
        const none = new FakeSecret(undefined);
        await expect(reconcileGlobalPullSecret(none, merge, noWait)).rejects.toThrow(
            "openshift-config/pull-secret does not exist (is this OpenShift 4?)",
        );
        const removal = await reconcileGlobalPullSecret(none, { action: "remove", owner: ME, previous: {} }, noWait);
        expect(removal.outcome).toBe("absent");
    });

    it("with the provider's errors: NotFound completes a removal, other refusals are its own message", async () => {
        const call = { verb: "patch", object: "Secret openshift-config/pull-secret", where: "cluster os" } as const;
        const failing = (err: KubernetesApiError) => {
            const api = new FakeSecret(start());
            api.patch = async () => {
                throw err;
            };
            return api;
        };
        const api = new FakeSecret(start());
        const merged = await reconcileGlobalPullSecret(api, merge, noWait);
        const removal = { action: "remove", owner: ME, previous: merged.hashes } as const;
        const gone = failing(new KubernetesApiError(call, { status: 404, reason: "NotFound", message: "m" }));
        gone.object = api.object;
        expect((await reconcileGlobalPullSecret(gone, removal, noWait)).outcome).toBe("absent");
        const proxy = failing(new KubernetesApiError(call, { status: 404 }));
        proxy.object = api.object;
        await expect(reconcileGlobalPullSecret(proxy, removal, noWait)).rejects.toThrow(
            new Error("patch Secret openshift-config/pull-secret on cluster os failed with HTTP 404"),
        );
        const conflicts = failing(new KubernetesApiError(call, { status: 409, reason: "Conflict" }));
        await expect(reconcileGlobalPullSecret(conflicts, merge, { ...noWait, attempts: 2 })).rejects.toThrow(
            new Error(
                "patch Secret openshift-config/pull-secret on cluster os failed with HTTP 409 after 2 attempts: Conflict",
            ),
        );
    });
});
