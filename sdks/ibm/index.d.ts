// Typings for the trimmed @pulumi/ibm SDK: the same names and shapes as the generated SDK for
// terraform-provider ibm-cloud/ibm 1.89.0, limited to what registry-access uses.
import * as pulumi from "@pulumi/pulumi";

export declare namespace types {
    namespace input {
        interface IamServicePolicyResources {
            attributes?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
            region?: pulumi.Input<string>;
            resource?: pulumi.Input<string>;
            resourceGroupId?: pulumi.Input<string>;
            resourceInstanceId?: pulumi.Input<string>;
            resourceType?: pulumi.Input<string>;
            service?: pulumi.Input<string>;
            serviceGroupId?: pulumi.Input<string>;
            serviceType?: pulumi.Input<string>;
        }
        interface IamServicePolicyResourceAttribute {
            name: pulumi.Input<string>;
            operator?: pulumi.Input<string>;
            value: pulumi.Input<string>;
        }
        interface IamServicePolicyResourceTag {
            name: pulumi.Input<string>;
            operator?: pulumi.Input<string>;
            value: pulumi.Input<string>;
        }
        interface IamServicePolicyRuleCondition {
            conditions?: pulumi.Input<pulumi.Input<{ key: pulumi.Input<string>; operator: pulumi.Input<string>; value: pulumi.Input<pulumi.Input<string>[]> }>[]>;
            key?: pulumi.Input<string>;
            operator: pulumi.Input<string>;
            value?: pulumi.Input<pulumi.Input<string>[]>;
        }
        // ibm_code_engine_secret's MaxItems: 1 blocks, flattened to objects by the bridge. Computed-only
        // nested attributes (resourceKey.name, role.name, serviceInstance.type, serviceid.crn, apikeyId,
        // userManaged) are declared here too, as the generator declares every property of an object type.
        interface CodeEngineSecretServiceAccess {
            resourceKey: pulumi.Input<types.input.CodeEngineSecretServiceAccessResourceKey>;
            role?: pulumi.Input<types.input.CodeEngineSecretServiceAccessRole>;
            serviceInstance: pulumi.Input<types.input.CodeEngineSecretServiceAccessServiceInstance>;
            serviceid?: pulumi.Input<types.input.CodeEngineSecretServiceAccessServiceid>;
        }
        interface CodeEngineSecretServiceAccessResourceKey {
            id?: pulumi.Input<string>;
            name?: pulumi.Input<string>;
        }
        interface CodeEngineSecretServiceAccessRole {
            crn?: pulumi.Input<string>;
            name?: pulumi.Input<string>;
        }
        interface CodeEngineSecretServiceAccessServiceInstance {
            id?: pulumi.Input<string>;
            type?: pulumi.Input<string>;
        }
        interface CodeEngineSecretServiceAccessServiceid {
            crn?: pulumi.Input<string>;
            id?: pulumi.Input<string>;
        }
        interface CodeEngineSecretServiceOperator {
            apikeyId?: pulumi.Input<string>;
            resourceGroupIds: pulumi.Input<pulumi.Input<string>[]>;
            serviceid: pulumi.Input<types.input.CodeEngineSecretServiceOperatorServiceid>;
            userManaged?: pulumi.Input<boolean>;
        }
        interface CodeEngineSecretServiceOperatorServiceid {
            crn?: pulumi.Input<string>;
            id?: pulumi.Input<string>;
        }
    }
    namespace output {
        // As outputs, computed nested attributes are always set (the bridge's requiredOutputs).
        interface CodeEngineSecretServiceAccess {
            resourceKey: types.output.CodeEngineSecretServiceAccessResourceKey;
            role?: types.output.CodeEngineSecretServiceAccessRole;
            serviceInstance: types.output.CodeEngineSecretServiceAccessServiceInstance;
            serviceid?: types.output.CodeEngineSecretServiceAccessServiceid;
        }
        interface CodeEngineSecretServiceAccessResourceKey {
            id?: string;
            name: string;
        }
        interface CodeEngineSecretServiceAccessRole {
            crn?: string;
            name: string;
        }
        interface CodeEngineSecretServiceAccessServiceInstance {
            id?: string;
            type: string;
        }
        interface CodeEngineSecretServiceAccessServiceid {
            crn: string;
            id?: string;
        }
        interface CodeEngineSecretServiceOperator {
            apikeyId: string;
            resourceGroupIds: string[];
            serviceid: types.output.CodeEngineSecretServiceOperatorServiceid;
            userManaged: boolean;
        }
        interface CodeEngineSecretServiceOperatorServiceid {
            crn: string;
            id?: string;
        }
    }
}

