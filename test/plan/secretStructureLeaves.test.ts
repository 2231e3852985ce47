/**
 * secretStructure (core/review/secretStructure.ts) on the leaves and shapes at its edges: only scalars are shown
 * where a pattern shows them, and a kubeconfig is recognised by any one of its lists.
 */
import { secretStructure } from "../../core/review/secretStructure";

const S = "[secret]";

describe("a shown path shows scalars only", () => {
    it("shows null, numbers and booleans as they are, and anything else as [secret]", () => {
        expect(
            secretStructure({ auths: { "us.icr.io": { username: null, email: 5, password: "p", auth: "a" } } }),
        ).toEqual({ auths: { "us.icr.io": { auth: S, email: 5, password: S, username: null } } });
        expect(secretStructure({ auths: { "us.icr.io": { username: undefined, email: true } } })).toEqual({
            auths: { "us.icr.io": { email: true, username: S } },
        });
    });
});

describe("a kubeconfig is recognised by clusters, users or contexts alone", () => {
    it.each([
        [
            {
                kind: "Config",
                clusters: [{ name: "c", cluster: { server: "https://c:6443", "certificate-authority-data": "X" } }],
            },
            {
                kind: "Config",
                clusters: [{ name: "c", cluster: { server: "https://c:6443", "certificate-authority-data": S } }],
            },
        ],
        [
            { kind: "Config", users: [{ name: "u", user: { token: "t" } }] },
            { kind: "Config", users: [{ name: "u", user: { token: S } }] },
        ],
        [
            { kind: "Config", contexts: [{ name: "x", context: { cluster: "c", user: "u" } }] },
            { kind: "Config", contexts: [{ name: "x", context: { cluster: "c", user: "u" } }] },
        ],
    ])("%j", (value, structure) => {
        expect(secretStructure(value)).toEqual(structure);
    });

    it("is not a kubeconfig without any of them: every leaf is [secret]", () => {
        expect(secretStructure({ kind: "Config", preferences: {} })).toEqual({ kind: S, preferences: {} });
    });
});
