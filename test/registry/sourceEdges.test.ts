/**
 * Edges of reading and planning registry sources: what is an object, what is plain text, and which secret names
 * are the platform's.
 */
import { platformOwner } from "../../core/registry/sourcePlan";
import { UNREADABLE_SECRET } from "../../core/input/secretText";
import { readRegistrySources } from "../../core/registry/sources";
import type { IcrSource } from "../../core/registry/sources/icr";

const IBM = "is the secret IBM Cloud manages in namespace default";
const OPENSHIFT =
    "has the form of the pull secrets OpenShift makes for service accounts (<serviceaccount>-dockercfg-<suffix>)";

describe("reading the list", () => {
    it("refuses a list where an object belongs, rather than reading its entries as fields", () => {
        expect(readRegistrySources([["icr"], { type: "copy" }], true)).toEqual({
            problems: [{ path: "[0]", rule: "must be an object with a type: icr, copy, entitled, private" }],
            byPosition: [undefined, { type: "copy", from: "all-icr-io" }],
        });
    });

    it("takes the offline marker written in plain text, in a key that is not secret, as plain text", () => {
        expect(readRegistrySources([{ type: "entitled", entitlementKey: UNREADABLE_SECRET }], false)).toEqual({
            problems: [
                {
                    path: "[0].entitlementKey",
                    rule:
                        "is a secret and must not be written in plain text; remove it from the stack file and run " +
                        "pulumi config set --secret --path 'registries[0].entitlementKey' VALUE",
                },
            ],
            byPosition: [undefined],
        });
    });

    it("reports a registryNamespaces entry under a name that is no namespace once, without reading its list", () => {
        const { problems } = readRegistrySources(
            [{ type: "icr", identity: "perNamespace", registryNamespaces: { "Team A": "one", "team-b": ["abcd"] } }],
            true,
        );
        expect(problems).toEqual([
            {
                path: "[0].registryNamespaces.Team A",
                rule:
                    "names a Kubernetes namespace: must be a DNS-1123 label: at most 63 lower-case letters, digits " +
                    "or '-', starting and ending with a letter or digit",
            },
        ]);
    });
});

describe("registryNamespaces entries", () => {
    it("take an entry without a value as absent, like every unset field, and keep the others", () => {
        const { byPosition: sources, problems } = readRegistrySources(
            [
                {
                    type: "icr",
                    identity: "perNamespace",
                    registryNamespaces: { "team-a": undefined, "team-b": ["abcd"] },
                },
            ],
            true,
        );
        expect(problems).toEqual([]);
        expect((sources[0] as IcrSource).registryNamespaces).toStrictEqual({ "team-b": ["abcd"] });
    });
});

describe("secret names that are the platform's", () => {
    it("are IBM's pull secrets in default, all-icr-io and the legacy per-region set (seed 000 lines 181-186)", () => {
        for (const name of ["all-icr-io", "default-icr-io", "default-us-icr-io", "default-jp-icr-io"]) {
            expect(platformOwner("default", name)).toBe(IBM);
        }
        expect(platformOwner("team-a", "all-icr-io")).toBeUndefined();
        expect(platformOwner("team-a", "default-us-icr-io")).toBeUndefined();
        expect(platformOwner("default", "default-fr-icr-io")).toBeUndefined();
        expect(platformOwner("default", "icr-pull")).toBeUndefined();
    });

    it("are OpenShift's per-service-account pull secrets in any namespace, <serviceaccount>-dockercfg-<suffix>", () => {
        for (const name of ["default-dockercfg-x7k2p", "builder-dockercfg-7x2k", "a-dockercfg-b"]) {
            expect(platformOwner("team-a", name)).toBe(OPENSHIFT);
        }
        for (const name of ["dockercfg-x7k2p", "builder-dockercfg-", "builder-dockercfg-x7k2p.old", "b-dockercfg-X"]) {
            expect(platformOwner("team-a", name)).toBeUndefined();
        }
    });
});
