/**
 * The registry-access resource provider: edits of objects others own too (today the ServiceAccount
 * reference; the OpenShift global pull secret next), one handler per resource type sharing one
 * credential cache. Started by the engine through bin/pulumi-resource-registry-access.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { ClusterConnectionRef } from "../cluster/connection";
import { CredentialCache, mintClusterCredential } from "../cluster/credentials";
import { serviceAccountClient } from "./kubernetesClient";
import { PULL_SECRET_REF_TYPE, ResourceHandler, pullSecretRefHandler } from "./serviceAccountPullSecretRefHandler";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- outside the TypeScript project's sources
const { version } = require("../package.json") as { version: string };

/** The resource type of a URN (`...::parent$type::name`). */
export function typeOfUrn(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

export function makeProvider(handlers: Readonly<Record<string, ResourceHandler>>): provider.Provider {
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
    };
}

export function defaultHandlers(env: NodeJS.ProcessEnv = process.env): Record<string, ResourceHandler> {
    const credentials = new CredentialCache((cluster, stackApiKey) => mintClusterCredential(cluster, env, stackApiKey));
    const clients = async (connection: ClusterConnectionRef, stackApiKey?: string) =>
        serviceAccountClient(
            connection,
            connection.source === "cluster" ? await credentials.get(connection.cluster, stackApiKey) : undefined,
        );
    return { [PULL_SECRET_REF_TYPE]: pullSecretRefHandler(clients) };
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
    return pulumi.provider.main(makeProvider(defaultHandlers()), [...argv]);
}
