/** core/input/problems.ts: a problem that several namespaces (or list elements) share is reported once. */
import { PathProblem, uniqueProblems } from "../../core/input/problems";

describe("uniqueProblems", () => {
    test("drops a repeat of path, value and rule, keeping the first of each in order", () => {
        const a: PathProblem = { path: "[0].server", value: "x", rule: "must be a host" };
        const b: PathProblem = { path: "[1].password", rule: "must not be empty" };
        expect(uniqueProblems([a, b, { ...a }, b, { ...b }])).toStrictEqual([a, b]);
        expect(uniqueProblems([])).toStrictEqual([]);
    });

    test("problems differing in path, value or rule alone are all kept", () => {
        const base: PathProblem = { path: "p", value: "v", rule: "r" };
        const all: PathProblem[] = [
            base,
            { ...base, path: "q" },
            { ...base, value: "w" },
            { path: "p", rule: "r" },
            { ...base, rule: "s" },
        ];
        expect(uniqueProblems(all)).toStrictEqual(all);
    });

    test("other fields are no part of a problem: the first object is kept as it is", () => {
        const tagged = { path: "p", rule: "r", key: "registries" };
        expect(uniqueProblems([tagged, { path: "p", rule: "r", key: "other" }])[0]).toBe(tagged);
    });
});
