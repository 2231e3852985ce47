/**
 * Runs the real program (index.ts) under the mock runtime, as the offline plan does. The program exports a
 * function, so the modules load once per test file and each run calls it again with its own config.
 */
import * as path from "path";
import { main } from "../../plan/cli";
import { FakeCloud } from "../../plan/fakeCloud";
import { StackRef, readStackFiles } from "../../plan/readStackFiles";
import { ProgramRun, Registration, RunOptions, runProgram } from "../../plan/runProgram";
import { plainValue } from "../../core/review/render";

export const ROOT = path.join(__dirname, "..", "..");
export const PROGRAM = path.join(ROOT, "index");

// Each run adds exit listeners of the Pulumi runtime.
process.setMaxListeners(100);

export type ConfigValue = string | boolean | string[] | Record<string, unknown>[];

/** A run of the program (index.ts unless `program` names another). */
export function run(options: RunOptions): Promise<ProgramRun> {
    return runProgram({ program: PROGRAM, ...options });
}

/** A run with `registry-access:` keys given as values (lists and objects as JSON). */
export function runStack(
    config: Record<string, ConfigValue>,
    secretKeys: string[] = [],
    apiKeyValue?: string,
): Promise<ProgramRun> {
    const qualified: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) {
        qualified[k.includes(":") ? k : `registry-access:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return run({
        cloud: new FakeCloud(apiKeyValue),
        project: "registry-access",
        stack: "test",
        config: qualified,
        secretKeys: secretKeys.map((k) => (k.includes(":") ? k : `registry-access:${k}`)),
    });
}

/** A run of a stack file, read as the Pulumi CLI reads it. */
export function runStackFile(projectDir: string, stack: StackRef, cloud?: FakeCloud): Promise<ProgramRun> {
    return run({ ...readStackFiles(projectDir, stack), ...(cloud ? { cloud } : {}) });
}

/** `npm run plan -- ARGS` in `projectDir`, in process: its exit code and what it printed. */
export async function planCli(
    projectDir: string,
    argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const capture = (into: string[]) => (chunk: unknown) => (into.push(String(chunk)), true);
    const stdout = jest.spyOn(process.stdout, "write").mockImplementation(capture(out));
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(capture(err));
    try {
        const code = await main(argv, projectDir);
        return { code, stdout: out.join(""), stderr: err.join("") };
    } finally {
        stdout.mockRestore();
        stderr.mockRestore();
    }
}

/** Plain inputs (secrets as "[secret]", references as URNs). */
export function inputsOf(r: Registration, showSecrets = false): Record<string, any> {
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