export interface IamServiceIdArgs {
    description?: pulumi.Input<string>;
    /** The Terraform resource's own `id` attribute (renamed by the bridge); normally left unset. */
    iamServiceIdId?: pulumi.Input<string>;
    /** Auto-named (`<resource name>-<random>`) when unset. */
    name?: pulumi.Input<string>;
    tags?: pulumi.Input<pulumi.Input<string>[]>;
}
export interface IamServiceIdState extends IamServiceIdArgs {
    crn?: pulumi.Input<string>;
    iamId?: pulumi.Input<string>;
    locked?: pulumi.Input<boolean>;
    version?: pulumi.Input<string>;
}
export declare class IamServiceId extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: IamServiceIdState, opts?: pulumi.CustomResourceOptions): IamServiceId;
    static isInstance(obj: any): obj is IamServiceId;
    readonly crn: pulumi.Output<string>;
    readonly description: pulumi.Output<string | undefined>;
    readonly iamId: pulumi.Output<string>;
    readonly iamServiceIdId: pulumi.Output<string>;
    readonly locked: pulumi.Output<boolean>;
    readonly name: pulumi.Output<string>;
    readonly tags: pulumi.Output<string[] | undefined>;
    readonly version: pulumi.Output<string>;
    constructor(name: string, args?: IamServiceIdArgs, opts?: pulumi.CustomResourceOptions);
}

export interface IamServicePolicyArgs {
    accountManagement?: pulumi.Input<boolean>;
    description?: pulumi.Input<string>;
    /** IAM ID of the service ID (replaces the deprecated iamServiceId). */
    iamId?: pulumi.Input<string>;
    /** @deprecated Use iamId. */
    iamServiceId?: pulumi.Input<string>;
    /** The Terraform resource's own `id` attribute (renamed by the bridge); normally left unset. */
    iamServicePolicyId?: pulumi.Input<string>;
    pattern?: pulumi.Input<string>;
    resourceAttributes?: pulumi.Input<pulumi.Input<types.input.IamServicePolicyResourceAttribute>[]>;
    resourceTags?: pulumi.Input<pulumi.Input<types.input.IamServicePolicyResourceTag>[]>;
    resources?: pulumi.Input<types.input.IamServicePolicyResources>;
    roles: pulumi.Input<pulumi.Input<string>[]>;
    ruleConditions?: pulumi.Input<pulumi.Input<types.input.IamServicePolicyRuleCondition>[]>;
    ruleOperator?: pulumi.Input<string>;
    tags?: pulumi.Input<pulumi.Input<string>[]>;
    transactionId?: pulumi.Input<string>;
}
export declare class IamServicePolicy extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: Partial<IamServicePolicyArgs>, opts?: pulumi.CustomResourceOptions): IamServicePolicy;
    static isInstance(obj: any): obj is IamServicePolicy;
    readonly accountManagement: pulumi.Output<boolean | undefined>;
    readonly description: pulumi.Output<string | undefined>;
    readonly iamId: pulumi.Output<string>;
    readonly iamServiceId: pulumi.Output<string>;
    readonly iamServicePolicyId: pulumi.Output<string>;
    readonly pattern: pulumi.Output<string | undefined>;
    readonly resourceAttributes: pulumi.Output<types.input.IamServicePolicyResourceAttribute[] | undefined>;
    readonly resourceTags: pulumi.Output<types.input.IamServicePolicyResourceTag[] | undefined>;
    readonly resources: pulumi.Output<types.input.IamServicePolicyResources | undefined>;
    readonly roles: pulumi.Output<string[]>;
    readonly ruleConditions: pulumi.Output<types.input.IamServicePolicyRuleCondition[] | undefined>;
    readonly ruleOperator: pulumi.Output<string | undefined>;
    readonly tags: pulumi.Output<string[] | undefined>;
    readonly transactionId: pulumi.Output<string>;
    constructor(name: string, args: IamServicePolicyArgs, opts?: pulumi.CustomResourceOptions);
}

