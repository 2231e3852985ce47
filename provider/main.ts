/**
 * The registry-access resource provider: edits of objects others own too (the ServiceAccount reference,
 * the OpenShift global pull secret's entries, a BuildConfig's build secrets), one handler per resource type sharing one
 * credential cache. Started by the engine through bin/pulumi-resource-registry-access.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { ClusterConnectionRef, describeConnection, namingConnection } from "../core/cluster/connection";
import { ClusterCredential, CredentialCache, mintClusterCredential } from "../core/cluster/credentials";
import { GET_PULL_SECRETS, readPullSecretsToCopy } from "../core/registry/copySource";
import { GLOBAL_PULL_SECRET_TYPE, globalPullSecretHandler } from "./globalPullSecretHandler";
import { BUILD_CONFIG_SECRET_REF_TYPE, buildConfigSecretRefHandler } from "./buildConfigSecretRefHandler";
import { KYVERNO_POLICY_TYPE, kyvernoPolicyHandler } from "./kyvernoPolicyHandler";
import {
    CredentialSource,
    buildConfigClient,
    globalPullSecretClient,
    kyvernoClient,
    secretReader,
    serviceAccountClient,
} from "./kubernetesClient";
import { reveal } from "./wire";
import { PULL_SECRET_REF_TYPE, ResourceHandler, pullSecretRefHandler } from "./serviceAccountPullSecretRefHandler";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- outside the TypeScript project's sources
const { version } = require("../package.json") as { version: string };

/** The resource type of a URN (`...::parent$type::name`). */
export function typeOfUrn(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** A provider function: inputs as the engine sends them (secrets in wire form) to outputs. */
export type FunctionHandler = (inputs: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function makeProvider(
    handlers: Readonly<Record<string, ResourceHandler>>,
    functions: Readonly<Record<string, FunctionHandler>> = {},
): provider.Provider {
    const handler = (urn: string) => {
        const h = handlers[typeOfUrn(urn)];
        if (!h) throw new Error(`registry-access provider: unknown resource type ${typeOfUrn(urn)}`);
        return h;
    };
    return {
        version,
        check: (urn, olds, news) => handler(urn).check(urn, olds, news),
        diff: (id, urn, olds, news) => handler(urn).diff(id, urn, olds, news),
        create: (urn, inputs) => handler(urn).create(urn, inputs),
        read: (id, urn, props) => handler(urn).read(id, urn, props),
        update: (id, urn, olds, news) => handler(urn).update(id, urn, olds, news),
        delete: (id, urn, props) => handler(urn).delete(id, urn, props),
        invoke: async (token, inputs) => {
            const fn = functions[token];
            if (!fn) throw new Error(`registry-access provider: unknown function ${token}`);
            return { outputs: await fn(inputs) };
        },
    };
}

/**
 * GET_PULL_SECRETS: `{connection, names, apiKey?}` to `{dockerConfigJsons: {name: text}}`. The program wraps
 * the result as a secret at once; it is never kept in state (function results are not).
 */
export function getPullSecretsFunction(
    readers: (connection: ClusterConnectionRef, stackApiKey?: string) => Promise<SecretReaderLike>,
): FunctionHandler {
    return async (inputs) => {
        const connection = inputs.connection as ClusterConnectionRef;
        const names = inputs.names as string[];
        const apiKey = inputs.apiKey === undefined ? undefined : reveal(inputs.apiKey as string);
        try {
            const reader = await readers(connection, apiKey);
            return { dockerConfigJsons: await readPullSecretsToCopy(reader, names, describeConnection(connection)) };
        } catch (err) {
            throw namingConnection(connection, err);
        }
    };
}
type SecretReaderLike = Parameters<typeof readPullSecretsToCopy>[0];

/** One credential cache per process, shared by every resource type and function. */
export function processCredentials(env: NodeJS.ProcessEnv = process.env): CredentialCache {
    return new CredentialCache((cluster, stackApiKey) => mintClusterCredential(cluster, env, stackApiKey));
}

/**
 * A cluster client factory: for `cluster` connections a minted credential from the cache (evicted and minted
 * again when the API server refuses it), the user's kubeconfig for `ambient`.
 */
function withCredential<C>(
    credentials: CredentialCache,
    make: (connection: ClusterConnectionRef, source?: CredentialSource) => Promise<C>,
) {
    return async (connection: ClusterConnectionRef, stackApiKey?: string) => {
        if (connection.source !== "cluster") return make(connection);
        const { cluster } = connection;
        return make(connection, {
            get: () => credentials.get(cluster, stackApiKey),
            evict: (refused: ClusterCredential) => credentials.evict(cluster, stackApiKey, refused),
        });
    };
}

export function defaultHandlers(credentials = processCredentials()): Record<string, ResourceHandler> {
    return {
        [PULL_SECRET_REF_TYPE]: pullSecretRefHandler(withCredential(credentials, serviceAccountClient)),
        [GLOBAL_PULL_SECRET_TYPE]: globalPullSecretHandler(withCredential(credentials, globalPullSecretClient)),
        [BUILD_CONFIG_SECRET_REF_TYPE]: buildConfigSecretRefHandler(withCredential(credentials, buildConfigClient)),
        [KYVERNO_POLICY_TYPE]: kyvernoPolicyHandler(withCredential(credentials, kyvernoClient)),
    };
}

export function defaultFunctions(credentials = processCredentials()): Record<string, FunctionHandler> {
    return { [GET_PULL_SECRETS]: getPullSecretsFunction(withCredential(credentials, secretReader)) };
}

/**
 * `pulumi import` sends Read an ID and no properties (pulumi/pulumi pkg/resource/deploy/step.go:1863-1871),
 * but the Node SDK's Read calls `req.getProperties()!.toJavaScript()` (sdk/nodejs/provider/server.ts:285)
 * and would crash: an absent Struct reads as an empty one.
 */
function readRequestsWithoutPropertiesAreEmpty(): void {
    // Patched at run time, so loaded as the SDK's server loads them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ReadRequest } = require("@pulumi/pulumi/proto/provider_pb");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
    const getProperties = ReadRequest.prototype.getProperties;
    ReadRequest.prototype.getProperties = function (this: unknown) {
        return getProperties.call(this) ?? new Struct();
    };
}

/** Serves the provider over gRPC and prints the port, as the engine expects of a plugin. */
export function serve(argv: readonly string[]): Promise<void> {
    readRequestsWithoutPropertiesAreEmpty();
    const credentials = processCredentials();
    return pulumi.provider.main(makeProvider(defaultHandlers(credentials), defaultFunctions(credentials)), [...argv]);
}
