/**
 * The identities of an ICR source's `identity` credential (core/registry/sources): one PullIdentity for the
 * stack, or one per namespace, registered under `parent` (the stack by default), in the account the
 * credential names (a second `ibm` provider) or the stack's own.
 */
import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityScope } from "../core/iam/identityScope";
import { IdentityDescriptions, perNamespaceIdentityNames } from "../core/iam/policyScopes";
import { ownValue } from "../core/input/ownValue";
import type { SecretText } from "../core/input/secretText";
import type { Credential } from "../core/registry/sources/sourceKind";
import { PullIdentity } from "./pullIdentity";

/** A secret config field as a Pulumi secret: the moment its plain text leaves SecretText. */
export const secretOf = (s: SecretText) => pulumi.secret(s.reveal());

export interface IcrIdentitiesArgs {
    /** The name base: the cluster, or the Code Engine project's `codeengine-<id>`. */
    readonly base: string;
    readonly scope: IdentityScope;
    /** The namespaces the source serves: the shared identity's description, or one identity each. */
    readonly namespaces: readonly string[];
    /** perNamespace: each namespace's own ICR namespaces (else the scope's). */
    readonly registryNamespacesOf?: Readonly<Record<string, readonly string[]>>;
    /** The shared identity's descriptions; default a cluster's. */
    readonly descriptions?: IdentityDescriptions;
    /** The component the identities belong to; default the stack. */
    readonly parent?: pulumi.Resource;
    /** With namespaceSelector: the source namespace (in `namespaces`) stands for the namespaces matching it. */
    readonly selector?: { readonly sourceNamespace: string; readonly matching: string };
}

export interface IcrIdentities {
    /**
     * The `ibm` provider of the account the identities live in, when it is not the stack's (accountApiKey):
     * every other IAM object of that account (Code Engine's iam-identity policy, OpenShift's push identity)
     * goes through it too.
     */
    readonly account?: ibm.Provider;
    /** The identity of the whole stack (perNamespace: none). */
    readonly shared?: PullIdentity;
    /** perNamespace: by namespace. */
    readonly perNamespace: Record<string, PullIdentity>;
}

/** What a description names: the namespaces, the source namespace as the namespaces matching the selector. */
function described(namespaces: readonly string[], selector: IcrIdentitiesArgs["selector"]) {
    if (!selector || !namespaces.includes(selector.sourceNamespace)) return { namespaces };
    return { namespaces: namespaces.filter((ns) => ns !== selector.sourceNamespace), matching: selector.matching };
}

/** The ICR identities a credential asks for. */
export function icrIdentities(
    credential: Extract<Credential, { kind: "identity" }>,
    args: IcrIdentitiesArgs,
): IcrIdentities {
    // Cross-account: the IAM objects go to the account of accountApiKey, through a second ibm provider.
    const account = credential.accountApiKey
        ? new ibm.Provider(
              `${args.base}-iam-account`,
              { ibmcloudApiKey: secretOf(credential.accountApiKey) },
              { parent: args.parent },
          )
        : undefined;
    const opts: pulumi.ComponentResourceOptions = { ...(account ? { providers: [account] } : {}), parent: args.parent };
    const common = {
        cluster: args.base,
        roles: args.scope.roles,
        registryRegions: args.scope.registryRegions,
        keys: args.scope.keys,
        intent: { intent: args.scope.roleIntent, declaredBy: "roleIntent" },
    };
    if (!credential.perNamespace) {
        const shared = new PullIdentity(
            args.base,
            {
                ...common,
                ...described(args.namespaces, args.selector),
                registryNamespaces: args.scope.registryNamespaces,
                descriptions: args.descriptions,
            },
            opts,
        );
        return { account, shared, perNamespace: {} };
    }
    const perNamespace: Record<string, PullIdentity> = {};
    for (const ns of args.namespaces) {
        const names = perNamespaceIdentityNames(args.base, ns);
        perNamespace[ns] = new PullIdentity(
            names.base,
            {
                ...common,
                ...described([ns], args.selector),
                registryNamespaces: ownValue(args.registryNamespacesOf, ns) ?? args.scope.registryNamespaces,
                names,
            },
            opts,
        );
    }
    return { account, perNamespace };
}
