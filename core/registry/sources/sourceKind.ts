/**
 * What every registry source is to every platform: ONE interface, implemented once per kind of source
 * (icr.ts, existingKey.ts, copy.ts, entitled.ts, private.ts, listed in index.ts). The planners (sourcePlan.ts
 * for clusters, core/platforms/platformPlan.ts for Code Engine) and the program's components call only this; a new
 * kind of source is one new file. Pure.
 */
import type { PathProblem } from "../../input/problems";
import type { SecretText } from "../../input/secretText";
import type { FieldReader } from "./fieldReader";

/** What every source may say, whatever its type. */
export interface CommonFields {
    /** Namespaces that get this source's secret; default: all of `registry-access:namespaces`. */
    readonly namespaces?: readonly string[];
    /** Name of the secret in each namespace (on Code Engine: of the registry secret); each kind has its default. */
    readonly secretName?: string;
}

/** How a secret's annotations and the access report say where its credentials come from. */
export type SourceGrant = "icr" | "copy" | "entitled" | "private";

/**
 * Where a source's docker config comes from:
 * - `identity`: a service ID with container-registry policies and a key the stack creates (one for the stack,
 *   or one per namespace), user `iamapikey`, on `servers`, optionally in another account;
 * - `static`: one credential from the stack's config;
 * - `copy`: a secret of the cluster's, read at run time (its servers are IBM's, unknown offline).
 */
export type Credential =
    | {
          readonly kind: "identity";
          readonly perNamespace: boolean;
          readonly servers: readonly string[];
          readonly email?: string;
          /** A key of the account the IAM objects belong to; absent: the stack's own account. */
          readonly accountApiKey?: SecretText;
          /** perNamespace: ICR namespaces of the namespaces that name their own. */
          readonly registryNamespacesOf?: Readonly<Record<string, readonly string[]>>;
      }
    | {
          readonly kind: "static";
          readonly servers: readonly string[];
          readonly username: string;
          readonly password: SecretText;
          readonly email?: string;
      }
    | { readonly kind: "copy" };

export interface CredentialContext {
    /** The ICR domains in scope (registryRegions, privateEndpoints). */
    readonly icrDomains: readonly string[];
    /** `registry-access:dockerEmail`. */
    readonly dockerEmail?: string;
}

/** One secret a source puts into a namespace: its name, and for a copy the secret of `default` it copies. */
export interface SecretName {
    readonly name: string;
    readonly copyOf?: string;
}

export interface ClusterContext {
    readonly namespaces: readonly string[];
}

export interface SourceKind<S extends CommonFields & { readonly type: string }> {
    /** Whether `source` is of this kind. */
    readonly is: (source: CommonFields & { readonly type: string }) => source is S;
    /**
     * The config `type` its objects have; with `fields` and `read` where this kind reads them (the ICR
     * identities share type icr, read once by icr.ts).
     */
    readonly type: string;
    readonly fields?: readonly string[];
    /** Reads the fields of its type (type, namespaces and secretName are read before); problems go to `r`. */
    readonly read?: (r: FieldReader, secretName: string | undefined) => Readonly<Record<string, unknown>>;
    /** The stack's ICR identity: at most one per stack, its secret named by registry-access:secretName by default. */
    readonly icrIdentity: boolean;
    readonly grant: SourceGrant;
    /** The field that names its servers, where one does (private: `server`); problems with them are reported there. */
    readonly serverField?: string;
    /** Said at every run that uses it. */
    readonly warning?: string;
    /** The secrets it puts into `namespace`; `defaultName` is registry-access:secretName. */
    readonly secretsIn: (source: S, namespace: string, defaultName: string) => readonly SecretName[];
    readonly credential: (source: S, ctx: CredentialContext) => Credential;
    /** Rules against the other keys on a cluster, reported under `registries[i]`. */
    readonly clusterProblems?: (source: S, i: number, ctx: ClusterContext) => PathProblem[];
    /** On Code Engine: why it cannot be used there, if it cannot. */
    readonly codeEngineProblem?: (source: S, i: number) => PathProblem | undefined;
    /** Code Engine's registry secret for one server of its credential: its default name. */
    readonly codeEngineSecretName: (source: S, server: string) => string;
}

/** Where a problem of source `i` is reported: `registries[i].field`. */
export const sourcePath = (i: number, field: string) => `registries[${i}].${field}`;

/** Code Engine's refusal of what only clusters have. */
export const onCodeEngine = (what: string, instead: string) =>
    `${what}, which a Code Engine project does not have (platform codeengine); ${instead}`;

/** `us.icr.io` → `us-icr-io`: a registry domain as a secret name (IBM's own per-region secrets are named so). */
export function domainSecretName(domain: string): string {
    return domain.replace(/\./g, "-");
}
