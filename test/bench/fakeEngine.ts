/**
 * The Pulumi engine's side of a program run, for the benchmark: the resource monitor and engine gRPC services
 * (@pulumi/pulumi/proto) a program started by the nodejs language host talks to. It answers as the engine of
 * pulumi/pulumi v3.248.0 does where the program can tell (pkg/resource/deploy/source_eval.go): the features of
 * supportsFeatureID (lines 789-830), URNs, one UUID per package (RegisterPackage, lines 709-766); a
 * custom resource's id and outputs, and a function's result, come from the caller (`answers`). It records every
 * registration as the offline plan does (plan/runProgram.ts), and the outputs components register. Calls neither
 * program makes (Call, ReadResource, transforms, hooks) get grpc-js's UNIMPLEMENTED. The language host's monitor
 * proxy (main.go Run, lines 760-873) forwards each call unchanged from the host's own process, so the program
 * talks to this server directly.
 */
import * as grpc from "@grpc/grpc-js";
import { randomUUID } from "crypto";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { engineUrn, registrationOf } from "../../plan/registrationRecord";
import type { Registration } from "../../plan/runProgram";
import type { OutputsOf } from "./figures";

const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

/** source_eval.go supportsFeatureID: true for these, false for any other id. */
const FEATURES = new Set([
    "secrets",
    "resourceReferences",
    "outputValues",
    "aliasSpecs",
    "replacementTrigger",
    "deletedWith",
    "replaceWith",
    "transforms",
    "invokeTransforms",
    "parameterization",
    "resourceHooks",
    "errorHooks",
    "sendsOptionsToHooks",
]);

export interface EngineAnswers {
    /** A custom resource's id and outputs (providers included), given its registration and inputs. */
    readonly resource: OutputsOf;
    /** A provider function's result; throws for a function the program should not call. */
    readonly invoke: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
}

/** A Struct of plain data; undefined members are left out, as on the wire (Struct has no undefined). */
const struct = (value: Record<string, unknown>) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));

type Handler = (call: { request: any }, callback: (err: Error | null, res?: unknown) => void) => void;
const answering =
    (f: (req: any) => unknown): Handler =>
    (call, callback) => {
        try {
            callback(null, f(call.request));
        } catch (err) {
            callback(err as Error);
        }
    };

export class FakeEngine {
    readonly registrations: Registration[] = [];
    /** Outputs registered by components and the stack (RegisterResourceOutputs), by URN. */
    readonly registeredOutputs = new Map<string, Record<string, unknown>>();
    readonly invokes: { token: string; inputs: Record<string, unknown> }[] = [];
    readonly logs: { severity: number; message: string }[] = [];
    private readonly server = new grpc.Server();
    private rootUrn = "";
    private readonly packageRefs = new Map<string, string>();

    constructor(
        private readonly project: string,
        private readonly stack: string,
        private readonly answers: EngineAnswers,
    ) {}

    /** Serves the monitor and the engine on one port of 127.0.0.1; returns `host:port`. */
    async start(): Promise<string> {
        this.server.addService(resrpc.ResourceMonitorService, this.monitor());
        this.server.addService(engrpc.EngineService, this.engine());
        const port = await new Promise<number>((resolve, reject) =>
            this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
                err ? reject(err) : resolve(p),
            ),
        );
        return `127.0.0.1:${port}`;
    }

    stop(): void {
        this.server.forceShutdown();
    }

    private register(req: RegisterResourceRequest) {
        const r = registrationOf(
            req,
            engineUrn(this.stack, this.project, req.getParent(), req.getType(), req.getName()),
        );
        this.registrations.push(r);
        const res = new resproto.RegisterResourceResponse();
        res.setUrn(r.urn);
        // A new component's state has no outputs until it registers them.
        const { id, outputs } = r.custom ? this.answers.resource(r, r.rawInputs) : { id: undefined, outputs: {} };
        if (id !== undefined) res.setId(id);
        res.setObject(struct(outputs));
        return res;
    }

    private monitor(): Record<string, Handler> {
        return {
            supportsFeature: answering((req) =>
                new resproto.SupportsFeatureResponse().setHassupport(FEATURES.has(req.getId())),
            ),
            registerPackage: answering((req) => {
                const key = `${req.getName()}@${req.getVersion()}`;
                if (!this.packageRefs.has(key)) this.packageRefs.set(key, randomUUID());
                return new resproto.RegisterPackageResponse().setRef(this.packageRefs.get(key));
            }),
            registerResource: answering((req) => this.register(req)),
            registerResourceOutputs: answering((req) => {
                this.registeredOutputs.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
                return new Empty();
            }),
            invoke: answering((req) => {
                const inputs = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
                this.invokes.push({ token: req.getTok(), inputs });
                return new provproto.InvokeResponse().setReturn(struct(this.answers.invoke(req.getTok(), inputs)));
            }),
            signalAndWaitForShutdown: answering(() => new Empty()),
        };
    }

    private engine(): Record<string, Handler> {
        return {
            log: answering((req) => {
                this.logs.push({ severity: req.getSeverity(), message: req.getMessage() });
                return new Empty();
            }),
            getRootResource: answering(() => new engproto.GetRootResourceResponse().setUrn(this.rootUrn)),
            setRootResource: answering((req) => {
                this.rootUrn = req.getUrn();
                return new engproto.SetRootResourceResponse();
            }),
        };
    }
}
