/**
 * End to end on loopback: the serialized provider, with the real @kubernetes/client-node, against a fake
 * API server on 127.0.0.1 that applies JSON patches as kube-apiserver does.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { FakeServiceAccounts, HttpError } from "./fakeServiceAccounts";

const ROOT = path.join(__dirname, "..");
const SA_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/?]+)/;

function startFakeApiServer(api: FakeServiceAccounts, contentTypes: string[]) {
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", async () => {
            const m = SA_PATH.exec(req.url ?? "");
            const send = (code: number, obj: unknown) => {
                res.writeHead(code, { "Content-Type": "application/json" });
                res.end(JSON.stringify(obj));
            };
            if (!m) return send(404, { kind: "Status", code: 404 });
            const [, ns, name] = m;
            try {
                if (req.method === "GET") {
                    const sa = api.get(ns, name);
                    return sa ? send(200, { apiVersion: "v1", kind: "ServiceAccount", ...sa }) : send(404, { kind: "Status", code: 404 });
                }
                if (req.method === "PATCH") {
                    contentTypes.push(String(req.headers["content-type"]));
                    if (req.headers["content-type"] !== "application/json-patch+json") return send(415, { kind: "Status", code: 415 });
                    await api.patch(ns, name, JSON.parse(body));
                    return send(200, { apiVersion: "v1", kind: "ServiceAccount", ...api.get(ns, name) });
                }
                send(405, { kind: "Status", code: 405 });
            } catch (err) {
                send(err instanceof HttpError ? err.statusCode : 500, { kind: "Status", message: String(err) });
            }
        });
    });
    return new Promise<http.Server>((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function runSerialized(action: "create" | "delete", args: unknown, kubeconfig: string): Promise<any> {
    return new Promise((resolve, reject) => {
        execFile(path.join(ROOT, "node_modules", ".bin", "ts-node"), ["--transpile-only", path.join(__dirname, "fixtures", "serializedProvider.ts")],
            { cwd: ROOT, env: { ...process.env, ACTION: action, ARGS: JSON.stringify(args), KUBECONFIG: kubeconfig }, timeout: 60000 },
            (err, stdout, stderr) => (err ? reject(new Error(`${action} failed: ${stderr}`)) : resolve(JSON.parse(stdout))));
    });
}

describe("serialized provider against a loopback API server", () => {
    let server: http.Server;
    const api = new FakeServiceAccounts();
    const contentTypes: string[] = [];
    let kubeconfig: string;

    beforeAll(async () => {
        server = await startFakeApiServer(api, contentTypes);
        const port = (server.address() as { port: number }).port;
        kubeconfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ra-kube-")), "config");
        fs.writeFileSync(kubeconfig, [
            "apiVersion: v1", "kind: Config",
            "clusters: [{name: loop, cluster: {server: 'http://127.0.0.1:" + port + "', insecure-skip-tls-verify: true}}]",
            "users: [{name: loop-user, user: {token: loop-token}}]",
            "contexts: [{name: other, context: {cluster: nowhere, user: loop-user}}, {name: loop, context: {cluster: loop, user: loop-user}}]",
            "current-context: other", "",
        ].join("\n"));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("adds ours next to OpenShift's entry, then removes only ours, at the pinned context", async () => {
        api.put("team-a", "default", [{ name: "default-dockercfg-abcde" }]);
        const inputs = { namespace: "team-a", serviceAccount: "default", secretName: "all-icr-io", connection: { source: "ambient", context: "loop" } };

        const created = await runSerialized("create", { inputs }, kubeconfig);
        expect(created).toEqual({ id: "team-a/default/all-icr-io", outs: { ...inputs, referenceWasPresent: false } });
        expect(api.names("team-a", "default")).toEqual(["default-dockercfg-abcde", "all-icr-io"]);

        await runSerialized("delete", { id: created.id, outs: created.outs }, kubeconfig);
        expect(api.names("team-a", "default")).toEqual(["default-dockercfg-abcde"]);
        expect(contentTypes).toEqual(["application/json-patch+json", "application/json-patch+json"]);
    });

    it("creates the list when it is null", async () => {
        api.put("team-b", "builder", null);
        const inputs = { namespace: "team-b", serviceAccount: "builder", secretName: "icr", connection: { source: "ambient", context: "loop" } };
        await runSerialized("create", { inputs }, kubeconfig);
        expect(api.names("team-b", "builder")).toEqual(["icr"]);
    });

    it("refuses a context that is not in the kubeconfig, by name", async () => {
        const inputs = { namespace: "a", serviceAccount: "default", secretName: "s", connection: { source: "ambient", context: "gone" } };
        await expect(runSerialized("create", { inputs }, kubeconfig)).rejects.toThrow(/kubeconfig context "gone" is not in your kubeconfig/);
    });
});
