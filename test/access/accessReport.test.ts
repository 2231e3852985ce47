/**
 * core/access/accessReport.ts on rows made by hand, word for word: every kind of grant, every kind of namespace
 * in `--access`, and what `--check` says of two plans' rows (the plans themselves: test/program/accessDiff.test.ts).
 */
import type { AccessRow, ScopeView } from "../../core/access/accessModel";
import { diffAccess, formatAccess, grantText } from "../../core/access/accessReport";

const serviceId = (scopes: ScopeView[], roles = ["Reader"], account?: string): AccessRow["identity"] => ({
    kind: "serviceId",
    name: "sid",
    roles,
    scopes,
    ...(account === undefined ? {} : { account }),
});
const row = (namespace: string, serviceAccount: string, server: string, extra: Partial<AccessRow> = {}): AccessRow => ({
    namespace,
    serviceAccount,
    server,
    secret: "s",
    source: "icr",
    identity: serviceId([{}]),
    ...extra,
});

describe("grantText", () => {
    it.each<[string, Pick<AccessRow, "source" | "identity">, string]>([
        [
            "all of the account",
            { source: "icr", identity: serviceId([{}]) },
            "sid in the stack's account: Reader (all regions and registry namespaces)",
        ],
        [
            "scopes by region, geography and registry namespace",
            {
                source: "icr",
                identity: serviceId([
                    { region: "us-south", registryNamespace: "a" },
                    { geography: "global" },
                    { registryNamespace: "b" },
                ]),
            },
            "sid in the stack's account: Reader (region us-south, registry namespace a; geography global; registry namespace b)",
        ],
        [
            "no policy, no roles, another account",
            { source: "icr", identity: serviceId([], [], "urn:p::other") },
            "sid in the account of provider urn:p::other: no roles (no container-registry policy)",
        ],
        [
            "an existing key",
            { source: "icr", identity: { kind: "existingKey" } },
            "existing API key (its access is managed elsewhere)",
        ],
        [
            "IBM's own secret",
            { source: "copy", identity: { kind: "ibmDefault" } },
            "copy of IBM's cluster secret (Reader, all registry namespaces)",
        ],
        ["entitled software", { source: "entitled" }, "entitlement key (IBM entitled software)"],
        ["a private registry", { source: "private" }, "registry credentials (private registry)"],
        ["the global pull secret", { source: "global-pull-secret" }, "global-pull-secret"],
    ])("%s", (_what, r, text) => expect(grantText(r)).toBe(text));
});

describe("formatAccess", () => {
    it("says when the stack grants nothing", () => {
        expect(formatAccess([])).toBe("No pull access is granted by this stack.\n");
    });

    it("titles each namespace once, the global pull secret's, Code Engine's and a selector's in their own words", () => {
        const selector = {
            text: "team=a",
            selector: { matchLabels: { team: "a" } },
            excluded: ["kube-*"],
            sourceNamespace: "src",
        };
        const rows = [
            row("*", "*", "icr.io", {
                secret: "openshift-config/pull-secret",
                source: "global-pull-secret",
                identity: undefined,
            }),
            row("codeengine:p1", "us-icr-io", "us.icr.io"),
            row("matching:team=a", "default", "us.icr.io", { selector }),
            row("team-a", "default", "icr.io"),
            row("team-a", "builder", "icr.io", { source: "private", identity: undefined, secret: "quay" }),
        ];
        expect(formatAccess(rows)).toBe(
            [
                "every namespace (OpenShift global pull secret, after worker reload or replace)",
                "  every pod  icr.io  via openshift-config/pull-secret: global-pull-secret",
                "",
                "Code Engine project p1",
                "  apps with --registry-secret us-icr-io  us.icr.io  via s: sid in the stack's account: Reader (all regions and registry namespaces)",
                "",
                "namespaces matching team=a (Kyverno clones from src, now and for namespaces created later; never kube-*)",
                "  default  us.icr.io  via s: sid in the stack's account: Reader (all regions and registry namespaces)",
                "",
                "namespace team-a",
                "  default  icr.io  via s: sid in the stack's account: Reader (all regions and registry namespaces)",
                "  builder  icr.io  via quay: registry credentials (private registry)",
                "",
            ].join("\n"),
        );
    });
});

describe("diffAccess", () => {
    const grant = "sid in the stack's account: Reader (all regions and registry namespaces) via s";

    it("says nothing of rows that grant the same, in any order", () => {
        const rows = [row("a", "default", "us.icr.io"), row("a", "default", "de.icr.io")];
        expect(diffAccess(rows, [...rows].reverse())).toEqual([]);
    });

    it("one line per service account and change, servers grouped by domain whatever the rows' order", () => {
        const before = [
            row("a", "default", "us.icr.io"),
            row("a", "default", "icr.io"),
            row("a", "default", "de.icr.io"),
        ];
        const after = [
            row("b", "default", "us.icr.io"),
            row("b", "default", "icr.io"),
            row("b", "default", "de.icr.io"),
        ];
        expect(diffAccess(before, after)).toEqual([
            `a/default loses icr.io,{de,us}.icr.io (was ${grant})`,
            `b/default gains icr.io,{de,us}.icr.io (${grant})`,
        ]);
    });

    it("orders service accounts by namespace and servers by their labels from the right", () => {
        const before = [
            row("b", "default", "ba.icr.io"),
            row("b", "default", "ab.icr.io"),
            row("a", "default", "us.icr.io"),
        ];
        expect(diffAccess(before, [])).toEqual([
            `a/default loses us.icr.io (was ${grant})`,
            `b/default loses {ab,ba}.icr.io (was ${grant})`,
        ]);
        const multiple = row("c", "default", "us.icr.io", { identity: serviceId([{}], ["Reader", "Writer"]) });
        expect(diffAccess([], [multiple])).toEqual([
            "c/default gains us.icr.io (sid in the stack's account: Reader, Writer (all regions and registry namespaces) via s)",
        ]);
    });

    it("names a change of what grants a server, with the secrets compared whatever their order", () => {
        const reader = row("a", "default", "us.icr.io");
        const writer = row("a", "default", "us.icr.io", { identity: serviceId([{}], ["Writer"]) });
        const other = row("a", "default", "us.icr.io", { secret: "t", source: "private", identity: undefined });
        expect(diffAccess([reader], [writer])).toEqual([
            `a/default us.icr.io: ${grant} → sid in the stack's account: Writer (all regions and registry namespaces) via s`,
        ]);
        expect(diffAccess([reader, other], [other, reader])).toEqual([]);
        expect(diffAccess([reader], [reader, other])).toEqual([
            `a/default us.icr.io: ${grant} → registry credentials (private registry) via t; ${grant}`,
        ]);
    });

    it("names every pod and a selector's namespaces by what they are", () => {
        const selector = {
            text: "team=a",
            selector: { matchLabels: { team: "a" } },
            excluded: [],
            sourceNamespace: "src",
        };
        const global = row("*", "*", "us.icr.io", { secret: "openshift-config/pull-secret" });
        const chosen = row("matching:team=a", "default", "us.icr.io", { selector });
        expect(diffAccess([], [global, chosen])).toEqual([
            `every pod gains us.icr.io (sid in the stack's account: Reader (all regions and registry namespaces) via openshift-config/pull-secret)`,
            `default in namespaces matching team=a gains us.icr.io (${grant})`,
        ]);
    });
});
