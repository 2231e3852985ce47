/**
 * What `--check` says about API keys that come and go (core/review/keyNotes.ts), straight from two plan
 * documents: the rotation's order, the consumers removed with a key, and the warnings for a protected key,
 * for the OpenShift global pull secret, and for a new key that nothing uses.
 */
import { addedKeyNote, removedKeyNote } from "../../core/review/keyNotes";
import { PlanResource } from "../../core/review/render";
import { planDocument, planResource } from "../fakes/planDocuments";

const KEY = "ibm:index/iamServiceApiKey:IamServiceApiKey";
const SECRET = "kubernetes:core/v1:Secret";
const GLOBAL = "registry-access:index:GlobalPullSecretEntries";
const NAMESPACE = "kubernetes:core/v1:Namespace";

const res = (type: string, name: string, dependsOn: string[] = [], extra: Partial<PlanResource> = {}) =>
    planResource(type, name, { dependsOn, ...extra });
const doc = planDocument;

const ROTATED_TAIL = "during the update; the engine deletes it only after all of them are updated";
const KEEP =
    "set registry-access:keepPreviousKey to the keyRotation label it was created with (initial for the first keys) " +
    "for this update, and remove it in the next";
const PROTECTED =
    "WARNING: it is protected (protectIdentity): pulumi up moves its consumers, then stops before deleting it; " +
    KEEP +
    " (the kept key is unprotected), or run pulumi state unprotect on it";
const GLOBAL_WARNING =
    "WARNING: the OpenShift global pull secret uses it, and nodes get that secret from the Machine Config " +
    "Operator minutes after the update, while the key is deleted at its end: pulls on nodes fail until then; " +
    KEEP;
const UNUSED =
    "WARNING: a new key that nothing uses: keepPreviousKey names no key of the committed plan, so this key is " +
    "created rather than kept, and the key it meant is not kept; check the label";

describe("removedKeyNote", () => {
    let oldKey: PlanResource;
    let newKey: PlanResource;
    beforeEach(() => {
        oldKey = res(KEY, "pull-key-r1");
        newKey = res(KEY, "pull-key-r2");
    });

    it("says nothing of a removed resource that is not an API key", () => {
        const secret = res(SECRET, "a.s", [oldKey.urn]);
        expect(removedKeyNote(secret, doc(oldKey, secret), doc(oldKey))).toBeUndefined();
    });

    it("a key nothing used is deleted at the end of the update", () => {
        const unrelated = res(SECRET, "a.s", [newKey.urn]);
        expect(removedKeyNote(oldKey, doc(oldKey, newKey, unrelated), doc(newKey, unrelated))).toBe(
            "deleted at the end of the update; nothing uses it",
        );
    });

    it("a rotated key: its consumers move to the new key first, then it is deleted", () => {
        const ns = res(NAMESPACE, "a");
        const before = [res(SECRET, "a.s", [ns.urn, oldKey.urn]), res(SECRET, "b.s", [oldKey.urn])];
        // The new key is listed among other dependencies (a namespace, a resource the plan does not hold).
        const after = [res(SECRET, "a.s", [ns.urn, newKey.urn]), res(SECRET, "b.s", ["urn:elsewhere", newKey.urn])];
        expect(removedKeyNote(oldKey, doc(ns, oldKey, ...before), doc(ns, newKey, ...after))).toBe(
            `rotated: its 2 consumer(s) move to pull-key-r2 ${ROTATED_TAIL}`,
        );
    });

    it("names every key the consumers move to, once each", () => {
        const third = res(KEY, "push-key-r2");
        const before = [
            res(SECRET, "a.s", [oldKey.urn]),
            res(SECRET, "b.s", [oldKey.urn]),
            res(SECRET, "c.s", [oldKey.urn]),
        ];
        const after = [
            res(SECRET, "a.s", [newKey.urn]),
            res(SECRET, "b.s", [third.urn]),
            res(SECRET, "c.s", [newKey.urn, third.urn]),
        ];
        expect(removedKeyNote(oldKey, doc(oldKey, ...before), doc(newKey, third, ...after))).toBe(
            `rotated: its 3 consumer(s) move to pull-key-r2, push-key-r2 ${ROTATED_TAIL}`,
        );
    });

    it("consumers that move to no key move to other credentials", () => {
        const existing = res(SECRET, "shared");
        const consumer = res(SECRET, "a.s", [oldKey.urn]);
        const moved = res(SECRET, "a.s", [existing.urn]);
        expect(removedKeyNote(oldKey, doc(oldKey, existing, consumer), doc(existing, moved))).toBe(
            `rotated: its 1 consumer(s) move to other credentials ${ROTATED_TAIL}`,
        );
    });

    it("counts the consumers removed with the key, and a consumer still waiting for it as not moved", () => {
        const consumers = [
            res(SECRET, "a.s", [oldKey.urn]),
            res(SECRET, "b.s", [oldKey.urn]),
            res(SECRET, "c.s", [oldKey.urn]),
        ];
        const after = doc(newKey, res(SECRET, "a.s", [newKey.urn]));
        expect(removedKeyNote(oldKey, doc(oldKey, ...consumers), after)).toBe(
            "deleted at the end of the update; 2 of its 3 consumer(s) are removed with it",
        );
        const waiting = doc(newKey, res(SECRET, "a.s", [newKey.urn]), res(SECRET, "b.s", [oldKey.urn]));
        expect(removedKeyNote(oldKey, doc(oldKey, ...consumers.slice(0, 2)), waiting)).toBe(
            "deleted at the end of the update; 1 of its 2 consumer(s) are removed with it",
        );
    });

    it("warns that a protected key stops the update before its deletion", () => {
        const kept = { ...oldKey, options: { protect: true as const } };
        expect(removedKeyNote(kept, doc(kept), doc())).toBe(
            ["deleted at the end of the update; nothing uses it", PROTECTED].join("\n"),
        );
        const retained = { ...oldKey, options: { retainOnDelete: true as const } };
        expect(removedKeyNote(retained, doc(retained), doc())).toBe(
            "deleted at the end of the update; nothing uses it",
        );
    });

    it("warns that the nodes get the global pull secret late; both warnings, protection first", () => {
        const entries = res(GLOBAL, "global-pull-secret", [oldKey.urn]);
        const secret = res(SECRET, "a.s", [oldKey.urn]);
        const kept = { ...oldKey, options: { protect: true as const } };
        const after = doc(newKey, res(GLOBAL, "global-pull-secret", [newKey.urn]), res(SECRET, "a.s", [newKey.urn]));
        expect(removedKeyNote(kept, doc(kept, secret, entries), after)).toBe(
            [`rotated: its 2 consumer(s) move to pull-key-r2 ${ROTATED_TAIL}`, PROTECTED, GLOBAL_WARNING].join("\n"),
        );
        expect(
            removedKeyNote(oldKey, doc(oldKey, secret), doc(newKey, res(SECRET, "a.s", [newKey.urn]))),
        ).not.toContain("WARNING");
    });
});

describe("addedKeyNote", () => {
    it("warns of a new key that nothing uses", () => {
        const key = res(KEY, "pull-key-kept");
        expect(addedKeyNote(key, doc(key, res(SECRET, "a.s")))).toBe(UNUSED);
    });

    it("says nothing of a key something uses, nor of other resources", () => {
        const key = res(KEY, "pull-key-r2");
        expect(addedKeyNote(key, doc(key, res(SECRET, "a.s", [key.urn])))).toBeUndefined();
        const secret = res(SECRET, "a.s");
        expect(addedKeyNote(secret, doc(secret))).toBeUndefined();
    });
});
