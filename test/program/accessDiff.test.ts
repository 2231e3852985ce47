/**
 * Access changes between two plans of the real program (under mocks), as `--check` and pull-request
 * comments lead with them; and the `--access` table.
 */
import { accessModel } from "../../core/access/accessModel";
import { diffAccess, formatAccess } from "../../core/access/accessReport";
import { planDocument } from "../../core/review/render";
import { ConfigValue, runStack } from "../fakes/programRuns";

const base: Record<string, ConfigValue> = {
    cluster: "c1",
    namespaces: ["team-a"],
    registryRegions: ["us-south"],
    registryNamespaces: ["payments-images"],
};
const rowsOf = async (config: Record<string, ConfigValue>, secretKeys: string[] = []) =>
    accessModel(planDocument(await runStack(config, secretKeys)));
const GRANT =
    "c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace payments-images) via all-icr-io";

describe("diffAccess", () => {
    let before: Awaited<ReturnType<typeof rowsOf>>;
    beforeAll(async () => {
        before = await rowsOf(base);
    });

    it("says nothing when access is the same", async () => {
        expect(diffAccess(before, await rowsOf(base))).toEqual([]);
    });

    it("names a namespace's gains and losses", async () => {
        const after = await rowsOf({ ...base, namespaces: ["team-b"] });
        expect(diffAccess(before, after)).toEqual([
            `team-a/default loses us.icr.io (was ${GRANT})`,
            `team-b/default gains us.icr.io (${GRANT})`,
        ]);
    });

    it("names a change of roles", async () => {
        const after = await rowsOf({ ...base, roles: ["Reader", "Writer"], roleIntent: "push" });
        expect(diffAccess(before, after)).toEqual([
            `team-a/default us.icr.io: ${GRANT} → ${GRANT.replace("Reader", "Reader, Writer")}`,
        ]);
    });

    it("names a new region (a new server) and a new registry namespace (a wider scope)", async () => {
        const regions = await rowsOf({ ...base, registryRegions: ["us-south", "eu-de"] });
        expect(diffAccess(before, regions)).toEqual([
            "team-a/default gains de.icr.io (c1-registry-pull-id in the stack's account: Reader (region eu-de, registry namespace payments-images; region us-south, registry namespace payments-images) via all-icr-io)",
            `team-a/default us.icr.io: ${GRANT} → c1-registry-pull-id in the stack's account: Reader (region eu-de, registry namespace payments-images; region us-south, registry namespace payments-images) via all-icr-io`,
        ]);
        const namespaces = await rowsOf({ ...base, registryNamespaces: ["payments-images", "ml-models"] });
        expect(diffAccess(before, namespaces)).toEqual([
            `team-a/default us.icr.io: ${GRANT} → c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace ml-models; region us-south, registry namespace payments-images) via all-icr-io`,
        ]);
    });

    it("names a registry added and removed", async () => {
        const entitled = await rowsOf(
            { ...base, registries: [{ type: "icr" }, { type: "entitled", entitlementKey: "CANARY-KEY-1" }] },
            ["registries"],
        );
        const gained = diffAccess(before, entitled);
        expect(gained).toEqual([
            "team-a/default gains cp.icr.io (entitlement key (IBM entitled software) via entitled-cp-icr-io)",
        ]);
        expect(diffAccess(entitled, before)).toEqual([
            "team-a/default loses cp.icr.io (was entitlement key (IBM entitled software) via entitled-cp-icr-io)",
        ]);
        expect(JSON.stringify(gained)).not.toContain("CANARY");
    });
});

describe("formatAccess", () => {
    it("groups by namespace, one line per service account and server", async () => {
        const rows = await rowsOf({ ...base, namespaces: ["team-a", "team-b"], serviceAccounts: ["default", "ci"] });
        expect(formatAccess(rows)).toBe(
            [
                "namespace team-a",
                `  ci  us.icr.io  via all-icr-io: c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace payments-images)`,
                `  default  us.icr.io  via all-icr-io: c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace payments-images)`,
                "",
                "namespace team-b",
                `  ci  us.icr.io  via all-icr-io: c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace payments-images)`,
                `  default  us.icr.io  via all-icr-io: c1-registry-pull-id in the stack's account: Reader (region us-south, registry namespace payments-images)`,
                "",
            ].join("\n"),
        );
        expect(formatAccess([])).toBe("No pull access is granted by this stack.\n");
    });
});
