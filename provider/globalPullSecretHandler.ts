/**
 * `registry-access:index:GlobalPullSecretEntries`: our registries' entries in OpenShift's global pull secret,
 * merged and taken out by the pure planner core/sharedObjects/globalPullSecretMerge.ts. The entries are read from
 * one of our own namespace Secrets (`from`) at each create or update, so no input, output or state holds a
 * credential: state keeps the servers, the owner token and a hash of each entry written (a secret).
 */
import * as crypto from "crypto";
import type * as provider from "@pulumi/pulumi/provider";
import {
    ClusterConnectionRef,
    ClusterGoneError,
    describeConnection,
    namingConnection,
} from "../core/cluster/connection";
import type { SecretReader } from "../core/registry/copySource";
import { DOCKER_CONFIG_KEY, DockerAuthEntry, WHERE, presentEntries } from "../core/sharedObjects/globalPullSecretMerge";
import { decodePullSecret, reconcileGlobalPullSecret } from "../core/sharedObjects/globalPullSecretReconcile";
import type { GlobalPullSecretAccess } from "./kubernetesClient";
import {
    ResourceHandler,
    WireProps,
    connectionProblem,
    isObjectName,
    ownerToken,
    sameConnection,
} from "./serviceAccountPullSecretRefHandler";
import { hasUnknowns, isSecret, reveal, secretWire } from "./wire";

export { GLOBAL_PULL_SECRET_TYPE } from "../core/sharedObjects/resourceTypes";

export type GlobalPullSecretClients = (
    connection: ClusterConnectionRef,
    stackApiKey?: string,
) => Promise<GlobalPullSecretAccess>;

interface From {
    readonly namespace: string;
    readonly secretName: string;
}

/** `openshift-config/pull-secret<team-a/all-icr-io@cluster=dev`: whose entries, on which cluster. */
export function entriesId(from: From, connection: ClusterConnectionRef): string {
    const where = connection.source === "cluster" ? connection.cluster : connection.context;
    return `${WHERE}<${from.namespace}/${from.secretName}@${connection.source}=${where}`;
}

/**
 * The `auths` entries of one of our Secrets. Errors name the Secret and never its content: the content is
 * the credential.
 */
export async function entriesOf(
    reader: SecretReader,
    from: From,
    servers: readonly string[],
): Promise<Record<string, DockerAuthEntry>> {
    const where = `secret ${from.namespace}/${from.secretName}`;
    const secret = await reader.read(from.namespace, from.secretName);
    const data = secret?.data?.[DOCKER_CONFIG_KEY];
    if (typeof data !== "string") throw new Error(`${where} has no ${DOCKER_CONFIG_KEY} to merge into ${WHERE}`);
    let auths: unknown;
    try {
        auths = (JSON.parse(Buffer.from(data, "base64").toString("utf8")) as { auths?: unknown }).auths;
    } catch {
        auths = undefined;
    }
    if (typeof auths !== "object" || auths === null || Array.isArray(auths)) {
        throw new Error(`${where} is not a docker config with auths; nothing was merged into ${WHERE}`);
    }
    const all = auths as Record<string, DockerAuthEntry>;
    const missing = servers.filter((s) => typeof all[s] !== "object" || all[s] === null);
    if (missing.length > 0)
        throw new Error(`${where} has no entry for ${missing.join(", ")}; nothing was merged into ${WHERE}`);
    return Object.fromEntries(servers.map((s) => [s, all[s]]));
}

/** True when the docker config (already checked to be valid JSON) has an entry for `server`. */
function hasEntry(dockerConfigJson: string, server: string): boolean {
    const auths = (JSON.parse(dockerConfigJson) as { auths?: Record<string, unknown> }).auths ?? {};
    return Object.hasOwn(auths, server);
}

/** State: what diff and delete need, the hashes as a secret (a hash of a weak password could be guessed). */
function entriesState(
    inputs: WireProps,
    owner: string,
    hashes: Readonly<Record<string, string>>,
): Record<string, unknown> {
    const apiKey = inputs.apiKey === undefined ? undefined : reveal<string>(inputs.apiKey);
    return {
        connection: inputs.connection,
        from: inputs.from,
        servers: inputs.servers,
        contentHash: secretWire(reveal(inputs.contentHash)),
        owner,
        entryHashes: secretWire(hashes),
        ...(apiKey ? { apiKey: secretWire(apiKey) } : {}),
    };
}

export interface GlobalPullSecretOptions {
    readonly nonce?: () => string;
    readonly backoff?: (attempt: number) => Promise<void>;
}

const apiKeyOf = (props: WireProps) => (props.apiKey === undefined ? undefined : reveal<string>(props.apiKey));

