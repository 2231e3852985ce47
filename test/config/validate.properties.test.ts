/**
 * Properties of the validation, over generated values (fast-check): what each rule accepts and refuses, at
 * and around its limits, and that a refusal names the key, the value and the rule.
 */
import { intentOf } from "../../core/iam/roleIntent";
import * as fc from "fast-check";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, KeySpec, ROLES } from "../../core/config/contract";
import { ConfigError, ConfigProblem, RawConfig, ValidateOptions } from "../../core/config/validate";
import { validateClusterConfig as validateConfig } from "./clusterConfig";
import { ICR_REGIONS } from "../../core/registry/icrCatalogue";

const base = { cluster: "dev-cluster", namespaces: '["team-a"]' };

function problemsOf(raw: RawConfig, options?: ValidateOptions): readonly ConfigProblem[] {
    try {
        validateConfig(raw, options);
    } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
    }
    return [];
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".split("");
const alnum = fc.constantFrom(...LOWER_ALNUM);
const labelChar = fc.constantFrom(...LOWER_ALNUM, "-");

/** A DNS-1123 label of `min`..`max` characters: [a-z0-9], then [-a-z0-9]*, ending in [a-z0-9]. */
function label(min = 1, max = 63): fc.Arbitrary<string> {
    return fc
        .integer({ min, max })
        .chain((n) =>
            n === 1
                ? alnum
                : fc
                      .tuple(alnum, fc.string({ unit: labelChar, minLength: n - 2, maxLength: n - 2 }), alnum)
                      .map(([a, m, z]) => a + m + z),
        );
}

/** A character a label may not hold (outside [a-z0-9-]): upper case, '_', '.', space, newline, non-ASCII. */
const foreignChar = fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }).filter((c) => !/^[a-z0-9-]$/.test(c));

const labelRule = /^must be a DNS-1123 label/;

describe("DNS-1123 labels (namespaces)", () => {
    it("accepts every label the generator makes, 1 to 63 characters", () => {
        fc.assert(
            fc.property(label(), (ns) => {
                expect(validateConfig({ ...base, namespaces: JSON.stringify([ns]) }).namespaces).toEqual([ns]);
            }),
        );
    });

    it("refuses every string holding a character outside [a-z0-9-], naming the key, the value and the rule", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 30 }), foreignChar, fc.string({ maxLength: 30 }), (head, bad, tail) => {
                const ns = head + bad + tail;
                expect(problemsOf({ ...base, namespaces: JSON.stringify([ns]) })).toEqual([
                    { key: "namespaces", value: ns, rule: expect.stringMatching(labelRule) },
                ]);
            }),
        );
    });

    it("refuses every label-shaped string longer than 63 characters", () => {
        fc.assert(
            fc.property(label(64, 300), (ns) => {
                expect(problemsOf({ ...base, namespaces: JSON.stringify([ns]) })).toEqual([
                    { key: "namespaces", value: ns, rule: expect.stringMatching(labelRule) },
                ]);
            }),
        );
    });

    it("is bounded at 63 exactly", () => {
        const at = "a".repeat(62) + "z";
        expect(validateConfig({ ...base, namespaces: JSON.stringify([at]) }).namespaces).toEqual([at]);
        expect(problemsOf({ ...base, namespaces: JSON.stringify([at + "0"]) })).toEqual([
            { key: "namespaces", value: at + "0", rule: expect.stringMatching(labelRule) },
        ]);
    });

    it("is anchored at the end: a valid label followed by an invalid tail is refused", () => {
        fc.assert(
            fc.property(label(1, 40), foreignChar, fc.string({ maxLength: 10 }), (valid, bad, rest) => {
                const ns = valid + bad + rest;
                expect(problemsOf({ ...base, namespaces: JSON.stringify([ns]) }).map((p) => p.key)).toEqual([
                    "namespaces",
                ]);
            }),
        );
        expect(problemsOf({ ...base, namespaces: '["team-a\\n"]' }).map((p) => p.value)).toEqual(["team-a\n"]);
        expect(problemsOf({ ...base, namespaces: '["team-a-"]' }).map((p) => p.value)).toEqual(["team-a-"]);
    });

    it("is anchored at the start: an invalid head followed by a valid label is refused", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 10 }), foreignChar, label(1, 40), (first, bad, valid) => {
                const ns = first + bad + valid;
                expect(problemsOf({ ...base, namespaces: JSON.stringify([ns]) }).map((p) => p.key)).toEqual([
                    "namespaces",
                ]);
            }),
        );
        expect(problemsOf({ ...base, namespaces: '["-team"]' }).map((p) => p.value)).toEqual(["-team"]);
    });
});

