/**
 * `registry-access:index:ServiceAccountPullSecretRef`: one secret reference in one ServiceAccount's
 * `imagePullSecrets`, edited by JSON patch with its ownership recorded on the ServiceAccount
 * (core/sharedObjects/serviceAccountPullSecretRefPatch.ts). State holds only the identifying inputs and the owner token;
 * cluster credentials are minted at each call that touches the cluster, never stored.
 */
import * as crypto from "crypto";
import type * as provider from "@pulumi/pulumi/provider";
import {
    ClusterConnectionRef,
    ClusterGoneError,
    describeConnection,
    namingConnection,
} from "../core/cluster/connection";
import {
    PullSecretTarget,
    REFERENCE_LISTS,
    ReconcileOptions,
    ReferenceList,
    ServiceAccountClient,
    hasPullSecret,
    isAttached,
    reconcilePullSecret,
} from "../core/sharedObjects/serviceAccountPullSecretRefPatch";
import { hasUnknowns, isSecret, reveal, secretWire } from "./wire";

export { PULL_SECRET_REF_TYPE } from "../core/sharedObjects/resourceTypes";

export interface PullSecretRefInputs extends PullSecretTarget {
    readonly connection: ClusterConnectionRef;
    /** The stack's `ibm:ibmcloudApiKey`, only when the stack sets it (a secret); the environment comes first. */
    readonly apiKey?: string;
}

/**
 * What state keeps besides the inputs: the owner token, and the stack's key (a secret) when it has one,
 * for deletes. The target and cluster are in the ID (refId), the one place they are read back from.
 */
export interface PullSecretRefState {
    /** This resource instance's entry in the ownership annotation; "" for an imported reference. */
    readonly owner: string;
    readonly apiKey?: string;
}

/** A client for the ServiceAccounts of the cluster a connection names. */
export type ClientFactory = (connection: ClusterConnectionRef, stackApiKey?: string) => Promise<ServiceAccountClient>;

/**
 * Property bags as the engine sends them, secrets and unknowns in their wire form; the SDK's own Provider
 * interface types them `any`, and check() is where they are validated.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireProps = Record<string, any>;

/** What each resource type of the provider implements (the provider dispatches on the URN's type). */
export interface ResourceHandler {
    check(urn: string, olds: WireProps, news: WireProps): Promise<provider.CheckResult>;
    diff(id: string, urn: string, olds: WireProps, news: WireProps): Promise<provider.DiffResult>;
    create(urn: string, inputs: WireProps): Promise<provider.CreateResult>;
    read(id: string, urn: string, props?: WireProps): Promise<provider.ReadResult>;
    update(id: string, urn: string, olds: WireProps, news: WireProps): Promise<provider.UpdateResult>;
    delete(id: string, urn: string, props: WireProps): Promise<void>;
}

const TARGET_KEYS = ["namespace", "serviceAccount", "secretName"] as const;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a Kubernetes object name (a DNS-1123 subdomain), as check() requires of every handler's names. */
export function isObjectName(v: unknown): v is string {
    return typeof v === "string" && DNS1123_SUBDOMAIN.test(v) && v.length <= 253;
}

/**
 * `team-a/default/all-icr-io@cluster=dev-cluster`: the target and its cluster, so `pulumi import` can find it;
 * an entry of `secrets` has its secret name prefixed `secrets:` (`team-a/builder/secrets:icr-builder-push@…`).
 */
export function refId(inputs: PullSecretTarget & { connection: ClusterConnectionRef }): string {
    const where = inputs.connection.source === "cluster" ? inputs.connection.cluster : inputs.connection.context;
    const list = inputs.list === "secrets" ? "secrets:" : "";
    return `${inputs.namespace}/${inputs.serviceAccount}/${list}${inputs.secretName}@${inputs.connection.source}=${where}`;
}

