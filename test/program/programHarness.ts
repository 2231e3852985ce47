/**
 * Runs index.ts under the mock runtime with a stack config, in a fresh module registry each time (the
 * program is a module: Node would otherwise evaluate it once).
 */
import type { ProgramRun, Registration } from "../../plan/runProgram";

// Every fresh copy of @pulumi/pulumi adds its own process exit listener.
process.setMaxListeners(100);

export type ConfigValue = string | boolean | string[] | Record<string, unknown>[];

export async function runStack(
    config: Record<string, ConfigValue>,
    secretKeys: string[] = [],
    apiKeyValue?: string,
): Promise<ProgramRun> {
    const qualified: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) {
        qualified[k.includes(":") ? k : `registry-access:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    }
    let run: ProgramRun | undefined;
    await jest.isolateModulesAsync(async () => {
        // require, not import(): this registry is fresh, and Jest cannot run a native import().
        const { runProgram } = require("../../plan/runProgram") as typeof import("../../plan/runProgram");
        const { FakeCloud } = require("../../plan/fakeCloud") as typeof import("../../plan/fakeCloud");
        run = await runProgram({
            cloud: new FakeCloud(apiKeyValue),
            project: "registry-access",
            stack: "test",
            config: qualified,
            secretKeys: secretKeys.map((k) => (k.includes(":") ? k : `registry-access:${k}`)),
        });
    });
    return run!;
}

/** Plain inputs (secrets as "[secret]", references as URNs). */
export function inputsOf(r: Registration, showSecrets = false): Record<string, any> {
    const { plainValue } = require("../../core/review/render") as typeof import("../../core/review/render");
    return plainValue(r.rawInputs, { showSecrets }) as Record<string, any>;
}

export function ofType(run: ProgramRun, type: string): Registration[] {
    return run.registrations.filter((r) => r.type === type);
}

export function one(run: ProgramRun, type: string, name?: string): Registration {
    const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ""}, found ${found.length}`);
    return found[0];
}

export const T = {
    stack: "pulumi:pulumi:Stack",
    pullIdentity: "registry-access:index:PullIdentity",
    connection: "registry-access:index:ClusterConnection",
    serviceId: "ibm:index/iamServiceId:IamServiceId",
    policy: "ibm:index/iamServicePolicy:IamServicePolicy",
    apiKey: "ibm:index/iamServiceApiKey:IamServiceApiKey",
    k8sProvider: "pulumi:providers:kubernetes",
    secret: "kubernetes:core/v1:Secret",
    registryAccessProvider: "pulumi:providers:registry-access",
    ref: "registry-access:index:ServiceAccountPullSecretRef",
};