describe("DNS-1123 subdomains (serviceAccounts, secretName)", () => {
    const subdomain = fc.array(label(1, 20), { minLength: 1, maxLength: 5 }).map((ls) => ls.join("."));

    it("accepts dotted labels", () => {
        fc.assert(
            fc.property(subdomain, (s) => {
                const c = validateConfig({ ...base, serviceAccounts: JSON.stringify([s]), secretName: s });
                expect([c.serviceAccounts, c.secretName]).toEqual([[s], s]);
            }),
        );
    });

    it("is bounded at 253 exactly, for both keys", () => {
        const at = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
        expect(at).toHaveLength(253);
        expect(validateConfig({ ...base, secretName: at }).secretName).toBe(at);
        expect(validateConfig({ ...base, serviceAccounts: JSON.stringify([at]) }).serviceAccounts).toEqual([at]);
        const over = at + "d";
        expect(problemsOf({ ...base, secretName: over, serviceAccounts: JSON.stringify([over]) })).toEqual([
            { key: "serviceAccounts", value: over, rule: expect.stringMatching(/^must be a DNS-1123 subdomain/) },
            { key: "secretName", value: over, rule: expect.stringMatching(/^must be a DNS-1123 subdomain/) },
        ]);
    });

    it("refuses empty labels and a leading or trailing dot", () => {
        for (const s of ["a..b", ".a", "a.", "a.-b", "a-.b"]) {
            expect(problemsOf({ ...base, secretName: s })).toEqual([
                { key: "secretName", value: s, rule: expect.stringMatching(/DNS-1123 subdomain/) },
            ]);
        }
    });
});

describe("ICR namespace names (registryNamespaces)", () => {
    const icrChar = fc.constantFrom(...LOWER_ALNUM, "-", "_");
    const icrNamespace = (min: number, max: number) =>
        fc
            .integer({ min, max })
            .chain((n) =>
                fc
                    .tuple(alnum, fc.string({ unit: icrChar, minLength: n - 2, maxLength: n - 2 }), alnum)
                    .map(([a, m, z]) => a + m + z),
            );
    const icrRule = /^must be an ICR namespace name: 4 to 30/;
    const refused = (name: string) =>
        expect(problemsOf({ ...base, registryNamespaces: JSON.stringify([name]) })).toEqual([
            { key: "registryNamespaces", value: name, rule: expect.stringMatching(icrRule) },
        ]);

    it("accepts 4 to 30 characters, refuses 3 and 31", () => {
        fc.assert(
            fc.property(icrNamespace(4, 30), (name) => {
                expect(
                    validateConfig({ ...base, registryNamespaces: JSON.stringify([name]) }).registryNamespaces,
                ).toEqual([name]);
            }),
        );
        refused("abc");
        refused("a".repeat(31));
        fc.assert(fc.property(icrNamespace(31, 80), refused));
    });

    it("is anchored at both ends: a valid name with an invalid head or tail is refused", () => {
        const foreign = foreignChar.filter((c) => c !== "_");
        fc.assert(
            fc.property(icrNamespace(4, 20), foreign, fc.string({ maxLength: 5 }), (valid, bad, more) => {
                refused(valid + bad + more);
                refused(more + bad + valid);
            }),
        );
        refused("team_images_");
        refused("_team_images");
    });
});

