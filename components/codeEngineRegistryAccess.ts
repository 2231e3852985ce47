import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import type { CodeEngineConfig } from "../core/config/contract";
import { keyLifecycleOf } from "../core/iam/keyLifecycle";
import { codeEngineIdentityDescriptions, identityNames } from "../core/iam/policyScopes";
import { PullIdentity } from "./pullIdentity";
import { icrIdentities, secretOf } from "./registrySecrets";
import { planCodeEngineSecrets } from "../core/platforms/platformPlan";

/** The type token of ibm.CodeEngineSecret (the trimmed SDK's typings do not declare `__pulumiType`). */

/**
 * Seed 004 lines 289-294: Code Engine reads the details of the key a registry secret holds, so the service ID
 * needs Operator on `iam-identity`. Scoped to that service ID alone (resource type `serviceid`), not to every
 * identity of the account as the seed's unscoped command grants.
 */
export const IAM_IDENTITY_SERVICE = "iam-identity";
export const IAM_IDENTITY_ROLES = ["Operator"];

export interface CodeEngineRegistryAccessArgs {
    readonly config: CodeEngineConfig;
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
    identity?: PullIdentity;
    readonly iamIdentityPolicy?: ibm.IamServicePolicy;
    readonly secrets: ibm.CodeEngineSecret[];

    constructor(name: string, args: CodeEngineRegistryAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        const { secrets } = planCodeEngineSecrets(args.config.registries, args.config);
        // What each registry secret grants, as inputs that are not secret (the secrets' `data` is): read by the
        // access report (access/accessModel.ts) from the plan.
        const registrySecrets = secrets.map((s) => ({
            name: s.name,
            server: s.server,
            source: args.config.registries[s.source].type,
        }));
        super(
            "registry-access:index:CodeEngineRegistryAccess",
            name,
            { projectId: args.config.codeEngineProjectId, registrySecrets },
            opts,
        );
        const { config } = args;
        const base = codeEngineBase(config.codeEngineProjectId);

        const passwords = new Map<number, pulumi.Output<string>>();
        config.registries.forEach((source, i) => {
            switch (source.type) {
                case "icr":
                    if (source.identity === "existingKey") {
                        passwords.set(i, secretOf(source.apiKey!));
                        return;
                    }
                    this.identity = icrIdentities(
                        {
                            ...config,
                            base,
                            keys: keyLifecycleOf(config),
                            namespaces: [],
                            descriptions: codeEngineIdentityDescriptions(
                                config.codeEngineProjectId,
                                identityNames(base),
                            ),
                            parent: this,
                        },
                        source,
                    ).identity;
                    if (this.identity) passwords.set(i, this.identity.apiKeyValue);
                    return;
                case "entitled":
                    passwords.set(i, secretOf(source.entitlementKey));
                    return;
                case "private":
                    passwords.set(i, secretOf(source.password));
                    return;
                case "copy":
                    return; // refused by validation on this platform
            }
        });

        if (this.identity) {
            this.iamIdentityPolicy = new ibm.IamServicePolicy(
                `${base}-iam-identity`,
                {
                    iamId: this.identity.serviceId.iamId,
                    roles: IAM_IDENTITY_ROLES,
                    description: `Lets Code Engine project ${config.codeEngineProjectId} read the registry key's details`,
                    resources: {
                        service: IAM_IDENTITY_SERVICE,
                        resourceType: "serviceid",
                        resource: this.identity.serviceId.id,
                    },
                },
                { parent: this },
            );
        }

        const email = (i: number) => {
            const s = config.registries[i];
            return (s.type === "entitled" || s.type === "private" ? s.email : undefined) ?? config.dockerEmail;
        };
        this.secrets = secrets.map(
            (planned) =>
                new ibm.CodeEngineSecret(
                    planned.name,
                    {
                        projectId: config.codeEngineProjectId,
                        name: planned.name,
                        format: "registry",
                        data: pulumi.secret(
                            passwords.get(planned.source)!.apply((password) => ({
                                server: planned.server,
                                username: planned.username,
                                password,
                                ...(email(planned.source) ? { email: email(planned.source)! } : {}),
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
                        dependsOn:
                            this.iamIdentityPolicy && config.registries[planned.source].type === "icr"
                                ? [this.iamIdentityPolicy]
                                : [],
                    },
                ),
        );

        this.registerOutputs({ secretNames: secrets.map((s) => s.name) });
    }
}
