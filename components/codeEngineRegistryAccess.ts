import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import type { IdentityScope } from "../core/iam/identityScope";
import { codeEngineIdentityDescriptions, identityNames } from "../core/iam/policyScopes";
import type { CodeEngineSecretPlan } from "../core/platforms/platformPlan";
import { RegistrySource, kindOf } from "../core/registry/sources";
import type { Credential, CredentialContext } from "../core/registry/sources/sourceKind";
import { icrIdentities, secretOf } from "./icrIdentities";
import { PullIdentity } from "./pullIdentity";

/**
 * Seed 004 lines 289-294: Code Engine reads the details of the key a registry secret holds, so the service ID
 * needs Operator on `iam-identity`. Scoped to that service ID alone (resource type `serviceid`), not to every
 * identity of the account as the seed's unscoped command grants.
 */
export const IAM_IDENTITY_SERVICE = "iam-identity";
export const IAM_IDENTITY_ROLES = ["Operator"];

export interface CodeEngineRegistryAccessArgs {
    readonly projectId: string;
    /** `registry-access:registries`, or the default source. */
    readonly sources: readonly RegistrySource[];
    /** The project's registry secrets, as validation planned them. */
    readonly secrets: readonly CodeEngineSecretPlan[];
    readonly scope: IdentityScope;
    readonly credentials: CredentialContext;
}

/** The resources' name base: the seed's `codeengine-<project>` (004 line 272), by project ID. */
export function codeEngineBase(projectId: string): string {
    return `codeengine-${projectId}`;
}

/**
 * A Code Engine project's registry access (seed 004): the ICR pull identity plus its `iam-identity` policy,
 * and one registry secret (format `registry`) per server of every source. No Kubernetes objects.
 */
export class CodeEngineRegistryAccess extends pulumi.ComponentResource {
    readonly identity?: PullIdentity;
    readonly iamIdentityPolicy?: ibm.IamServicePolicy;
    readonly secrets: ibm.CodeEngineSecret[];

    constructor(name: string, args: CodeEngineRegistryAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        // What each registry secret grants, as inputs that are not secret (the secrets' `data` is): read by the
        // access report (core/access/accessModel.ts) from the plan.
        const registrySecrets = args.secrets.map((s) => ({
            name: s.name,
            server: s.server,
            source: kindOf(args.sources[s.source]).grant,
        }));
        super(
            "registry-access:index:CodeEngineRegistryAccess",
            name,
            { projectId: args.projectId, registrySecrets },
            opts,
        );
        const base = codeEngineBase(args.projectId);
        const credentials = args.sources.map((s) => kindOf(s).credential(s, args.credentials));
        const identityCredential = credentials.find((c) => c.kind === "identity");
        if (identityCredential) {
            const identities = icrIdentities(identityCredential, {
                base,
                scope: args.scope,
                namespaces: [],
                descriptions: codeEngineIdentityDescriptions(args.projectId, identityNames(base)),
                parent: this,
            });
            this.identity = identities.shared!;
            this.iamIdentityPolicy = this.readsItsKeyDetails(this.identity, base, args.projectId, identities.account);
        }
        this.secrets = args.secrets.map((planned) => this.registrySecret(planned, credentials[planned.source], args));
        this.registerOutputs({ secretNames: args.secrets.map((s) => s.name) });
    }

    /**
     * Operator on iam-identity for the service ID itself: Code Engine reads the key's details. In the service
     * ID's account (through its provider when that is another account's).
     */
    private readsItsKeyDetails(
        identity: PullIdentity,
        base: string,
        projectId: string,
        account: ibm.Provider | undefined,
    ): ibm.IamServicePolicy {
        return new ibm.IamServicePolicy(
            `${base}-iam-identity`,
            {
                iamId: identity.serviceId.iamId,
                roles: IAM_IDENTITY_ROLES,
                description: `Lets Code Engine project ${projectId} read the registry key's details`,
                resources: {
                    service: IAM_IDENTITY_SERVICE,
                    resourceType: "serviceid",
                    resource: identity.serviceId.id,
                },
            },
            { parent: this, ...(account ? { provider: account } : {}) },
        );
    }

    private registrySecret(planned: CodeEngineSecretPlan, credential: Credential, args: CodeEngineRegistryAccessArgs) {
        // Validation refuses copy sources on Code Engine, so every credential here has a password.
        const password = credential.kind === "static" ? secretOf(credential.password) : this.identity!.apiKeyValue;
        const email = (credential.kind === "copy" ? undefined : credential.email) ?? args.credentials.dockerEmail;
        return new ibm.CodeEngineSecret(
            planned.name,
            {
                projectId: args.projectId,
                name: planned.name,
                format: "registry",
                data: pulumi.secret(
                    password.apply((p) => ({
                        server: planned.server,
                        username: planned.username,
                        password: p,
                        ...(email ? { email } : {}),
                    })),
                ),
            },
            {
                parent: this,
                // ibm_code_engine_secret's `data` is not Sensitive in the provider's schema (v1.89.0
                // resource_ibm_code_engine_secret.go lines 41-46), so the SDK would keep what the provider
                // returns in plain text: mark it secret ourselves.
                additionalSecretOutputs: ["data"],
                // The key must be readable by Code Engine before the secret refers to it.
                dependsOn: this.iamIdentityPolicy && credential.kind === "identity" ? [this.iamIdentityPolicy] : [],
            },
        );
    }
}
