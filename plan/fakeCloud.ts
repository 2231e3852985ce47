/**
 * The mock cloud the offline plan and the tests run the program against: deterministic ids and outputs
 * for the resource types the program declares, and a `call` that refuses any function it does not know,
 * so a new cloud read cannot slip into the program unnoticed.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";
import { GET_PULL_SECRETS } from "../core/registry/copySource";
import { KYVERNO_POLICY_TYPE } from "../core/sharedObjects/resourceTypes";

/** Stands for the API key's value, which only IBM Cloud produces (at create time). */
export const API_KEY_PLACEHOLDER = "API-KEY-GENERATED-BY-IBM-CLOUD-ON-CREATE";

export const CLUSTER_CONFIG_TOKEN = "ibm:index/getContainerClusterConfig:getContainerClusterConfig";

/** Fake values the cluster-config data source returns offline. */
export const FAKE_CLUSTER_CONFIG = {
    host: "https://c100.us-south.containers.cloud.ibm.com:30000",
    caCertificate: "-----BEGIN CERTIFICATE-----\nOFFLINE-PLAN-PLACEHOLDER\n-----END CERTIFICATE-----\n",
    token: "CLUSTER-TOKEN-READ-FROM-IBM-CLOUD-AT-RUN-TIME",
};

/** Stands for the `.dockerconfigjson` of IBM's secret `default/<name>`, read from the cluster at run time. */
export function copiedPlaceholder(name: string): string {
    return `DOCKER-CONFIG-OF-default/${name}-READ-FROM-THE-CLUSTER-AT-RUN-TIME`;
}

function fakeUuid(seed: string): string {
    // Deterministic, UUID-shaped, derived from the resource name.
    const hex = crypto.createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface CallRecord {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
}

export class FakeCloud implements pulumi.runtime.Mocks {
    readonly calls: CallRecord[] = [];

    /** `apiKeyValue`: what the fake IBM Cloud returns as the new key (tests pass a canary). */
    constructor(private readonly apiKeyValue = API_KEY_PLACEHOLDER) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const uuid = fakeUuid(`${args.type}::${args.name}`);
        switch (args.type) {
            case "ibm:index/iamServiceId:IamServiceId":
                return {
                    id: `ServiceId-${uuid}`,
                    state: {
                        ...args.inputs,
                        iamId: `iam-ServiceId-${uuid}`,
                        crn: `crn:v1:bluemix:public:iam-identity::a/offline::serviceid:ServiceId-${uuid}`,
                    },
                };
            case "ibm:index/iamServicePolicy:IamServicePolicy":
                return { id: uuid, state: { ...args.inputs } };
            case "ibm:index/iamServiceApiKey:IamServiceApiKey":
                return { id: `ApiKey-${uuid}`, state: { ...args.inputs, apikey: this.apiKeyValue } };
            case KYVERNO_POLICY_TYPE:
                // The provider's output: the ClusterPolicy's name, from the policy it applies.
                return {
                    id: `${args.name}-id`,
                    state: {
                        ...args.inputs,
                        policyName: (args.inputs.policy as { metadata: { name: string } }).metadata.name,
                    },
                };
            default:
                // Kubernetes objects, providers, our references: their inputs are their state.
                return { id: args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs } };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        this.calls.push({ token: args.token, inputs: args.inputs });
        if (args.token === CLUSTER_CONFIG_TOKEN) {
            return {
                ...FAKE_CLUSTER_CONFIG,
                id: args.inputs.clusterNameId,
                clusterNameId: args.inputs.clusterNameId,
                configDir: args.inputs.configDir,
                configFilePath: `${args.inputs.configDir}/config.yml`,
                adminCertificate: "",
                adminKey: "",
                calicoConfigFilePath: "",
            };
        }
        if (args.token === GET_PULL_SECRETS) {
            // What the cluster holds is only known at run time; each copy shows (as a secret) where it comes from.
            const names = args.inputs.names as string[];
            return {
                dockerConfigJsons: Object.fromEntries(names.map((n) => [n, copiedPlaceholder(n)])),
            };
        }
        throw new Error(`offline plan: unexpected provider function ${args.token}`);
    }
}
