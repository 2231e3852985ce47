/** core/input/json.ts: JSON text or nothing, never an exception. */
import { parseJson } from "../../core/input/json";

describe("parseJson", () => {
    it("reads every kind of JSON value", () => {
        expect(['{"a":[1]}', "[]", "null", "7", '"x"', "false"].map(parseJson)).toEqual([
            { a: [1] },
            [],
            null,
            7,
            "x",
            false,
        ]);
    });

    it("reads text that is not JSON, or no text, as undefined", () => {
        for (const text of ["", "{not json", "undefined", "'x'", undefined]) expect(parseJson(text)).toBeUndefined();
    });
});
