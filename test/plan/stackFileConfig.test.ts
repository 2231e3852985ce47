/**
 * plan/readStackFiles.ts gives the program each config value as the Pulumi CLI would. Rows come from
 * Pulumi's own tests (github.com/pulumi/pulumi at 1b5949891b3cefcb9974752b24a5ecef0acc86c8, named per
 * block) and from the cases that once went wrong here. Every value row's expected string was also checked
 * against gopkg.in/yaml.v3 v3.0.1 with Pulumi's LoadProjectStackBytes and config/object.go decoding copied
 * around it (a secret shows as the CLI passes it once decrypted, with the plan's marker `[secret]`, as
 * map_test.go TestDecrypt's blinding decrypter shows it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFiles } from "../../plan/readStackFiles";

const PROJECT = "name: registry-access\nruntime: nodejs\n";
/** Declarations like core/config/contract.ts's, one of each type. */
const TYPED =
    PROJECT +
    "config:\n" +
    "  namespaces:\n    type: array\n    items:\n      type: string\n    default: []\n" +
    "  count:\n    type: integer\n    default: 1\n" +
    "  flag:\n    type: boolean\n    default: false\n" +
    "  labels:\n    type: object\n    default: {}\n" +
    "  grid:\n    type: array\n    items:\n      type: array\n      items:\n        type: integer\n    default: []\n";
const TYPED_DEFAULTS = {
    "registry-access:count": "1",
    "registry-access:flag": "false",
    "registry-access:grid": "[]",
    "registry-access:labels": "{}",
    "registry-access:namespaces": "[]",
};

/** A project dir holding `files` (Pulumi.yaml, Pulumi.<stack>.yaml, esc/…). */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function projectDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-stackfile-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

function read(stackFile: string, files: Record<string, string> = {}, pulumiYaml = PROJECT) {
    return readStackFiles(projectDir({ "Pulumi.yaml": pulumiYaml, "Pulumi.s.yaml": stackFile, ...files }), "s");
}

