/**
 * A program that builds what a careless future change could: a pull identity with Writer and nothing
 * declaring it, and a pull Secret in a system namespace nobody allowed. The policy pack must refuse both.
 */
import { PullIdentity } from "../../../components/pullIdentity";
import { PINNED_KUBERNETES_OPTIONS } from "../../../components/clusterConnection";
import * as k8s from "@pulumi/kubernetes";
import { MANAGED_LABELS } from "../../../components/namespacePullSecret";
import { systemNamespaceMetadata } from "../../../core/kubernetes/systemNamespaces";
import * as pulumi from "@pulumi/pulumi";

new PullIdentity("c1", { cluster: "c1", namespaces: ["team-a"], roles: ["Reader", "Writer"] });
const provider = new k8s.Provider("c1", { ...PINNED_KUBERNETES_OPTIONS, kubeconfig: "", context: "c1" });
new k8s.core.v1.Secret(
    "kube-system.pull",
    {
        metadata: {
            name: "pull",
            namespace: "kube-system",
            labels: MANAGED_LABELS,
            ...systemNamespaceMetadata("kube-system", []),
        },
        type: "kubernetes.io/dockerconfigjson",
        stringData: pulumi.secret({ ".dockerconfigjson": '{"auths":{"us.icr.io":{"username":"iamapikey"}}}' }),
    },
    { provider },
);
