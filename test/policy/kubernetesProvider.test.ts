import { PINNED_KUBERNETES_OPTIONS } from "../../components/clusterConnection";
import { PINNED_OFF, kubernetesProviderPinned } from "../../policy/kubernetesProvider";
import { kubernetesProvider, resource } from "./fixtures";

const check = kubernetesProviderPinned.check;

describe("kubernetes-provider-pinned", () => {
    it('passes the provider the program builds: the options as the wire carries them ("false") or booleans', () => {
        expect(check(kubernetesProvider())).toEqual([]);
        expect(
            check(
                kubernetesProvider({
                    upsertExistingObjects: false,
                    enablePatchForce: false,
                    deleteUnreachable: false,
                    skipUpdateUnreachable: false,
                }),
            ),
        ).toEqual([]);
    });

    it("pins the options components/clusterConnection.ts pins off", () => {
        for (const option of Object.keys(PINNED_OFF)) {
            expect(PINNED_KUBERNETES_OPTIONS).toHaveProperty(option, false);
        }
        expect(Object.keys(PINNED_OFF).sort()).toEqual([
            "deleteUnreachable",
            "enablePatchForce",
            "skipUpdateUnreachable",
            "upsertExistingObjects",
        ]);
    });

    it.each(Object.keys(PINNED_OFF))("refuses %s true, or left to the environment", (option) => {
        expect(check(kubernetesProvider({ [option]: "true" }))).toEqual([
            expect.stringMatching(
                new RegExp(
                    `^pulumi:providers:kubernetes dev-cluster: ${option} is not false; it must be false, or the provider may `,
                ),
            ),
        ]);
        expect(check(kubernetesProvider({ [option]: true }))).toHaveLength(1);
        expect(check(kubernetesProvider({ [option]: undefined }))).toEqual([
            expect.stringContaining(`dev-cluster: ${option} is not set; it must be false`),
        ]);
    });

    it("names the option, its effect and the fix; null is as unset as a missing input", () => {
        expect(check(kubernetesProvider({ enablePatchForce: null }))).toEqual([
            "pulumi:providers:kubernetes dev-cluster: enablePatchForce is not set; it must be false, or the provider " +
                "may take over fields other field managers own (pin it as components/clusterConnection.ts " +
                "PINNED_KUBERNETES_OPTIONS does)",
        ]);
    });

    it("reports each option, and applies to Kubernetes providers only", () => {
        const bare = resource("pulumi:providers:kubernetes", "ambient", { context: "prod" });
        expect(check(bare)).toHaveLength(4);
        expect(check(resource("pulumi:providers:ibm", "acct", { upsertExistingObjects: "true" }))).toEqual([]);
    });
});
