/**
 * The provider plugin with `kubeconfig: ambient` and a kubeconfig that is not valid YAML: the engine gets an
 * error naming the file, line and column, and none of the file's lines (which hold tokens), though the YAML
 * parser's own message quotes them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProviderProcess, refUrn } from "../fakes/providerProcess";

const CANARY = "CANARY-kubeconfig-token-77e1";

describe("registry-access provider, ambient kubeconfig that does not parse", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-kubeconfig-"));
    const file = path.join(dir, "config");
    let provider: ProviderProcess;

    beforeAll(async () => {
        fs.writeFileSync(
            file,
            `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${CANARY}\n    bad: [unclosed\nclusters: []\n`,
        );
        provider = await ProviderProcess.start({ KUBECONFIG: file });
        await provider.configure();
    }, 60000);
    afterAll(() => {
        provider?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("fails the create with the file, line and column, and no line of the file", async () => {
        const inputs = {
            namespace: "team-a",
            serviceAccount: "default",
            secretName: "all-icr-io",
            connection: { source: "ambient", context: "dev" },
        };
        const error = await provider.create(refUrn("dev", "team-a.default"), inputs).then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error?.message).toContain(
            `cannot read your kubeconfig (${file}): YAML syntax error at line 7, column 1: missed comma between flow collection entries`,
        );
        expect(error?.message).not.toContain(CANARY);
        expect(error?.message).not.toContain(Buffer.from(CANARY).toString("base64"));
    });
});
