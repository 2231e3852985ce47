/**
 * IBM entitled software (config type `entitled`): `cp.icr.io` with an entitlement key, user `cp`, as seed 000
 * line 589 creates it. Pure.
 */
import { EMAIL } from "../../input/checks";
import type { SecretText } from "../../input/secretText";
import type { FieldReader } from "./fieldReader";
import { CommonFields, SourceKind } from "./sourceKind";

/** The entitled-software secret's name in IBM's procedure (seed 000 line 589). */
export const ENTITLED_SECRET_NAME = "entitled-cp-icr-io";
export const ENTITLED_SERVER = "cp.icr.io";
/** The user name of entitlement keys (seed 000 line 589: `--docker-username=cp`). */
export const ENTITLED_USERNAME = "cp";

export type EntitledSource = CommonFields & {
    readonly type: "entitled";
    readonly entitlementKey: SecretText;
    readonly email?: string;
};

const readEntitled = (r: FieldReader) => ({
    entitlementKey: r.secret("entitlementKey", true),
    email: r.string("email", EMAIL, false),
});

export const ENTITLED_SOURCE: SourceKind<EntitledSource> = {
    is: (s): s is EntitledSource => s.type === "entitled",
    type: "entitled",
    fields: ["type", "entitlementKey", "email", "namespaces", "secretName"],
    read: readEntitled,
    icrIdentity: false,
    grant: "entitled",
    secretsIn: (source) => [{ name: source.secretName ?? ENTITLED_SECRET_NAME }],
    credential: (source) => ({
        kind: "static",
        servers: [ENTITLED_SERVER],
        username: ENTITLED_USERNAME,
        password: source.entitlementKey,
        email: source.email,
    }),
    codeEngineSecretName: (source) => source.secretName ?? ENTITLED_SECRET_NAME,
};
