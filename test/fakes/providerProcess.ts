/**
 * The registry-access provider as the Pulumi engine runs it: the plugin executable started from the
 * project root (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go:599 sets cmd.Dir to the program
 * directory), its port read from the first line of stdout (plugin.go:375-423), then the engine's gRPC
 * calls (pulumirpc.ResourceProvider) with the messages of @pulumi/pulumi/proto.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

export const ROOT = path.join(__dirname, "..", "..");
export const PLUGIN = path.join(ROOT, "bin", "pulumi-resource-registry-access");
export const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

export const secret = (value: unknown) => ({ [SECRET_SIG.key]: SECRET_SIG.value, value });

export type Props = Record<string, unknown>;

export interface DiffAnswer {
    changes: "none" | "some" | "unknown";
    replaces: string[];
    deleteBeforeReplace: boolean;
}

const CHANGES: Record<number, DiffAnswer["changes"]> = { 0: "unknown", 1: "none", 2: "some" };

export class ProviderProcess {
    private client: any;
    stderr = "";

    private constructor(private readonly child: ChildProcess) {}

    /**
     * Starts the plugin as the engine does (bin/pulumi-resource-registry-access, which loads the tree `npm run
     * build` compiled, test/integrationSetup.js) with `env` (nothing of the test runner's own IBM variables),
     * and connects.
     */
    static async start(env: Record<string, string>): Promise<ProviderProcess> {
        const base = { ...process.env };
        for (const k of ["IC_API_KEY", "IBMCLOUD_API_KEY", "REGISTRY_ACCESS_STACK_API_KEY", "KUBECONFIG"])
            delete base[k];
        const child = spawn(PLUGIN, [], { cwd: ROOT, env: { ...base, ...env }, stdio: ["pipe", "pipe", "pipe"] });
        const p = new ProviderProcess(child);
        child.stderr!.on("data", (c) => (p.stderr += c));
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            const onData = (c: Buffer) => {
                out += c.toString();
                const nl = out.indexOf("\n");
                if (nl < 0) return;
                child.stdout!.off("data", onData);
                const n = Number(out.slice(0, nl).trim());
                if (n >= 1 && n <= 65535) resolve(n);
                else reject(new Error(`the plugin's first line is not a port: ${JSON.stringify(out.slice(0, nl))}`));
            };
            child.stdout!.on("data", onData);
            child.on("exit", (code) =>
                reject(new Error(`the plugin exited (${code}) before printing its port: ${p.stderr}`)),
            );
        });
        p.client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return p;
    }

    stop(): void {
        this.client?.close();
        this.child.kill();
    }

    private call<T>(method: string, req: unknown): Promise<T> {
        return new Promise((resolve, reject) =>
            this.client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
        );
    }

    /** Configure as the engine sends it: secrets accepted, no provider config (an explicit, input-less provider). */
    async configure(): Promise<{ acceptSecrets: boolean }> {
        const req = new provproto.ConfigureRequest();
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        req.setArgs(Struct.fromJavaScript({}));
        const res = await this.call<any>("configure", req);
        return { acceptSecrets: res.getAcceptsecrets() };
    }

    async check(
        urn: string,
        olds: Props,
        news: Props,
    ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        const res = await this.call<any>("check", req);
        return {
            inputs: res.getInputs()?.toJavaScript() ?? {},
            failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffAnswer> {
        const req = new provproto.DiffRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        const res = await this.call<any>("diff", req);
        return {
            changes: CHANGES[res.getChanges()],
            replaces: res.getReplacesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
        };
    }

    async create(urn: string, props: Props): Promise<{ id: string; props: Props }> {
        const req = new provproto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(Struct.fromJavaScript(props));
        const res = await this.call<any>("create", req);
        return { id: res.getId(), props: res.getProperties()?.toJavaScript() ?? {} };
    }

    /** Refresh sends the state; `pulumi import` sends the ID alone (pkg/resource/deploy/step.go:1863-1871). */
    async read(
        id: string,
        urn: string,
        state?: Props,
        inputs?: Props,
    ): Promise<{ id: string; props: Props; inputs?: Props }> {
        const req = new provproto.ReadRequest();
        req.setId(id);
        req.setUrn(urn);
        if (state) req.setProperties(Struct.fromJavaScript(state));
        if (inputs) req.setInputs(Struct.fromJavaScript(inputs));
        const res = await this.call<any>("read", req);
        return {
            id: res.getId(),
            props: res.getProperties()?.toJavaScript() ?? {},
            inputs: res.getInputs()?.toJavaScript(),
        };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<Props> {
        const req = new provproto.UpdateRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setOlds(Struct.fromJavaScript(olds));
        req.setNews(Struct.fromJavaScript(news));
        const res = await this.call<any>("update", req);
        return res.getProperties()?.toJavaScript() ?? {};
    }

    /** A provider function, as the engine calls it for an invoke. */
    async invoke(token: string, args: Props): Promise<{ outputs: Props; failures: unknown[] }> {
        const req = new provproto.InvokeRequest();
        req.setTok(token);
        req.setArgs(Struct.fromJavaScript(args));
        const res = await this.call<any>("invoke", req);
        return { outputs: res.getReturn()?.toJavaScript() ?? {}, failures: res.getFailuresList() };
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setProperties(Struct.fromJavaScript(props));
        await this.call<unknown>("delete", req);
    }
}

/** The URN the engine gives a reference of `stack`. */
export function refUrn(stack: string, name: string, project = "registry-access"): string {
    return `urn:pulumi:${stack}::${project}::registry-access:index:NamespacePullSecret$registry-access:index:ServiceAccountPullSecretRef::${name}`;
}

/**
 * The fake IBM world and the provider plugin for one describe block: started before its tests (the plugin
 * configured, as the engine does first) and stopped after them. The returned object stands for the running
 * plugin.
 */
export function providerFor(
    world: { start(): Promise<unknown>; stop(): Promise<unknown> },
    env: () => Record<string, string>,
): ProviderProcess {
    let current: ProviderProcess | undefined;
    beforeAll(async () => {
        await world.start();
        current = await ProviderProcess.start(env());
        await current.configure();
    }, 60000);
    afterAll(async () => {
        current?.stop();
        await world.stop();
    });
    return new Proxy({} as ProviderProcess, {
        get: (_target, property) => {
            const value = (current as unknown as Record<string | symbol, unknown>)[property];
            return typeof value === "function" ? value.bind(current) : value;
        },
    });
}
