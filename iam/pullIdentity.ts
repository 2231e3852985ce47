import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import { RegistryRole } from "../config/contract";
import { IcrRegion } from "../registry/icrCatalogue";
import {
    REGISTRY_SERVICE,
    formerPolicyNames,
    IdentityDescriptions,
    IdentityNames,
    identityNames,
    policyScopesFor,
    policyResourceName,
    policyResources,
    serviceIdDescription,
} from "./policyScopes";

/** The type token of ibm.IamServicePolicy (the trimmed SDK's typings do not declare `__pulumiType`). */
export const POLICY_TYPE = "ibm:index/iamServicePolicy:IamServicePolicy";

export interface PullIdentityArgs {
    readonly cluster: string;
    /** Only for the service ID's description. */
    readonly namespaces: readonly string[];
    readonly roles: readonly RegistryRole[];
    readonly registryRegions?: readonly IcrRegion[];
    readonly registryNamespaces?: readonly string[];
    /** Resource names; default identityNames(cluster). Per-namespace identities use perNamespaceIdentityNames. */
    readonly names?: IdentityNames;
    /** What the service ID and key say they are for; default: a cluster's pull identity. */
    readonly descriptions?: IdentityDescriptions;
}

/** The IAM identity the cluster pulls as: a service ID, its container-registry policies and an API key. */
export class PullIdentity extends pulumi.ComponentResource {
    readonly serviceId: ibm.IamServiceId;
    readonly policies: ibm.IamServicePolicy[];
    readonly apiKey: ibm.IamServiceApiKey;
    /** The key's value, a secret; it is returned only when the key is created. */
    readonly apiKeyValue: pulumi.Output<string>;

    constructor(name: string, args: PullIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:PullIdentity", name, {}, opts);
        const names = args.names ?? identityNames(args.cluster);
        const description = args.descriptions?.serviceId ?? serviceIdDescription(args.cluster, args.namespaces);

        this.serviceId = new ibm.IamServiceId(
            names.serviceId,
            { name: names.serviceId, description },
            { parent: this },
        );

        const scopes = policyScopesFor(args.registryRegions, args.registryNamespaces);
        // Adding the first region or registry namespace renames the policies; each former name is aliased
        // by exactly one of them, so the engine updates the old policy in place (see formerPolicyNames).
        const formerNames = formerPolicyNames(names.base, scopes);
        this.policies = scopes.map(
            (scope, i) =>
                new ibm.IamServicePolicy(
                    policyResourceName(names.base, scope),
                    {
                        iamId: this.serviceId.iamId,
                        roles: [...args.roles],
                        description: `${args.roles.join(", ")} on ${REGISTRY_SERVICE} for ${args.descriptions?.subject ?? `cluster ${args.cluster}`}`,
                        // region for local registries, attributes.geography=global for icr.io (see policyResources).
                        resources: policyResources(scope),
                    },
                    {
                        parent: this,
                        aliases: formerNames[i].map((former) => pulumi.createUrn(former, POLICY_TYPE, this)),
                    },
                ),
        );

        this.apiKey = new ibm.IamServiceApiKey(
            names.apiKey,
            {
                name: names.apiKey,
                iamServiceId: this.serviceId.iamId,
                description:
                    args.descriptions?.apiKey ??
                    `Image pull key of ${names.serviceId} for cluster ${args.cluster} (managed by registry-access)`,
                // ibm_iam_service_api_key's store_value defaults to true (IBM-Cloud/terraform-provider-ibm v1.87.1,
                // ibm/service/iamidentity/resource_ibm_iam_service_api_key.go lines 75-81), which keeps the key's
                // value retrievable from IBM Cloud later. false: IBM returns it only in the create response (the
                // provider stores it in state from there, same file line 191, and a later read that returns no
                // value leaves it alone, lines 233-235). The field is DiffSuppressFunc ApplyOnce, so it only
                // affects keys created from now on; an existing key keeps the setting it was created with.
                storeValue: false,
            },
            { parent: this },
        );
        this.apiKeyValue = pulumi.secret(this.apiKey.apikey);

        this.registerOutputs({
            serviceIdId: this.serviceId.id,
            serviceIdIamId: this.serviceId.iamId,
            policyIds: this.policies.map((p) => p.id),
        });
    }
}