describe("email addresses (dockerEmail)", () => {
    it("accepts local@domain without spaces or a second @, and refuses the rest", () => {
        for (const ok of ["a@b", "ab@cd.ef", "first.last+tag@example.com"]) {
            expect(validateConfig({ ...base, dockerEmail: ok }).dockerEmail).toBe(ok);
        }
        for (const bad of ["nobody", "@b.c", "a@", "a b@c.d", "a@b c", "a@b@c", "a@b\n"]) {
            expect(problemsOf({ ...base, dockerEmail: bad })).toEqual([
                { key: "dockerEmail", value: bad, rule: "must be an email address such as a@b.c" },
            ]);
        }
    });
});

describe("lists", () => {
    it("round-trip: a list of distinct valid values comes back as written, in order", () => {
        const icrNamespace = fc
            .tuple(
                alnum,
                fc.string({ unit: fc.constantFrom(...LOWER_ALNUM, "-", "_"), minLength: 2, maxLength: 28 }),
                alnum,
            )
            .map(([a, m, z]) => a + m + z);
        fc.assert(
            fc.property(
                fc.uniqueArray(label(), { minLength: 1, maxLength: 8 }).filter((ns) => !ns.includes("default")),
                fc.uniqueArray(icrNamespace, { minLength: 1, maxLength: 5 }),
                fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }),
                (namespaces, registryNamespaces, roles) => {
                    const c = validateConfig({
                        ...base,
                        namespaces: JSON.stringify(namespaces),
                        registryNamespaces: JSON.stringify(registryNamespaces),
                        roles: JSON.stringify(roles),
                        roleIntent: intentOf(roles),
                    });
                    expect([c.namespaces, c.registryNamespaces, c.roles]).toEqual([
                        namespaces,
                        registryNamespaces,
                        roles,
                    ]);
                },
            ),
        );
    });

    it("refuse anything but a JSON list of strings, showing the value as written", () => {
        const notAList = fc.oneof(
            fc.string().filter((s) => {
                try {
                    const v = JSON.parse(s);
                    return !(Array.isArray(v) && v.every((e) => typeof e === "string"));
                } catch {
                    return true;
                }
            }),
            fc
                .jsonValue()
                .filter((v) => !(Array.isArray(v) && v.every((e) => typeof e === "string")))
                .map((v) => JSON.stringify(v)),
        );
        fc.assert(
            fc.property(
                fc.constantFrom("namespaces", "serviceAccounts", "roles", "registryRegions", "registryNamespaces"),
                notAList,
                (key, text) => {
                    expect(problemsOf({ ...base, [key]: text })).toEqual([
                        {
                            key,
                            value: text,
                            rule: `must be a list of strings, e.g. pulumi config set --path '${key}[0]' VALUE`,
                        },
                    ]);
                },
            ),
        );
    });

    it("refuse a value listed twice, naming its second occurrence", () => {
        fc.assert(
            fc.property(fc.uniqueArray(label(), { minLength: 1, maxLength: 5 }), fc.nat(), (ns, i) => {
                const twice = ns[i % ns.length];
                expect(problemsOf({ ...base, namespaces: JSON.stringify([...ns, twice]) })).toEqual([
                    { key: "namespaces", value: twice, rule: "is listed more than once" },
                ]);
            }),
        );
    });

    it("refuse a region listed twice under any two of its names, in any case", () => {
        const names = fc.constantFrom(...ICR_REGIONS).chain((r) => {
            const all = [r.iamRegion, ...r.aliases];
            const cased = fc.tuple(fc.constantFrom(...all), fc.boolean()).map(([n, up]) => (up ? n.toUpperCase() : n));
            return fc.tuple(cased, cased);
        });
        fc.assert(
            fc.property(names, ([first, second]) => {
                expect(problemsOf({ ...base, registryRegions: JSON.stringify([first, second]) })).toEqual([
                    { key: "registryRegions", value: second, rule: "is listed more than once" },
                ]);
            }),
        );
    });

    it("refuse an empty list where [] is not the default: roles: [] would be a policy with no roles", () => {
        for (const key of ["serviceAccounts", "roles"]) {
            expect(problemsOf({ ...base, [key]: "[]" })).toEqual([
                { key, value: "[]", rule: "must list at least one value" },
            ]);
        }
        // A cluster's namespaces default to [] in Pulumi.yaml (they are not used on codeengine): [] is unset.
        expect(problemsOf({ ...base, namespaces: "[]" })).toEqual([
            {
                key: "namespaces",
                value: undefined,
                rule: "is required: list at least one namespace, or set registry-access:namespaceSelector",
            },
        ]);
        const c = validateConfig({ ...base, registryRegions: "[]", registryNamespaces: "[]" });
        expect([c.registryRegions, c.registryNamespaces]).toEqual([undefined, undefined]);
    });
});

