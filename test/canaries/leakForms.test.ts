import { base64AtAnyOffset, leakForms } from "../fakes/leakForms";

it("finds a canary's base64 wherever it sits inside a larger base64 blob", () => {
    const canary = "CANARY-offset-check-1234";
    const forms = base64AtAnyOffset(canary);
    for (let before = 0; before < 7; before++) {
        for (let after = 0; after < 4; after++) {
            const blob = Buffer.from(`${"x".repeat(before)}${canary}${"y".repeat(after)}`).toString("base64");
            expect(forms.some((f) => f.length >= 20 && blob.includes(f))).toBe(true);
        }
    }
    expect(forms.some((f) => Buffer.from("CANARY-other-value-00000").toString("base64").includes(f))).toBe(false);
    expect(leakForms(canary, ["iamapikey"])).toContain(Buffer.from(`iamapikey:${canary}`).toString("base64"));
});