/** Inputs as the program gives them: a connection, our own Secret, servers, and secret hash and key. */
function checkEntries(news: WireProps): { inputs: WireProps; failures: provider.CheckFailure[] } {
    const failures: provider.CheckFailure[] = [];
    const problem = hasUnknowns(news.connection) ? undefined : connectionProblem(news.connection);
    if (problem) failures.push({ property: "connection", reason: problem });
    for (const key of ["namespace", "secretName"] as const) {
        const v = news.from?.[key];
        if (hasUnknowns(v)) continue;
        if (!isObjectName(v)) {
            failures.push({ property: `from.${key}`, reason: `from.${key} must be a Kubernetes object name` });
        }
    }
    const servers = news.servers;
    if (!hasUnknowns(servers)) {
        const ok =
            Array.isArray(servers) && servers.length > 0 && servers.every((s) => typeof s === "string" && s !== "");
        if (!ok) failures.push({ property: "servers", reason: "servers must list at least one registry server" });
    }
    if (!hasUnknowns(news.contentHash) && !isSecret(news.contentHash)) {
        failures.push({ property: "contentHash", reason: "contentHash must be a secret" });
    }
    if (news.apiKey !== undefined && !isSecret(news.apiKey) && !hasUnknowns(news.apiKey)) {
        failures.push({ property: "apiKey", reason: "apiKey must be a secret" });
    }
    return { inputs: news, failures };
}

/** An update when what is merged changed; a replacement on another cluster. */
function diffEntries(olds: WireProps, news: WireProps) {
    const replaces = sameConnection(olds.connection, news.connection) ? [] : ["connection"];
    const fromChanged =
        olds.from?.namespace !== news.from?.namespace || olds.from?.secretName !== news.from?.secretName;
    const serversChanged = JSON.stringify(olds.servers) !== JSON.stringify(news.servers);
    const changed =
        (olds.missing?.length ?? 0) > 0 ||
        fromChanged ||
        serversChanged ||
        hasUnknowns(news.contentHash) ||
        reveal(olds.contentHash) !== reveal(news.contentHash) ||
        (apiKeyOf(olds) ?? null) !== (apiKeyOf(news) ?? null);
    // A new resource on another cluster first, then the old one lets go of its entries.
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
}

/**
 * Refresh. Gone when none of our entries is there as we wrote it. Entries someone removed are listed in
 * `missing`, so the next `up` (an update) puts them back; an entry someone edited keeps its hash in
 * state, so that update refuses to overwrite it rather than take it over.
 */
async function readEntries(
    clients: GlobalPullSecretClients,
    id: string,
    props?: WireProps,
): Promise<provider.ReadResult> {
    if (!props?.owner) {
        throw new Error(`GlobalPullSecretEntries ${id} cannot be imported: it records what it wrote`);
    }
    const written: Record<string, string> = reveal(props.entryHashes) ?? {};
    let present: Record<string, string>;
    let missing: string[];
    try {
        const access = await clients(props.connection, apiKeyOf(props));
        const secret = await access.pullSecret.read();
        if (secret === undefined) return { id: "", props: {} };
        const current = decodePullSecret(secret);
        present = presentEntries(current, props.owner, written);
        missing = Object.keys(written).filter((s) => !hasEntry(current.dockerConfigJson, s));
    } catch (err) {
        if (err instanceof ClusterGoneError) return { id: "", props: {} };
        throw namingConnection(props.connection, err);
    }
    if (Object.keys(present).length === 0) return { id: "", props: {} };
    const inputs = {
        connection: props.connection,
        from: props.from,
        servers: props.servers,
        contentHash: props.contentHash,
        ...(props.apiKey ? { apiKey: props.apiKey } : {}),
    };
    return { id, props: { ...props, missing }, inputs };
}

export function globalPullSecretHandler(
    clients: GlobalPullSecretClients,
    options: GlobalPullSecretOptions = {},
): ResourceHandler {
    const nonce = options.nonce ?? (() => crypto.randomBytes(4).toString("hex"));
    const reconcileOptions = options.backoff ? { backoff: options.backoff } : {};
    async function merge(props: WireProps, owner: string, previous?: Record<string, string>) {
        try {
            const access = await clients(props.connection, apiKeyOf(props));
            const entries = await entriesOf(access.ours, props.from, props.servers);
            const result = await reconcileGlobalPullSecret(
                access.pullSecret,
                { action: "merge", owner, entries, previous },
                reconcileOptions,
            );
            return entriesState(props, owner, result.hashes);
        } catch (err) {
            throw namingConnection(props.connection, err);
        }
    }

    return {
        check: async (_urn, _olds, news) => checkEntries(news),

        diff: async (_id, _urn, olds, news) => diffEntries(olds, news),

        async create(urn, inputs) {
            const owner = ownerToken(urn, nonce());
            return { id: entriesId(inputs.from, inputs.connection), outs: await merge(inputs, owner) };
        },

        async update(_id, _urn, olds, news) {
            return { outs: await merge(news, olds.owner, reveal(olds.entryHashes) ?? {}) };
        },

        read: async (id, _urn, props) => readEntries(clients, id, props),

        async delete(_id, _urn, props) {
            let access: GlobalPullSecretAccess;
            try {
                access = await clients(props.connection, apiKeyOf(props));
            } catch (err) {
                if (err instanceof ClusterGoneError) return;
                throw new Error(
                    `cannot remove registry-access's entries from ${WHERE} on ${describeConnection(props.connection)}: ` +
                        (err as Error).message,
                    { cause: err },
                );
            }
            try {
                await reconcileGlobalPullSecret(
                    access.pullSecret,
                    { action: "remove", owner: props.owner, previous: reveal(props.entryHashes) ?? {} },
                    reconcileOptions,
                );
            } catch (err) {
                // A credential refused (401) is minted again, and IBM may answer then that the cluster is gone.
                if (err instanceof ClusterGoneError) return;
                throw namingConnection(props.connection, err);
            }
        },
    };
}
