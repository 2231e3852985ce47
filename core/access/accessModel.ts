/**
 * Who can pull what, from the offline plan alone (the registrations `npm run plan` records): one row per
 * (namespace, service account, registry server) with what grants it: the identity, its roles and IAM scope
 * for ICR, the source for the others. Pure.
 *
 * EXTENSION POINT: each way the program grants pull access is one reader in READERS below, mapping the
 * plan to rows. A new registry source or platform adds one reader (or, for a namespace Secret, only the
 * grant annotations of core/access/grants.ts on it), so that --access, --can-pull and the access diff see it.
 */
import { IBM_RESOURCE_TYPES } from "../iam/ibmResourceTypes";
import type { PlanDocument, PlanResource } from "../review/render";
import { REGISTRY_SERVICE } from "../iam/policyScopes";
import { ICR_REGIONS, privateDomain } from "../registry/icrCatalogue";
import { GrantSource, readGrant } from "./grants";
import { LabelSelector, selectorText } from "../kubernetes/labelSelector";
import type { ServedScope } from "../platforms/kyvernoSweep";
import { KYVERNO_POLICY_TYPE } from "../sharedObjects/resourceTypes";

/** One IAM policy's scope, as the policy's `resources` say: absent parts are unrestricted. */
export interface ScopeView {
    readonly region?: string;
    readonly geography?: string;
    readonly registryNamespace?: string;
}

export type Identity =
    | {
          readonly kind: "serviceId";
          readonly name: string;
          readonly roles: readonly string[];
          readonly scopes: readonly ScopeView[];
          /**
           * The `ibm` provider its IAM objects go through, when it is not the stack's default: another account
           * (accountApiKey). Absent: the stack's own account.
           */
          readonly account?: string;
      }
    | { readonly kind: "existingKey" }
    /** IBM's own cluster service ID, whose key a copy source copies: Reader on all the account's registries (seed 000). */
    | { readonly kind: "ibmDefault" };

export interface AccessRow {
    /** A Kubernetes namespace; `*` for every namespace (OpenShift's global pull secret); `codeengine:<project ID>`. */
    readonly namespace: string;
    /** A service account; `*` for every pod; for Code Engine, the registry secret an app names. */
    readonly serviceAccount: string;
    /** As the docker config keys it (Docker Hub: `https://index.docker.io/v1/`). */
    readonly server: string;
    /** The secret that holds the credential (`openshift-config/pull-secret` for the global one). */
    readonly secret: string;
    readonly source: GrantSource | "global-pull-secret";
    /** For ICR credentials (icr, copy, builder-push): whose key it is and what it may read. */
    readonly identity?: Identity;
    /**
     * For namespaces chosen by label (namespace `matching:<selector>`): the selector, the namespaces the policy
     * excludes, and the source namespace Kyverno clones the secret from.
     */
    readonly selector?: SelectorScope;
}

export interface SelectorScope {
    readonly text: string;
    readonly selector: LabelSelector;
    readonly excluded: readonly string[];
    readonly sourceNamespace: string;
}

/** The plan, indexed for readers. */
export interface PlanIndex {
    readonly resources: readonly PlanResource[];
    byUrn(urn: string): PlanResource | undefined;
    ofType(type: string): PlanResource[];
    children(urn: string): PlanResource[];
}

export type AccessReader = (plan: PlanIndex) => AccessRow[];

const T = {
    secret: "kubernetes:core/v1:Secret",
    ref: "registry-access:index:ServiceAccountPullSecretRef",
    apiKey: IBM_RESOURCE_TYPES.apiKey,
    serviceId: IBM_RESOURCE_TYPES.serviceId,
    policy: IBM_RESOURCE_TYPES.policy,
    globalEntries: "registry-access:index:GlobalPullSecretEntries",
    codeEngine: "registry-access:index:CodeEngineRegistryAccess",
} as const;

