/**
 * The trimmed @pulumi/ibm against what the generated SDK registers: type tokens, the property names each
 * class sends, which inputs are required, secrets, and the package reference (sdks/ibm/README.md).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ibm from "@pulumi/ibm";
import * as pulumi from "@pulumi/pulumi";
import { KUBECONFIG_DIR_PREFIX, privateConfigDir } from "../../components/clusterConnection";

/** Pulumi's wire form of a secret value. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

interface Sent {
    readonly type: string;
    readonly name: string;
    /** The serialized inputs, as the engine receives them. */
    readonly object: Record<string, any>;
    readonly additionalSecretOutputs: string[];
    readonly packageRef: string;
}

const sent: Sent[] = [];

beforeAll(async () => {
    await pulumi.runtime.setMocks({
        newResource: (args) => ({
            id: `${args.name}-id`,
            state: { ...args.inputs, apikey: args.type.endsWith("IamServiceApiKey") ? "k3y" : undefined },
        }),
        call: () => ({}),
    });
    // Record each registration request as the engine would get it, then let the mock answer it.
    const monitor = pulumi.runtime.getMonitor() as any;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        sent.push({
            type: req.getType(),
            name: req.getName(),
            object: req.getObject()?.toJavaScript() ?? {},
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            packageRef: req.getPackageref(),
        });
        return registerResource(req, callback);
    };
});

/** Resolves once the resource is registered. */
function registered(r: pulumi.CustomResource): Promise<string> {
    return new Promise((resolve) => r.urn.apply(resolve));
}

function request(name: string): Sent {
    const found = sent.filter((s) => s.name === name);
    if (found.length !== 1) throw new Error(`expected one registration named ${name}, found ${found.length}`);
    return found[0];
}

/** The resource's output properties (every property the SDK registers), without urn and id. */
function outputNames(r: pulumi.CustomResource): string[] {
    return Object.keys(r)
        .filter((k) => k !== "urn" && k !== "id" && pulumi.Output.isInstance((r as any)[k]))
        .sort();
}

/** Every input set to a value, so that the request shows which ones the SDK sends. */
function allSet(names: string[]): Record<string, string> {
    return Object.fromEntries(names.map((n) => [n, `v-${n}`]));
}

const SERVICE_ID_INPUTS = ["description", "iamServiceIdId", "name", "tags"];
const SERVICE_ID_OUTPUTS = ["crn", "iamId", "locked", "version"];
const POLICY_INPUTS = [
    "accountManagement",
    "description",
    "iamId",
    "iamServiceId",
    "iamServicePolicyId",
    "pattern",
    "resourceAttributes",
    "resourceTags",
    "resources",
    "roles",
    "ruleConditions",
    "ruleOperator",
    "tags",
    "transactionId",
];
const API_KEY_INPUTS = [
    "apikey",
    "description",
    "expiresAt",
    "file",
    "iamServiceApiKeyId",
    "iamServiceId",
    "locked",
    "name",
    "storeValue",
];
const API_KEY_OUTPUTS = ["accountId", "createdAt", "createdBy", "crn", "entityTag", "modifiedAt"];
// ibm_code_engine_secret at v1.89.0 (ibm/service/codeengine/resource_ibm_code_engine_secret.go): project_id,
// format, name required (lines 34-60), data optional map (41-46), service_access / service_operator optional
// MaxItems 1 blocks (61-200); computed created_at, entity_tag, generated_by (new in v1.88.0), href, region,
// resource_type, secret_id, etag (201-239). No attribute is Sensitive, so the generated SDK does not make `data`
// secret by itself.
const CE_SECRET_INPUTS = [
    "codeEngineSecretId",
    "data",
    "format",
    "name",
    "projectId",
    "serviceAccess",
    "serviceOperator",
];
const CE_SECRET_OUTPUTS = [
    "createdAt",
    "entityTag",
    "etag",
    "generatedBy",
    "href",
    "region",
    "resourceType",
    "secretId",
];
const PROJECT_ID = "15314cc3-85b4-4338-903f-c28cdee6d005";

