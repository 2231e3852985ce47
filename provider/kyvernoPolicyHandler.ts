/**
 * `registry-access:index:KyvernoPolicy`: the selector stack's ClusterPolicy, applied through the Kubernetes API,
 * and the removal of the clones and ServiceAccount entries it left where it no longer serves
 * (core/platforms/kyvernoApply.ts). Check fails, at preview, when the cluster lacks Kyverno's CRDs; an existing
 * ClusterPolicy of the same name is never adopted. State holds the inputs and the stack key as a secret; cluster
 * credentials are minted at each call, never stored.
 */
import type * as provider from "@pulumi/pulumi/provider";
import {
    ClusterConnectionRef,
    ClusterGoneError,
    describeConnection,
    namingConnection,
} from "../core/cluster/connection";
import { KYVERNO_INSTALL, PolicyReference } from "../core/platforms/kyverno";
import {
    ApplyOptions,
    KyvernoClient,
    createPolicy,
    deletePolicy,
    missingKyvernoCrds,
    sweep,
} from "../core/platforms/kyvernoApply";
import type { ServedScope } from "../core/platforms/kyvernoSweep";
import { ResourceHandler, WireProps, connectionProblem, sameConnection } from "./serviceAccountPullSecretRefHandler";
import { hasUnknowns, isSecret, reveal, secretWire } from "./wire";

export { KYVERNO_POLICY_TYPE } from "../core/sharedObjects/resourceTypes";

export type KyvernoClients = (connection: ClusterConnectionRef, stackApiKey?: string) => Promise<KyvernoClient>;

interface Inputs {
    readonly policy: Record<string, unknown> & { metadata: { name: string } };
    readonly scope: ServedScope;
    readonly requireCrds: boolean;
    readonly connection: ClusterConnectionRef;
    readonly apiKey?: string;
}

const inputsOf = (raw: WireProps): Inputs => ({
    policy: raw.policy,
    scope: raw.scope,
    requireCrds: raw.requireCrds === true,
    connection: raw.connection,
    ...(raw.apiKey === undefined ? {} : { apiKey: reveal<string>(raw.apiKey) }),
});

const stateOf = (inputs: Inputs) => ({
    policy: inputs.policy,
    scope: inputs.scope,
    requireCrds: inputs.requireCrds,
    connection: inputs.connection,
    policyName: inputs.policy.metadata.name,
    ...(inputs.apiKey ? { apiKey: secretWire(inputs.apiKey) } : {}),
});

/** `registry-access-dev@cluster=dev-cluster`: the ClusterPolicy and its cluster. */
const idOf = (inputs: Inputs) => {
    const c = inputs.connection;
    return `${inputs.policy.metadata.name}@${c.source}=${c.source === "cluster" ? c.cluster : c.context}`;
};

function shapeFailures(news: WireProps): provider.CheckFailure[] {
    const failures: provider.CheckFailure[] = [];
    const name = news.policy?.metadata?.name;
    if (!hasUnknowns(news.policy) && (news.policy?.kind !== "ClusterPolicy" || typeof name !== "string")) {
        failures.push({ property: "policy", reason: "policy must be a kyverno.io/v1 ClusterPolicy with a name" });
    }
    if (!hasUnknowns(news.scope) && news.scope?.policyName !== name) {
        failures.push({ property: "scope", reason: "scope.policyName must be the policy's name" });
    }
    const problem = hasUnknowns(news.connection) ? undefined : connectionProblem(news.connection);
    if (problem) failures.push({ property: "connection", reason: problem });
    if (news.apiKey !== undefined && !isSecret(news.apiKey) && !hasUnknowns(news.apiKey)) {
        failures.push({ property: "apiKey", reason: "apiKey must be a secret" });
    }
    return failures;
}

/** Every reference the policy may have recorded: the former and the current ones. */
const knownReferences = (...scopes: ServedScope[]): PolicyReference[] => scopes.flatMap((s) => s.references);

type WithClient = <T>(inputs: Inputs, fn: (client: KyvernoClient) => Promise<T>) => Promise<T>;

