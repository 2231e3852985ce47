/**
 * Any other registry (config type `private`): a server, a user name and a password, as `kubectl create secret
 * docker-registry` takes them (seed 000, "other private registries"); Docker Hub as kubectl writes it. Pure.
 */
import { ANY_STRING, EMAIL } from "../../input/checks";
import type { SecretText } from "../../input/secretText";
import { DEPRECATED_TOKEN_USERNAME, defaultSecretNameFor, readServer } from "../privateRegistry";
import type { FieldReader } from "./fieldReader";
import { CommonFields, SourceKind } from "./sourceKind";

export type PrivateSource = CommonFields & {
    readonly type: "private";
    /** As the docker config keys it (Docker Hub as kubectl writes it). */
    readonly server: string;
    /** Host and port, for the default secret name. */
    readonly host: string;
    readonly username: string;
    readonly password: SecretText;
    readonly email?: string;
};

function readPrivate(r: FieldReader): Readonly<Record<string, unknown>> {
    const serverText = r.string("server", ANY_STRING, true);
    const server = serverText === undefined ? {} : readServer(serverText);
    if ("problem" in server) r.report("server", serverText, server.problem as string);
    const username = r.string("username", ANY_STRING, true);
    if (username === DEPRECATED_TOKEN_USERNAME) {
        r.report(
            "username",
            username,
            "is the deprecated registry-token user; tokens no longer work, use an API key or the registry's own account",
        );
    }
    return { ...server, username, password: r.secret("password", true), email: r.string("email", EMAIL, false) };
}

export const PRIVATE_SOURCE: SourceKind<PrivateSource> = {
    is: (s): s is PrivateSource => s.type === "private",
    type: "private",
    fields: ["type", "server", "username", "password", "email", "namespaces", "secretName"],
    read: readPrivate,
    icrIdentity: false,
    grant: "private",
    serverField: "server",
    secretsIn: (source) => [{ name: source.secretName ?? defaultSecretNameFor(source.host) }],
    credential: (source) => ({
        kind: "static",
        servers: [source.server],
        username: source.username,
        password: source.password,
        email: source.email,
    }),
    codeEngineSecretName: (source) => source.secretName ?? defaultSecretNameFor(source.host),
};