/** The inverse of refId; Kubernetes names hold no '@', '/' or ':', so each splits unambiguously. */
export function parseRefId(id: string): (PullSecretTarget & { connection: ClusterConnectionRef }) | undefined {
    const m = /^([^/@]+)\/([^/@]+)\/(secrets:)?([^/@:]+)@(cluster|ambient)=(.+)$/.exec(id);
    if (!m) return undefined;
    const connection: ClusterConnectionRef =
        m[5] === "cluster" ? { source: "cluster", cluster: m[6] } : { source: "ambient", context: m[6] };
    const target = { namespace: m[1], serviceAccount: m[2], secretName: m[4], connection };
    return m[3] ? { ...target, list: "secrets" } : target;
}

/** `<project>/<stack>/<resource name>#<nonce>`: unique per resource instance, so an old and a new one differ. */
export function ownerToken(urn: string, nonce: string): string {
    const parts = urn.split("::");
    const stack = parts[0].split(":").pop();
    return `${parts[1]}/${stack}/${parts.slice(3).join("::")}#${nonce}`;
}

export function connectionProblem(c: unknown): string | undefined {
    const conn = c as Partial<Record<string, unknown>>;
    if (conn?.source === "cluster" && typeof conn.cluster === "string" && conn.cluster !== "") return undefined;
    if (conn?.source === "ambient" && typeof conn.context === "string" && conn.context !== "") return undefined;
    return 'connection must be {source: "cluster", cluster: NAME} or {source: "ambient", context: NAME}';
}

/** Field by field: the engine's Structs carry map entries in no fixed order, so JSON texts may differ. */
export function sameConnection(
    a: Partial<Record<string, unknown>> | undefined,
    b: Partial<Record<string, unknown>> | undefined,
): boolean {
    const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
    return [...keys].every((k) => a?.[k] === b?.[k]);
}

function plainInputs(raw: WireProps): PullSecretRefInputs {
    const apiKey = raw.apiKey === undefined ? undefined : reveal(raw.apiKey);
    return {
        namespace: raw.namespace,
        serviceAccount: raw.serviceAccount,
        secretName: raw.secretName,
        connection: raw.connection,
        ...(raw.list === "secrets" ? { list: "secrets" as ReferenceList } : {}),
        ...(apiKey ? { apiKey } : {}),
    };
}

/** State as stored (the outputs): the owner, and the stack key, when there is one, kept a secret. */
export function refState(owner: string, apiKey?: string): Record<string, unknown> {
    return { owner, ...(apiKey ? { apiKey: secretWire(apiKey) } : {}) };
}

/** The target and cluster of a reference, from its ID; a malformed ID is an error naming it. */
function targetOf(id: string): PullSecretTarget & { connection: ClusterConnectionRef } {
    const parsed = parseRefId(id);
    if (!parsed) {
        throw new Error(
            `"${id}" is not a ServiceAccountPullSecretRef ID: expected NAMESPACE/SERVICEACCOUNT/SECRET@cluster=CLUSTER ` +
                "or NAMESPACE/SERVICEACCOUNT/SECRET@ambient=CONTEXT",
        );
    }
    return parsed;
}

export interface PullSecretRefOptions {
    readonly reconcile?: ReconcileOptions;
    readonly nonce?: () => string;
}

/** Inputs as the program gives them: the target's names, a connection, a list, a secret key. */
function checkReference(news: WireProps): { inputs: WireProps; failures: provider.CheckFailure[] } {
    const failures: provider.CheckFailure[] = [];
    for (const key of TARGET_KEYS) {
        const v = news[key];
        if (hasUnknowns(v)) continue;
        if (!isObjectName(v)) {
            failures.push({
                property: key,
                reason: `${key} must be a Kubernetes object name (DNS-1123 subdomain)`,
            });
        }
    }
    const problem = hasUnknowns(news.connection) ? undefined : connectionProblem(news.connection);
    if (problem) failures.push({ property: "connection", reason: problem });
    if (news.list !== undefined && !hasUnknowns(news.list) && !REFERENCE_LISTS.includes(news.list)) {
        failures.push({ property: "list", reason: `list must be one of ${REFERENCE_LISTS.join(", ")}` });
    }
    if (news.apiKey !== undefined && !isSecret(news.apiKey) && !hasUnknowns(news.apiKey)) {
        failures.push({ property: "apiKey", reason: "apiKey must be a secret" });
    }
    return { inputs: news, failures };
}

