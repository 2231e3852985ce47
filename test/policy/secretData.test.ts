import { pullSecretDataIsSecret } from "../../policy/secretData";
import { codeEngineSecret, dockerConfigSecret, kubernetesProvider, resource } from "./fixtures";

const check = pullSecretDataIsSecret.check;

describe("pull-secret-data-is-secret", () => {
    it("passes credentials that are Pulumi secrets", () => {
        expect(check(dockerConfigSecret())).toEqual([]);
        expect(check(dockerConfigSecret({ field: "data" }))).toEqual([]);
        expect(check(codeEngineSecret())).toEqual([]);
    });

    it("refuses a docker config Secret's stringData or data in plain text, naming the resource and property", () => {
        expect(check(dockerConfigSecret({ secret: [] }))).toEqual([
            "kubernetes:core/v1:Secret team-a.docker-io: stringData holds a registry credential but is not a Pulumi " +
                "secret; wrap it in pulumi.secret (as components/namespacePullSecret.ts dockerConfigSecret does) so " +
                "state, plans and logs show [secret]",
        ]);
        expect(check(dockerConfigSecret({ field: "data", secret: ["stringData"] }))).toEqual([
            expect.stringContaining("team-a.docker-io: data holds a registry credential but is not a Pulumi secret"),
        ]);
    });

    it("refuses a Code Engine secret's plain data (its SDK wraps nothing)", () => {
        expect(check(codeEngineSecret({}, []))).toEqual([
            expect.stringMatching(
                /^ibm:index\/codeEngineSecret:CodeEngineSecret us-icr-io: data holds a registry credential/,
            ),
        ]);
    });

    it("asks only about the properties that hold credentials", () => {
        const asked: string[][] = [];
        const secret = dockerConfigSecret();
        check({ ...secret, isSecret: (p) => (asked.push([...p]), true) });
        expect(asked).toEqual([["stringData"]]);
        // Not a dockerconfigjson Secret, not a credential holder: nothing asked, nothing refused.
        const opaque = resource(
            "kubernetes:core/v1:Secret",
            "a.b",
            { kind: "Secret", type: "Opaque", stringData: { k: "v" } },
            [],
        );
        expect(check(opaque)).toEqual([]);
        expect(check({ ...kubernetesProvider(), isSecret: () => false })).toEqual([]);
    });

    it("judges only the credential properties that are set: a missing or null one holds nothing", () => {
        const secret = dockerConfigSecret({ secret: ["stringData"] });
        expect(check({ ...secret, props: { ...secret.props, data: null } })).toEqual([]);
        expect(check({ ...secret, props: { ...secret.props, data: { ".dockerconfigjson": "e30=" } } })).toEqual([
            expect.stringContaining("team-a.docker-io: data holds a registry credential but is not a Pulumi secret"),
        ]);
    });

    it("reports nothing where secret markers cannot be seen (pulumi preview: @pulumi/policy drops them)", () => {
        const { isSecret: _, ...preview } = dockerConfigSecret({ secret: [] });
        expect(check(preview)).toEqual([]);
    });
});
