/**
 * globalPullSecretMerge.ts at its edges: the exact refusal of a text we will not edit (never quoting it), the
 * layout an inserted entry takes from the document (tabs, indent width, CRLF, one line), and owner records
 * that are not ours to read.
 */
import {
    CurrentPullSecret,
    OWNERS_ANNOTATION,
    planMerge,
    planRemoval,
} from "../../core/sharedObjects/globalPullSecretMerge";

const ME = "registry-access/dev/global-pull-secret#00000001";
const ENTRY = { auth: "dXNlcjpwYXNz" };
const secret = (dockerConfigJson: string, owners?: unknown): CurrentPullSecret => ({
    dockerConfigJson,
    ...(owners === undefined ? {} : { annotations: { [OWNERS_ANNOTATION]: owners as string } }),
});
const merged = (text: string) => {
    const plan = planMerge(secret(text), { owner: ME, entries: { "us.icr.io": ENTRY } });
    if (!plan.ok) throw new Error("expected a plan");
    return plan.dockerConfigJson;
};

describe("a text we will not edit", () => {
    it.each([
        ['{"auths": {', "not JSON"],
        ["[]", "not a JSON object"],
        ["null", "not a JSON object"],
        ['"text"', "not a JSON object"],
        ['{"auths": []}', '"auths" is not an object'],
        ['{"auths": null}', '"auths" is not an object'],
        ['{"auths": "x"}', '"auths" is not an object'],
        ['{"auths": {"a.io": {}, "a.io": {}}}', "a key repeats"],
        ['{"x": 1, "x": 2, "auths": {}}', "a key repeats"],
    ])("%j: %s", (text, why) => {
        expect(() => merged(text)).toThrow(
            new Error(`openshift-config/pull-secret is not a valid docker config (${why})`),
        );
    });

    it("takes a config without auths as one with none", () => {
        expect(JSON.parse(merged('{"credsStore": "x"}'))).toEqual({ credsStore: "x", auths: { "us.icr.io": ENTRY } });
    });
});

describe("an inserted entry follows the document's layout", () => {
    it.each([
        [
            "tabs",
            '{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "eDp5"\n\t\t}\n\t}\n}',
            '{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "eDp5"\n\t\t},\n\t\t"us.icr.io": {\n\t\t\t"auth": "dXNlcjpwYXNz"\n\t\t}\n\t}\n}',
        ],
        [
            "four spaces",
            '{\n    "auths": {\n        "quay.io": {\n            "auth": "eDp5"\n        }\n    }\n}',
            '{\n    "auths": {\n        "quay.io": {\n            "auth": "eDp5"\n        },\n        "us.icr.io": {\n            "auth": "dXNlcjpwYXNz"\n        }\n    }\n}',
        ],
        [
            "CRLF",
            '{\r\n  "auths": {\r\n    "quay.io": {\r\n      "auth": "eDp5"\r\n    }\r\n  }\r\n}',
            '{\r\n  "auths": {\r\n    "quay.io": {\r\n      "auth": "eDp5"\r\n    },\r\n    "us.icr.io": {\r\n      "auth": "dXNlcjpwYXNz"\r\n    }\r\n  }\r\n}',
        ],
        [
            "one line",
            '{"auths":{"quay.io":{"auth":"eDp5"}}}',
            '{"auths":{"quay.io":{"auth":"eDp5"},"us.icr.io":{"auth":"dXNlcjpwYXNz"}}}',
        ],
        [
            "one line and a newline",
            '{"auths":{"quay.io":{"auth":"eDp5"}}}\n',
            '{"auths":{"quay.io":{"auth":"eDp5"},"us.icr.io":{"auth":"dXNlcjpwYXNz"}}}\n',
        ],
        ["one line, no entry yet", '{"auths":{}}', '{"auths":{"us.icr.io":{"auth":"dXNlcjpwYXNz"}}}'],
    ])("%s", (_, before, after) => {
        expect(merged(before)).toBe(after);
    });
});

describe("an owners annotation that is not a record of ours", () => {
    it.each([["[]"], ["5"], ["null"], ['{"us.icr.io": 7}'], ["not json"]])(
        "%j records nothing: an existing entry stays someone else's",
        (owners) => {
            const plan = planMerge(secret('{"auths": {"us.icr.io": {"auth": "eDp5"}}}', owners), {
                owner: ME,
                entries: { "us.icr.io": ENTRY },
            });
            expect(plan).toEqual({
                ok: false,
                conflicts: [
                    {
                        server: "us.icr.io",
                        reason: "present and not added by registry-access; it is not ours to overwrite",
                    },
                ],
            });
        },
    );

    it("names another owner by project/stack, or as another owner when the token has no '/'", () => {
        const conflict = (owner: string) =>
            planMerge(secret('{"auths": {"us.icr.io": {}}}', JSON.stringify({ "us.icr.io": owner })), {
                owner: ME,
                entries: { "us.icr.io": ENTRY },
            });
        expect(conflict("registry-access/prod/global-pull-secret#0f")).toEqual({
            ok: false,
            conflicts: [
                {
                    server: "us.icr.io",
                    reason: "added by another registry-access resource (project/stack registry-access/prod)",
                },
            ],
        });
        expect(conflict("someone")).toEqual({
            ok: false,
            conflicts: [{ server: "us.icr.io", reason: "added by another registry-access resource (another owner)" }],
        });
    });
});

describe("what a plan says changed", () => {
    const TEXT = '{"auths":{"us.icr.io":{"auth":"eDp5"}}}';

    it("nothing, for a secret without annotations that holds nothing of ours", () => {
        expect(planRemoval(secret(TEXT), { owner: ME, previous: {} })).toEqual({
            dockerConfigJson: TEXT,
            ownersAnnotation: undefined,
            changed: false,
        });
    });

    it("the record alone, when an entry of ours was edited since: it stays, unrecorded", () => {
        const owners = JSON.stringify({ "us.icr.io": ME });
        expect(planRemoval(secret(TEXT, owners), { owner: ME, previous: { "us.icr.io": "not-its-hash" } })).toEqual({
            dockerConfigJson: TEXT,
            ownersAnnotation: undefined,
            changed: true,
        });
    });

    it("an owner token without '#' is the whole resource: another one is someone else", () => {
        const owners = JSON.stringify({ "us.icr.io": "registry-access/dev/a" });
        expect(
            planMerge(secret(TEXT, owners), { owner: "registry-access/dev/b", entries: { "us.icr.io": ENTRY } }),
        ).toEqual({
            ok: false,
            conflicts: [
                {
                    server: "us.icr.io",
                    reason: "added by another registry-access resource (project/stack registry-access/dev)",
                },
            ],
        });
    });
});
