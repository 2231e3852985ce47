/**
 * The program under mocks with registry-access:namespaceSelector: the source namespace and its secrets, the
 * Kyverno ClusterPolicy applied by our provider, the aggregated ClusterRoles, Kyverno's chart with `kyverno:
 * install`; a fixed number of resources whatever the cluster holds; listed namespaces served as before.
 */
import { T, inputsOf, ofType, one, runStack } from "../fakes/programRuns";

const P = {
    namespace: "kubernetes:core/v1:Namespace",
    role: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    policy: "registry-access:index:KyvernoPolicy",
    selectorAccess: "registry-access:index:NamespaceSelectorAccess",
    release: "kubernetes:helm.sh/v3:Release",
};
const SELECTOR = { matchLabels: { "registry-access.io/pull": "icr" } };
const names = (run: Awaited<ReturnType<typeof runStack>>, type: string) =>
    ofType(run, type)
        .map((r) => r.name)
        .sort();

describe("a stack with namespaceSelector", () => {
    it("makes the source namespace's secret, and the policy that clones it, waiting for it and for Kyverno's RBAC", async () => {
        const run = await runStack({ cluster: "c1", namespaceSelector: SELECTOR as never });
        expect(names(run, P.namespace)).toEqual(["registry-access.namespace"]);
        expect(names(run, T.secret)).toEqual(["registry-access.all-icr-io"]);
        // Nothing references the secret in the source namespace: Kyverno clones it elsewhere.
        expect(ofType(run, T.ref)).toEqual([]);
        const secret = one(run, T.secret, "registry-access.all-icr-io");
        expect(secret.dependsOn).toContain(one(run, P.namespace).urn);
        expect(names(run, P.role)).toEqual(["registry-access-c1:admission", "registry-access-c1:background"]);
        const policy = one(run, P.policy);
        expect(policy.parent).toBe(one(run, P.selectorAccess).urn);
        expect(policy.dependsOn).toEqual(
            expect.arrayContaining([secret.urn, ...ofType(run, P.role).map((r) => r.urn)]),
        );
        const inputs = inputsOf(policy) as Record<string, any>;
        expect(inputs.requireCrds).toBe(true);
        expect(inputs.scope).toEqual({
            policyName: "registry-access-c1",
            sourceNamespace: "registry-access",
            selector: SELECTOR,
            excluded: [
                "kube-*",
                "ibm-*",
                "openshift",
                "openshift-*",
                "calico-system",
                "calico-apiserver",
                "tigera-operator",
                "kyverno",
                "registry-access",
            ],
            secrets: ["all-icr-io"],
            references: [{ serviceAccount: "default", list: "imagePullSecrets", secret: "all-icr-io" }],
        });
        expect(inputs.policy.metadata.name).toBe("registry-access-c1");
        expect(ofType(run, P.release)).toEqual([]);
    });

    it("declares a fixed set of resources: the program never lists the namespaces that match", async () => {
        const run = await runStack({ cluster: "c1", namespaceSelector: SELECTOR as never });
        expect(run.registrations.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
            "ibm:index/iamServiceApiKey:IamServiceApiKey c1-registry-pull-key",
            "ibm:index/iamServiceId:IamServiceId c1-registry-pull-id",
            "ibm:index/iamServicePolicy:IamServicePolicy c1-registry-pull-policy",
            "kubernetes:core/v1:Namespace registry-access.namespace",
            "kubernetes:core/v1:Secret registry-access.all-icr-io",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole registry-access-c1:admission",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole registry-access-c1:background",
            "pulumi:providers:kubernetes c1",
            "pulumi:providers:registry-access c1",
            "pulumi:pulumi:Stack registry-access-test",
            "registry-access:index:ClusterConnection c1",
            "registry-access:index:KyvernoPolicy registry-access-c1",
            "registry-access:index:NamespaceSelectorAccess c1",
            "registry-access:index:PullIdentity c1",
        ]);
        expect(inputsOf(one(run, "ibm:index/iamServiceId:IamServiceId")).description).toBe(
            "Pulls images from IBM Cloud Container Registry for Kubernetes cluster c1, namespaces matching " +
                "registry-access.io/pull=icr (managed by registry-access)",
        );
    });

    it("serves listed namespaces directly, and keeps them out of the policy", async () => {
        const run = await runStack({ cluster: "c1", namespaces: ["team-a"], namespaceSelector: SELECTOR as never });
        expect(names(run, T.secret)).toEqual(["registry-access.all-icr-io", "team-a.all-icr-io"]);
        expect(names(run, T.ref)).toEqual(["team-a.default"]);
        const scope = (inputsOf(one(run, P.policy)) as { scope: { excluded: string[] } }).scope;
        expect(scope.excluded.slice(-2)).toEqual(["registry-access", "team-a"]);
    });

    it("with kyverno install: the pinned chart in its retained namespace, CRDs kept, the policy after it, no CRD check", async () => {
        const run = await runStack({
            cluster: "c1",
            namespaceSelector: SELECTOR as never,
            kyverno: "install",
            sourceNamespace: "pull-secrets",
        });
        const release = one(run, P.release);
        expect(inputsOf(release)).toMatchObject({
            chart: "kyverno",
            version: "3.9.0",
            namespace: "kyverno",
            repositoryOpts: { repo: "https://kyverno.github.io/kyverno/" },
            values: { crds: { annotations: { "helm.sh/resource-policy": "keep" } } },
        });
        const kyvernoNamespace = one(run, P.namespace, "kyverno");
        expect(kyvernoNamespace.retainOnDelete).toBe(true);
        const policy = one(run, P.policy);
        expect(policy.dependsOn).toContain(release.urn);
        expect((inputsOf(policy) as { requireCrds: boolean }).requireCrds).toBe(false);
        expect(names(run, P.namespace)).toEqual(["kyverno", "pull-secrets.namespace"]);
    });

    it("on OpenShift with builderPush, clones the push secret too and links it to builder in both lists", async () => {
        const run = await runStack({
            platform: "openshift",
            cluster: "os1",
            namespaceSelector: SELECTOR as never,
            builderPush: true,
        });
        const scope = (inputsOf(one(run, P.policy)) as { scope: { secrets: string[]; references: unknown[] } }).scope;
        expect(scope.secrets).toEqual(["all-icr-io", "icr-builder-push"]);
        expect(scope.references).toEqual([
            { serviceAccount: "default", list: "imagePullSecrets", secret: "all-icr-io" },
            { serviceAccount: "builder", list: "imagePullSecrets", secret: "icr-builder-push" },
            { serviceAccount: "builder", list: "secrets", secret: "icr-builder-push" },
        ]);
        expect(one(run, P.policy).dependsOn).toContain(one(run, T.secret, "registry-access.icr-builder-push").urn);
    });
});
