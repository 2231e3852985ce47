/** core/platforms/openshift.ts: Red Hat's entries of the global pull secret, collisions with them, the worker steps. */
import {
    RED_HAT_PULL_SECRET_SERVERS,
    entryRegistry,
    globalPullSecretCollisions,
    globalPullSecretRollout,
} from "../../core/platforms/openshift";
import { validateConfig } from "../../core/config/validate";

const source = (index: number, servers: string[], field = "server") => ({
    path: `registries[${index}].${field}`,
    index,
    servers,
});

describe("Red Hat's entries of the global pull secret", () => {
    it("are the four the seed lists as already present (001 lines 1050-1054)", () => {
        expect(RED_HAT_PULL_SECRET_SERVERS).toEqual([
            "cloud.openshift.com",
            "quay.io",
            "registry.connect.redhat.com",
            "registry.redhat.io",
        ]);
    });

    it.each(["quay.io", "https://quay.io", "quay.io/", "https://quay.io/v1/", "QUAY.IO", "registry.redhat.io"])(
        "refuses an entry %s: it is one of Red Hat's registries, however spelled",
        (server) => {
            const [problem] = globalPullSecretCollisions([source(1, [server])]);
            expect(problem).toMatchObject({ path: "registries[1].server", value: server });
            expect(problem.rule).toMatch(
                /^is Red Hat's entry (quay\.io|registry\.redhat\.io) in the OpenShift global pull secret/,
            );
        },
    );

    it("accepts a path of a Red Hat registry: another key, more specific (containers-auth.json(5))", () => {
        expect(globalPullSecretCollisions([source(0, ["quay.io/payments"])])).toEqual([]);
        expect(entryRegistry("quay.io/payments")).not.toBe(entryRegistry("quay.io"));
    });

    it("refuses two sources writing one entry, naming both", () => {
        expect(
            globalPullSecretCollisions([
                source(0, ["us.icr.io", "icr.io"], "type"),
                source(1, ["cp.icr.io"], "type"),
                source(2, ["https://cp.icr.io"]),
            ]),
        ).toEqual([
            {
                path: "registries[2].server",
                value: "https://cp.icr.io",
                rule: "is also an entry of source [1] (cp.icr.io); both would write the same entry of the OpenShift global pull secret",
            },
        ]);
    });

    it("reads Docker Hub under any of its names as one registry", () => {
        expect(
            new Set(["https://index.docker.io/v1/", "docker.io", "registry-1.docker.io"].map(entryRegistry)),
        ).toEqual(new Set(["docker.io"]));
    });

    it.each([
        ["https://Quay.io/v2/", "quay.io"],
        ["quay.io/v1", "quay.io"],
        ["Registry.Example.com/Team/", "registry.example.com/Team"],
        ["registry.example.com/v2/team", "registry.example.com/v2/team"],
        ["registry.example.com/mirror/https://x", "registry.example.com/mirror/https://x"],
        ["/Team", "/Team"],
    ])(
        "reads the key %s as the entry %s: scheme, /v1/ or /v2/ and a trailing / dropped, the host lower-cased",
        (key, entry) => {
            expect(entryRegistry(key)).toBe(entry);
        },
    );

    it("names every server of the source collided with, and lets a source repeat its own server", () => {
        expect(globalPullSecretCollisions([source(0, ["us.icr.io", "https://us.icr.io/"], "type")])).toEqual([]);
        expect(globalPullSecretCollisions([source(0, ["us.icr.io", "icr.io"], "type"), source(1, ["icr.io"])])).toEqual(
            [
                {
                    path: "registries[1].server",
                    value: "icr.io",
                    rule: "is also an entry of source [0] (us.icr.io, icr.io); both would write the same entry of the OpenShift global pull secret",
                },
            ],
        );
    });

    it("refuses such a source in validation, before any resource: only with globalPullSecret", () => {
        const raw = (globalPullSecret: boolean) => ({
            platform: "openshift",
            cluster: "os1",
            namespaces: JSON.stringify(["team-a"]),
            globalPullSecret: String(globalPullSecret),
            registries: JSON.stringify([
                { type: "icr" },
                { type: "private", server: "registry.redhat.io", username: "u", password: "[secret]" },
            ]),
        });
        const options = { secretKeys: new Set(["registries"]), unreadable: new Set<string>() };
        expect(() => validateConfig(raw(true), options)).toThrow(
            /registry-access:registries\[1\]\.server "registry\.redhat\.io": is Red Hat's entry registry\.redhat\.io/,
        );
        expect(validateConfig(raw(false), options).platform).toBe("openshift");
    });
});

it("says what IBM's pages say about workers: reload (classic) or replace (VPC), RHCOS another way", () => {
    expect(globalPullSecretRollout("os1")).toBe(
        "Workers use the new entries only after IBM's worker steps (https://cloud.ibm.com/docs/openshift?topic=openshift-registry#cluster_global_pull_secret): " +
            "list the workers (ibmcloud oc worker ls -c os1), then on classic infrastructure reload each " +
            "(ibmcloud oc worker reload -c os1 -w <workerID_1> -w <workerID_2>), on VPC replace each " +
            "(ibmcloud oc worker replace --cluster os1 --worker <workerID>). This is for RHEL workers; for RHCOS " +
            "workers IBM documents a DaemonSet that writes the credentials to each node instead (#oc-pull-secret-cli).",
    );
});
