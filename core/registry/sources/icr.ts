/**
 * The ICR pull identity the stack creates (config type `icr`, identity `shared` or `perNamespace`): a service
 * ID with container-registry policies and an API key, for the whole stack or one per namespace, in this
 * account or (accountApiKey) in another. This file also reads every object of type icr, the existing-key
 * identity's (existingKey.ts) included: they share the type and its fields. Pure.
 */
import { DNS1123_LABEL } from "../../input/checks";
import type { PathProblem } from "../../input/problems";
import type { SecretText } from "../../input/secretText";
import { ICR_API_KEY_USERNAME } from "../dockerConfig";
import { ICR_NAMESPACE } from "../icrCatalogue";
import { FieldReader, oneOfCheck } from "./fieldReader";
import { ClusterContext, CommonFields, SourceKind, domainSecretName, onCodeEngine, sourcePath } from "./sourceKind";

export const IDENTITY_MODES = ["shared", "perNamespace", "existingKey"] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

export type IcrSource = CommonFields & {
    readonly type: "icr";
    readonly identity: "shared" | "perNamespace";
    /** Cross-account: a key of the account the service ID, policies and key are created in. */
    readonly accountApiKey?: SecretText;
    /** perNamespace: each Kubernetes namespace's ICR namespaces (else `registry-access:registryNamespaces`). */
    readonly registryNamespaces?: Readonly<Record<string, readonly string[]>>;
};

/**
 * IBM Cloud IAM limits ("IBM Cloud IAM limits", https://cloud.ibm.com/docs/account?topic=account-known-issues#iam_limits;
 * ibm-cloud-docs/account known-issues.md lines 83 and 93): 2000 service IDs per account, 20 API keys per identity.
 */
export const SERVICE_IDS_PER_ACCOUNT = 2000;
export const API_KEYS_PER_IDENTITY = 20;

/** The namespaces a source serves. */
export function namespacesOf(source: CommonFields, all: readonly string[]): readonly string[] {
    return source.namespaces ?? all;
}

function readRegistryNamespaceMap(r: FieldReader, raw: unknown): Record<string, string[]> | undefined {
    if (raw === undefined) return undefined;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        r.report(
            "registryNamespaces",
            JSON.stringify(raw),
            "must map Kubernetes namespaces to lists of ICR namespaces",
        );
        return undefined;
    }
    const out: Record<string, string[]> = {};
    for (const [namespace, list] of Object.entries(raw)) {
        if (DNS1123_LABEL.accept(namespace) === undefined) {
            r.report(
                `registryNamespaces.${namespace}`,
                undefined,
                `names a Kubernetes namespace: ${DNS1123_LABEL.rule}`,
            );
            continue;
        }
        const read = r.list(`registryNamespaces.${namespace}`, ICR_NAMESPACE, list);
        if (read) out[namespace] = read;
    }
    return out;
}

/** Reads an object of type icr, whichever identity it declares. */
function readIcr(r: FieldReader): Readonly<Record<string, unknown>> {
    const identity = r.has("identity") ? r.string("identity", oneOfCheck(IDENTITY_MODES), true) : "shared";
    const apiKey = r.secret("apiKey", identity === "existingKey");
    const accountApiKey = r.secret("accountApiKey", false);
    const registryNamespaces = readRegistryNamespaceMap(r, r.obj.registryNamespaces);
    if (identity !== "existingKey" && r.has("apiKey")) {
        r.report("apiKey", undefined, "is only used with identity existingKey");
    }
    if (identity === "existingKey" && r.has("accountApiKey")) {
        r.report(
            "accountApiKey",
            undefined,
            "creates IAM objects in another account; identity existingKey creates none",
        );
    }
    if (identity !== "perNamespace" && registryNamespaces !== undefined) {
        r.report("registryNamespaces", undefined, "is only used with identity perNamespace");
    }
    return { identity, apiKey, accountApiKey, registryNamespaces };
}

/** Per-namespace identities: each registryNamespaces entry names a namespace served, within IBM's limit. */
function perNamespaceProblems(source: IcrSource, i: number, ctx: ClusterContext): PathProblem[] {
    if (source.identity !== "perNamespace") return [];
    const served = namespacesOf(source, ctx.namespaces);
    const servedSet = new Set(served);
    const problems: PathProblem[] = Object.keys(source.registryNamespaces ?? {})
        .filter((ns) => !servedSet.has(ns))
        .map((ns) => ({
            path: sourcePath(i, `registryNamespaces.${ns}`),
            rule: "names a namespace this source does not serve",
        }));
    if (served.length > SERVICE_IDS_PER_ACCOUNT) {
        problems.push({
            path: sourcePath(i, "identity"),
            value: "perNamespace",
            rule:
                `would create ${served.length} service IDs, more than IBM Cloud's limit of ${SERVICE_IDS_PER_ACCOUNT} ` +
                "per account (https://cloud.ibm.com/docs/account?topic=account-known-issues#iam_limits); use identity shared",
        });
    }
    return problems;
}

export const ICR_SOURCE: SourceKind<IcrSource> = {
    is: (s): s is IcrSource => s.type === "icr" && (s as IcrSource).identity !== ("existingKey" as string),
    type: "icr",
    fields: ["type", "identity", "apiKey", "accountApiKey", "registryNamespaces", "namespaces", "secretName"],
    read: readIcr,
    icrIdentity: true,
    grant: "icr",
    secretsIn: (source, _namespace, defaultName) => [{ name: source.secretName ?? defaultName }],
    credential: (source, ctx) => ({
        kind: "identity",
        perNamespace: source.identity === "perNamespace",
        servers: ctx.icrDomains,
        email: ctx.dockerEmail,
        ...(source.accountApiKey ? { accountApiKey: source.accountApiKey } : {}),
        ...(source.registryNamespaces ? { registryNamespacesOf: source.registryNamespaces } : {}),
    }),
    clusterProblems: perNamespaceProblems,
    codeEngineProblem: (source, i) =>
        source.identity === "perNamespace"
            ? {
                  path: sourcePath(i, "identity"),
                  value: source.identity,
                  rule: onCodeEngine("needs Kubernetes namespaces", "use identity shared or existingKey"),
              }
            : undefined,
    codeEngineSecretName: (source, server) => source.secretName ?? domainSecretName(server),
};

export { ICR_API_KEY_USERNAME };