describe("roles", () => {
    it("accept exactly Reader, Writer and Manager, case and all", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 12 }), (role) => {
                const ok = (ROLES as readonly string[]).includes(role);
                const problems = problemsOf({ ...base, roles: JSON.stringify([role]) });
                expect(problems).toEqual(
                    ok
                        ? []
                        : [
                              {
                                  key: "roles",
                                  value: role,
                                  rule: expect.stringMatching(/^must be one of Reader, Writer, Manager/),
                              },
                          ],
                );
            }),
        );
        for (const role of ["reader", "READER", " Reader", "Reader "]) {
            expect(problemsOf({ ...base, roles: JSON.stringify([role]) }).map((p) => p.value)).toEqual([role]);
        }
    });
});

describe("booleans (privateEndpoints)", () => {
    it('read "true" as true and "false" as false', () => {
        expect(validateConfig({ ...base, privateEndpoints: "true" }).privateEndpoints).toBe(true);
        expect(validateConfig({ ...base, privateEndpoints: "false" }).privateEndpoints).toBe(false);
        expect(validateConfig(base).privateEndpoints).toBe(false);
    });

    it("refuse every other string, near misses included", () => {
        const nearMisses = fc.constantFrom(
            "True",
            "FALSE",
            " true",
            "false ",
            "1",
            "0",
            "yes",
            "no",
            "",
            "truee",
            "fals",
        );
        fc.assert(
            fc.property(
                fc.oneof(
                    nearMisses,
                    fc.string().filter((s) => s !== "true" && s !== "false"),
                ),
                (text) => {
                    expect(problemsOf({ ...base, privateEndpoints: text })).toEqual([
                        { key: "privateEndpoints", value: text, rule: "must be true or false" },
                    ]);
                },
            ),
        );
    });
});