export interface IamServiceApiKeyArgs {
    /** Sensitive: sent and kept as a secret. */
    apikey?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    /**
     * When the key becomes invalid: ISO 8601 in the format 'yyyy-MM-ddTHH:mm+0000'. Changed in place (not
     * ForceNew). WARNING: IBM permanently deletes a key once both expiresAt and modifiedAt are more than
     * ninety (90) days in the past, whatever its locked status.
     */
    expiresAt?: pulumi.Input<string>;
    file?: pulumi.Input<string>;
    /** The Terraform resource's own `id` attribute (renamed by the bridge); normally left unset. */
    iamServiceApiKeyId?: pulumi.Input<string>;
    /** The IAM ID (not the UUID) of the service ID the key authenticates. */
    iamServiceId: pulumi.Input<string>;
    locked?: pulumi.Input<boolean>;
    /** Auto-named (`<resource name>-<random>`) when unset. */
    name?: pulumi.Input<string>;
    /** Whether IBM Cloud keeps the key's value retrievable after creation; the provider's default is true. */
    storeValue?: pulumi.Input<boolean>;
}
export interface IamServiceApiKeyState extends Partial<IamServiceApiKeyArgs> {
    accountId?: pulumi.Input<string>;
    createdAt?: pulumi.Input<string>;
    createdBy?: pulumi.Input<string>;
    crn?: pulumi.Input<string>;
    entityTag?: pulumi.Input<string>;
    modifiedAt?: pulumi.Input<string>;
}
export declare class IamServiceApiKey extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: IamServiceApiKeyState, opts?: pulumi.CustomResourceOptions): IamServiceApiKey;
    static isInstance(obj: any): obj is IamServiceApiKey;
    readonly accountId: pulumi.Output<string>;
    /** The key's value: a secret, returned only when the key is created (unless storeValue). */
    readonly apikey: pulumi.Output<string>;
    readonly createdAt: pulumi.Output<string>;
    readonly createdBy: pulumi.Output<string>;
    readonly crn: pulumi.Output<string>;
    readonly description: pulumi.Output<string>;
    readonly entityTag: pulumi.Output<string>;
    /** When the key becomes invalid ('yyyy-MM-ddTHH:mm+0000'), as IBM Cloud reports it. */
    readonly expiresAt: pulumi.Output<string | undefined>;
    readonly file: pulumi.Output<string | undefined>;
    readonly iamServiceApiKeyId: pulumi.Output<string>;
    readonly iamServiceId: pulumi.Output<string>;
    readonly locked: pulumi.Output<boolean | undefined>;
    readonly modifiedAt: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly storeValue: pulumi.Output<boolean | undefined>;
    constructor(name: string, args: IamServiceApiKeyArgs, opts?: pulumi.CustomResourceOptions);
}

