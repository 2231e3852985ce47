/**
 * The kubeconfig the Kubernetes provider gets for `kubeconfig: cluster`: the cluster's server and CA, and a
 * user that is an `exec` credential plugin (client.authentication.k8s.io/v1), so no token is ever in state
 * and every run (a `pulumi destroy` a month later included) mints a fresh one.
 *
 * The plugin runs as `node bin/registry-access-credentials.js`, a path relative to the directory the
 * Pulumi engine starts provider plugins in (the project root), so the state names no checkout path and
 * works from any clone and on CI runners.
 */
/**
 * The variable the generated kubeconfig's exec entry sets to the stack's `ibm:ibmcloudApiKey`, when the
 * stack has one. It comes after the user's own variables, so a key in the environment always wins
 * (credentials.ts). Declared here, not there, so that the program, which writes the kubeconfig, loads none of
 * the credential plugin's modules (IBM Cloud's API, js-yaml, fflate).
 */
export const STACK_API_KEY_VARIABLE = "REGISTRY_ACCESS_STACK_API_KEY";

export const CREDENTIAL_PLUGIN_SCRIPT = "bin/registry-access-credentials.js";
export const EXEC_API_VERSION = "client.authentication.k8s.io/v1";

export interface ExecKubeconfigArgs {
    readonly cluster: string;
    readonly server: string;
    /** PEM; absent when the server's certificate is publicly trusted (OpenShift on IBM Cloud). */
    readonly caPem?: string;
    /** The stack's `ibm:ibmcloudApiKey`, passed to the plugin only when the stack sets one. */
    readonly stackApiKey?: string;
}

export function execKubeconfig(args: ExecKubeconfigArgs): string {
    const user = `${args.cluster}-registry-access`;
    const ca = args.caPem ? { "certificate-authority-data": Buffer.from(args.caPem).toString("base64") } : {};
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: args.cluster, cluster: { server: args.server, ...ca } }],
        users: [
            {
                name: user,
                user: {
                    exec: {
                        apiVersion: EXEC_API_VERSION,
                        command: "node",
                        args: [CREDENTIAL_PLUGIN_SCRIPT, "--cluster", args.cluster],
                        ...(args.stackApiKey
                            ? { env: [{ name: STACK_API_KEY_VARIABLE, value: args.stackApiKey }] }
                            : {}),
                        interactiveMode: "Never",
                        provideClusterInfo: false,
                    },
                },
            },
        ],
        contexts: [{ name: args.cluster, context: { cluster: args.cluster, user } }],
        "current-context": args.cluster,
    });
}

/** What an exec plugin prints: the token and when it expires, so client-go reuses it until then. */
export function execCredential(token: string, expiresAt: Date): string {
    return JSON.stringify({
        apiVersion: EXEC_API_VERSION,
        kind: "ExecCredential",
        status: { token, expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z") },
    });
}