function errorOf(stackFile: string, files: Record<string, string> = {}, pulumiYaml = PROJECT): string {
    try {
        read(stackFile, files, pulumiYaml);
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("expected an error");
}

describe("a value as the CLI passes it (registry-access:k: <value>)", () => {
    // [YAML as written after `registry-access:k: `, the string the program reads, a secret]
    const rows: [string, string, boolean][] = [
        // The cases of this task: yaml.v3 types plain scalars (resolve.go v3.0.1 `resolve`).
        ["0x1F", "31", false],
        ["True", "true", false],
        ["yes", "yes", false],
        ["1e3", "1000", false],
        ['"007"', "007", false],
        ["007", "7", false],
        ["'[\"team-a\"]'", '["team-a"]', false],
        ["[team-a]", '["team-a"]', false],
        ["{b: 2, a: {c: [x, 1]}}", '{"a":{"c":["x",1]},"b":2}', false],
        ["{secure: v1:abc}", "[secret]", true],
        ["[a, {secure: v1:abc}]", '["a","[secret]"]', true],
        // loaders_test.go TestEmptyValueWarning: null, ~ and "" are all "".
        ["null", "", false],
        ["~", "", false],
        ['""', "", false],
        // map_test.go TestMarshalling (YAML rows, namespace `registry-access` for `my`).
        ["anotherTestValue", "anotherTestValue", false],
        // A word every JavaScript object has as a member is a string like any other (resolve.go's map holds none).
        ["constructor", "constructor", false],
        ["[constructor, toString]", '["constructor","toString"]', false],
        ["[a, b, c]", '["a","b","c"]', false],
        ["{a: b, c: d}", '{"a":"b","c":"d"}', false],
        ["[{port: 80, host: example}]", '[{"host":"example","port":80}]', false],
        ["{nums: [1, 2, 3]}", '{"nums":[1,2,3]}', false],
        ["{a: {secure: securevalue}, c: d}", '{"a":"[secret]","c":"d"}', true],
        [
            "[{port: 80, host: example, token: {secure: securevalue}}]",
            '[{"host":"example","port":80,"token":"[secret]"}]',
            true,
        ],
        ["{a: {secure: foo, bar: blah}, c: d}", '{"a":{"bar":"blah","secure":"foo"},"c":"d"}', false],
        // map_test.go TestMarshalMap.
        ["{nested: 12321123131}", '{"nested":12321123131}', false],
        ["{nested: [4.2]}", '{"nested":[4.2]}', false],
        ["{nested: {foo: 4.2}}", '{"nested":{"foo":4.2}}', false],
        // value_test.go TestHasSecureValue.
        ["[a, b, c]", '["a","b","c"]', false],
        [
            "{foo: bar, hi: {secure: securevalue, but: not}}",
            '{"foo":"bar","hi":{"but":"not","secure":"securevalue"}}',
            false,
        ],
        ["[a, b, {secure: securevalue}]", '["a","b","[secret]"]', true],
        ["{foo: bar, array: [a, b, {secure: securevalue}]}", '{"array":["a","b","[secret]"],"foo":"bar"}', true],
        [
            "{foo: bar, map: {nest: blah, hi: {secure: securevalue}}}",
            '{"foo":"bar","map":{"hi":"[secret]","nest":"blah"}}',
            true,
        ],
        // object.go isSecureValue: only a string is a ciphertext.
        ["{secure: 5}", '{"secure":5}', false],
        ["{secure: ~}", '{"secure":null}', false],
        // config_project_test.go TestStackConfigUInt64.
        ["18446744073709551615", "18446744073709551615", false],
        // resolve.go v3.0.1: ints by strconv.ParseInt(s, 0, 64) without `_`, else uint64, else a float.
        ["0o17", "15", false],
        ["0b101", "5", false],
        ["-0b101", "-5", false],
        ["0777", "511", false],
        ["089", "89", false],
        ["1_000", "1000", false],
        ["+5", "5", false],
        ["9223372036854775808", "9223372036854775808", false],
        ["18446744073709551616", "18446744073709552000", false],
        ["-9223372036854775809", "-9223372036854776000", false],
        [".5", "0.5", false],
        ["-0.0", "0", false],
        ["100000.0", "100000", false],
        ["1e6", "1000000", false],
        ["1e21", "1e+21", false],
        ["1.5e-7", "1.5e-7", false],
        ["1e400", "1e400", false],
        ["FALSE", "false", false],
        ["off", "off", false],
        ["0x", "0x", false],
        // Timestamps become Go time.Time and reach the program as its String() (object.go:490-491).
        ["2024-01-02", "2024-01-02 00:00:00 +0000 UTC", false],
        ["2001-12-14 21:59:43.10", "2001-12-14 21:59:43.1 +0000 UTC", false],
        ["2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.1 -0500 -0500", false],
        ["2024-02-30", "2024-02-30", false],
        ["'2024-01-02'", "2024-01-02", false],
        // Non-string keys inside a value become fmt "%v" of the key (object.go:505-510).
        [
            "{1: a, true: b, 1.5: c, ~: d, 0x10: e}",
            '{"1":"a","1.5":"c","16":"e","\\u003cnil\\u003e":"d","true":"b"}',
            false,
        ],
        // encoding/json escapes <, >, &.
        ['{"<tag>": "a&b"}', '{"\\u003ctag\\u003e":"a\\u0026b"}', false],
        ["|\n    literal 0x1F", "literal 0x1F\n", false],
        ['[1, "1", true, x, ~, 1.0]', '[1,"1",true,"x",null,1]', false],
        ["&anchor {a: 1}", '{"a":1}', false],
    ];
    it.each(rows)("%s → %s", (yamlValue, expected, secret) => {
        const read1 = read(`config:\n  registry-access:k: ${yamlValue}\n`);
        expect(read1.config).toEqual({ "registry-access:k": expected });
        expect(read1.secretKeys).toEqual(secret ? ["registry-access:k"] : []);
    });

    it("warns, as the CLI does, about a key with no value", () => {
        expect(
            read("config:\n  registry-access:a:\n  registry-access:b: ~\n  registry-access:c: ''\n").warnings,
        ).toEqual([
            'Pulumi.s.yaml:2: registry-access:a has no value: the Pulumi CLI passes it as "" and warns that a later version will pass null; write "" to say so',
            'Pulumi.s.yaml:3: registry-access:b has no value: the Pulumi CLI passes it as "" and warns that a later version will pass null; write "" to say so',
        ]);
    });
});

describe("keys (config.ParseKey, key.go; stack keys without ':' are the project's, loaders.go:51-89)", () => {
    it("key_test.go TestParseKey: <ns>:<name> and <ns>:config:<name> are keys", () => {
        expect(read("config:\n  test:config:key: a\n  test:key2: b\n").config).toEqual({
            "test:key": "a",
            "test:key2": "b",
        });
    });

    it("config_project_test.go TestLoadingStackConfigWithoutNamespacingTheProject", () => {
        const project = "name: test\nruntime: dotnet\nconfig:\n  aws:region: us-west-1\n  instanceSize: t3.micro\n";
        expect(read("config:\n  instanceSize: t4.large\n", {}, project).config).toEqual({
            "aws:region": "us-west-1",
            "test:instanceSize": "t4.large",
        });
    });

    it("key_test.go TestParseKey: test:data:key is refused, without the text after its second ':'", () => {
        expect(errorOf("config:\n  test:data:key: a\n  registry-access:apiKey:CANARY-SECRET-1234: x\n")).toBe(
            "Pulumi.s.yaml:2: test:data:… is not a configuration key: a configuration key is <namespace>:<name>, or <name> alone for this project's own keys (config.ParseKey)\n" +
                "Pulumi.s.yaml:3: registry-access:apiKey:… is not a configuration key: a configuration key is <namespace>:<name>, or <name> alone for this project's own keys (config.ParseKey)",
        );
    });

    it("a key written with and without its namespace, or in the old config: form, is an error, not last-wins", () => {
        expect(
            errorOf("config:\n  cluster: a\n  registry-access:cluster: b\n  registry-access:config:cluster: c\n"),
        ).toBe(
            "Pulumi.s.yaml:3: registry-access:cluster is set twice (also at line 2)\n" +
                "Pulumi.s.yaml:4: registry-access:cluster is set twice (also at line 2)",
        );
    });

    it("a duplicate YAML key is an error (yaml.v3 decode.go `mapping`), quoted or not, named with its path", () => {
        // Once js-yaml's "duplicated mapping key", naming neither the key nor its first line.
        expect(errorOf("config:\n  registry-access:a: 1\n  registry-access:a: 2\n")).toBe(
            "Pulumi.s.yaml:3: registry-access:a is written twice (also at line 2)",
        );
        // One key to yaml.v3 (same text), so written twice, as above (it was "set twice", as two spellings are).
        expect(errorOf("config:\n  registry-access:a: 1\n  'registry-access:a': 2\n")).toBe(
            "Pulumi.s.yaml:3: registry-access:a is written twice (also at line 2)",
        );
        // Once "registry-access:a: a key inside it is written twice in one map", without the key.
        expect(errorOf("config:\n  registry-access:a: {b: 1, 'b': 2}\n")).toBe(
            "Pulumi.s.yaml:2: registry-access:a.b is written twice (also at line 2)",
        );
    });

    it("a configuration key that YAML reads as a number is refused", () => {
        expect(errorOf("config:\n  1: a\n")).toBe(
            "Pulumi.s.yaml:2: a configuration key is an integer; a configuration key is <namespace>:<name>, or <name> alone for this project's own keys (config.ParseKey)",
        );
    });
});

describe("keys written twice, at any depth (yaml.v3 v3.0.1 decode.go:767-781: every one refused)", () => {
    it("names each key written again in a stack file, with its line and the first one's, never a value", () => {
        const message = errorOf(
            "config:\n" +
                "  registry-access:cluster: CANARY-1\n" +
                "  namespaces: [CANARY-2]\n" +
                "  registry-access:cluster: CANARY-3\n" +
                "  namespaces: [CANARY-4]\n" +
                "  registry-access:cluster: CANARY-5\n",
        );
        expect(message).toBe(
            "Pulumi.s.yaml:4: registry-access:cluster is written twice (also at line 2)\n" +
                "Pulumi.s.yaml:5: registry-access:namespaces is written twice (also at line 3)\n" +
                "Pulumi.s.yaml:6: registry-access:cluster is written twice (also at line 2)",
        );
        expect(message).not.toContain("CANARY");
        expect(errorOf("config:\n  cluster: a\nconfig:\n  cluster: b\n")).toBe(
            "Pulumi.s.yaml:3: config is written twice (also at line 1)",
        );
    });

    it("names a key inside a structured value by its path: the config key, list indexes and map keys", () => {
        const registries =
            "config:\n" +
            "  registries:\n" +
            "    - type: icr\n" +
            "    - type: private\n" +
            "      server: CANARY.example\n" +
            "      username: u\n" +
            "      server: CANARY.example\n" +
            "      password:\n" +
            "        secure: v1:a\n" +
            "        secure: v1:b\n";
        const message = errorOf(registries);
        expect(message).toBe(
            "Pulumi.s.yaml:7: registry-access:registries[1].server is written twice (also at line 5)\n" +
                "Pulumi.s.yaml:10: registry-access:registries[1].password.secure is written twice (also at line 9)",
        );
        expect(message).not.toContain("CANARY");
        // A key written as another key's text: `? key` explicit keys, `1` and `0x1` (one key, "1", to the CLI).
        expect(errorOf("config:\n  ? registry-access:a\n  : 1\n  ? registry-access:a\n  : 2\n")).toBe(
            "Pulumi.s.yaml:4: registry-access:a is written twice (also at line 2)",
        );
        expect(errorOf("config:\n  registry-access:a: [{1: a, 0x1: b}]\n")).toBe(
            "Pulumi.s.yaml:2: registry-access:a[0].1 is written twice (also at line 2)",
        );
        // An explicit key on the line after its `?`, which the tree does not see as a key: js-yaml's refusal.
        expect(errorOf("config:\n  ?\n    registry-access:a\n  : 1\n  ?\n    registry-access:a\n  : 2\n")).toBe(
            "Pulumi.s.yaml:5: column 4: YAML syntax error: duplicated mapping key",
        );
    });

    it("in Pulumi.yaml, named by the path from its top", () => {
        const project =
            "name: registry-access\nruntime: nodejs\nconfig:\n" +
            "  count:\n    type: integer\n    default: 1\n    type: integer\n" +
            "  flag: {type: boolean, type: boolean}\n" +
            "runtime: nodejs\n";
        expect(errorOf("config: {}\n", {}, project)).toBe(
            "Pulumi.yaml:7: config.count.type is written twice (also at line 5)\n" +
                "Pulumi.yaml:8: config.flag.type is written twice (also at line 8)\n" +
                "Pulumi.yaml:9: runtime is written twice (also at line 2)",
        );
    });

    it("in an ESC definition: an error inside values (eval.go), a warning elsewhere, where ESC reads the last", () => {
        const files = {
            "esc/e.yaml":
                "values:\n  pulumiConfig:\n    cluster: CANARY-1\n    cluster: CANARY-2\n" +
                "    registries:\n      - {type: icr, type: icr}\n",
        };
        const message = errorOf("environment: [e]\n", files);
        expect(message).toBe(
            "esc/e.yaml:4: values.pulumiConfig.cluster is written twice (also at line 3)\n" +
                "esc/e.yaml:6: values.pulumiConfig.registries[0].type is written twice (also at line 6)",
        );
        expect(message).not.toContain("CANARY");
        const warned = read("environment: [e]\n", {
            "esc/e.yaml":
                "imports:\n  - a: {merge: false, merge: true}\nvalues:\n  pulumiConfig: {cluster: first}\n" +
                "values:\n  pulumiConfig: {cluster: last}\n",
            "esc/a.yaml": "values:\n  pulumiConfig: {namespaces: [a]}\n",
        });
        expect(warned.config).toEqual({ "registry-access:cluster": "last", "registry-access:namespaces": '["a"]' });
        expect(warned.warnings).toEqual([
            "esc/e.yaml:5: values is written twice (also at line 3); ESC warns of it and reads the last",
            "esc/e.yaml:2: imports[0].a.merge is written twice (also at line 2); ESC warns of it and reads the last",
        ]);
    });
});

describe("the document and config: shapes", () => {
    it.each([
        [
            "config: hello\n",
            "Pulumi.s.yaml:1: config must be a map of configuration keys to values, but it is a scalar",
        ],
        ["config: [a]\n", "Pulumi.s.yaml:1: config must be a map of configuration keys to values, but it is a list"],
        ["hello\n", "Pulumi.s.yaml:1: a stack file must be a map (config:, environment:), but this one is a scalar"],
        ["- a\n", "Pulumi.s.yaml:1: a stack file must be a map (config:, environment:), but this one is a list"],
        [
            "config:\n  registry-access:k: .inf\n",
            "Pulumi.s.yaml:2: registry-access:k: YAML reads a value in it as infinity or NaN, which Pulumi cannot hold (encoding/json: unsupported value)",
        ],
    ])("%j: one message", (text, message) => {
        expect(errorOf(text)).toBe(message);
    });

    it("a YAML merge key (<<) is refused rather than read as a key", () => {
        expect(errorOf("config:\n  registry-access:k:\n    <<: {a: 1}\n    b: 2\n")).toBe(
            "Pulumi.s.yaml:3: registry-access:k: a YAML merge key (<<), which the offline plan does not read: write the entries out",
        );
    });

    it.each(["", "# only a comment\n", "config:\n", "secretsprovider: passphrase\n"])(
        "%j is an empty stack (loaders.go:186-192)",
        (text) => {
            expect(read(text)).toEqual({
                project: "registry-access",
                stack: "s",
                config: {},
                secretKeys: [],
                warnings: [],
            });
        },
    );

    it("a YAML syntax error names the file, line and column, and never the file's text", () => {
        const message = errorOf(
            "config:\n  registry-access:cluster: [a,\n  registry-access:apiKey: CANARY-SECRET-1234\n  x: {\n",
        );
        expect(message).toBe(
            "Pulumi.s.yaml:4: column 3: YAML syntax error: missed comma between flow collection entries",
        );
        expect(message).not.toContain("CANARY");
        const indented = errorOf("config:\n  registry-access:apiKey: CANARY-SECRET-1234\n   bad: indentation\n");
        expect(indented).toMatch(/^Pulumi\.s\.yaml:3: column \d+: YAML syntax error: [a-z ]+$/);
        expect(indented).not.toContain("CANARY");
    });

    it("a tag or alias the file names is not quoted in the message", () => {
        expect(errorOf("config:\n  registry-access:k: *CANARY\n")).toBe(
            "Pulumi.s.yaml:2: column 29: YAML syntax error: unidentified alias",
        );
        expect(errorOf("config:\n  registry-access:k: !CANARY x\n")).toBe(
            "Pulumi.s.yaml:2: column 31: YAML syntax error: a YAML tag the offline plan does not read (only !!str, !!seq, !!map)",
        );
    });
});

describe("values checked against Pulumi.yaml's types (config.go validateStackConfigValues, project.go ValidateConfigValue)", () => {
    it("defaults fill what the stack does not set; a string of digits is an integer, true and false booleans", () => {
        expect(read("config:\n  count: 0x1F\n  flag: True\n  namespaces: ['007']\n", {}, TYPED).config).toEqual({
            ...TYPED_DEFAULTS,
            "registry-access:count": "31",
            "registry-access:flag": "true",
            "registry-access:namespaces": '["007"]',
        });
    });

    it("each mismatch on its line, with the declared type and the value's type, never the value", () => {
        const message = errorOf(
            "config:\n" +
                "  registry-access:namespaces: '[\"team-a\"]'\n" +
                "  count: '0x1F'\n" +
                "  flag: yes\n" +
                "  labels: [CANARY]\n" +
                "  grid: [[1], [2, x]]\n",
            {},
            TYPED,
        );
        expect(message).toBe(
            [
                "Pulumi.s.yaml:2: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:4), but it is a string",
                "Pulumi.s.yaml:3: registry-access:count must be of type 'integer' (Pulumi.yaml:9), but it is a string that is not a decimal integer",
                "Pulumi.s.yaml:4: registry-access:flag must be of type 'boolean' (Pulumi.yaml:12), but it is a string other than true and false",
                "Pulumi.s.yaml:5: registry-access:labels must be of type 'object' (Pulumi.yaml:15), but it is a list",
                "Pulumi.s.yaml:6: registry-access:grid must be of type 'array<array<integer>>' (Pulumi.yaml:18), but its item [1][1] is a string that is not a decimal integer",
            ].join("\n"),
        );
        expect(message).not.toContain("CANARY");
    });

    it("list items are JSON: a number is not a string item", () => {
        expect(errorOf("config:\n  namespaces: [a, 1]\n", {}, TYPED)).toBe(
            "Pulumi.s.yaml:2: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:4), but its item [1] is a number",
        );
    });

    it("a secret string passes a string type; a top-level secret is never an object", () => {
        const stack = "config:\n  labels:\n    secure: v1:x\n";
        expect(errorOf(stack, {}, TYPED)).toBe(
            "Pulumi.s.yaml:2: registry-access:labels must be of type 'object' (Pulumi.yaml:15), but it is a secret (a string)",
        );
        expect(read("config:\n  count:\n    secure: v1:x\n", {}, TYPED).secretKeys).toEqual(["registry-access:count"]);
    });

    it("config_project_test.go TestStackConfigErrorsWhenStackValueIsNotCorrectlyTyped", () => {
        const project =
            "name: test\nruntime: dotnet\nconfig:\n  values:\n    type: array\n    items:\n      type: string\n    default: [value]\n";
        expect(errorOf("config:\n  test:values: someValue\n", {}, project)).toBe(
            "Pulumi.s.yaml:2: test:values must be of type 'array<string>' (Pulumi.yaml:4), but it is a string",
        );
    });

    it("config_project_test.go TestStackConfigIntegerTypeIsCorrectlyValidated", () => {
        const project = "name: test\nruntime: dotnet\nconfig:\n  importantNumber:\n    type: integer\n";
        expect(read("config:\n  test:importantNumber: 20\n", {}, project).config).toEqual({
            "test:importantNumber": "20",
        });
        expect(errorOf("config:\n  test:importantNumber: hello\n", {}, project)).toBe(
            "Pulumi.s.yaml:2: test:importantNumber must be of type 'integer' (Pulumi.yaml:4), but it is a string that is not a decimal integer",
        );
    });

    it("config_project_test.go TestStackConfigSecretIsCorrectlyValidated", () => {
        const project =
            "name: test\nruntime: dotnet\nconfig:\n  importantNumber:\n    type: integer\n    secret: true\n";
        expect(read("config:\n  test:importantNumber:\n    secure: MjA=\n", {}, project).secretKeys).toEqual([
            "test:importantNumber",
        ]);
        expect(errorOf("config:\n  test:importantNumber: 20\n", {}, project)).toBe(
            "Pulumi.s.yaml:2: test:importantNumber must be a secret (Pulumi.yaml declares it secret: true): set it with pulumi config set --secret",
        );
    });

    it("config_project_test.go TestStackConfigErrorsWhenMissingStackValueForConfigTypeWithNoDefault", () => {
        const project =
            "name: test\nruntime: dotnet\nconfig:\n  values:\n    type: array\n    items:\n      type: string\n";
        expect(errorOf("config:\n  test:other: x\n", {}, project)).toBe(
            "Pulumi.s.yaml: test:values is not set, and Pulumi.yaml:4 declares it without a default (stack s is missing a configuration value)",
        );
    });

    it("project_test.go TestProjectValidationFailsForIncorrectDefaultValueType and the declaration rules", () => {
        const project =
            "name: test\nruntime: dotnet\nconfig:\n" +
            "  a:\n    type: integer\n    default: hello\n" +
            "  b:\n    type: array\n    default: []\n" +
            "  c:\n    type: string\n    default: x\n    value: y\n" +
            "  aws:region:\n    type: string\n    value: us-east-1\n";
        expect(errorOf("config: {}\n", {}, project)).toBe(
            [
                "Pulumi.yaml:4: test:a: the default value is not of the expected type 'integer'",
                "Pulumi.yaml:7: an array type must declare its items",
                "Pulumi.yaml:10: test:c: cannot have both a 'default' and 'value' attribute",
                "Pulumi.yaml:14: aws:region: is not namespaced by the project and should not define a type",
            ].join("\n"),
        );
    });
});

describe("ESC environments, from committed definitions under esc/", () => {
    // config_project_test.go TestEnvironmentMerge, the environment written as its definition.
    it("TestEnvironmentMerge: the stack's values win, maps merge, secrets stay secrets", () => {
        const stack =
            "environment:\n  - test/env\nconfig:\n  test:boolean: true\n  test:number: 42\n  test:string: foo\n" +
            "  test:array:\n    - first\n    - second\n  test:object:\n    foo: bar\n    object:\n      baz: 42\n";
        const definition =
            "values:\n  pulumiConfig:\n    test:boolean: false\n    test:number: 42\n    test:string: esc\n" +
            "    test:array: [second, first]\n    test:secret:\n      fn::secret:\n        ciphertext: ZXNjeAAAAAEAAAEA\n" +
            "    test:object:\n      boolean: true\n      number: 42\n      string: esc\n      array: [first, second]\n" +
            "      object: {foo: bar}\n      foo: qux\n";
        const r = read(stack, { "esc/test/env.yaml": definition }, "name: test\nruntime: nodejs\n");
        expect(r.config).toEqual({
            "test:array": '["first","second"]',
            "test:boolean": "true",
            "test:number": "42",
            "test:object":
                '{"array":["first","second"],"boolean":true,"foo":"bar","number":42,"object":{"baz":42,"foo":"bar"},"string":"esc"}',
            "test:string": "foo",
            "test:secret": "[secret]",
        });
        expect(r.secretKeys).toEqual(["test:secret"]);
    });

    it("imports merge in order, the definition's own values last; keys without ':' are the project's; $$ is $", () => {
        const r = read("environment:\n  - app/dev\n", {
            "esc/app/dev.yaml":
                "imports:\n  - base\nvalues:\n  pulumiConfig:\n    cluster: dev-cluster\n    token:\n      fn::open::vault: {}\n",
            "esc/base.yaml":
                "values:\n  pulumiConfig:\n    cluster: base\n    registry-access:namespaces: [a]\n    price: $$5\n    n: 0x10\n",
        });
        expect(r.config).toEqual({
            "registry-access:cluster": "dev-cluster",
            "registry-access:n": "16",
            "registry-access:namespaces": '["a"]',
            "registry-access:price": "$5",
            "registry-access:token": "[secret]",
        });
        expect(r.secretKeys).toEqual(["registry-access:token"]);
    });

    it("a missing definition: the stack's own config, and one warning naming the environment, the file and the command", () => {
        const r = read("config:\n  registry-access:cluster: c\nenvironment:\n  - team/dev\n");
        expect(r.config["registry-access:cluster"]).toBe("c");
        expect(r.warnings).toEqual([
            "Pulumi.s.yaml:3: environment team/dev: the offline plan cannot open Pulumi ESC and reads the environment's " +
                "definition from esc/team/dev.yaml, which does not exist, so its pulumiConfig values are not in this plan; " +
                "to include them, write it with `esc env get <org>/team/dev --definition > esc/team/dev.yaml`",
        ]);
    });

    it("an interpolation is refused (not evaluated offline), a type error names the definition's line", () => {
        expect(
            errorOf(
                "environment: [e]\n",
                {
                    "esc/e.yaml":
                        "values:\n  region: us-south\n  pulumiConfig:\n    cluster: ${region}\n    namespaces: CANARY\n",
                },
                TYPED,
            ),
        ).toBe(
            "esc/e.yaml:4: pulumiConfig.cluster: an ${…} interpolation, which the offline plan does not evaluate (write the value itself, or fn::secret for a secret)\n" +
                "esc/e.yaml:5: registry-access:namespaces must be of type 'array<string>' (Pulumi.yaml:4), but it is a string",
        );
    });

    it("an inline definition (project.go Environment), `merge: false` imports and import cycles", () => {
        const files = {
            "esc/a.yaml": "values:\n  pulumiConfig:\n    cluster: from-a\n",
            "esc/b.yaml": "values:\n  pulumiConfig:\n    cluster: from-b\n",
            "esc/c.yaml": "imports:\n  - d\n",
            "esc/d.yaml": "imports:\n  - c\n",
        };
        const inline =
            "environment:\n  imports:\n    - a\n    - b: {merge: false}\n  values:\n    pulumiConfig:\n      count: 2\n";
        expect(read(inline, files).config).toEqual({
            "registry-access:cluster": "from-a",
            "registry-access:count": "2",
        });
        expect(errorOf("environment: [c]\n", files)).toBe("esc/d.yaml:1: environment c imports itself (c → d → c)");
    });
});
