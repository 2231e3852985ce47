import {
    EXPIRY_WARNING_DAYS,
    expiresAt,
    expiryNotice,
    isCalendarDate,
    keyLabels,
    keyLifecycleOf,
    keyName,
} from "../../core/iam/keyLifecycle";
import { INTENT_MARKER, intentMarker, intentOf, roleIntentProblems } from "../../core/iam/roleIntent";

describe("key names", () => {
    it("keep the first key's name, and suffix later labels", () => {
        expect(keyName("c1-registry-pull-key", "")).toBe("c1-registry-pull-key");
        expect(keyName("c1-registry-pull-key", "initial")).toBe("c1-registry-pull-key");
        expect(keyName("c1-registry-pull-key", "2027-01")).toBe("c1-registry-pull-key-2027-01");
    });

    it("keep a former key only when it is another one than the current", () => {
        expect(keyLabels({ rotation: "3", keepPrevious: "2", protect: false })).toStrictEqual({
            current: "3",
            kept: "2",
        });
        expect(keyLabels({ rotation: "", keepPrevious: "initial", protect: false })).toStrictEqual({ current: "" });
        expect(keyLabels({ rotation: "2", keepPrevious: "2", protect: false })).toStrictEqual({ current: "2" });
        expect(keyLabels({ rotation: "2", protect: false })).toStrictEqual({ current: "2" });
    });

    it("read the stack's keys", () => {
        expect(keyLifecycleOf({ protectIdentity: false })).toStrictEqual({ rotation: "", protect: false });
        expect(
            keyLifecycleOf({
                keyRotation: "2",
                keepPreviousKey: "initial",
                keyExpiry: "2027-01-31",
                protectIdentity: true,
            }),
        ).toStrictEqual({ rotation: "2", keepPrevious: "initial", expiry: "2027-01-31", protect: true });
    });
});

describe("expiry", () => {
    it("is written as the provider's 'yyyy-MM-ddTHH:mm+0000'", () => {
        expect(expiresAt("2027-06-30")).toBe("2027-06-30T00:00+0000");
    });

    it.each([
        ["2027-02-28", true],
        ["2028-02-29", true],
        ["2027-02-29", false],
        ["2027-13-01", false],
        ["2027-1-01", false],
        ["27-01-01", false],
        ["2027-01-01T00:00", false],
    ])("%s is a calendar date: %s", (s, ok) => expect(isCalendarDate(s)).toBe(ok));

    it("is silent until the warning window, warns in it, and fails from the day itself", () => {
        const now = new Date("2027-06-01T12:00:00Z");
        expect(expiryNotice(undefined, now)).toBeUndefined();
        expect(expiryNotice("2027-08-01", now)).toBeUndefined();
        expect(EXPIRY_WARNING_DAYS).toBe(30);
        expect(expiryNotice("2027-07-01", now)).toEqual({
            level: "warn",
            message:
                "registry-access:keyExpiry 2027-07-01 is 30 day(s) away: pulls fail from then on; set a later " +
                "registry-access:keyExpiry (an update in place) or rotate with a new registry-access:keyRotation",
        });
        expect(expiryNotice("2027-07-02", now)).toBeUndefined();
        expect(expiryNotice("2027-06-02", now)?.level).toBe("warn");
        expect(expiryNotice("2027-06-01", now)?.level).toBe("error");
        expect(expiryNotice("2026-01-01", now)?.message).toMatch(/^registry-access:keyExpiry 2026-01-01 has passed/);
    });

    it("fails from the first moment of the day, and warns from the first moment of the window", () => {
        const midnight = new Date("2027-06-01T00:00:00Z");
        expect(expiryNotice("2027-06-01", midnight)).toEqual({
            level: "error",
            message:
                "registry-access:keyExpiry 2027-06-01 has passed: the registry keys no longer authenticate; set a " +
                "later registry-access:keyExpiry (an update in place) or rotate with a new registry-access:keyRotation",
        });
        expect(expiryNotice("2027-07-01", midnight)?.message).toMatch(/ is 30 day\(s\) away: /);
        expect(expiryNotice("2027-06-02", new Date("2027-06-01T00:00:01Z"))?.message).toMatch(/ is 1 day\(s\) away: /);
    });
});

describe("roleIntent", () => {
    it("is what the highest role amounts to", () => {
        expect(["Reader", "Writer", "Manager"].map((r) => intentOf([r]))).toEqual(["pull", "push", "admin"]);
        expect(intentOf(["Manager", "Reader"])).toBe("admin");
    });

    it("must agree with roles, reported on the key that goes further", () => {
        expect(roleIntentProblems(["Reader"], "pull")).toEqual([]);
        expect(roleIntentProblems(["Reader", "Writer"], "push")).toEqual([]);
        expect(roleIntentProblems(["Manager"], "admin")).toEqual([]);
        expect(roleIntentProblems(["Reader", "Writer"], "pull")).toEqual([
            {
                path: "roles",
                value: "Reader, Writer",
                rule:
                    "grants Writer: push and delete images in every namespace in scope, into every pull secret; " +
                    "set registry-access:roleIntent to push if you mean it, or keep roles at Reader",
            },
        ]);
        expect(roleIntentProblems(["Manager"], "push").map((p) => [p.path, p.rule.split(";")[1]])).toEqual([
            ["roles", " set registry-access:roleIntent to admin if you mean it, or keep roles at Reader"],
        ]);
        expect(roleIntentProblems(["Writer"], "admin")).toEqual([
            {
                path: "roleIntent",
                value: "admin",
                rule: "asks for Manager, but roles grants only Writer: push and delete images in every namespace in scope; make roles and roleIntent agree",
            },
        ]);
    });

    it("is recorded in a form the policy pack recognises, only beyond Reader", () => {
        expect(intentMarker("pull", "roleIntent")).toBe("");
        expect(intentMarker("push", "builderPush")).toBe(" (intent: push, from builderPush)");
        expect(INTENT_MARKER.exec(`Reader, Writer on x${intentMarker("admin", "roleIntent")}`)?.[1]).toBe("admin");
    });
});
