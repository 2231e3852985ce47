/** core/input/ownValue.ts: names the user chose read only what a record holds itself. */
import { emptyRecord, ownValue } from "../../core/input/ownValue";

describe("ownValue", () => {
    it("reads a record's own key, and nothing every object inherits", () => {
        const record: Record<string, string[]> = { "team-a": ["images"], constructor: ["own"] };
        expect(ownValue(record, "team-a")).toEqual(["images"]);
        expect(ownValue(record, "constructor")).toEqual(["own"]);
        for (const inherited of ["constructor", "toString", "hasOwnProperty", "__proto__", "missing"]) {
            expect(ownValue<string[]>({ "team-a": ["images"] }, inherited)).toBeUndefined();
        }
        expect(ownValue(undefined, "team-a")).toBeUndefined();
    });
});

describe("emptyRecord", () => {
    it("starts from nothing: a name every object has as a member is added like any other", () => {
        const lists = emptyRecord<string[]>();
        expect(lists.constructor).toBeUndefined();
        for (const name of ["constructor", "team-a", "constructor"]) (lists[name] ??= []).push(name);
        expect({ ...lists }).toEqual({ constructor: ["constructor", "constructor"], "team-a": ["team-a"] });
    });
});
