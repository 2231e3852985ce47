/**
 * core/input/errorText.ts: outside text (IBM Cloud's answers, a transport error) as our messages quote it, cut
 * short with token-shaped runs masked; URLs without credentials, query or fragment. Node's transport errors
 * carry a `code` such as ECONNREFUSED or DEPTH_ZERO_SELF_SIGNED_CERT (node's errors.md, "Common system errors").
 */
import { EXCERPT_LENGTH, hostOf, maskedExcerpt, transportReason, urlForMessage } from "../../core/input/errorText";

/** Shaped as an IBM Cloud API key (44 characters). */
const KEY = "ApIkEy_0123456789abcdefghijklmnopqrstuvwxyz";

describe("quoting outside text", () => {
    test("maskedExcerpt: 200 characters, runs of 24 or more key characters masked, not 23", () => {
        const key23 = "a".repeat(23);
        const key24 = "A1_-.~+/=".repeat(3).slice(0, 24);
        expect(maskedExcerpt(`x ${key23} y ${key24} z`)).toBe(`x ${key23} y [redacted] z`);
        expect(EXCERPT_LENGTH).toBe(200);
        expect(maskedExcerpt("w".repeat(10) + " ".repeat(300))).toBe("w".repeat(10) + " ".repeat(190));
        // Masked, then cut: a key straddling the cut leaves none of its characters behind.
        expect(maskedExcerpt(`${"x ".repeat(90)}${KEY}`)).toBe(`${"x ".repeat(90)}[redacted]`);
        expect(maskedExcerpt(`${"x ".repeat(97)}${KEY}`)).toBe(`${"x ".repeat(97)}[redac`);
    });

    test("urlForMessage and hostOf keep no user, password, query or fragment", () => {
        expect(urlForMessage("https://u:p@h.test:1/a/b?c=d#e")).toBe("https://h.test:1/a/b");
        expect(urlForMessage("not a url")).toBe("(an invalid URL)");
        expect(hostOf("https://u:p@h.test:1/a?b")).toBe("h.test:1");
        expect(hostOf("")).toBe("(an invalid URL)");
    });

    test("transportReason: node's code, else the message masked and cut", () => {
        expect(transportReason(Object.assign(new Error(`reason ${KEY}`), { code: "ECONNRESET" }))).toBe("ECONNRESET");
        expect(transportReason(Object.assign(new Error("x"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toBe(
            "DEPTH_ZERO_SELF_SIGNED_CERT",
        );
        expect(transportReason(Object.assign(new Error(`bad ${KEY}`), { code: "lower" }))).toBe("bad [redacted]");
        expect(transportReason(Object.assign(new Error("e"), { code: 7 }))).toBe("e");
        // Only a whole code of node's shape (upper case, digits, '_') is trusted; anything else is not a code.
        for (const code of ["ECONNreset", "econnRESET", "E CONN", ["ECONNRESET"], ""])
            expect(transportReason(Object.assign(new Error("e"), { code }))).toBe("e");
        expect(transportReason("plain")).toBe("plain");
        expect(transportReason(null)).toBe("null");
    });
});
