/**
 * `registry-access:index:BuildConfigSecretRef`: a BuildConfig's push and pull secret, set as `oc set
 * build-secret --push/--pull` sets them, by JSON patch with ownership recorded on the BuildConfig
 * (core/sharedObjects/buildConfigSecretPatch.ts). State holds the owner token, the fields and the secret set;
 * cluster credentials are minted at each call, never stored.
 */
import * as crypto from "crypto";
import type * as provider from "@pulumi/pulumi/provider";
import { ClusterConnectionRef, ClusterGoneError, namingConnection } from "../core/cluster/connection";
import {
    BUILD_SECRET_FIELDS,
    BuildConfigClient,
    BuildSecretField,
    BuildSecretsTarget,
    readBuildSecretsOwnership,
    reconcileBuildSecrets,
} from "../core/sharedObjects/buildConfigSecretPatch";
import type { ReconcileOptions } from "../core/sharedObjects/serviceAccountPullSecretRefPatch";
import {
    ResourceHandler,
    WireProps,
    connectionProblem,
    isObjectName,
    ownerToken,
    sameConnection,
} from "./serviceAccountPullSecretRefHandler";
import { hasUnknowns, isSecret, reveal, secretWire } from "./wire";

export { BUILD_CONFIG_SECRET_REF_TYPE } from "../core/sharedObjects/resourceTypes";

export type BuildConfigClients = (connection: ClusterConnectionRef, stackApiKey?: string) => Promise<BuildConfigClient>;

interface Inputs extends BuildSecretsTarget {
    readonly connection: ClusterConnectionRef;
    readonly apiKey?: string;
}

const inputsOf = (raw: WireProps): Inputs => ({
    namespace: raw.namespace,
    buildConfig: raw.buildConfig,
    secretName: raw.secretName,
    fields: raw.fields,
    connection: raw.connection,
    ...(raw.apiKey === undefined ? {} : { apiKey: reveal<string>(raw.apiKey) }),
});

/** `team-a/api@cluster=dev-cluster`: the BuildConfig and its cluster. */
export function buildConfigRefId(inputs: Pick<Inputs, "namespace" | "buildConfig" | "connection">): string {
    const c = inputs.connection;
    return `${inputs.namespace}/${inputs.buildConfig}@${c.source}=${c.source === "cluster" ? c.cluster : c.context}`;
}

/** State: what create or update set (the inputs), the owner token, the stack key as a secret. */
const stateOf = (inputs: Inputs, owner: string) => ({
    namespace: inputs.namespace,
    buildConfig: inputs.buildConfig,
    secretName: inputs.secretName,
    fields: inputs.fields,
    connection: inputs.connection,
    owner,
    ...(inputs.apiKey ? { apiKey: secretWire(inputs.apiKey) } : {}),
});

function checkInputs(news: WireProps): { inputs: WireProps; failures: provider.CheckFailure[] } {
    const failures: provider.CheckFailure[] = [];
    for (const key of ["namespace", "buildConfig", "secretName"]) {
        if (!hasUnknowns(news[key]) && !isObjectName(news[key])) {
            failures.push({ property: key, reason: `${key} must be a Kubernetes object name (DNS-1123 subdomain)` });
        }
    }
    const fields = news.fields;
    const validFields =
        Array.isArray(fields) && fields.length > 0 && fields.every((f) => BUILD_SECRET_FIELDS.includes(f));
    if (!hasUnknowns(fields) && !validFields) {
        failures.push({ property: "fields", reason: `fields must list some of ${BUILD_SECRET_FIELDS.join(", ")}` });
    }
    const problem = hasUnknowns(news.connection) ? undefined : connectionProblem(news.connection);
    if (problem) failures.push({ property: "connection", reason: problem });
    if (news.apiKey !== undefined && !isSecret(news.apiKey) && !hasUnknowns(news.apiKey)) {
        failures.push({ property: "apiKey", reason: "apiKey must be a secret" });
    }
    return { inputs: news, failures };
}

/** Another BuildConfig or cluster is a replacement (new first); another secret, fields or key an update. */
function diffInputs(olds: WireProps, news: WireProps): provider.DiffResult {
    const replaces = ["namespace", "buildConfig"].filter((k) => olds[k] !== news[k]);
    if (!sameConnection(olds.connection, news.connection)) replaces.push("connection");
    const changed =
        olds.secretName !== news.secretName ||
        JSON.stringify(olds.fields) !== JSON.stringify(news.fields) ||
        (reveal(olds.apiKey) ?? null) !== (reveal(news.apiKey) ?? null);
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
}

export function buildConfigSecretRefHandler(
    clients: BuildConfigClients,
    options: { readonly reconcile?: ReconcileOptions; readonly nonce?: () => string } = {},
): ResourceHandler {
    const nonce = options.nonce ?? (() => crypto.randomBytes(4).toString("hex"));
    /** Reconcile, every error naming the cluster; `gone` says what a deleted cluster means for this step. */
    async function reconcile(inputs: Inputs, want: { action: "attach" | "detach"; owner: string }, gone?: () => void) {
        try {
            const client = await clients(inputs.connection, inputs.apiKey);
            await reconcileBuildSecrets(client, inputs, want, options.reconcile);
        } catch (err) {
            if (gone && err instanceof ClusterGoneError) return gone();
            throw namingConnection(inputs.connection, err);
        }
    }
    return {
        check: async (_urn, _olds, news) => checkInputs(news),
        diff: async (_id, _urn, olds, news) => diffInputs(olds, news),
        async create(urn, raw) {
            const inputs = inputsOf(raw);
            const owner = ownerToken(urn, nonce());
            await reconcile(inputs, { action: "attach", owner });
            return { id: buildConfigRefId(inputs), outs: stateOf(inputs, owner) };
        },
        async update(_id, _urn, olds, news) {
            const inputs = inputsOf(news);
            const dropped = (olds.fields as BuildSecretField[]).filter((f) => !inputs.fields.includes(f));
            if (dropped.length > 0)
                await reconcile({ ...inputs, fields: dropped }, { action: "detach", owner: olds.owner });
            await reconcile(inputs, { action: "attach", owner: olds.owner });
            return { outs: stateOf(inputs, olds.owner) };
        },
        /** Refresh: gone when no field is recorded as ours any more (the next up sets it again). */
        async read(id, _urn, props) {
            if (!props?.owner) throw new Error(`BuildConfigSecretRef ${id} cannot be imported: it records what it set`);
            const inputs = inputsOf(props);
            let bc;
            try {
                bc = await (await clients(inputs.connection, inputs.apiKey)).read(inputs.namespace, inputs.buildConfig);
            } catch (err) {
                if (err instanceof ClusterGoneError) return { id: "", props: {} };
                throw namingConnection(inputs.connection, err);
            }
            const record = bc === undefined ? {} : readBuildSecretsOwnership(bc);
            const ours = inputs.fields.some((f) => record[f]?.owners.includes(props.owner));
            const { owner: _owner, ...given } = props;
            return ours ? { id, props, inputs: given } : { id: "", props: {} };
        },
        delete: async (_id, _urn, props) =>
            reconcile(inputsOf(props), { action: "detach", owner: props.owner }, () => {}),
    };
}
