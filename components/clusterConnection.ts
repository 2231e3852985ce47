import * as ibm from "@pulumi/ibm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BindingConnection, currentContextOf } from "./clusterCredentials";
import { ClusterConnectionConfig } from "./config";

export interface ClusterConnectionArgs {
    readonly cluster: string;
    readonly connection: ClusterConnectionConfig;
}

/** Builds a kubeconfig document for a bearer token; the caller wraps it as a secret. */
export function tokenKubeconfig(cluster: string, host: string, caCertificate: string, token: string): string {
    const ca = caCertificate ? { "certificate-authority-data": Buffer.from(caCertificate).toString("base64") } : {};
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: cluster, cluster: { server: host, ...ca } }],
        users: [{ name: `${cluster}-registry-access`, user: { token } }],
        contexts: [{ name: cluster, context: { cluster, user: `${cluster}-registry-access` } }],
        "current-context": cluster,
    });
}

/** The current context of the user's kubeconfig (first KUBECONFIG file, else ~/.kube/config), if any. */
export function ambientCurrentContext(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const first = (env.KUBECONFIG ?? "").split(path.delimiter).find((p) => p !== "");
    const file = first ?? path.join(os.homedir(), ".kube", "config");
    try {
        return currentContextOf(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

/**
 * The Kubernetes provider for the cluster, and the connection the bindings resolve at run time:
 * `cluster` reads fresh credentials from IBM Cloud on every run; `ambient` uses the user's kubeconfig,
 * pinned to a context name so that both always talk to the same cluster.
 */
export class ClusterConnection extends pulumi.ComponentResource {
    readonly provider: k8s.Provider;
    readonly bindingConnection: BindingConnection;

    constructor(name: string, args: ClusterConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:ClusterConnection", name, {}, opts);
        if (args.connection.source === "ambient") {
            const context = args.connection.context ?? ambientCurrentContext();
            this.provider = new k8s.Provider(name, { context }, { parent: this });
            this.bindingConnection = { source: "ambient", context };
        } else {
            // The data source also writes kubeconfig files: into a private temp dir (it must exist), never the checkout.
            const configDir = path.join(os.tmpdir(), "registry-access-kubeconfig");
            fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
            const config = ibm.getContainerClusterConfigOutput({ clusterNameId: args.cluster, configDir }, { parent: this });
            const kubeconfig = pulumi.secret(config.apply((c) => tokenKubeconfig(args.cluster, c.host, c.caCertificate, c.token)));
            this.provider = new k8s.Provider(name, { kubeconfig }, { parent: this });
            this.bindingConnection = { source: "cluster", cluster: args.cluster };
        }
        this.registerOutputs({});
    }
}
