/**
 * `--can-pull` as table tests over the worked stacks' plans: yes with every link, and each link that can be
 * missing, alone, named.
 */
import * as fs from "fs";
import { AccessRow, accessModel } from "../../core/access/accessModel";
import { PullAnswer, canPull } from "../../core/access/canPull";
import type { PlanDocument } from "../../core/review/render";
import { committedPlanFile } from "../fakes/planProject";

/** A worked stack's committed plan (the project's or an example's). */
const plan = (stack: string): PlanDocument => JSON.parse(fs.readFileSync(committedPlanFile(stack), "utf8"));
const rows = (stack: string) => accessModel(plan(stack));
/** The answer as the CLI prints it: the first line, then each link with its mark. */
const printed = (a: PullAnswer) =>
    a.verdict === "invalid" ? [a.message] : [a.summary, ...a.links.map((l) => `${l.ok ? "✓" : "✗"} ${l.text}`)];
const last = (a: PullAnswer) => printed(a)[printed(a).length - 1];
const verdict = (a: PullAnswer) => a.verdict;

describe("canPull: yes, naming every link", () => {
    it("an ICR image in scope, through the namespace's secret", () => {
        expect(printed(canPull(rows("dev"), "team-a/default", "us.icr.io/payments-images/api:1.4"))).toEqual([
            "yes: team-a/default can pull us.icr.io/payments-images/api:1.4",
            "✓ namespace team-a has secret all-icr-io (icr)",
            "✓ service account team-a/default references all-icr-io",
            "✓ its docker config has credentials for us.icr.io",
            "✓ policy of dev-cluster-registry-pull-id covers region us-south, registry namespace payments-images (all regions, all registry namespaces)",
            "✓ role Reader can pull",
        ]);
    });

    it.each([
        ["a digest", "dev", "team-b/default", "icr.io/ibm-images/base@sha256:" + "a".repeat(64)],
        ["the global registry as a geography", "dev", "team-a/default", "icr.io/ibm-images/base:1"],
        ["Docker Hub with no host", "dockerhub", "team-a/default", "nginx"],
        ["Docker Hub as docker.io", "dockerhub", "team-a/default", "docker.io/library/nginx:1.27"],
        [
            "Docker Hub as index.docker.io",
            "dockerhub",
            "team-b/default",
            "index.docker.io/acme/app@sha256:" + "b".repeat(64),
        ],
        ["quay.io", "dockerhub", "team-b/default", "quay.io/acme/app:1"],
        ["entitled software", "entitled", "cp4d/default", "cp.icr.io/cp/cpd/zen:4.8"],
        ["a copy of IBM's secret", "copy", "team-a/default", "jp.icr.io/team/app:1"],
        ["an existing key (IAM not managed here)", "existing-key", "team-a/default", "us.icr.io/apps/app:1"],
        [
            "any pod through OpenShift's global pull secret",
            "openshift",
            "other-project/runner",
            "us.icr.io/payments/api:1",
        ],
        ["builds' push identity", "openshift", "team-a/builder", "us.icr.io/payments/builder-image:1"],
        [
            "a Code Engine project's registry secret",
            "codeengine",
            "codeengine:4f2b1c9e-7d3a-4e8b-9c1f-2a6d5e8b7c40/us-icr-io",
            "us.icr.io/apps/app:1",
        ],
    ])("%s", (_what, stack, who, image) => {
        const answer = canPull(rows(stack), who, image);
        expect(verdict(answer)).toBe("yes");
        expect(printed(answer).length).toBeGreaterThanOrEqual(4);
        expect(
            printed(answer)
                .slice(1)
                .every((l) => l.startsWith("✓ ")),
        ).toBe(true);
    });
});