describe("problems all at once", () => {
    /** One fault per key, each alone making exactly one problem on that key. */
    const FAULTS: Record<string, string> = {
        cluster: "dev cluster",
        namespaces: '["Bad_NS"]',
        serviceAccounts: '["Bad SA"]',
        roles: '["Owner"]',
        registryRegions: '["mars-north"]',
        registryNamespaces: '["ab"]',
        privateEndpoints: "yes",
        secretName: "Bad Secret",
        dockerEmail: "nobody",
        kubeconfig: "file",
    };

    it("lists every fault, key by key in the declaration's order, each once", () => {
        fc.assert(
            fc.property(fc.subarray(Object.keys(FAULTS), { minLength: 1 }), (keys) => {
                const raw: Record<string, string> = { ...base };
                for (const k of keys) raw[k] = FAULTS[k];
                const problems = problemsOf(raw);
                expect(problems.map((p) => p.key)).toEqual(CONFIG_KEY_NAMES.filter((k) => keys.includes(k)));
                expect(() => validateConfig(raw)).toThrow(
                    new RegExp(`^invalid stack configuration \\(${keys.length} problems?\\):\n`),
                );
            }),
        );
    });

    it("names every unknown key, whatever it is", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1 }).filter((k) => !(CONFIG_KEY_NAMES as string[]).includes(k)),
                (key) => {
                    expect(problemsOf({ ...base, [key]: "x" })).toEqual([
                        {
                            key,
                            value: undefined,
                            rule: `is not a known key; known keys: ${CONFIG_KEY_NAMES.join(", ")}`,
                        },
                    ]);
                },
            ),
        );
    });

    it("never shows a secret's value, whatever it is", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1 }).filter((s) => !s.includes("@") && s.trim() !== ""),
                (tail) => {
                    const secret = `s3cr3t-${tail}`;
                    let message = "";
                    try {
                        validateConfig({ ...base, dockerEmail: secret }, { secretKeys: new Set(["dockerEmail"]) });
                    } catch (err) {
                        message = (err as Error).message;
                    }
                    expect(message).toContain('registry-access:dockerEmail "[secret]": must be an email address');
                    expect(message).not.toContain("s3cr3t");
                },
            ),
        );
    });
});

describe("rules on several keys", () => {
    it("refuse IBM's all-icr-io in default, whichever other namespaces are listed, and only there", () => {
        fc.assert(
            fc.property(fc.uniqueArray(label(), { maxLength: 5 }), fc.boolean(), (others, withDefault) => {
                const namespaces = [...others.filter((n) => n !== "default"), ...(withDefault ? ["default"] : [])];
                fc.pre(namespaces.length > 0);
                const problems = problemsOf({ ...base, namespaces: JSON.stringify(namespaces) });
                expect(problems).toEqual(
                    withDefault
                        ? [
                              {
                                  key: "secretName",
                                  value: "all-icr-io",
                                  rule: expect.stringMatching(/IBM Cloud manages in namespace default/),
                              },
                          ]
                        : [],
                );
            }),
        );
    });

    it("refuse kubeContext unless kubeconfig is ambient", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
                fc.constantFrom(undefined, "cluster", "ambient"),
                (context, source) => {
                    const raw = { ...base, kubeContext: context, ...(source ? { kubeconfig: source } : {}) };
                    const problems = problemsOf(raw);
                    expect(problems).toEqual(
                        source === "ambient"
                            ? []
                            : [
                                  {
                                      key: "kubeContext",
                                      value: context,
                                      rule: expect.stringMatching(/only used with kubeconfig=ambient/),
                                  },
                              ],
                    );
                    if (source === "ambient") {
                        expect(validateConfig(raw).connection).toEqual({ source: "ambient", context });
                        const { kubeContext: _c, ...unpinned } = raw;
                        expect(problemsOf(unpinned)).toEqual([
                            {
                                key: "kubeconfig",
                                value: "ambient",
                                rule: expect.stringMatching(/needs registry-access:kubeContext/),
                            },
                        ]);
                    }
                },
            ),
        );
    });
});

describe("defaults", () => {
    it("come from the declaration alone: a missing key reads as its declared default", () => {
        const specs: [string, KeySpec][] = CONFIG_KEY_NAMES.map((k) => [k, CONFIG_KEYS[k]]);
        const fromDeclaration: RawConfig = Object.fromEntries(
            specs
                // The keys base sets (cluster, namespaces) keep their values.
                .filter(([k, spec]) => spec.default !== undefined && !(k in base))
                .map(([k, { default: d }]) => [k, typeof d === "string" ? d : JSON.stringify(d)]),
        );
        expect(Object.keys(fromDeclaration)).toHaveLength(29);
        expect(validateConfig({ ...base, ...fromDeclaration })).toEqual(validateConfig(base));
    });
});