export function indexPlan(plan: Pick<PlanDocument, "resources">): PlanIndex {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    return {
        resources: plan.resources,
        byUrn: (urn) => byUrn.get(urn),
        ofType: (type) => plan.resources.filter((r) => r.type === type),
        children: (urn) => plan.resources.filter((r) => r.parent === urn),
    };
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const metadataOf = (r: PlanResource) => (r.inputs.metadata ?? {}) as Record<string, unknown>;

/** The identity of an API key: its service ID and container-registry policies (siblings in its PullIdentity). */
function identityOf(plan: PlanIndex, key: PlanResource | undefined): Identity {
    if (!key?.parent) return { kind: "existingKey" };
    const siblings = plan.children(key.parent);
    const serviceId = siblings.find((r) => r.type === T.serviceId);
    const policies = siblings.filter((r) => r.type === T.policy);
    const registry = policies.filter(
        (p) => (p.inputs.resources as Record<string, unknown>)?.service === REGISTRY_SERVICE,
    );
    const provider = serviceId?.provider;
    return {
        kind: "serviceId",
        ...(provider ? { account: provider.slice(provider.lastIndexOf("::") + 2) } : {}),
        name: text(serviceId?.inputs.name) ?? serviceId?.name ?? "",
        roles: [...new Set(registry.flatMap((p) => (p.inputs.roles as string[]) ?? []))],
        scopes: registry.map((p) => {
            const r = (p.inputs.resources ?? {}) as Record<string, unknown>;
            const attributes = (r.attributes ?? {}) as Record<string, unknown>;
            return {
                ...(text(r.region) ? { region: text(r.region) } : {}),
                ...(text(attributes.geography) ? { geography: text(attributes.geography) } : {}),
                ...(r.resourceType === "namespace" && text(r.resource) ? { registryNamespace: text(r.resource) } : {}),
            };
        }),
    };
}

/** The servers of IBM's secret a copy copies: all ICR domains for all-icr-io, one for `default-<region>-icr-io`. */
function copiedServers(copiedFrom: string): string[] {
    const name = copiedFrom.replace(/^default\//, "");
    if (name === "all-icr-io") return ICR_REGIONS.flatMap((r) => [r.domain, privateDomain(r.domain)]);
    const legacy = /^default-(?:([a-z]+)-)?icr-io$/.exec(name);
    if (!legacy) return [];
    return [legacy[1] === undefined ? "icr.io" : `${legacy[1]}.icr.io`];
}

interface SecretAccess {
    readonly servers: readonly string[];
    readonly source: GrantSource;
    readonly identity?: Identity;
}

/** What one of our namespace Secrets grants, from its annotations and its dependencies. */
function secretAccess(plan: PlanIndex, secret: PlanResource): SecretAccess | undefined {
    const grant = readGrant(metadataOf(secret).annotations as Record<string, unknown> | undefined);
    if (!grant) return undefined;
    if (grant.source === "copy") {
        return { source: "copy", servers: copiedServers(grant.copiedFrom ?? ""), identity: { kind: "ibmDefault" } };
    }
    const icr = grant.source === "icr" || grant.source === "builder-push";
    const key = secret.dependsOn.map((u) => plan.byUrn(u)).find((r) => r?.type === T.apiKey);
    return {
        source: grant.source,
        servers: grant.servers ?? [],
        ...(icr ? { identity: identityOf(plan, key) } : {}),
    };
}

function secretIn(plan: PlanIndex, namespace: string, name: string): PlanResource | undefined {
    return plan.ofType(T.secret).find((s) => metadataOf(s).namespace === namespace && metadataOf(s).name === name);
}

/** Namespace Secrets referenced in a ServiceAccount's imagePullSecrets (a `secrets` link is for builds, not pulls). */
const serviceAccountReferences: AccessReader = (plan) =>
    plan.ofType(T.ref).flatMap((ref) => {
        const { namespace, serviceAccount, secretName, list } = ref.inputs as Record<string, string>;
        if (list === "secrets") return [];
        const secret = secretIn(plan, namespace, secretName);
        const access = secret && secretAccess(plan, secret);
        if (!access) return [];
        return access.servers.map((server) => ({
            namespace,
            serviceAccount,
            server,
            secret: secretName,
            source: access.source,
            ...(access.identity ? { identity: access.identity } : {}),
        }));
    });

/** OpenShift's global pull secret: every pod of the cluster, through the kubelet's config. */
const globalPullSecret: AccessReader = (plan) =>
    plan.ofType(T.globalEntries).flatMap((entries) => {
        const from = entries.inputs.from as { namespace: string; secretName: string };
        const secret = secretIn(plan, from.namespace, from.secretName);
        const access = secret && secretAccess(plan, secret);
        return ((entries.inputs.servers as string[]) ?? []).map((server) => ({
            namespace: "*",
            serviceAccount: "*",
            server,
            secret: "openshift-config/pull-secret",
            source: "global-pull-secret" as const,
            ...(access?.identity ? { identity: access.identity } : {}),
        }));
    });

/** Code Engine: each registry secret, for the apps that name it. */
const codeEngineSecrets: AccessReader = (plan) =>
    plan.ofType(T.codeEngine).flatMap((component) => {
        const projectId = text(component.inputs.projectId) ?? "";
        const secrets = (component.inputs.registrySecrets ?? []) as {
            name: string;
            server: string;
            source: GrantSource;
        }[];
        // Its PullIdentity is a child: the key's URN carries the component's type.
        const key = plan.resources.find((r) => r.type === T.apiKey && r.urn.includes(`::${T.codeEngine}$`));
        const identity = identityOf(plan, key);
        return secrets.map((s) => ({
            namespace: `codeengine:${projectId}`,
            serviceAccount: s.name,
            server: s.server,
            secret: s.name,
            source: s.source,
            ...(s.source === "icr" ? { identity } : {}),
        }));
    });

/**
 * Namespaces chosen by label: the Kyverno policy clones each source secret into them and adds it to the chosen
 * service accounts' imagePullSecrets (core/platforms/kyverno.ts); one row per service account and server, for
 * the namespace `matching:<selector>`.
 */
const namespaceSelectorPolicy: AccessReader = (plan) =>
    plan.ofType(KYVERNO_POLICY_TYPE).flatMap((policy) => {
        const scope = policy.inputs.scope as ServedScope;
        if (scope?.selector === undefined) return [];
        const selector: SelectorScope = {
            text: selectorText(scope.selector),
            selector: scope.selector,
            excluded: scope.excluded,
            sourceNamespace: scope.sourceNamespace,
        };
        return scope.references.flatMap((ref) => {
            if (ref.list !== "imagePullSecrets") return [];
            const secret = secretIn(plan, scope.sourceNamespace, ref.secret);
            const access = secret && secretAccess(plan, secret);
            if (!access) return [];
            return access.servers.map((server) => ({
                namespace: `matching:${selector.text}`,
                serviceAccount: ref.serviceAccount,
                server,
                secret: ref.secret,
                source: access.source,
                ...(access.identity ? { identity: access.identity } : {}),
                selector,
            }));
        });
    });

/** Every way the program grants pull access (see EXTENSION POINT above). */
export const READERS: readonly AccessReader[] = [
    serviceAccountReferences,
    namespaceSelectorPolicy,
    globalPullSecret,
    codeEngineSecrets,
];

const rowKey = (r: AccessRow) => `${r.namespace}\u0000${r.serviceAccount}\u0000${r.server}\u0000${r.secret}`;
const byRowKey = (a: AccessRow, b: AccessRow) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0);

/** The access rows of a plan, sorted by namespace, service account, server and secret. */
export function accessModel(
    plan: Pick<PlanDocument, "resources">,
    readers: readonly AccessReader[] = READERS,
): AccessRow[] {
    const index = indexPlan(plan);
    return readers.flatMap((read) => read(index)).sort(byRowKey);
}
