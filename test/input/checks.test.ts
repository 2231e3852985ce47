/**
 * core/input/checks.ts: the object references a config value names. Kubernetes names a namespace with a
 * DNS-1123 label (at most 63 characters, no '.') and most objects, Secrets and BuildConfigs among them, with
 * a DNS-1123 subdomain (apimachinery pkg/util/validation/validation.go: IsDNS1123Label, IsDNS1123Subdomain).
 */
import {
    ANY_STRING,
    DNS1123_LABEL,
    DNS1123_SUBDOMAIN,
    NAMESPACED_NAME,
    SECRET_REFERENCE,
    matching,
    oneOf,
} from "../../core/input/checks";

const LONG_LABEL = "a".repeat(64); // one over a label's 63, still a valid subdomain

describe("NAMESPACED_NAME", () => {
    it.each([
        ["team-a/api", { namespace: "team-a", name: "api" }],
        ["team-a/api.v2", { namespace: "team-a", name: "api.v2" }], // a subdomain may hold '.'
        [`team-a/${LONG_LABEL}`, { namespace: "team-a", name: LONG_LABEL }],
    ])("reads %s", (text, ref) => {
        expect(NAMESPACED_NAME.accept(text)).toEqual(ref);
    });

    it.each([
        ["api", "no '/'"],
        ["team-a/api/extra", "a second '/'"],
        ["team.a/api", "a namespace is a label: no '.'"],
        [`${LONG_LABEL}/api`, "a namespace of 64 characters"],
        ["team-a/Api", "upper case in the name"],
        ["team-a/", "no name"],
        ["/api", "no namespace"],
    ])("refuses %s (%s)", (text) => {
        expect(NAMESPACED_NAME.accept(text)).toBeUndefined();
    });
});

describe("SECRET_REFERENCE", () => {
    it("reads NAME as the Secret of that name in each namespace", () => {
        expect(SECRET_REFERENCE.accept("signing-key")).toEqual({ name: "signing-key" });
        expect(SECRET_REFERENCE.accept("signing.key")).toEqual({ name: "signing.key" });
    });

    it("reads NAMESPACE/NAME as the Secret in that namespace", () => {
        expect(SECRET_REFERENCE.accept("keys/signing-key")).toEqual({ namespace: "keys", name: "signing-key" });
    });

    it.each(["Signing-Key", "keys/signing-key/x", "keys.x/signing-key", "-key", ""])("refuses %j", (text) => {
        expect(SECRET_REFERENCE.accept(text)).toBeUndefined();
    });
});

// apimachinery at eed236ce, pkg/util/validation/validation_test.go:27-90 (TestIsDNS1123Label, TestIsDNS1123Subdomain).
const LABEL_GOOD = [
    "a",
    "ab",
    "abc",
    "a1",
    "a-1",
    "a--1--2--b",
    "0",
    "01",
    "012",
    "1a",
    "1-a",
    "1--a--b--2",
    "a".repeat(63),
];
const LABEL_BAD = [
    ...["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1"],
    ...["_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2"],
    ...[" ", "a ", " a", "a b", "1 ", " 1", "1 2", "a".repeat(64)],
];
const SUBDOMAIN_GOOD = [
    ...["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2"],
    ...["a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1"],
    ...["a--1--2--b.1", "0.a", "01.a", "012.a", "1a.a", "1-a.a", "0.1", "01.1", "012.1", "1a.1", "1-a.1"],
    ...["1--a--b--2.1", "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "a".repeat(253)],
];
const SUBDOMAIN_BAD = [
    ...["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1"],
    ...["_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2"],
    ...[" ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a", "a1.A"],
    ...["A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A"],
    ...["A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b"],
    ...["a:b", "a%b", "a?b", "a$b", "a".repeat(254)],
];

describe("DNS-1123 names, held to apimachinery's own tables", () => {
    test("DNS1123_LABEL", () => {
        for (const s of LABEL_GOOD) expect(DNS1123_LABEL.accept(s)).toBe(s);
        for (const s of LABEL_BAD) expect(DNS1123_LABEL.accept(s)).toBeUndefined();
    });

    test("DNS1123_SUBDOMAIN", () => {
        for (const s of SUBDOMAIN_GOOD) expect(DNS1123_SUBDOMAIN.accept(s)).toBe(s);
        for (const s of SUBDOMAIN_BAD) expect(DNS1123_SUBDOMAIN.accept(s)).toBeUndefined();
    });
});

describe("the generic checks", () => {
    test("matching: the whole pattern, and at most maxLength characters", () => {
        const check = matching(/^x+$/, 3, "must be x, x, x");
        expect(check.rule).toBe("must be x, x, x");
        expect(["x", "xxx", "xxxx", "xy"].map((s) => check.accept(s))).toEqual(["x", "xxx", undefined, undefined]);
    });

    test("oneOf: one of the names, case and all", () => {
        const check = oneOf(["Always", "IfNotPresent"], "must be Always or IfNotPresent");
        expect(check.rule).toBe("must be Always or IfNotPresent");
        expect(["Always", "IfNotPresent", "always", "Never", ""].map((s) => check.accept(s))).toEqual([
            "Always",
            "IfNotPresent",
            undefined,
            undefined,
            undefined,
        ]);
    });

    test("ANY_STRING takes every string as it is", () => {
        for (const s of ["", "a b", "ctx/with:odd@chars"]) expect(ANY_STRING.accept(s)).toBe(s);
    });
});
