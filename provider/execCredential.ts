/**
 * The kubeconfig exec credential plugin: `node bin/registry-access-credentials.js --cluster NAME` prints an
 * ExecCredential for the cluster on stdout. client-go (inside the Kubernetes provider, or kubectl) runs it
 * when it needs a token and reuses the token until its expirationTimestamp.
 */
import { parseArgs } from "util";
import { DEFAULT_MINT_DEPS, MintDeps, mintClusterCredential } from "../core/cluster/credentials";
import { Env } from "../core/cluster/ibmCloud";
import { execCredential } from "../core/cluster/kubeconfig";

export async function credentialFor(
    argv: readonly string[],
    env: Env,
    deps: MintDeps = DEFAULT_MINT_DEPS,
): Promise<string> {
    const { values } = parseArgs({ args: [...argv], options: { cluster: { type: "string" } }, strict: true });
    if (!values.cluster) throw new Error("usage: registry-access-credentials --cluster NAME");
    const credential = await mintClusterCredential(values.cluster, env, undefined, deps);
    return execCredential(credential.token, credential.expiresAt);
}

export function main(argv: readonly string[]): void {
    credentialFor(argv, process.env).then(
        (out) => process.stdout.write(out + "\n"),
        (err: Error) => {
            // Messages name the cluster and the step, never a token or the key.
            process.stderr.write(`registry-access-credentials: ${err.message}\n`);
            process.exitCode = 1;
        },
    );
}
