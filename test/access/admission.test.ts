/** core/access/admission.ts and --can-pull's last link: what Portieris does with an image, from the plan's ImagePolicies. */
import { AccessRow } from "../../core/access/accessModel";
import { IMAGE_POLICY_TYPE, admissionLink, admissionNotes, imagePoliciesOf } from "../../core/access/admission";
import { canPull } from "../../core/access/canPull";
import { ImagePolicyObject, trustPolicyRepositories } from "../../core/platforms/portieris";
import type { PlanResource } from "../../core/review/render";

/** Our ImagePolicy in `namespace`, as the program registers it. */
function imagePolicy(namespace: string, otherImages: "admit" | "deny"): PlanResource {
    return {
        urn: `urn:pulumi:s::p::registry-access:index:ImageTrustPolicies$${IMAGE_POLICY_TYPE}::${namespace}.registry-access-trust`,
        type: IMAGE_POLICY_TYPE,
        name: `${namespace}.registry-access-trust`,
        parent: null,
        dependsOn: [],
        aliases: [],
        inputs: {
            metadata: { name: "registry-access-trust", namespace },
            spec: {
                repositories: trustPolicyRepositories({
                    trustedRepositories: ["us.icr.io/payments/*"],
                    signingKey: { name: "payments-pubkey" },
                    otherImages,
                }),
            },
        },
    };
}
// Read in each test, not when the file loads: Stryker ties a mutant only to the tests that run its code.
let policies: ReturnType<typeof imagePoliciesOf>;
beforeEach(() => {
    policies = imagePoliciesOf({ resources: [imagePolicy("team-a", "admit"), imagePolicy("team-b", "deny")] });
});
const row = (namespace: string): AccessRow => ({
    namespace,
    serviceAccount: "default",
    server: "https://index.docker.io/v1/",
    secret: "docker-io",
    source: "private",
});

describe("admissionLink", () => {
    it("admits a trusted repository's image only when signed, naming the key, the policy and the entry", () => {
        expect(admissionLink(policies, "team-a", "us.icr.io/payments/api:1")).toEqual({
            admitted: true,
            text:
                "Portieris admits it in namespace team-a only when signed with a key in secret payments-pubkey in " +
                'namespace team-a (ImagePolicy registry-access-trust, entry "us.icr.io/payments/*")',
        });
    });

    it("admits any other image through the last '*' entry, and Docker Hub short names too (raw string match)", () => {
        expect(admissionLink(policies, "team-a", "nginx:1.25")).toEqual({
            admitted: true,
            text: 'Portieris admits it in namespace team-a (ImagePolicy registry-access-trust, entry "*": no requirement)',
        });
    });

    it("denies other images with imageTrustOtherImages deny, in Portieris' own words", () => {
        expect(admissionLink(policies, "team-b", "nginx:1.25")).toEqual({
            admitted: false,
            text: 'Portieris denies it in namespace team-b: Deny "nginx:1.25", no matching repositories in the ImagePolicies',
        });
    });

    it("says nothing where the stack has no ImagePolicy (Portieris may not run there at all)", () => {
        expect(admissionLink(policies, "team-c", "nginx:1.25")).toBeUndefined();
    });
});

describe("--can-pull with admission", () => {
    it("a pull that works but an image Portieris denies is a no", () => {
        const answer = canPull([row("team-b")], "team-b/default", "nginx:1.25", policies);
        expect(answer).toMatchObject({
            verdict: "no",
            summary: "no: team-b/default cannot run nginx:1.25: Portieris denies it",
        });
        expect(answer.verdict !== "invalid" && answer.links.at(-1)).toEqual({
            ok: false,
            text: 'Portieris denies it in namespace team-b: Deny "nginx:1.25", no matching repositories in the ImagePolicies',
        });
    });

    it("an admitted image keeps the pull's verdict, its condition the last link", () => {
        const answer = canPull([row("team-a")], "team-a/default", "us.icr.io/payments/api:1", policies);
        expect(answer.verdict).toBe("public");
        expect(answer.verdict !== "invalid" && answer.links.at(-1)?.text).toMatch(
            /^Portieris admits it in namespace team-a only when signed/,
        );
    });
});

describe("imagePoliciesOf", () => {
    const policy = (name: string, namespace: string | undefined, spec?: unknown): PlanResource => ({
        ...imagePolicy("x", "admit"),
        name: `${namespace}.${name}`,
        inputs: { metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, ...(spec ? { spec } : {}) },
    });
    it("reads only ImagePolicies with a name and namespace, by namespace, each namespace's sorted by name", () => {
        const secret: PlanResource = { ...imagePolicy("x", "admit"), type: "kubernetes:core/v1:Secret" };
        const nameless: PlanResource = { ...imagePolicy("x", "admit"), inputs: { metadata: { namespace: "team-a" } } };
        const read = imagePoliciesOf({
            resources: [
                policy("zz", "team-a", { repositories: [{ name: "*" }] }),
                secret,
                nameless,
                policy("orphan", undefined),
                policy("aa", "team-a"),
                policy("mm", "team-a"),
            ],
        });
        expect([...read.keys()]).toEqual(["team-a"]);
        expect(read.get("team-a")).toEqual([
            { namespace: "team-a", name: "aa", repositories: [] },
            { namespace: "team-a", name: "mm", repositories: [] },
            { namespace: "team-a", name: "zz", repositories: [{ name: "*" }] },
        ]);
    });
});

