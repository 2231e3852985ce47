/**
 * The type tokens of the `@pulumi/ibm` resources registry-access declares, in one place for the program, the
 * offline plan and the policy pack (the trimmed SDK's typings do not declare `__pulumiType`; sdks/ibm/README.md
 * lists where each token comes from). Pure: importing it loads no SDK.
 */
export const IBM_RESOURCE_TYPES = {
    serviceId: "ibm:index/iamServiceId:IamServiceId",
    policy: "ibm:index/iamServicePolicy:IamServicePolicy",
    apiKey: "ibm:index/iamServiceApiKey:IamServiceApiKey",
    codeEngineSecret: "ibm:index/codeEngineSecret:CodeEngineSecret",
} as const;
