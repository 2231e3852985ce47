/**
 * An API key the stack is given (config type `icr`, identity `existingKey`, read by icr.ts): no IAM object is
 * created; the key goes into every ICR domain in scope, user `iamapikey`. Pure.
 */
import type { SecretText } from "../../input/secretText";
import { ICR_API_KEY_USERNAME } from "../dockerConfig";
import { CommonFields, SourceKind, domainSecretName } from "./sourceKind";

export type ExistingKeySource = CommonFields & {
    readonly type: "icr";
    readonly identity: "existingKey";
    readonly apiKey: SecretText;
};

/** The seeds' warning (000 line 309): a key of a person stops working when that person leaves. */
export const EXISTING_KEY_WARNING =
    "registries: the icr source uses an existing API key (identity existingKey). Make sure it is a service ID's or " +
    "a functional ID's key: a personal user's key stops working, and every pull with it fails, when that user " +
    "leaves the account or loses access.";

export const EXISTING_KEY_SOURCE: SourceKind<ExistingKeySource> = {
    is: (s): s is ExistingKeySource => s.type === "icr" && (s as ExistingKeySource).identity === "existingKey",
    type: "icr",
    icrIdentity: true,
    grant: "icr",
    warning: EXISTING_KEY_WARNING,
    secretsIn: (source, _namespace, defaultName) => [{ name: source.secretName ?? defaultName }],
    credential: (source, ctx) => ({
        kind: "static",
        servers: ctx.icrDomains,
        username: ICR_API_KEY_USERNAME,
        password: source.apiKey,
        email: ctx.dockerEmail,
    }),
    codeEngineSecretName: (source, server) => source.secretName ?? domainSecretName(server),
};