describe("canPull: only if public, when no credential of this stack serves the image (the kubelet pulls anonymously)", () => {
    it.each([
        [
            "no secret in the namespace",
            "dev",
            "ml/default",
            "us.icr.io/apps/app:1",
            "this stack puts no pull secret in namespace ml",
        ],
        [
            "the service account does not reference it",
            "dev",
            "team-a/ci-bot",
            "us.icr.io/apps/app:1",
            "service account team-a/ci-bot references none of this stack's secrets in team-a",
        ],
        [
            "the docker config lacks the private domain (privateEndpoints off)",
            "dev",
            "staging/default",
            "private.de.icr.io/team/app:2",
            "no secret of staging/default has credentials for private.de.icr.io (it has: au.icr.io, br.icr.io, ca.icr.io, ca2.icr.io, de.icr.io, es.icr.io, icr.io, in.icr.io, in2.icr.io, jp.icr.io, jp2.icr.io, uk.icr.io, us.icr.io)",
        ],
        [
            "a public Docker Hub image with no Docker Hub credentials",
            "dev",
            "team-a/default",
            "nginx:1.25",
            "no secret of team-a/default has credentials for docker.io (it has: au.icr.io, br.icr.io, ca.icr.io, ca2.icr.io, de.icr.io, es.icr.io, icr.io, in.icr.io, in2.icr.io, jp.icr.io, jp2.icr.io, uk.icr.io, us.icr.io)",
        ],
    ])("%s", (_what, stack, who, image, why) => {
        const answer = canPull(rows(stack), who, image);
        expect(verdict(answer)).toBe("public");
        const lines = printed(answer);
        expect(lines[0]).toBe(
            `public only: ${who} can pull ${image} only if it is public (no credentials of this stack for it)`,
        );
        expect(lines[1]).toBe(`✓ ${why}`);
        expect(lines[2]).toMatch(/^✓ the kubelet then pulls \S+ anonymously$/);
    });

    it("not through the global pull secret either: its servers count as the node's credentials", () => {
        const withoutGlobal = rows("openshift").filter((r) => r.namespace !== "*");
        expect(printed(canPull(withoutGlobal, "team-a/default", "de.icr.io/payments/api:1"))[1]).toBe(
            "✓ no secret of team-a/default has credentials for de.icr.io (it has: us.icr.io)",
        );
        // With it, other projects' pods get us.icr.io from the nodes, after worker reload or replace.
        expect(printed(canPull(rows("openshift"), "other/runner", "us.icr.io/payments/api:1"))[1]).toBe(
            "✓ the global pull secret openshift-config/pull-secret serves every pod of the cluster, after worker reload or replace",
        );
    });
});

describe("canPull: no, naming the missing link", () => {
    it.each([
        [
            "the registry namespace is not covered",
            "openshift",
            "team-b/default",
            "us.icr.io/other/api:1",
            "✗ no policy of os-prod-registry-pull-id covers region us-south, registry namespace other (it has: region us-south, registry namespace payments)",
        ],
        [
            "a deprecated server",
            "dev",
            "team-a/default",
            "registry.ng.bluemix.net/apps/app:1",
            "✗ registry.ng.bluemix.net is deprecated (token secrets no longer work); use us.icr.io",
        ],
    ])("%s", (_what, stack, who, image, missing) => {
        const answer = canPull(rows(stack), who, image);
        expect(verdict(answer)).toBe("no");
        expect(printed(answer)[0]).toBe(`no: ${who} cannot pull ${image}`);
        expect(last(answer)).toBe(missing);
    });

    it("refuses when the policy's region does not cover the image's domain", () => {
        // A secret whose domains outgrew its identity's policies (e.g. a policy narrowed by hand in IAM).
        const drifted: AccessRow[] = rows("openshift").map((r) => ({ ...r, server: "de.icr.io" }));
        expect(last(canPull(drifted, "team-a/default", "de.icr.io/payments/api:1"))).toBe(
            "✗ no policy of os-prod-registry-pull-id covers region eu-de, registry namespace payments (it has: region us-south, registry namespace payments)",
        );
        const global: AccessRow[] = rows("openshift").map((r) => ({ ...r, server: "icr.io" }));
        expect(last(canPull(global, "team-a/default", "icr.io/payments/api:1"))).toBe(
            "✗ no policy of os-prod-registry-pull-id covers geography global, registry namespace payments (it has: region us-south, registry namespace payments)",
        );
    });

    it("refuses when the only role cannot pull", () => {
        const noRole: AccessRow[] = rows("dev").map((r) =>
            r.identity?.kind === "serviceId" ? { ...r, identity: { ...r.identity, roles: ["Viewer"] } } : r,
        );
        expect(last(canPull(noRole, "team-a/default", "us.icr.io/apps/app:1"))).toBe("✗ roles Viewer cannot pull");
    });

    it("tells a port apart: a host with a port is another registry", () => {
        const withPort: AccessRow[] = [
            {
                namespace: "a",
                serviceAccount: "default",
                server: "registry.example.com:5000",
                secret: "r",
                source: "private",
            },
        ];
        expect(verdict(canPull(withPort, "a/default", "registry.example.com:5000/team/app:1"))).toBe("yes");
        expect(printed(canPull(withPort, "a/default", "registry.example.com/team/app:1"))[1]).toBe(
            "✓ no secret of a/default has credentials for registry.example.com (it has: registry.example.com:5000)",
        );
    });
});