describe("admissionLink where an entry cannot be passed", () => {
    it("says Portieris denies, naming the policy, the entry and why", () => {
        const reject = new Map<string, ImagePolicyObject[]>([
            [
                "team-r",
                [
                    {
                        namespace: "team-r",
                        name: "locked",
                        repositories: [
                            { name: "*", policy: { simple: { requirements: [{ type: "reject" as const }] } } },
                        ],
                    },
                ],
            ],
            ["team-e", []],
        ]);
        expect(admissionLink(reject, "team-r", "nginx:1.25")).toEqual({
            admitted: false,
            text: 'Portieris denies it in namespace team-r (ImagePolicy locked, entry "*"): a simple "reject" requirement, which denies every image',
        });
        expect(admissionLink(reject, "team-e", "nginx:1.25")).toBeUndefined();
    });
});

describe("admissionNotes (--check)", () => {
    it("names each namespace whose policies deny the images they do not name", () => {
        expect(admissionNotes({ resources: [imagePolicy("team-a", "admit"), imagePolicy("team-b", "deny")] })).toEqual([
            "Portieris denies every image in namespace team-b but us.icr.io/payments/* (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
        ]);
    });

    it("sorts the namespaces, names each repository once, and says none when a policy names none", () => {
        const empty: PlanResource = {
            ...imagePolicy("team-0", "deny"),
            inputs: { metadata: { name: "empty", namespace: "team-0" }, spec: { repositories: [] } },
        };
        expect(
            admissionNotes({ resources: [imagePolicy("team-z", "deny"), imagePolicy("team-c", "deny"), empty] }),
        ).toEqual([
            "Portieris denies every image in namespace team-0 but none (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
            "Portieris denies every image in namespace team-c but us.icr.io/payments/* (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
            "Portieris denies every image in namespace team-z but us.icr.io/payments/* (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
        ]);
        // A namespace with a '*' entry in any of its policies admits other images.
        const open: PlanResource = {
            ...imagePolicy("team-c", "admit"),
            name: "team-c.open",
            inputs: { metadata: { name: "open", namespace: "team-c" }, spec: { repositories: [{ name: "*" }] } },
        };
        expect(admissionNotes({ resources: [imagePolicy("team-c", "deny"), open] })).toEqual([]);
    });
});

describe("imagePoliciesOf", () => {
    const policy = (
        namespace: string | undefined,
        name: string | undefined,
        repositories?: object[],
    ): PlanResource => ({
        ...imagePolicy("x", "admit"),
        inputs: {
            metadata: { ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) },
            ...(repositories ? { spec: { repositories } } : {}),
        },
    });

    it("reads only ImagePolicies with a name and namespace, each namespace's by name as the API server lists them", () => {
        const reject = [{ name: "*", policy: { simple: { requirements: [{ type: "reject" }] } } }];
        const read = imagePoliciesOf({
            resources: [
                { ...imagePolicy("team-x", "admit"), type: "kubernetes:core/v1:Secret" },
                policy("team-c", "b-policy", reject),
                policy("team-c", "a-policy"),
                policy("team-c", undefined, reject),
                policy(undefined, "c-policy", reject),
            ],
        });
        expect([...read.keys()]).toStrictEqual(["team-c"]);
        expect(read.get("team-c")).toEqual([
            { namespace: "team-c", name: "a-policy", repositories: [] },
            { namespace: "team-c", name: "b-policy", repositories: reject },
        ]);
        // A simple "reject" entry denies every image: Portieris' answer, not "admits".
        expect(admissionLink(read, "team-c", "nginx:1.25")).toEqual({
            admitted: false,
            text:
                'Portieris denies it in namespace team-c (ImagePolicy b-policy, entry "*"): ' +
                'a simple "reject" requirement, which denies every image',
        });
        expect(admissionLink(new Map([["team-c", []]]), "team-c", "nginx:1.25")).toBeUndefined();
        // Listed in name order already: kept so.
        const sorted = imagePoliciesOf({ resources: [policy("team-d", "a-policy"), policy("team-d", "b-policy")] });
        expect(sorted.get("team-d")!.map((p) => p.name)).toEqual(["a-policy", "b-policy"]);
    });

    it("names the denying namespaces in order, each named entry once, and none when there is none", () => {
        const empty = (namespace: string) => policy(namespace, "empty", []);
        const note = (namespace: string) =>
            `Portieris denies every image in namespace ${namespace} but none (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included`;
        expect(admissionNotes({ resources: [empty("team-z"), empty("team-b")] })).toEqual([
            note("team-b"),
            note("team-z"),
        ]);
        expect(
            admissionNotes({
                resources: [
                    policy("team-b", "empty", []),
                    imagePolicy("team-z", "deny"),
                    policy("team-z", "second", [{ name: "us.icr.io/payments/*" }, { name: "quay.io/team/*" }]),
                    // A '*' entry in any of a namespace's policies admits the rest: no note.
                    imagePolicy("team-y", "admit"),
                    policy("team-y", "second", [{ name: "quay.io/team/*" }]),
                ],
            }),
        ).toEqual([
            "Portieris denies every image in namespace team-b but none (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
            "Portieris denies every image in namespace team-z but us.icr.io/payments/*, quay.io/team/* (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included",
        ]);
    });
});