describe("IamServiceId", () => {
    it("registers under its type token through the parameterized ibm package", async () => {
        const r = new ibm.IamServiceId("sid-all", allSet(SERVICE_ID_INPUTS) as ibm.IamServiceIdArgs);
        await registered(r);
        const req = request("sid-all");
        expect(req.type).toBe("ibm:index/iamServiceId:IamServiceId");
        expect(req.packageRef).toBe("mock-uuid");
    });

    it("sends exactly its inputs, including the bridge's iamServiceIdId", async () => {
        await registered(new ibm.IamServiceId("sid-inputs", allSet(SERVICE_ID_INPUTS) as ibm.IamServiceIdArgs));
        expect(Object.keys(request("sid-inputs").object).sort()).toEqual(SERVICE_ID_INPUTS);
    });

    it("has the schema's properties as outputs", () => {
        const r = new ibm.IamServiceId("sid-outputs", { name: "n" });
        expect(outputNames(r)).toEqual([...SERVICE_ID_INPUTS, ...SERVICE_ID_OUTPUTS].sort());
    });

    it("needs no name (the bridge auto-names it) and no args at all", async () => {
        const r = new ibm.IamServiceId("sid-autonamed");
        await registered(r);
        expect(request("sid-autonamed").object).toEqual({});
    });
});

describe("IamServicePolicy", () => {
    it("registers under its type token and sends exactly its inputs", async () => {
        const r = new ibm.IamServicePolicy("policy-all", allSet(POLICY_INPUTS) as unknown as ibm.IamServicePolicyArgs);
        await registered(r);
        const req = request("policy-all");
        expect(req.type).toBe("ibm:index/iamServicePolicy:IamServicePolicy");
        expect(req.packageRef).toBe("mock-uuid");
        expect(Object.keys(req.object).sort()).toEqual(POLICY_INPUTS);
        expect(outputNames(r)).toEqual(POLICY_INPUTS);
    });

    it("sends a resources block with an attributes map as given", async () => {
        await registered(
            new ibm.IamServicePolicy("policy-global", {
                roles: ["Reader"],
                iamId: "iam-ServiceId-1",
                resources: { service: "container-registry", attributes: { geography: "global" } },
            }),
        );
        expect(request("policy-global").object.resources).toEqual({
            service: "container-registry",
            attributes: { geography: "global" },
        });
    });

    it("requires roles", () => {
        expect(() => new ibm.IamServicePolicy("policy-no-roles", {} as ibm.IamServicePolicyArgs)).toThrow(
            "Missing required property 'roles'",
        );
    });
});

describe("IamServiceApiKey", () => {
    it("registers under its type token and sends exactly its inputs, storeValue included", async () => {
        const r = new ibm.IamServiceApiKey("key-all", allSet(API_KEY_INPUTS) as unknown as ibm.IamServiceApiKeyArgs);
        await registered(r);
        const req = request("key-all");
        expect(req.type).toBe("ibm:index/iamServiceApiKey:IamServiceApiKey");
        expect(req.packageRef).toBe("mock-uuid");
        expect(Object.keys(req.object).sort()).toEqual(API_KEY_INPUTS);
    });

    it("sends storeValue false as false", async () => {
        await registered(
            new ibm.IamServiceApiKey("key-not-stored", { iamServiceId: "iam-ServiceId-1", storeValue: false }),
        );
        expect(request("key-not-stored").object.storeValue).toBe(false);
    });

    it("has the schema's properties as outputs, and no apikeyId (the schema has none)", () => {
        const r = new ibm.IamServiceApiKey("key-outputs", { iamServiceId: "iam-ServiceId-1" });
        expect(outputNames(r)).toEqual([...API_KEY_INPUTS, ...API_KEY_OUTPUTS].sort());
        expect((r as any).apikeyId).toBeUndefined();
    });

    it("marks the key secret: the apikey input on the wire and the apikey output", async () => {
        await registered(
            new ibm.IamServiceApiKey("key-secret", { iamServiceId: "iam-ServiceId-1", apikey: "given-key" }),
        );
        const req = request("key-secret");
        expect(req.object.apikey).toEqual({ "4dabf18193072939515e22adb298388d": SECRET_SIG, value: "given-key" });
        expect(req.additionalSecretOutputs).toEqual(["apikey"]);
    });

    // expires_at (v1.88.1+, resource_ibm_iam_service_api_key.go lines 75-79 at v1.89.0): optional, not Sensitive.
    it("sends expiresAt as expiresAt, plain, and keeps only apikey secret", async () => {
        const expiresAt = "2026-12-31T23:59+0000";
        const r = new ibm.IamServiceApiKey("key-expiring", { iamServiceId: "iam-ServiceId-1", expiresAt });
        await registered(r);
        const req = request("key-expiring");
        expect(req.object).toEqual({ iamServiceId: "iam-ServiceId-1", expiresAt });
        expect(req.object.expires_at).toBeUndefined();
        expect(req.additionalSecretOutputs).toEqual(["apikey"]);
        expect(await new Promise((resolve) => r.expiresAt.apply(resolve))).toBe(expiresAt);
    });

    it("needs no name, but requires iamServiceId", async () => {
        await registered(new ibm.IamServiceApiKey("key-autonamed", { iamServiceId: "iam-ServiceId-1" }));
        expect(request("key-autonamed").object).toEqual({ iamServiceId: "iam-ServiceId-1" });
        expect(() => new ibm.IamServiceApiKey("key-no-id", {} as ibm.IamServiceApiKeyArgs)).toThrow(
            "Missing required property 'iamServiceId'",
        );
    });

    it("types agree: storeValue and the renamed id are declared, apikeyId is not", () => {
        const args: ibm.IamServiceApiKeyArgs = {
            iamServiceId: "x",
            storeValue: false,
            expiresAt: "2026-12-31T23:59+0000",
        };
        const r = new ibm.IamServiceApiKey("key-types", args);
        const declared: pulumi.Output<string>[] = [r.iamServiceApiKeyId, r.apikey, r.accountId];
        expect(declared).toHaveLength(3);
        const optional: pulumi.Output<string | undefined> = r.expiresAt;
        expect(optional).toBeDefined();
        // @ts-expect-error: expiresAt is a string ('yyyy-MM-ddTHH:mm+0000'), not a Date.
        const notADate: ibm.IamServiceApiKeyArgs = { iamServiceId: "x", expiresAt: new Date() };
        expect(notADate).toBeDefined();
        // @ts-expect-error: IamServiceApiKey has no apikeyId output.
        expect(r.apikeyId).toBeUndefined();
    });
});