/** At preview as at up: a cluster without Kyverno fails here, naming the version to install. */
async function checkInputs(news: WireProps, withClient: WithClient): Promise<provider.CheckResult> {
    const failures = shapeFailures(news);
    if (failures.length > 0 || news.requireCrds !== true || hasUnknowns(news.connection)) {
        return { inputs: news, failures };
    }
    const inputs = inputsOf(news);
    const missing = await withClient(inputs, missingKyvernoCrds);
    if (missing.length > 0) {
        failures.push({
            property: "policy",
            reason:
                `${describeConnection(inputs.connection)} has no Kyverno (CustomResourceDefinition ` +
                `${missing.join(", ")} not found); registry-access:namespaceSelector needs ${KYVERNO_INSTALL}`,
        });
    }
    return { inputs: news, failures };
}

/** Another cluster is a replacement; any other change an update (which deletes and creates the policy). */
function diffInputs(olds: WireProps, news: WireProps): provider.DiffResult {
    const replaces = sameConnection(olds.connection, news.connection) ? [] : ["connection"];
    const changed = ["policy", "scope", "requireCrds"].some((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    const keyChanged = (reveal(olds.apiKey) ?? null) !== (reveal(news.apiKey) ?? null);
    return { changes: replaces.length > 0 || changed || keyChanged, replaces, deleteBeforeReplace: true };
}

/** Creates the policy; one of the same name that this stack did not create is never adopted. */
async function createIn(client: KyvernoClient, inputs: Inputs, options: ApplyOptions): Promise<void> {
    const name = inputs.policy.metadata.name;
    if ((await client.readPolicy(name)) !== undefined) {
        throw new Error(
            `ClusterPolicy ${name} already exists and was not created by this stack; registry-access does not ` +
                "adopt it: delete it, or give this stack another cluster name",
        );
    }
    await createPolicy(client, inputs.policy, options);
}

/** Refresh: gone when the ClusterPolicy (or its cluster) is. */
async function readState(
    id: string,
    props: WireProps | undefined,
    withClient: WithClient,
): Promise<provider.ReadResult> {
    if (!props?.policy) throw new Error(`KyvernoPolicy ${id} cannot be imported: it is created by its stack`);
    const inputs = inputsOf(props);
    try {
        const found = await withClient(inputs, (client) => client.readPolicy(inputs.policy.metadata.name));
        if (found === undefined) return { id: "", props: {} };
    } catch (err) {
        if (err instanceof ClusterGoneError) return { id: "", props: {} };
        throw err;
    }
    const { policyName: _name, ...given } = props;
    return { id, props, inputs: given };
}

export function kyvernoPolicyHandler(clients: KyvernoClients, options: ApplyOptions = {}): ResourceHandler {
    /** Runs `fn` with the connection's client, every error naming the cluster. */
    const withClient: WithClient = async (inputs, fn) => {
        try {
            return await fn(await clients(inputs.connection, inputs.apiKey));
        } catch (err) {
            if (err instanceof ClusterGoneError) throw err;
            throw namingConnection(inputs.connection, err);
        }
    };
    return {
        check: (_urn, _olds, news) => checkInputs(news, withClient),
        diff: async (_id, _urn, olds, news) => diffInputs(olds, news),
        async create(_urn, raw) {
            const inputs = inputsOf(raw);
            await withClient(inputs, (client) => createIn(client, inputs, options));
            return { id: idOf(inputs), outs: stateOf(inputs) };
        },
        async update(_id, _urn, olds, news) {
            const before = inputsOf(olds);
            const inputs = inputsOf(news);
            await withClient(inputs, async (client) => {
                // Kyverno refuses in-place changes of synchronizing generate rules: delete, then create.
                if (JSON.stringify(before.policy) !== JSON.stringify(inputs.policy)) {
                    await deletePolicy(client, before.policy.metadata.name, options);
                    await createPolicy(client, inputs.policy, options);
                }
                await sweep(client, inputs.scope, knownReferences(before.scope, inputs.scope), options);
            });
            return { outs: stateOf(inputs) };
        },
        read: (id, _urn, props) => readState(id, props, withClient),
        async delete(_id, _urn, props) {
            const inputs = inputsOf(props);
            try {
                await withClient(inputs, async (client) => {
                    await deletePolicy(client, inputs.policy.metadata.name, options);
                    // Nothing is served any more: every clone and recorded entry of the policy goes.
                    const none: ServedScope = { ...inputs.scope, selector: undefined, secrets: [], references: [] };
                    await sweep(client, none, knownReferences(inputs.scope), options);
                });
            } catch (err) {
                // The cluster is gone (IBM's own answer): so is everything the policy made.
                if (!(err instanceof ClusterGoneError)) throw err;
            }
        },
    };
}