/** A new target is a replacement (new first); a new stack key an update. */
function diffReference(id: string, olds: WireProps, news: WireProps) {
    const old = targetOf(id);
    const replaces: string[] = TARGET_KEYS.filter((k) => old[k] !== news[k]);
    if (!sameConnection(old.connection, news.connection)) replaces.push("connection");
    if ((old.list ?? "imagePullSecrets") !== (news.list ?? "imagePullSecrets")) replaces.push("list");
    const keyChanged = (reveal(olds.apiKey) ?? null) !== (reveal(news.apiKey) ?? null);
    // Create the new reference before deleting the old one: with ownership recorded per instance,
    // the entry survives even when both point at the same ServiceAccount and secret.
    return { changes: replaces.length > 0 || keyChanged, replaces, deleteBeforeReplace: false };
}

/** Delete: the entry let go of, or nothing to do when IBM Cloud says the cluster is gone. */
async function deleteReference(
    clients: ClientFactory,
    options: PullSecretRefOptions,
    id: string,
    props: WireProps,
): Promise<void> {
    const target = targetOf(id);
    const owner: string = props.owner ?? "";
    const apiKey = props.apiKey === undefined ? undefined : reveal<string>(props.apiKey);
    let client: ServiceAccountClient;
    try {
        client = await clients(target.connection, apiKey);
    } catch (err) {
        // The cluster is deleted: nothing is left to edit.
        if (err instanceof ClusterGoneError) return;
        throw new Error(
            `cannot remove ${target.secretName} from ${target.namespace}/${target.serviceAccount} ` +
                `on ${describeConnection(target.connection)}: ${(err as Error).message}`,
            { cause: err },
        );
    }
    try {
        await reconcilePullSecret(client, target, { action: "detach", owner }, options.reconcile);
    } catch (err) {
        // A credential refused (401) is minted again, and IBM may answer then that the cluster is gone.
        if (err instanceof ClusterGoneError) return;
        throw namingConnection(target.connection, err);
    }
}

export function pullSecretRefHandler(clients: ClientFactory, options: PullSecretRefOptions = {}): ResourceHandler {
    const nonce = options.nonce ?? (() => crypto.randomBytes(4).toString("hex"));

    return {
        check: async (_urn, _olds, news) => checkReference(news),

        diff: async (id, _urn, olds, news) => diffReference(id, olds, news),

        async create(urn, raw) {
            const inputs = plainInputs(raw);
            const owner = ownerToken(urn, nonce());
            try {
                const client = await clients(inputs.connection, inputs.apiKey);
                await reconcilePullSecret(client, inputs, { action: "attach", owner }, options.reconcile);
            } catch (err) {
                throw namingConnection(inputs.connection, err);
            }
            return { id: refId(inputs), outs: refState(owner, inputs.apiKey) };
        },

        /** Refresh sends the state; `pulumi import` the ID alone, which then adopts the entry (owner ""). */
        async read(id, _urn, props) {
            const target = targetOf(id);
            const owner: string = props?.owner ?? "";
            const apiKey = props?.apiKey === undefined ? undefined : reveal<string>(props.apiKey);
            let sa;
            try {
                sa = await (await clients(target.connection, apiKey)).read(target.namespace, target.serviceAccount);
            } catch (err) {
                if (err instanceof ClusterGoneError) return { id: "", props: {} };
                throw namingConnection(target.connection, err);
            }
            // Gone when the entry is missing, or no longer recorded as ours: refresh drops it from state and
            // the next `up` puts it back.
            const present =
                sa !== undefined &&
                (owner === ""
                    ? hasPullSecret(sa, target.secretName, target.list)
                    : isAttached(sa, target.secretName, owner, target.list));
            if (!present) return { id: "", props: {} };
            const inputs = { ...target, ...(apiKey ? { apiKey: secretWire(apiKey) } : {}) };
            return { id, props: refState(owner, apiKey), inputs };
        },

        async update(_id, _urn, olds, news) {
            // Only the stack's API key can change without a replacement: nothing to do in the cluster.
            return { outs: refState(olds.owner ?? "", plainInputs(news).apiKey) };
        },

        delete: async (id, _urn, props) => deleteReference(clients, options, id, props),
    };
}