export interface CodeEngineSecretArgs {
    /** The Terraform resource's own `id` attribute (renamed by the bridge); normally left unset. */
    codeEngineSecretId?: pulumi.Input<string>;
    /**
     * The secret's key-value data. Not Sensitive in the provider's schema, so the SDK does NOT make it secret:
     * pass `pulumi.secret(...)` and set `additionalSecretOutputs: ["data"]` in the resource options.
     */
    data?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** One of basic_auth, generic, hmac_auth, other, registry, service_access, service_operator, ssh_auth, tls. */
    format: pulumi.Input<string>;
    /** Auto-named (`<resource name>-<random>`) when unset; the provider accepts lowercase DNS-style names only. */
    name?: pulumi.Input<string>;
    projectId: pulumi.Input<string>;
    serviceAccess?: pulumi.Input<types.input.CodeEngineSecretServiceAccess>;
    serviceOperator?: pulumi.Input<types.input.CodeEngineSecretServiceOperator>;
}
export interface CodeEngineSecretState {
    codeEngineSecretId?: pulumi.Input<string>;
    createdAt?: pulumi.Input<string>;
    data?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    entityTag?: pulumi.Input<string>;
    etag?: pulumi.Input<string>;
    format?: pulumi.Input<string>;
    generatedBy?: pulumi.Input<string>;
    href?: pulumi.Input<string>;
    name?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    region?: pulumi.Input<string>;
    resourceType?: pulumi.Input<string>;
    secretId?: pulumi.Input<string>;
    serviceAccess?: pulumi.Input<types.input.CodeEngineSecretServiceAccess>;
    serviceOperator?: pulumi.Input<types.input.CodeEngineSecretServiceOperator>;
}
export declare class CodeEngineSecret extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, state?: CodeEngineSecretState, opts?: pulumi.CustomResourceOptions): CodeEngineSecret;
    static isInstance(obj: any): obj is CodeEngineSecret;
    readonly codeEngineSecretId: pulumi.Output<string>;
    readonly createdAt: pulumi.Output<string>;
    readonly data: pulumi.Output<{ [key: string]: string } | undefined>;
    readonly entityTag: pulumi.Output<string>;
    readonly etag: pulumi.Output<string>;
    readonly format: pulumi.Output<string>;
    /** Whether the secret is user generated (computed; since v1.88.0). */
    readonly generatedBy: pulumi.Output<string>;
    readonly href: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly projectId: pulumi.Output<string>;
    readonly region: pulumi.Output<string>;
    readonly resourceType: pulumi.Output<string>;
    /** The provider's own `secret_id` (the secret's ID in Code Engine), not the Pulumi resource ID. */
    readonly secretId: pulumi.Output<string>;
    readonly serviceAccess: pulumi.Output<types.output.CodeEngineSecretServiceAccess | undefined>;
    readonly serviceOperator: pulumi.Output<types.output.CodeEngineSecretServiceOperator | undefined>;
    constructor(name: string, args: CodeEngineSecretArgs, opts?: pulumi.CustomResourceOptions);
}

export interface GetContainerClusterConfigArgs {
    admin?: boolean;
    clusterNameId: string;
    configDir?: string;
    download?: boolean;
    endpointType?: string;
    network?: boolean;
    resourceGroupId?: string;
}
export interface GetContainerClusterConfigOutputArgs {
    admin?: pulumi.Input<boolean>;
    clusterNameId: pulumi.Input<string>;
    configDir?: pulumi.Input<string>;
    download?: pulumi.Input<boolean>;
    endpointType?: pulumi.Input<string>;
    network?: pulumi.Input<boolean>;
    resourceGroupId?: pulumi.Input<string>;
}
export interface GetContainerClusterConfigResult {
    readonly admin?: boolean;
    readonly adminCertificate: string;
    readonly adminKey: string;
    readonly caCertificate: string;
    readonly calicoConfigFilePath: string;
    readonly clusterNameId: string;
    readonly configDir: string;
    readonly configFilePath: string;
    readonly download?: boolean;
    readonly endpointType?: string;
    readonly host: string;
    readonly id: string;
    readonly network?: boolean;
    readonly resourceGroupId?: string;
    readonly token: string;
}
export declare function getContainerClusterConfig(args: GetContainerClusterConfigArgs, opts?: pulumi.InvokeOptions): Promise<GetContainerClusterConfigResult>;
export declare function getContainerClusterConfigOutput(args: GetContainerClusterConfigOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetContainerClusterConfigResult>;

export interface ProviderArgs {
    ibmcloudApiKey?: pulumi.Input<string>;
    ibmcloudAccountId?: pulumi.Input<string>;
    region?: pulumi.Input<string>;
    visibility?: pulumi.Input<string>;
}
export declare class Provider extends pulumi.ProviderResource {
    static isInstance(obj: any): obj is Provider;
    constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions);
}