describe("CodeEngineSecret", () => {
    it("registers under its type token through the parameterized ibm package and sends exactly its inputs", async () => {
        const r = new ibm.CodeEngineSecret("ce-all", allSet(CE_SECRET_INPUTS) as unknown as ibm.CodeEngineSecretArgs);
        await registered(r);
        const req = request("ce-all");
        expect(req.type).toBe("ibm:index/codeEngineSecret:CodeEngineSecret");
        expect(req.packageRef).toBe("mock-uuid");
        expect(Object.keys(req.object).sort()).toEqual(CE_SECRET_INPUTS);
    });

    it("has the schema's properties as outputs: secretId is the provider's attribute, codeEngineSecretId the id", () => {
        const r = new ibm.CodeEngineSecret("ce-outputs", { projectId: PROJECT_ID, format: "registry", name: "pull" });
        expect(outputNames(r)).toEqual([...CE_SECRET_INPUTS, ...CE_SECRET_OUTPUTS].sort());
    });

    it("requires format and projectId, in the generated order; name is auto-named", async () => {
        expect(() => new ibm.CodeEngineSecret("ce-none", {} as ibm.CodeEngineSecretArgs)).toThrow(
            "Missing required property 'format'",
        );
        expect(
            () => new ibm.CodeEngineSecret("ce-no-project", { format: "generic" } as ibm.CodeEngineSecretArgs),
        ).toThrow("Missing required property 'projectId'");
        await registered(new ibm.CodeEngineSecret("ce-autonamed", { projectId: PROJECT_ID, format: "generic" }));
        expect(request("ce-autonamed").object).toEqual({ projectId: PROJECT_ID, format: "generic" });
    });

    it("sends data as given: not Sensitive in the schema, so a plain map stays plain and no output is made secret", async () => {
        await registered(
            new ibm.CodeEngineSecret("ce-plain", {
                projectId: PROJECT_ID,
                format: "generic",
                name: "n",
                data: { a: "b" },
            }),
        );
        const req = request("ce-plain");
        expect(req.object.data).toEqual({ a: "b" });
        expect(req.additionalSecretOutputs).toEqual([]);
    });

    it("sends a caller's secret data as a secret, and passes the caller's additionalSecretOutputs", async () => {
        const data = pulumi.secret({ username: "iamapikey", password: "k3y" });
        const r = new ibm.CodeEngineSecret(
            "ce-secret",
            { projectId: PROJECT_ID, format: "registry", name: "icr", data },
            { additionalSecretOutputs: ["data"] },
        );
        await registered(r);
        const req = request("ce-secret");
        expect(req.object.data).toEqual({
            "4dabf18193072939515e22adb298388d": SECRET_SIG,
            value: { username: "iamapikey", password: "k3y" },
        });
        expect(req.additionalSecretOutputs).toEqual(["data"]);
    });

    it("sends serviceAccess and serviceOperator as single objects (MaxItems 1 blocks, flattened)", async () => {
        const serviceOperator = { resourceGroupIds: ["rg-1"], serviceid: { id: "ServiceId-1" } };
        await registered(
            new ibm.CodeEngineSecret("ce-operator", {
                projectId: PROJECT_ID,
                format: "service_operator",
                serviceOperator,
            }),
        );
        expect(request("ce-operator").object.serviceOperator).toEqual(serviceOperator);
        const serviceAccess = {
            resourceKey: { id: "key-1" },
            serviceInstance: { id: "inst-1" },
            role: { crn: "crn:r" },
        };
        await registered(
            new ibm.CodeEngineSecret("ce-access", { projectId: PROJECT_ID, format: "service_access", serviceAccess }),
        );
        expect(request("ce-access").object.serviceAccess).toEqual(serviceAccess);
    });

    it("types agree with the generated declarations", () => {
        const args: ibm.CodeEngineSecretArgs = { projectId: PROJECT_ID, format: "generic" };
        const r = new ibm.CodeEngineSecret("ce-types", args);
        const declared: pulumi.Output<string>[] = [
            r.secretId,
            r.codeEngineSecretId,
            r.etag,
            r.entityTag,
            r.region,
            r.generatedBy,
        ];
        expect(declared).toHaveLength(6);
        // @ts-expect-error: projectId is required.
        const noProject: ibm.CodeEngineSecretArgs = { format: "generic" };
        // @ts-expect-error: serviceOperator.resourceGroupIds is required.
        const noGroups: ibm.CodeEngineSecretArgs = { ...args, serviceOperator: { serviceid: { id: "s" } } };
        expect([noProject, noGroups]).toHaveLength(2);
    });
});

