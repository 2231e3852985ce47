/**
 * The Kubernetes provider's kubeconfig, proven with kubectl itself (client-go runs exec plugins exactly as
 * inside pulumi-kubernetes): the generated file holds no token, and `kubectl get --raw /version` gets one
 * from our plugin, which mints it from fake IBM Cloud endpoints on 127.0.0.1.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execKubeconfig } from "../../core/cluster/kubeconfig";
import { FakeIbmWorld, LOOPBACK_CA } from "../fakes/fakeIbmWorld";

const ROOT = path.join(__dirname, "..", "..");
const API_KEY = "CANARY-operator-key-9e1d";

/** The environment of a machine running pulumi, without any IBM Cloud key of the developer's own. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const k of ["IC_API_KEY", "IBMCLOUD_API_KEY", "REGISTRY_ACCESS_STACK_API_KEY", "KUBECONFIG"]) delete env[k];
    return { ...env, ...extra };
}

/** kubectl with the generated kubeconfig, run from the checkout as the engine runs provider plugins. */
function kubectl(
    kubeconfig: string,
    env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ra-kubeconfig-")), "config");
    fs.writeFileSync(file, kubeconfig, { mode: 0o600 });
    return new Promise((resolve) => {
        const child = spawn("kubectl", ["--kubeconfig", file, "get", "--raw", "/version"], { cwd: ROOT, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c) => (stdout += c));
        child.stderr.on("data", (c) => (stderr += c));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

describe.each(["iks", "openshift"] as const)("kubectl with the generated kubeconfig (%s)", (platform) => {
    const world = new FakeIbmWorld({ cluster: "dev-cluster", apiKey: API_KEY, platform });
    beforeAll(() => world.start());
    afterAll(() => world.stop());
    beforeEach(() => {
        world.ibmCalls.length = 0;
        world.clusterCalls.length = 0;
    });

    it("holds no token, names no checkout path, and lets kubectl in with a freshly minted one", async () => {
        const kubeconfig = execKubeconfig({ cluster: "dev-cluster", server: world.clusterUrl, caPem: LOOPBACK_CA });
        expect(kubeconfig).not.toContain(world.clusterToken);
        expect(kubeconfig).not.toContain(ROOT);
        expect(JSON.parse(kubeconfig).users[0].user).toEqual({
            exec: {
                apiVersion: "client.authentication.k8s.io/v1",
                command: "node",
                args: ["bin/registry-access-credentials.js", "--cluster", "dev-cluster"],
                interactiveMode: "Never",
                provideClusterInfo: false,
            },
        });

        const r = await kubectl(kubeconfig, cleanEnv({ IBMCLOUD_API_KEY: API_KEY, ...world.env() }));
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).gitVersion).toBe("v1.31.4+IKS");
        // Each run of the plugin costs three IBM calls. (The kubectl on this machine is Google Cloud SDK's
        // dispatcher, which probes /version in a process of its own first, so the plugin may run twice.)
        const mint = [
            "POST /identity/token",
            "POST /global/v2/applyRBACAndGetKubeconfig",
            "GET /global/v2/getRBACStatus",
        ];
        const runs = world.ibmCalls.length / mint.length;
        expect(runs).toBeGreaterThanOrEqual(1);
        expect(world.ibmCalls).toEqual(Array.from({ length: runs }, () => mint).flat());
        const oauth = platform === "openshift" ? ["GET /oauth/authorize"] : [];
        const clusterSide = ["GET /.well-known/oauth-authorization-server", ...oauth];
        expect(world.clusterCalls.filter((c) => c !== "GET /version")).toEqual(
            Array.from({ length: runs }, () => clusterSide).flat(),
        );
        expect(world.clusterCalls).toContain("GET /version");
    }, 60000);

    it("uses the stack's key passed in the exec entry when the environment has none", async () => {
        const kubeconfig = execKubeconfig({
            cluster: "dev-cluster",
            server: world.clusterUrl,
            caPem: LOOPBACK_CA,
            stackApiKey: API_KEY,
        });
        const r = await kubectl(kubeconfig, cleanEnv(world.env()));
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).major).toBe("1");
    }, 60000);

    it("fails with a message naming the cluster and the missing key, never echoing a secret", async () => {
        const kubeconfig = execKubeconfig({ cluster: "dev-cluster", server: world.clusterUrl, caPem: LOOPBACK_CA });
        const r = await kubectl(kubeconfig, cleanEnv(world.env()));
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain(
            "no IBM Cloud API key to reach cluster dev-cluster: set IC_API_KEY or IBMCLOUD_API_KEY",
        );
        expect(world.clusterCalls).not.toContain("GET /version");

        const wrong = await kubectl(
            kubeconfig,
            cleanEnv({ IBMCLOUD_API_KEY: "CANARY-wrong-key-77aa", ...world.env() }),
        );
        expect(wrong.code).not.toBe(0);
        expect(wrong.stderr).toContain("cluster dev-cluster: IAM token for the API key failed with HTTP 400");
        expect(wrong.stderr).not.toContain("CANARY-wrong-key-77aa");
    }, 60000);
});
