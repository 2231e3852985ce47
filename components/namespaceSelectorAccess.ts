import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SelectorPlan } from "../core/config/programArgs";
import { selectorText } from "../core/kubernetes/labelSelector";
import {
    KYVERNO,
    excludedNamespaces,
    kyvernoRoles,
    selectorPolicy,
    selectorPolicyName,
} from "../core/platforms/kyverno";
import type { ClusterAccess } from "./clusterConnection";
import { KyvernoPolicy } from "./kyvernoPolicy";
import { MANAGED_LABELS } from "./namespacePullSecret";

export interface NamespaceSelectorAccessArgs {
    readonly plan: SelectorPlan;
    /** The source namespace's Secrets: the policy clones them, so it waits for them. */
    readonly sourceSecrets: readonly pulumi.Resource[];
    readonly connection: ClusterAccess;
}

/**
 * The source namespace the stack owns; its pull secrets are made there before the policy clones them.
 * `matching`: the selector as text, for the identities' descriptions.
 */
export function sourceNamespace(plan: SelectorPlan, connection: ClusterAccess) {
    const name = plan.sourceNamespace;
    const resource = new k8s.core.v1.Namespace(
        `${name}.namespace`,
        { metadata: { name, labels: MANAGED_LABELS } },
        { provider: connection.kubernetes },
    );
    return { name, resource, matching: selectorText(plan.selector) };
}

/**
 * Namespaces chosen by label (registry-access:namespaceSelector), served between runs by Kyverno: the RBAC its
 * controllers need for Secrets and ServiceAccounts (aggregated ClusterRoles), the ClusterPolicy that clones the
 * source namespace's secrets and keeps the ServiceAccount references (core/platforms/kyverno.ts), and, with
 * registry-access:kyverno install, Kyverno itself. However many namespaces match, the stack holds these few
 * resources: the work per namespace is Kyverno's, in the cluster.
 */
export class NamespaceSelectorAccess extends pulumi.ComponentResource {
    readonly policy: KyvernoPolicy;
    readonly roles: k8s.rbac.v1.ClusterRole[];
    readonly kyverno?: k8s.helm.v3.Release;

    constructor(name: string, args: NamespaceSelectorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("registry-access:index:NamespaceSelectorAccess", name, {}, opts);
        const { plan, connection } = args;
        const provider = connection.kubernetes;
        if (plan.kyverno === "install") this.kyverno = this.installKyverno(provider);
        this.roles = kyvernoRoles(plan.cluster).map(
            (role) =>
                new k8s.rbac.v1.ClusterRole(
                    role.name,
                    {
                        metadata: { name: role.name, labels: { ...MANAGED_LABELS, ...role.labels } },
                        rules: role.rules.map((r) => ({ ...r })),
                    },
                    { provider, parent: this },
                ),
        );
        const policyName = selectorPolicyName(plan.cluster);
        this.policy = new KyvernoPolicy(
            policyName,
            {
                policy: { ...selectorPolicy(plan) },
                scope: {
                    policyName,
                    sourceNamespace: plan.sourceNamespace,
                    selector: plan.selector,
                    excluded: excludedNamespaces(plan),
                    secrets: plan.secrets,
                    references: plan.references,
                },
                requireCrds: plan.kyverno === "existing",
                connection: connection.ref,
                stackApiKey: connection.stackApiKey,
            },
            {
                provider: connection.sharedObjects,
                parent: this,
                // Kyverno refuses the policy until its controllers may act on Secrets and ServiceAccounts.
                dependsOn: [...this.roles, ...args.sourceSecrets, ...(this.kyverno ? [this.kyverno] : [])],
            },
        );
        this.registerOutputs({ policyName: this.policy.policyName });
    }

    /**
     * The pinned chart (core/platforms/kyverno.ts KYVERNO). Destroy uninstalls it but keeps its namespace and its
     * CRDs (helm.sh/resource-policy keep, the chart's crds.annotations: charts/kyverno/values.yaml:148-151), so
     * policies others wrote meanwhile are not deleted with them.
     */
    private installKyverno(provider: k8s.Provider): k8s.helm.v3.Release {
        const namespace = new k8s.core.v1.Namespace(
            KYVERNO.namespace,
            { metadata: { name: KYVERNO.namespace } },
            { provider, parent: this, retainOnDelete: true },
        );
        return new k8s.helm.v3.Release(
            KYVERNO.chart,
            {
                name: KYVERNO.chart,
                chart: KYVERNO.chart,
                version: KYVERNO.chartVersion,
                repositoryOpts: { repo: KYVERNO.repository },
                namespace: namespace.metadata.name,
                values: { crds: { annotations: { "helm.sh/resource-policy": "keep" } } },
            },
            { provider, parent: this },
        );
    }
}