describe("package reference", () => {
    const utilities = require("@pulumi/ibm/utilities");
    const pkg = require("@pulumi/ibm/package.json");
    const { withLocalStorage } = require("@pulumi/pulumi/runtime/state");

    /** getPackage() in a deployment of its own (as an Automation API inline program gets), whose engine answers `ref`. */
    function packageRefIn(ref: string): Promise<string> {
        return withLocalStorage(async () => {
            await pulumi.runtime.setMocks({ newResource: () => ({ id: undefined, state: {} }), call: () => ({}) });
            const registrations: any[] = [];
            (pulumi.runtime.getMonitor() as any).registerPackage = (req: any, callback: any) => {
                registrations.push(req);
                callback(null, { getRef: () => ref });
            };
            const got = await utilities.getPackage();
            expect(registrations).toHaveLength(1);
            return got;
        });
    }

    it("is registered per deployment, not cached in the SDK module (pulumi/pulumi#23068)", async () => {
        expect(await packageRefIn("ref-of-deployment-1")).toBe("ref-of-deployment-1");
        expect(await packageRefIn("ref-of-deployment-2")).toBe("ref-of-deployment-2");
    });

    it("is the IBM provider 1.89.0 from the OpenTofu registry, at the package's own version", () => {
        const p = pkg.pulumi.parameterization;
        expect([pkg.version, p.name, p.version]).toEqual(["1.89.0", "ibm", "1.89.0"]);
        expect(JSON.parse(Buffer.from(p.value, "base64").toString("utf8"))).toEqual({
            remote: { url: "registry.opentofu.org/ibm-cloud/ibm", version: "1.89.0" },
        });
        expect(utilities.getVersion()).toBe("1.89.0");
    });

    it("registers the package.json's parameterization", async () => {
        const registered = await withLocalStorage(async () => {
            await pulumi.runtime.setMocks({ newResource: () => ({ id: undefined, state: {} }), call: () => ({}) });
            let seen: any;
            (pulumi.runtime.getMonitor() as any).registerPackage = (req: any, callback: any) => {
                seen = req;
                callback(null, { getRef: () => "r" });
            };
            await utilities.getPackage();
            return seen;
        });
        const p = pkg.pulumi;
        expect([registered.getName(), registered.getVersion(), registered.getDownloadUrl()]).toEqual([
            p.name,
            p.version,
            "",
        ]);
        const param = registered.getParameterization();
        expect([param.getName(), param.getVersion(), Buffer.from(param.getValue()).toString("base64")]).toEqual([
            p.parameterization.name,
            p.parameterization.version,
            p.parameterization.value,
        ]);
    });
});

describe("getContainerClusterConfig's configDir", () => {
    it("is a new private directory on every call", () => {
        const a = privateConfigDir();
        const b = privateConfigDir();
        try {
            expect(a).not.toBe(b);
            for (const dir of [a, b]) {
                expect(path.dirname(dir)).toBe(os.tmpdir());
                expect(path.basename(dir).startsWith(KUBECONFIG_DIR_PREFIX)).toBe(true);
                const st = fs.statSync(dir);
                expect(st.isDirectory()).toBe(true);
                expect(st.mode & 0o777).toBe(0o700);
                expect(fs.readdirSync(dir)).toEqual([]);
            }
        } finally {
            fs.rmSync(a, { recursive: true, force: true });
            fs.rmSync(b, { recursive: true, force: true });
        }
    });
});
