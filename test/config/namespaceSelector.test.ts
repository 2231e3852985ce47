/**
 * registry-access:namespaceSelector, sourceNamespace and kyverno: the selector validated as the API server
 * validates it, every problem at once under the key's path; the rules they follow with the other keys.
 */
import { RawConfig } from "../../core/config/validate";
import { SOURCE_NAMESPACE } from "../../core/platforms/selectorScope";
import { selectorProblems } from "../../core/platforms/selectorScope";
import { configMessageOf, validateClusterConfig } from "./clusterConfig";

const selector = (v: unknown) => JSON.stringify(v);
const PULL = selector({ matchLabels: { "registry-access.io/pull": "icr" } });

describe("namespaceSelector", () => {
    it("makes namespaces optional, and {} (which would select everything) means unset", () => {
        const config = validateClusterConfig({ cluster: "c1", namespaceSelector: PULL });
        expect(config.namespaces).toEqual([]);
        expect(config.namespaceSelector).toEqual({ matchLabels: { "registry-access.io/pull": "icr" } });
        // The source plan puts every unrestricted source's secret in the source namespace.
        expect(config.sourcePlan.map((s) => s.resourceName)).toEqual(["registry-access.all-icr-io"]);
        expect(configMessageOf({ cluster: "c1", namespaceSelector: "{}" })).toBe(
            "invalid stack configuration (1 problem):\n" +
                "  - registry-access:namespaces: is required: list at least one namespace, or set registry-access:namespaceSelector",
        );
    });

    it("refuses a selector written with nothing in it, which Kubernetes would read as every namespace", () => {
        const empty = selector({ matchLabels: {}, matchExpressions: [] });
        expect(configMessageOf({ cluster: "c1", namespaces: '["team-a"]', namespaceSelector: empty })).toBe(
            "invalid stack configuration (1 problem):\n" +
                `  - registry-access:namespaceSelector ${JSON.stringify(empty)}: selects nothing in particular, which Kubernetes reads as every namespace; ` +
                "to mean that, write matchExpressions: [{key: kubernetes.io/metadata.name, operator: Exists}]",
        );
        // A refused selector is not read as unset: no rule asks for namespaces in its stead.
        expect(configMessageOf({ cluster: "c1", namespaceSelector: empty })).toMatch(
            /^[^\n]*\(1 problem\):\n[^\n]*selects nothing/,
        );
        const everyNamespace = { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] };
        expect(
            validateClusterConfig({ cluster: "c1", namespaceSelector: selector(everyNamespace) }).namespaceSelector,
        ).toEqual(everyNamespace);
    });

    it("reports every problem of the selector at once, under its path, with the API server's words", () => {
        const message = configMessageOf({
            cluster: "c1",
            namespaceSelector: selector({
                matchLabels: { "team/": "a" },
                matchExpressions: [
                    { key: "env", operator: "In" },
                    { key: "tier", operator: "Exists", values: ["gold"] },
                ],
            }),
            kyverno: "helm",
        });
        expect(message.split("\n")).toEqual([
            "invalid stack configuration (5 problems):",
            '  - registry-access:namespaceSelector.matchLabels "team/": name part must be non-empty',
            // As content.IsLabelKey reports it: an empty name breaks the pattern too.
            `  - registry-access:namespaceSelector.matchLabels "team/": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
            "  - registry-access:namespaceSelector.matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'",
            "  - registry-access:namespaceSelector.matchExpressions[1].values: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            '  - registry-access:kyverno "helm": must be one of existing, install',
        ]);
    });

    it("is refused on Code Engine, as every cluster key, and must be an object", () => {
        expect(
            configMessageOf({
                platform: "codeengine",
                codeEngineProjectId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                namespaceSelector: PULL,
            }),
        ).toContain("registry-access:namespaceSelector");
        for (const text of ['["a"]', "[]", "null", "5", '"pull"', "not json"]) {
            expect(configMessageOf({ cluster: "c1", namespaces: '["a"]', namespaceSelector: text })).toBe(
                "invalid stack configuration (1 problem):\n" +
                    `  - registry-access:namespaceSelector ${JSON.stringify(text)}: must be an object, written as YAML in the stack file`,
            );
        }
    });
});

describe("sourceNamespace and kyverno", () => {
    it.each<[string, RawConfig, string]>([
        [
            "sourceNamespace without a selector",
            { sourceNamespace: "pulls" },
            'registry-access:sourceNamespace "pulls": is only used with namespaceSelector; remove it',
        ],
        [
            "kyverno without a selector",
            { kyverno: "install" },
            'registry-access:kyverno "install": is only used with namespaceSelector; remove it',
        ],
        [
            "a listed namespace as the source",
            { namespaceSelector: PULL, sourceNamespace: "team-a" },
            'registry-access:sourceNamespace "team-a": is also in registry-access:namespaces; the source namespace only holds the secrets Kyverno clones: choose another',
        ],
        ...["kube-public", "ibm-system", "openshift-config", "kyverno", "default"].map(
            (source): [string, RawConfig, string] => [
                `${source} as the source`,
                { namespaceSelector: PULL, sourceNamespace: source },
                `registry-access:sourceNamespace "${source}": ${SOURCE_NAMESPACE.rule}`,
            ],
        ),
    ])("refuses %s", (_name, extra, line) => {
        expect(configMessageOf({ cluster: "c1", namespaces: '["team-a"]', ...extra })).toBe(
            `invalid stack configuration (1 problem):\n  - ${line}`,
        );
    });

    it("refuses a system namespace as the source whatever else is wrong: the key's own rule", () => {
        const message = configMessageOf({
            cluster: "c1",
            namespaceSelector: '{"matchLabels": {"-bad": "x"}}',
            sourceNamespace: "kube-system",
        });
        expect(message).toContain(`registry-access:sourceNamespace "kube-system": ${SOURCE_NAMESPACE.rule}`);
        expect(message).toContain('registry-access:namespaceSelector.matchLabels "-bad"');
        expect(SOURCE_NAMESPACE.rule).toMatch(/not default, kyverno or a system namespace/);
    });

    it("refuses keys that need listed namespaces when only a selector chooses them", () => {
        const message = configMessageOf({
            cluster: "c1",
            namespaceSelector: PULL,
            imageTrust: '["us.icr.io/apps/*"]',
            imageTrustSigningKey: "keys/pub",
        });
        expect(message).toContain(
            "registry-access:imageTrust: needs registry-access:namespaces: Portieris ImagePolicies are written into listed namespaces",
        );
    });

    it("asks an OpenShift selector stack with image streams for listed namespaces, and names no namespace it lacks", () => {
        const message = configMessageOf({
            cluster: "c1",
            platform: "openshift",
            namespaceSelector: PULL,
            imageStreams: '["us.icr.io/apps/api:1"]',
        });
        expect(message).toContain(
            "registry-access:imageStreams: needs registry-access:namespaces: image streams are imported into a listed namespace",
        );
        expect(message).not.toContain("undefined");
    });

    it("asks for listed namespaces only for what needs them, and nothing of a selector stack that has them", () => {
        const ctx = {
            namespaceSelector: { matchLabels: { "registry-access.io/pull": "icr" } },
            sourceNamespace: "registry-access",
            kyverno: "existing" as const,
        };
        expect(selectorProblems({ ...ctx, imageStreams: [] })).toEqual([
            {
                path: "imageStreams",
                rule: "needs registry-access:namespaces: image streams are imported into a listed namespace (imageStreamNamespace)",
            },
        ]);
        expect(selectorProblems({ ...ctx, namespaces: ["team-a"], imageStreams: [], imageTrust: [] })).toEqual([]);
        expect(selectorProblems(ctx)).toEqual([]);
    });
});
