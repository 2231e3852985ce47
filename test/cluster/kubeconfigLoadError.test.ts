import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { ambientKubeconfigFiles, kubeconfigLoadError } from "../../core/cluster/kubeconfigLoadError";

const CANARY = "CANARY-token-line-5150";

describe("kubeconfigLoadError", () => {
    it("names the files, line, column and reason of a YAML error, and no line of the file", () => {
        const text = `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${CANARY}\n    bad: [unclosed\nclusters: []\n`;
        let parsed: unknown;
        try {
            yaml.load(text); // what @kubernetes/client-node's loadFromString does (js-yaml 4)
        } catch (err) {
            parsed = err;
        }
        expect((parsed as Error).message).toContain(CANARY); // the parser's own message would leak it
        const message = kubeconfigLoadError(parsed, ["/home/u/.kube/a", "/home/u/.kube/b"]).message;
        expect(message).toBe(
            `cannot read your kubeconfig (/home/u/.kube/a${path.delimiter}/home/u/.kube/b): YAML syntax error at line 7, ` +
                "column 1: missed comma between flow collection entries (its lines are not shown: they may hold tokens)",
        );
        expect(message).not.toContain(CANARY);
    });

    it("keeps other errors' messages (a missing file, a missing field)", () => {
        expect(kubeconfigLoadError(new Error("ENOENT: no such file"), ["/x"]).message).toBe(
            "cannot read your kubeconfig (/x): ENOENT: no such file",
        );
    });

    it("reads the files as kubectl does: $KUBECONFIG's list, else ~/.kube/config", () => {
        const d = path.delimiter;
        expect(ambientKubeconfigFiles({ KUBECONFIG: `/a${d}${d}/b` }, "/home/u")).toEqual(["/a", "/b"]);
        expect(ambientKubeconfigFiles({}, "/home/u")).toEqual([path.join("/home/u", ".kube", "config")]);
        expect(ambientKubeconfigFiles({ KUBECONFIG: "" }, os.homedir())).toEqual([
            path.join(os.homedir(), ".kube", "config"),
        ]);
    });
});
