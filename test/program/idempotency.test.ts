/**
 * The plan is a function of the config alone: evaluated twice it is byte for byte the same, and the order
 * in which namespaces (or service accounts) are listed changes nothing the stack declares — not even the
 * service ID's description. (imageStreamNamespace defaults to the first namespace listed: that order is
 * the user's stated choice, so the stacks below set it or use no image streams.)
 */
import { planJson } from "../../core/review/render";
import { ConfigValue, runStack } from "../fakes/programRuns";

const KEY = "API-KEY-FROM-IBM";
const STACKS: Record<string, Record<string, ConfigValue>> = {
    shared: { cluster: "c1", namespaces: ["team-a", "team-b", "staging", "ops", "web", "batch"] },
    perNamespace: {
        cluster: "c1",
        namespaces: ["team-a", "team-b", "staging"],
        serviceAccounts: ["default", "builder"],
        registries: [{ type: "icr", identity: "perNamespace" }],
    },
    openshift: {
        platform: "openshift",
        cluster: "os1",
        namespaces: ["team-a", "team-b", "staging"],
        globalPullSecret: true,
        builderPush: true,
        registryRegions: ["us-south", "global"],
        imageStreams: ["us.icr.io/apps/api:1"],
        imageStreamNamespace: "team-b",
    },
};

const reordered = (config: Record<string, ConfigValue>) => ({
    ...config,
    namespaces: [...(config.namespaces as string[])].reverse(),
    ...(config.serviceAccounts ? { serviceAccounts: [...(config.serviceAccounts as string[])].reverse() } : {}),
});

describe.each(Object.entries(STACKS))("stack %s", (_name, config) => {
    it("plans byte for byte the same twice, and whatever the order of namespaces and service accounts", async () => {
        const first = planJson(await runStack(config, [], KEY));
        const second = planJson(await runStack(config, [], KEY));
        const shuffled = planJson(await runStack(reordered(config), [], KEY));
        expect(second).toBe(first);
        expect(shuffled).toBe(first);
        expect(first).toContain('"type": "ibm:index/iamServiceId:IamServiceId"');
    });
});
