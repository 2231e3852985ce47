/**
 * API calls per `pulumi up` and `pulumi destroy` of N references: `ts-node test/bench/apiCalls.ts N [PARALLEL]`
 * starts the real provider plugin (bin/pulumi-resource-registry-access) against the fake IBM Cloud and IKS
 * cluster of test/fakes/fakeIbmWorld.ts, and speaks the engine's protocol to it:
 * - up: Configure, then Check and Create for each reference (one per namespace), PARALLEL in flight;
 * - destroy: a new plugin process (a destroy is a new `pulumi` run), Configure, Delete for each.
 * PARALLEL defaults to DEFAULT_PARALLEL (figures.ts says why). Then the kubeconfig exec credential plugin
 * is run once, as client-go runs it (once per Kubernetes provider process; it caches the token until expiry).
 * Prints one JSON line.
 */
import { execFile } from "child_process";
import { promisify } from "util";
import { FakeIbmWorld } from "../fakes/fakeIbmWorld";
import { CREDENTIAL_PLUGIN_SCRIPT } from "../../core/cluster/kubeconfig";
import { ProviderProcess, Props, ROOT, refUrn } from "../fakes/providerProcess";
import { BENCH_CLUSTER, DEFAULT_PARALLEL, benchNamespaces } from "./figures";

const API_KEY = "BENCH-operator-key";

export interface Phase {
    ms: number;
    ibmCalls: number;
    /** ServiceAccount GETs and PATCHes. */
    serviceAccountCalls: number;
    /** The OAuth discovery request each credential mint makes (404 on IKS). */
    discoveryCalls: number;
    otherClusterCalls: number;
}

export interface ApiCalls {
    n: number;
    parallel: number;
    up: Phase;
    destroy: Phase;
    /** One run of bin/registry-access-credentials.js, the Kubernetes provider's exec plugin. */
    credentialPlugin: { ibmCalls: number; clusterCalls: number };
    /** Every ServiceAccount had the entry after up, and none after destroy. */
    consistent: boolean;
}

async function inPool<T>(items: readonly T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const lane = async () => {
        while (next < items.length) await each(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
}

const DISCOVERY = "/.well-known/oauth-authorization-server";

async function phase(world: FakeIbmWorld, body: (provider: ProviderProcess) => Promise<void>): Promise<Phase> {
    world.ibmCalls.length = 0;
    world.clusterCalls.length = 0;
    const start = process.hrtime.bigint();
    const provider = await ProviderProcess.start({ IBMCLOUD_API_KEY: API_KEY, ...world.env() });
    try {
        await provider.configure();
        await body(provider);
    } finally {
        provider.stop();
    }
    const sa = world.clusterCalls.filter((c) => c.includes("/serviceaccounts/")).length;
    const discovery = world.clusterCalls.filter((c) => c.endsWith(DISCOVERY)).length;
    return {
        ms: Math.round(Number(process.hrtime.bigint() - start) / 1e6),
        ibmCalls: world.ibmCalls.length,
        serviceAccountCalls: sa,
        discoveryCalls: discovery,
        otherClusterCalls: world.clusterCalls.length - sa - discovery,
    };
}

async function credentialPlugin(world: FakeIbmWorld): Promise<ApiCalls["credentialPlugin"]> {
    world.ibmCalls.length = 0;
    world.clusterCalls.length = 0;
    const env: NodeJS.ProcessEnv = { ...process.env, IBMCLOUD_API_KEY: API_KEY, ...world.env() };
    delete env.IC_API_KEY;
    delete env.REGISTRY_ACCESS_STACK_API_KEY;
    // As the kubeconfig's exec entry runs it, from the project root; asynchronously, since the fake
    // servers answer from this process's event loop.
    await promisify(execFile)("node", [CREDENTIAL_PLUGIN_SCRIPT, "--cluster", BENCH_CLUSTER], { cwd: ROOT, env });
    return { ibmCalls: world.ibmCalls.length, clusterCalls: world.clusterCalls.length };
}

export async function measureApiCalls(n: number, parallel = DEFAULT_PARALLEL): Promise<ApiCalls> {
    const world = await new FakeIbmWorld({ cluster: BENCH_CLUSTER, apiKey: API_KEY, platform: "iks" }).start();
    try {
        const namespaces = benchNamespaces(n);
        for (const ns of namespaces) world.serviceAccounts.put(ns, "default", undefined);
        const connection = { source: "cluster", cluster: BENCH_CLUSTER };
        const created: { urn: string; id: string; props: Props }[] = [];
        const up = await phase(world, (provider) =>
            inPool(namespaces, parallel, async (namespace) => {
                const urn = refUrn("bench", `${namespace}.default`);
                const { inputs } = await provider.check(
                    urn,
                    {},
                    { namespace, serviceAccount: "default", secretName: "all-icr-io", connection },
                );
                created.push({ urn, ...(await provider.create(urn, inputs)) });
            }),
        );
        const attached = namespaces.every((ns) => world.serviceAccounts.names(ns, "default")?.includes("all-icr-io"));
        const destroy = await phase(world, (provider) =>
            inPool(created, parallel, (r) => provider.delete(r.id, r.urn, r.props)),
        );
        const detached = namespaces.every(
            (ns) => !(world.serviceAccounts.names(ns, "default") ?? []).includes("all-icr-io"),
        );
        return {
            n,
            parallel,
            up,
            destroy,
            credentialPlugin: await credentialPlugin(world),
            consistent: attached && detached && created.length === n,
        };
    } finally {
        await world.stop();
    }
}

if (require.main === module) {
    const [n, parallel] = [Number(process.argv[2]), Number(process.argv[3] ?? DEFAULT_PARALLEL)];
    if (!(n > 0) || !(parallel > 0)) throw new Error("usage: apiCalls.ts N [PARALLEL]");
    measureApiCalls(n, parallel).then(
        (calls) => {
            process.stdout.write(JSON.stringify(calls) + "\n");
            process.exit(0);
        },
        (err) => {
            process.stderr.write(`${err?.stack ?? err}\n`);
            process.exit(1);
        },
    );
}
