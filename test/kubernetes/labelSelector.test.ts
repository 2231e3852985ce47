/**
 * Label selectors as the API server validates and evaluates them. Cases from kubernetes/apimachinery (eed236c):
 * pkg/api/validate/content/kube_test.go (TestIsLabelKey, TestIsLabelValue), the messages of
 * pkg/apis/meta/v1/validation/validation.go:78-103, and Requirement.Matches (pkg/labels/selector.go:247-264).
 */
import {
    isEmptySelector,
    labelKeyErrors,
    labelValueErrors,
    parseLabels,
    readLabelSelector,
    selectorMatches,
    selectorText,
} from "../../core/kubernetes/labelSelector";

/** content.RegexError for a label key's name, byte for byte. */
const NAME_RULE =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("label keys (content.IsLabelKey)", () => {
    it.each([
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "Uppercase_Is_OK_123",
        "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo",
        "a".repeat(63),
        `${"a".repeat(253)}/${"b".repeat(63)}`,
    ])("accepts %s", (key) => expect(labelKeyErrors(key)).toEqual([]));

    it.each([
        "nospecialchars%^=@",
        "cantendwithadash-",
        "-cantstartwithadash-",
        "only/one/slash",
        "Example.com/abc",
        "example_com/abc",
        "example.com/",
        "/simple",
        "a".repeat(64),
        `${"a".repeat(254)}/abc`,
    ])("refuses %s", (key) => expect(labelKeyErrors(key).length).toBeGreaterThan(0));

    it("says what is wrong in the API server's words", () => {
        expect(labelKeyErrors("example.com/")).toEqual([
            "name part must be non-empty",
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ]);
        expect(labelKeyErrors("a".repeat(64))).toEqual(["name part must be no more than 63 bytes"]);
        expect(labelKeyErrors("/simple")).toEqual(["prefix part must be non-empty"]);
        // The prefix as content.IsDNS1123Subdomain judges it, each message with "prefix part " before it.
        const subdomain =
            "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        expect(labelKeyErrors("Example.com/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("example_com/abc")).toEqual([subdomain]);
        expect(labelKeyErrors(`${"a".repeat(254)}/abc`)).toEqual(["prefix part must be no more than 253 bytes"]);
        expect(labelKeyErrors(`${"a".repeat(253)}/abc`)).toEqual([]);
        expect(labelKeyErrors("a-/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("a.-b/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("a.b-/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("a..b/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("a.b.c/abc")).toEqual([]);
        expect(labelKeyErrors("a-b.c-d/abc")).toEqual([]);
        expect(labelKeyErrors("a%b.c/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("a.b%c/abc")).toEqual([subdomain]);
        expect(labelKeyErrors("only/one/slash")).toEqual([
            `a valid label key ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
        ]);
    });
});

describe("label values (content.IsLabelValue)", () => {
    it.each(["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a".repeat(63), ""])(
        "accepts %j",
        (value) => expect(labelValueErrors(value)).toEqual([]),
    );
    it.each([
        "nospecialchars%^=@",
        "Tama-nui-te-rā.is.Māori.sun",
        "\\backslashes\\are\\bad",
        "-starts-with-dash",
        "ends-with-dash-",
        ".starts.with.dot",
        "ends.with.dot.",
        "a".repeat(64),
    ])("refuses %j", (value) => expect(labelValueErrors(value).length).toBeGreaterThan(0));

    it("counts bytes, as Go's len() does, and says what is wrong in the API server's words", () => {
        const rule =
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
        expect(labelValueErrors("a".repeat(64))).toEqual(["must be no more than 63 bytes"]);
        expect(labelValueErrors("ā".repeat(32))).toEqual(["must be no more than 63 bytes", rule]);
        expect(labelValueErrors("ā".repeat(31))).toEqual([rule]);
        expect(labelKeyErrors("ā".repeat(32))).toEqual([
            "name part must be no more than 63 bytes",
            `name part ${NAME_RULE}`,
        ]);
    });
});

describe("selectors as written in a stack file", () => {
    it("reads matchLabels and matchExpressions", () => {
        const raw = {
            matchLabels: { "registry-access.io/pull": "icr" },
            matchExpressions: [
                { key: "environment", operator: "NotIn", values: ["sandbox", "scratch"] },
                { key: "team", operator: "Exists" },
            ],
        };
        expect(readLabelSelector(raw)).toEqual({ value: raw, problems: [] });
    });

    it("reports every problem the API server would, with its path", () => {
        const { value, problems } = readLabelSelector({
            matchLabels: { "bad key": "v", ok: "-bad-" },
            matchExpressions: [
                { key: "a", operator: "In" },
                { key: "b", operator: "Exists", values: ["x"] },
                { key: "c", operator: "Equals", values: ["x"] },
                { key: "d", operator: "In", values: ["ok", "not ok"] },
            ],
            matchFields: {},
        });
        expect(value).toBeUndefined();
        expect(problems.map((p) => [p.path, p.value, p.rule.slice(0, 40)])).toEqual([
            [".matchFields", undefined, "is not a field of a label selector; use "],
            [".matchLabels", "bad key", "name part must consist of alphanumeric c"],
            [".matchLabels", "-bad-", "a valid label must be an empty string or"],
            [".matchExpressions[0].values", undefined, "must be specified when `operator` is 'In"],
            [".matchExpressions[1].values", undefined, "may not be specified when `operator` is "],
            [".matchExpressions[2].operator", "Equals", "not a valid selector operator (In, NotIn"],
            [".matchExpressions[3].values[1]", "not ok", "a valid label must be an empty string or"],
        ]);
    });

    it("refuses every shape that is not a selector, a map of labels, a list or a requirement", () => {
        const selector = "must be a label selector: an object with matchLabels and/or matchExpressions";
        for (const raw of [5, null, ["a"], "x"]) {
            expect(readLabelSelector(raw)).toEqual({
                problems: [{ path: "", value: JSON.stringify(raw), rule: selector }],
            });
        }
        expect(readLabelSelector({ matchLabels: ["a"] }).problems).toEqual([
            { path: ".matchLabels", value: '["a"]', rule: "must be a map of label keys to values" },
        ]);
        expect(readLabelSelector({ matchLabels: "a" }).problems).toEqual([
            { path: ".matchLabels", value: '"a"', rule: "must be a map of label keys to values" },
        ]);
        expect(readLabelSelector({ matchExpressions: { key: "a" } }).problems).toEqual([
            { path: ".matchExpressions", value: '{"key":"a"}', rule: "must be a list of requirements" },
        ]);
        const requirement = "must be an object with key, operator and values";
        expect(readLabelSelector({ matchExpressions: [null, ["a"], "a"] }).problems).toEqual([
            { path: ".matchExpressions[0]", value: "null", rule: requirement },
            { path: ".matchExpressions[1]", value: '["a"]', rule: requirement },
            { path: ".matchExpressions[2]", value: '"a"', rule: requirement },
        ]);
        // Empty parts are left out, so that an empty selector is {} (isEmptySelector).
        expect(readLabelSelector({ matchLabels: {}, matchExpressions: [] })).toStrictEqual({ value: {}, problems: [] });
        expect(readLabelSelector({})).toStrictEqual({ value: {}, problems: [] });
        // Unset parts are no problem.
        expect(readLabelSelector({ matchLabels: null, matchExpressions: [{ key: "a", operator: "Exists" }] })).toEqual({
            value: { matchExpressions: [{ key: "a", operator: "Exists" }] },
            problems: [],
        });
        expect(readLabelSelector({ matchLabels: { a: "b" }, matchExpressions: null })).toEqual({
            value: { matchLabels: { a: "b" } },
            problems: [],
        });
    });

    it("names unknown fields of a requirement sorted, and a key or operator that is no string as empty", () => {
        const { problems } = readLabelSelector({
            matchExpressions: [
                { values: ["x"], operator: "In", zz: 1, key: "a", aa: 2 },
                { key: 5, operator: "DoesNotExist", values: ["x"] },
                { key: "b", operator: 7 },
            ],
        });
        const rule = "is not a field of a requirement; use key, operator and values";
        expect(problems).toEqual([
            { path: ".matchExpressions[0].aa", value: undefined, rule },
            { path: ".matchExpressions[0].zz", value: undefined, rule },
            {
                path: ".matchExpressions[1].values",
                value: undefined,
                rule: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            },
            { path: ".matchExpressions[1].key", value: "", rule: "name part must be non-empty" },
            { path: ".matchExpressions[1].key", value: "", rule: `name part ${NAME_RULE}` },
            {
                path: ".matchExpressions[2].operator",
                value: "",
                rule: "not a valid selector operator (In, NotIn, Exists, DoesNotExist)",
            },
        ]);
    });

    it("refuses what is no selector, and values that are not strings", () => {
        expect(readLabelSelector(["a"]).problems[0].rule).toMatch(/must be a label selector/);
        expect(readLabelSelector({ matchLabels: { tier: 1 } }).problems).toEqual([
            { path: ".matchLabels.tier", value: "1", rule: "must be a string (quote it in YAML)" },
        ]);
        expect(readLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: [1] }] }).problems).toEqual([
            {
                path: ".matchExpressions[0].values",
                value: "[1]",
                rule: "must be a list of strings (quote numbers in YAML)",
            },
        ]);
    });
});

describe("selectors as written in a stack file: every shape error, in full", () => {
    it("refuses what is no object, and reads null or empty parts as absent", () => {
        for (const raw of [null, "x", 5]) {
            expect(readLabelSelector(raw)).toStrictEqual({
                problems: [
                    {
                        path: "",
                        value: JSON.stringify(raw),
                        rule: "must be a label selector: an object with matchLabels and/or matchExpressions",
                    },
                ],
            });
        }
        expect(readLabelSelector({ matchLabels: null, matchExpressions: null })).toStrictEqual({
            value: {},
            problems: [],
        });
        expect(readLabelSelector({ matchLabels: {}, matchExpressions: [] })).toStrictEqual({ value: {}, problems: [] });
    });

    it("names unknown fields in order, and parts of the wrong type", () => {
        expect(readLabelSelector({ zeta: 1, alpha: 1, matchLabels: "x", matchExpressions: "x" })).toStrictEqual({
            problems: [
                {
                    path: ".alpha",
                    value: undefined,
                    rule: "is not a field of a label selector; use matchLabels or matchExpressions",
                },
                {
                    path: ".zeta",
                    value: undefined,
                    rule: "is not a field of a label selector; use matchLabels or matchExpressions",
                },
                { path: ".matchLabels", value: '"x"', rule: "must be a map of label keys to values" },
                { path: ".matchExpressions", value: '"x"', rule: "must be a list of requirements" },
            ],
        });
    });

    it("reads each requirement's shape, its operator's values and its key", () => {
        const { problems } = readLabelSelector({
            matchExpressions: [
                7,
                { zeta: 1, alpha: 1, key: 5, operator: 5 },
                { key: "a", operator: "DoesNotExist", values: ["x"] },
                { key: "b/c/d", operator: "Exists" },
            ],
        });
        expect(problems).toStrictEqual([
            { path: ".matchExpressions[0]", value: "7", rule: "must be an object with key, operator and values" },
            {
                path: ".matchExpressions[1].alpha",
                value: undefined,
                rule: "is not a field of a requirement; use key, operator and values",
            },
            {
                path: ".matchExpressions[1].zeta",
                value: undefined,
                rule: "is not a field of a requirement; use key, operator and values",
            },
            {
                path: ".matchExpressions[1].operator",
                value: "",
                rule: "not a valid selector operator (In, NotIn, Exists, DoesNotExist)",
            },
            { path: ".matchExpressions[1].key", value: "", rule: "name part must be non-empty" },
            { path: ".matchExpressions[1].key", value: "", rule: `name part ${NAME_RULE}` },
            {
                path: ".matchExpressions[2].values",
                value: undefined,
                rule: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            },
            {
                path: ".matchExpressions[3].key",
                value: "b/c/d",
                rule: `a valid label key ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
            },
        ]);
    });
});

describe("evaluation (LabelSelectorAsSelector, Requirement.Matches)", () => {
    const labels = { env: "prod", team: "a" };
    it.each([
        [{ matchLabels: { env: "prod" } }, true],
        [{ matchLabels: { env: "dev" } }, false],
        [{ matchLabels: { env: "prod", zone: "x" } }, false],
        [{ matchExpressions: [{ key: "env", operator: "In" as const, values: ["dev", "prod"] }] }, true],
        [{ matchExpressions: [{ key: "zone", operator: "In" as const, values: ["x"] }] }, false],
        // NotIn and DoesNotExist match an object without the label (selector.go:255-264).
        [{ matchExpressions: [{ key: "zone", operator: "NotIn" as const, values: ["x"] }] }, true],
        [{ matchExpressions: [{ key: "env", operator: "NotIn" as const, values: ["prod"] }] }, false],
        [{ matchExpressions: [{ key: "env", operator: "In" as const, values: ["dev"] }] }, false],
        [{ matchExpressions: [{ key: "env", operator: "NotIn" as const, values: ["dev"] }] }, true],
        [{ matchExpressions: [{ key: "team", operator: "Exists" as const }] }, true],
        [{ matchExpressions: [{ key: "team", operator: "DoesNotExist" as const }] }, false],
        [{ matchExpressions: [{ key: "zone", operator: "DoesNotExist" as const }] }, true],
        [{ matchExpressions: [{ key: "env", operator: "In" as const, values: ["dev"] }] }, false],
        [{ matchExpressions: [{ key: "env", operator: "NotIn" as const, values: ["dev"] }] }, true],
    ])("%j on env=prod,team=a: %s", (selector, expected) => expect(selectorMatches(selector, labels)).toBe(expected));

    it("an empty selector matches everything (which is why a stack's {} means unset)", () => {
        expect(isEmptySelector({})).toBe(true);
        expect(selectorMatches({}, {})).toBe(true);
        expect(isEmptySelector({ matchLabels: { a: "b" } })).toBe(false);
        expect(isEmptySelector({ matchLabels: { a: "b" }, matchExpressions: [{ key: "c", operator: "Exists" }] })).toBe(
            false,
        );
    });

    it("prints as labels.Selector's String(): sorted by key, values sorted", () => {
        expect(
            selectorText({
                matchLabels: { "registry-access.io/pull": "icr" },
                matchExpressions: [
                    { key: "environment", operator: "NotIn", values: ["scratch", "sandbox"] },
                    { key: "zone", operator: "DoesNotExist" },
                    { key: "app", operator: "Exists" },
                ],
            }),
        ).toBe("app,environment notin (sandbox,scratch),registry-access.io/pull=icr,!zone");
        // In, values sorted with duplicates kept; a label and a requirement on one key keep their order (Go's
        // sort.Sort on so few is an insertion sort).
        expect(
            selectorText({
                matchLabels: { b: "x" },
                matchExpressions: [
                    { key: "b", operator: "Exists" },
                    { key: "a", operator: "In", values: ["z", "y", "z"] },
                ],
            }),
        ).toBe("a in (y,z,z),b=x,b");
    });
});

describe("--namespace-labels", () => {
    it("reads k=v pairs, refusing bad keys and values and repeated keys", () => {
        expect(parseLabels("team=a,env=prod")).toEqual({ labels: { team: "a", env: "prod" }, problems: [] });
        expect(parseLabels("")).toEqual({ labels: {}, problems: [] });
        expect(parseLabels("team,a=b,a=c").problems).toEqual(['"team" is not KEY=VALUE', '"a" is given twice']);
        // A key named like a member of every JavaScript object is given once.
        expect(parseLabels("constructor=a")).toEqual({ labels: { constructor: "a" }, problems: [] });
        expect(parseLabels("team")).toEqual({ problems: ['"team" is not KEY=VALUE'] });
        expect(parseLabels("=x,a=-b").problems).toEqual([
            '"=x": name part must be non-empty',
            `"=x": name part ${NAME_RULE}`,
            `"a=-b": ${labelValueErrors("-b")[0]}`,
        ]);
    });
});
