/**
 * One measurement in a fresh process: `ts-node bench/worker.ts program|floor N` evaluates the program
 * (or the floor) for N namespaces under the mock runtime and prints one JSON line of figures.
 */
import * as crypto from "crypto";
import * as path from "path";
import { buildDockerConfigJson } from "../components/dockerConfig";
import { domainsInScope } from "../components/icrCatalogue";
import { identityNames, serviceIdDescription } from "../components/iamPlan";
import { tokenKubeconfig } from "../components/clusterConnection";
import { pullSecretRefProvider } from "../components/serviceAccountPatchProvider";
import { API_KEY_PLACEHOLDER, FAKE_CLUSTER_CONFIG } from "../plan/fakeCloud";
import { plainValue } from "../plan/render";
import { Registration, runProgram } from "../plan/runProgram";
import { serializedProviderText } from "../plan/serializeProvider";

export interface Figures {
    mode: "program" | "floor";
    n: number;
    ms: number;
    maxRssMiB: number;
    resources: number;
    longestChain: number;
    invokes: number;
    /** Hash of every (type, name, parent, dependencies): equal for program and floor at the same N. */
    shape: string;
    /** Hash of every resource's inputs, secrets revealed: equal for program and floor too. */
    inputs: string;
}

/** Nodes on the longest dependency path. */
export function longestChain(registrations: readonly Registration[]): number {
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const memo = new Map<string, number>();
    const depth = (urn: string): number => {
        if (!memo.has(urn)) {
            const deps = byUrn.get(urn)?.dependsOn ?? [];
            memo.set(urn, 1 + Math.max(0, ...deps.map(depth)));
        }
        return memo.get(urn)!;
    };
    return Math.max(0, ...registrations.map((r) => depth(r.urn)));
}

const hashRows = (rows: string[]) => crypto.createHash("sha256").update(rows.sort().join("\n")).digest("hex").slice(0, 16);

export function shapeOf(registrations: readonly Registration[]): string {
    return hashRows(registrations.map((r) => [r.type, r.name, r.parent ?? "", r.dependsOn.join(",")].join("|")));
}

export function inputsOf(registrations: readonly Registration[]): string {
    return hashRows(registrations.map((r) => `${r.urn}|${JSON.stringify(plainValue(r.rawInputs, { showSecrets: true }))}`));
}

async function floorInputs(cluster: string, namespaces: string[]) {
    return {
        cluster,
        namespaces,
        description: serviceIdDescription(cluster, namespaces),
        keyDescription: `Image pull key of ${identityNames(cluster).serviceId} for cluster ${cluster} (managed by registry-access)`,
        dockerConfigJson: buildDockerConfigJson(domainsInScope(undefined, false), { username: "iamapikey", password: API_KEY_PLACEHOLDER }),
        kubeconfig: tokenKubeconfig(cluster, FAKE_CLUSTER_CONFIG.host, FAKE_CLUSTER_CONFIG.caCertificate, FAKE_CLUSTER_CONFIG.token),
        providerText: await serializedProviderText(pullSecretRefProvider),
    };
}

async function main(): Promise<void> {
    const mode = process.argv[2] as Figures["mode"];
    const n = Number(process.argv[3]);
    if (!["program", "floor"].includes(mode) || !(n > 0)) throw new Error("usage: worker.ts program|floor N");
    const cluster = "bench-cluster";
    const namespaces = Array.from({ length: n }, (_, i) => `ns-${String(i).padStart(5, "0")}`);
    const config = { "registry-access:cluster": cluster, "registry-access:namespaces": JSON.stringify(namespaces) };
    let program = path.join(__dirname, "..", "index");
    if (mode === "floor") {
        (globalThis as any).__floorInputs = await floorInputs(cluster, namespaces);
        program = path.join(__dirname, "floorProgram");
    }

    const start = process.hrtime.bigint();
    const run = await runProgram({ project: "registry-access", stack: "bench", config, program });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;

    const figures: Figures = {
        mode, n,
        ms: Math.round(ms),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        resources: run.registrations.length,
        longestChain: longestChain(run.registrations),
        invokes: run.cloud.calls.length,
        shape: shapeOf(run.registrations),
        inputs: inputsOf(run.registrations),
    };
    process.stdout.write(JSON.stringify(figures) + "\n");
}

if (require.main === module) {
    main().then(() => process.exit(0), (err) => { process.stderr.write(`${err?.stack ?? err}\n`); process.exit(1); });
}
