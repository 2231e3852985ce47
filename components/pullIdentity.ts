import { IBM_RESOURCE_TYPES } from "../core/iam/ibmResourceTypes";
import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryRole } from "../core/iam/roleIntent";
import { DEFAULT_KEY_LIFECYCLE, KeyLifecycle, expiresAt, keyLabels, keyName } from "../core/iam/keyLifecycle";
import { RoleIntent, intentMarker } from "../core/iam/roleIntent";
import { IcrRegion } from "../core/registry/icrCatalogue";
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
} from "../core/iam/policyScopes";

/** The type token of ibm.IamServicePolicy, for the aliases below. */
export const POLICY_TYPE = IBM_RESOURCE_TYPES.policy;

export interface PullIdentityArgs {
    readonly cluster: string;
    /** Only for the service ID's description. */
    readonly namespaces: readonly string[];
    /** Only for the description too: the namespaceSelector (as text) whose namespaces it also serves. */
    readonly matching?: string;
    readonly roles: readonly RegistryRole[];
    readonly registryRegions?: readonly IcrRegion[];
    readonly registryNamespaces?: readonly string[];
    /** Resource names; default identityNames(cluster). Per-namespace identities use perNamespaceIdentityNames. */
    readonly names?: IdentityNames;
    /** What the service ID and key say they are for; default: a cluster's pull identity. */
    readonly descriptions?: IdentityDescriptions;
    /** Rotation, expiry and protection of the keys; default: the first key, no expiry, unprotected. */
    readonly keys?: KeyLifecycle;
    /**
     * What the stack declared the roles are for, and by which config key, recorded in the policies'
     * descriptions. Passed through from config, never derived from `roles`, so that a grant beyond Reader
     * nobody declared carries no marker and the policy pack refuses it. Default: pull.
     */
    readonly intent?: { readonly intent: RoleIntent; readonly declaredBy: string };
}

/** The IAM identity the cluster pulls as: a service ID, its container-registry policies and an API key. */
export class PullIdentity extends pulumi.ComponentResource {
    readonly serviceId: ibm.IamServiceId;
    readonly policies: ibm.IamServicePolicy[];
    /** The current key (keyRotation): every consumer uses it. */
    readonly apiKey: ibm.IamServiceApiKey;
    /** A former key kept for this update (keepPreviousKey); nothing consumes it. */
    readonly keptApiKey?: ibm.IamServiceApiKey;
    /** The key's value, a secret; it is returned only when the key is created. */
    readonly apiKeyValue: pulumi.Output<string>;

    constructor(name: string, args: PullIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:PullIdentity", name, {}, opts);
        const names = args.names ?? identityNames(args.cluster);
        const description =
            args.descriptions?.serviceId ?? serviceIdDescription(args.cluster, args.namespaces, args.matching);
        const keys = args.keys ?? DEFAULT_KEY_LIFECYCLE;

        this.serviceId = new ibm.IamServiceId(
            names.serviceId,
            { name: names.serviceId, description },
            { parent: this, protect: keys.protect },
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
                        description:
                            `${args.roles.join(", ")} on ${REGISTRY_SERVICE} for ${args.descriptions?.subject ?? `cluster ${args.cluster}`}` +
                            intentMarker(args.intent?.intent ?? "pull", args.intent?.declaredBy ?? ""),
                        // region for local registries, attributes.geography=global for icr.io (see policyResources).
                        resources: policyResources(scope),
                    },
                    {
                        parent: this,
                        aliases: formerNames[i].map((former) => pulumi.createUrn(former, POLICY_TYPE, this)),
                    },
                ),
        );

        const apiKeyDescription =
            args.descriptions?.apiKey ??
            `Image pull key of ${names.serviceId} for cluster ${args.cluster} (managed by registry-access)`;
        const newKey = (label: string, opts: pulumi.CustomResourceOptions) =>
            new ibm.IamServiceApiKey(
                keyName(names.apiKey, label),
                {
                    name: keyName(names.apiKey, label),
                    iamServiceId: this.serviceId.iamId,
                    description: apiKeyDescription,
                    // ibm_iam_service_api_key's store_value defaults to true (IBM-Cloud/terraform-provider-ibm v1.89.0,
                    // ibm/service/iamidentity/resource_ibm_iam_service_api_key.go lines 81-87), which keeps the key's
                    // value retrievable from IBM Cloud later. false: IBM returns it only in the create response (the
                    // provider stores it in state from there, same file line 202, and a later read that returns no
                    // value leaves it alone, lines 244-246). The field is DiffSuppressFunc ApplyOnce, so it only
                    // affects keys created from now on; an existing key keeps the setting it was created with.
                    storeValue: false,
                    // expires_at: an update in place when it changes (same file, lines 75-79 and 308-312).
                    ...(keys.expiry !== undefined ? { expiresAt: expiresAt(keys.expiry) } : {}),
                },
                { parent: this, ...opts },
            );
        const labels = keyLabels(keys);
        // A new label is a new resource: created now, consumed by every secret, and the former one, no longer
        // registered, deleted by the engine after all of them are updated (see keyLifecycle.ts).
        this.apiKey = newKey(labels.current, { protect: keys.protect });
        // Kept as it was (its expiry and description are not touched), and unprotected, so that the next update,
        // without keepPreviousKey, can delete it.
        this.keptApiKey =
            labels.kept === undefined
                ? undefined
                : newKey(labels.kept, { protect: false, ignoreChanges: ["expiresAt", "description"] });
        this.apiKeyValue = pulumi.secret(this.apiKey.apikey);

        this.registerOutputs({
            serviceIdId: this.serviceId.id,
            serviceIdIamId: this.serviceId.iamId,
            policyIds: this.policies.map((p) => p.id),
        });
    }
}
