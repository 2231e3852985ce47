/**
 * Runs the real program under Pulumi's mock runtime and records every resource registration as the
 * engine would receive it: URN, type, name, parent, dependencies and raw inputs, secrets still marked.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type { RecordedRun, Registration } from "../core/review/registration";
import { FakeCloud } from "./fakeCloud";
import { engineUrn, registrationOf } from "./registrationRecord";

export type { Registration };

import type { RegisterResourceOutputsRequest, RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

type Callback = (err: unknown, response: unknown) => void;
interface MonitorBase {
    registerResource(req: RegisterResourceRequest, callback: Callback): void;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback): void;
}
// Internal runtime modules, required: the public typings declare the mock's newUrn private (we override
// it) and leave out waitForRPCs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MockMonitor: new (mocks: unknown) => MonitorBase = require("@pulumi/pulumi/runtime/mocks").MockMonitor;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as typeof import("@pulumi/pulumi/runtime/settings") & {
    waitForRPCs(): Promise<void>;
};

/** A run as the plan records it, and the mock cloud it ran against. */
export interface ProgramRun extends RecordedRun {
    readonly cloud: FakeCloud;
}

export interface RunOptions {
    readonly project: string;
    readonly stack: string;
    /** Fully-qualified keys (`registry-access:cluster`) to Pulumi's string values. */
    readonly config: Record<string, string>;
    readonly secretKeys?: readonly string[];
    /** Module to load; the project's index.ts by default. */
    readonly program?: string;
    readonly cloud?: FakeCloud;
}

class RecordingMonitor extends MockMonitor {
    readonly registrations: Registration[] = [];
    readonly outputs = new Map<string, Record<string, unknown>>();

    /** Pulumi's mock asks this for every URN it hands out: the engine's form (registrationRecord.ts). */
    newUrn(parent: string | undefined, type: string, name: string): string {
        return engineUrn(settings.getStack(), settings.getProject(), parent, type, name);
    }

    registerResource(req: RegisterResourceRequest, callback: Callback): void {
        this.registrations.push(registrationOf(req, this.newUrn(req.getParent(), req.getType(), req.getName())));
        super.registerResource(req, callback);
    }

    registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback): void {
        this.outputs.set(req.getUrn(), (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
        super.registerResourceOutputs(req, callback);
    }
}

/**
 * Evaluates the program once. A program module that exports a function (index.ts does) may be run again in
 * the same process; one that exports its outputs runs once per module registry, as Node caches it.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    const cloud = options.cloud ?? new FakeCloud();
    const monitor = new RecordingMonitor(cloud);
    await pulumi.runtime.setMocks(cloud, options.project, options.stack, false);
    settings.setMockOptions(monitor, options.project, options.stack, false);
    pulumi.runtime.setAllConfig(options.config, [...(options.secretKeys ?? [])]);

    const program = options.program ?? path.join(__dirname, "..", "index");
    // A program error also rejects promises nobody awaits (the Stack's own); like Pulumi's run harness,
    // keep the first error and report it once.
    let failure: unknown;
    const onRejection = (err: unknown) => {
        failure = failure ?? err;
    };
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime
            .runInPulumiStack(async () => {
                try {
                    // Loaded only now, after the mocks are in place (require: ts-node and jest compile it). A
                    // program that exports a function is called, as the language host does (@pulumi/pulumi
                    // cmd/run/run.js): loaded once, it runs again with the next config.
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const exported = require(program) as Record<string, unknown> | (() => Record<string, unknown>);
                    return typeof exported === "function" ? await exported() : exported;
                } catch (err) {
                    // Caught here, the error rejects none of the Stack's own promises.
                    onRejection(err);
                    return {};
                }
            })
            .catch(onRejection);
        await settings.waitForRPCs();
        // Let rejections raised in the last turn of the queue arrive.
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (failure) throw failure;

    const stackUrn = monitor.registrations.find((r: Registration) => r.type === "pulumi:pulumi:Stack")?.urn;
    return {
        project: options.project,
        stack: options.stack,
        registrations: monitor.registrations,
        rawOutputs: (stackUrn && monitor.outputs.get(stackUrn)) || {},
        cloud,
    };
}
