/**
 * The policy pack started as `pulumi preview --policy-pack policy` starts it, then asked over the engine's
 * gRPC: pulumi-language-nodejs resolves `@pulumi/pulumi/cmd/run-policy-pack` from the pack's directory and runs
 * `node <it> <engine address> <pack directory>` there (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/
 * main.go lines 1655-1669, 1697-1704, 1744-1748), which compiles policy/index.ts with ts-node and serves the
 * Analyzer service on the port it prints. Proves the pack loads from TypeScript with the root's node_modules.
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as path from "path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { REGISTRY_ACCESS_POLICIES } from "../../policy/policies";
import type { PolicyResource } from "../../policy/resource";
import { dockerConfigSecret, kubernetesProvider, registryPolicy } from "./fixtures";

const analyzerpb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

const ROOT = path.join(__dirname, "..", "..");
const PACK = path.join(ROOT, "policy");
const { MANDATORY, ADVISORY } = analyzerpb.EnforcementLevel;

let child: ChildProcess;
let client: any;
let stderr = "";

beforeAll(async () => {
    // locateModule: `node -e require.resolve(...)` in the pack's directory (main.go lines 202-243).
    const runPath = execFileSync(
        process.execPath,
        ["-e", "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))"],
        { cwd: PACK, encoding: "utf8" },
    ).trim();
    expect(runPath).toBe(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js"));
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith("TS_NODE_")) delete env[k];
    child = spawn(process.execPath, [runPath, "127.0.0.1:1", PACK], {
        cwd: PACK,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (c) => (stderr += c));
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (c: Buffer) => {
            out += c.toString();
            const nl = out.indexOf("\n");
            if (nl >= 0) resolve(Number(out.slice(0, nl).trim()));
        });
        child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before printing its port: ${stderr}`)));
    });
    client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 180_000);

afterAll(() => {
    client?.close();
    child?.kill();
});

function call<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
        client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
    );
}

interface Diagnostic {
    policy: string;
    level: number;
    message: string;
    urn: string;
}

/** Analyze as the engine calls it: the inputs' wire form (secrets marked, unknowns as sentinels). */
async function analyze(
    resource: PolicyResource,
    wire: Record<string, unknown> = resource.props as any,
): Promise<Diagnostic[]> {
    const req = new analyzerpb.AnalyzeRequest();
    req.setType(resource.type);
    req.setUrn(resource.urn);
    req.setName(resource.name);
    req.setProperties(Struct.fromJavaScript(wire as any));
    req.setOptions(new analyzerpb.AnalyzerResourceOptions());
    const res: any = await call("analyze", req);
    return res.getDiagnosticsList().map((d: any) => ({
        policy: d.getPolicyname(),
        level: d.getEnforcementlevel(),
        message: d.getMessage(),
        urn: d.getUrn(),
    }));
}

describe("policy/ as the Pulumi CLI loads it", () => {
    it("serves the pack registry-access with every policy at its level", async () => {
        const info: any = await call("getAnalyzerInfo", new Empty());
        expect(info.getName()).toBe("registry-access");
        expect(info.getVersion()).toBe("0.1.0");
        expect(info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()])).toEqual(
            REGISTRY_ACCESS_POLICIES.map((p) => [p.name, p.enforcementLevel === "mandatory" ? MANDATORY : ADVISORY]),
        );
    });

    it("refuses Writer without the intent marker, mandatory, and passes it with the marker", async () => {
        const bad = registryPolicy({ description: "Reader, Writer on container-registry for cluster os-prod" });
        expect(await analyze(bad)).toEqual([
            {
                policy: "registry-roles-need-intent",
                level: MANDATORY,
                message: expect.stringContaining("roles grants Writer on container-registry, beyond Reader"),
                urn: bad.urn,
            },
        ]);
        expect(await analyze(registryPolicy())).toEqual([]);
    });

    it("refuses a pinned option of the Kubernetes provider turned on", async () => {
        expect(await analyze(kubernetesProvider({ upsertExistingObjects: "true" }))).toEqual([
            expect.objectContaining({ policy: "kubernetes-provider-pinned", level: MANDATORY }),
        ]);
    });

    it("judges a Secret's namespace and servers, but cannot see whether its data is a Pulumi secret", async () => {
        const plain = dockerConfigSecret({ namespace: "kube-system", servers: ["registry.ng.bluemix.net"] });
        const marked = {
            ...plain.props,
            stringData: { [specialSigKey]: specialSecretSig, value: plain.props.stringData },
        };
        for (const wire of [plain.props as Record<string, unknown>, marked]) {
            expect((await analyze(plain, wire)).map((d) => [d.policy, d.level])).toEqual([
                ["no-deprecated-registries", MANDATORY],
                ["no-system-namespaces", MANDATORY],
            ]);
        }
    });

    it("reports a docker config not known during preview as advisory 'can't run', and still judges the rest", async () => {
        const secret = dockerConfigSecret({ namespace: "kube-system" });
        const wire = { ...secret.props, stringData: { ".dockerconfigjson": unknownValue } };
        const diagnostics = await analyze(secret, wire);
        expect(diagnostics.map((d) => [d.policy, d.level])).toEqual([
            ["no-deprecated-registries", ADVISORY],
            ["no-system-namespaces", MANDATORY],
        ]);
        expect(diagnostics[0].message).toMatch(
            /^can't run policy 'no-deprecated-registries' from policy pack 'registry-access@v0\.1\.0' during preview/,
        );
    });
});