describe("canPull: the secret that serves an image is the one the kubelet's keyring picks", () => {
    const row = (server: string, secret: string): AccessRow => ({
        namespace: "a",
        serviceAccount: "default",
        server,
        secret,
        source: "private",
    });

    it("tries the most specific key first", () => {
        const answer = canPull(
            [row("quay.io", "broad"), row("quay.io/acme", "narrow")],
            "a/default",
            "quay.io/acme/app:1",
        );
        expect(printed(answer).slice(1, 4)).toEqual([
            "✓ namespace a has secret narrow (private)",
            "✓ service account a/default references narrow",
            "✓ its docker config has credentials for quay.io/acme",
        ]);
    });

    it("uses Docker Hub's index.docker.io key only when no other key matches", () => {
        const both = [row("https://index.docker.io/v1/", "hub"), row("docker.io", "direct")];
        expect(printed(canPull(both, "a/default", "nginx"))[1]).toBe("✓ namespace a has secret direct (private)");
        expect(printed(canPull([both[0]], "a/default", "nginx"))[1]).toBe("✓ namespace a has secret hub (private)");
    });

    it("reads registry-1.docker.io as a host of its own, as the grammar does: Docker Hub's key does not serve it", () => {
        expect(printed(canPull(rows("dockerhub"), "team-a/default", "registry-1.docker.io/acme/app:1"))[1]).toBe(
            "✓ no secret of team-a/default has credentials for registry-1.docker.io (it has: https://index.docker.io/v1/, us.icr.io)",
        );
    });

    it("knows a deprecated host in any case, and only by the table's own names (an upper-case first component is a host)", () => {
        expect(last(canPull([row("us.icr.io", "icr")], "a/default", "REGISTRY.NG.BLUEMIX.NET/apps/app:1"))).toBe(
            "✗ registry.ng.bluemix.net is deprecated (token secrets no longer work); use us.icr.io",
        );
        expect(printed(canPull([row("us.icr.io", "icr")], "a/default", "Constructor/app:1"))[1]).toBe(
            "✓ no secret of a/default has credentials for Constructor (it has: us.icr.io)",
        );
    });
});

describe("canPull: a question that is not one (exit 2)", () => {
    it.each([
        [
            "an upper-case repository name, which distribution/reference refuses",
            "us.icr.io/payments/API:1",
            'invalid reference "us.icr.io/payments/API:1": invalid reference format: repository name (payments/API) must be lowercase',
        ],
        ["no reference at all", "", 'invalid reference "": invalid reference format'],
        [
            "a 64-character hexadecimal name (it reads as an image ID)",
            "a".repeat(64),
            `invalid reference "${"a".repeat(64)}": invalid repository name (${"a".repeat(64)}), cannot specify 64-byte hexadecimal strings`,
        ],
    ])("%s", (_what, image, message) => {
        expect(canPull(rows("dev"), "team-a/default", image)).toEqual({ verdict: "invalid", message });
    });

    it("refuses a service account that is not NAMESPACE/SERVICEACCOUNT", () => {
        expect(canPull(rows("dev"), "team-a", "us.icr.io/apps/app:1")).toEqual({
            verdict: "invalid",
            message: 'invalid service account "team-a": give NAMESPACE/SERVICEACCOUNT',
        });
    });
});

describe("canPull: the IAM link for each kind of identity", () => {
    const row = (identity: AccessRow["identity"], server = "us.icr.io"): AccessRow[] => [
        { namespace: "team-a", serviceAccount: "default", server, secret: "all-icr-io", source: "icr", identity },
    ];
    const sid = (scopes: object[], roles: string[]) => ({ kind: "serviceId" as const, name: "pull-id", roles, scopes });
    const IMAGE = "us.icr.io/payments/api:1";
    const iam = (rows: AccessRow[], image = IMAGE) => printed(canPull(rows, "team-a/default", image)).slice(4);

    it("names what is not checked, IBM's own identity, and what a service ID's policies and roles allow", () => {
        expect(iam(row({ kind: "existingKey" }))).toEqual([
            "✓ IAM not checked (an existing key: its IAM access is not managed by this stack)",
        ]);
        expect(iam(row(undefined, "quay.io"), "quay.io/x/y:1")).toEqual(["✓ IAM not checked (not an ICR server)"]);
        expect(iam(row({ kind: "ibmDefault" }))).toEqual([
            "✓ IBM's cluster service ID: Reader on all of the account's registry namespaces",
        ]);
        expect(
            iam(row(sid([{ region: "us-south", registryNamespace: "other" }, { geography: "eu" }], ["Reader"]))),
        ).toEqual([
            "✗ no policy of pull-id covers region us-south, registry namespace payments (it has: region us-south, registry namespace other; geography eu, all registry namespaces)",
        ]);
        expect(iam(row(sid([], ["Reader"])))).toEqual([
            "✗ no policy of pull-id covers region us-south, registry namespace payments (it has: no container-registry policy)",
        ]);
        expect(iam(row(sid([{ registryNamespace: "payments" }], ["Viewer", "Writer"])))).toEqual([
            "✓ policy of pull-id covers region us-south, registry namespace payments (all regions, registry namespace payments)",
            "✓ role Writer can pull",
        ]);
        expect(iam(row(sid([{ geography: "global" }], []), "icr.io"), "icr.io/payments/api:1")).toEqual([
            "✓ policy of pull-id covers geography global, registry namespace payments (geography global, all registry namespaces)",
            "✗ roles (none) cannot pull",
        ]);
    });
});
