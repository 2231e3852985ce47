/**
 * core/input/checks.ts: the object references a config value names. Kubernetes names a namespace with a
 * DNS-1123 label (at most 63 characters, no '.') and most objects, Secrets and BuildConfigs among them, with
 * a DNS-1123 subdomain (apimachinery pkg/util/validation/validation.go: IsDNS1123Label, IsDNS1123Subdomain).
 */
import { NAMESPACED_NAME, SECRET_REFERENCE } from "../../core/input/checks";

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
