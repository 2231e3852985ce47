import { execFileSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import {
    FetchLike, currentContextOf, fetchIksKubeconfig, ibmApiKey, kubeconfigFromIksZip, unzip,
} from "../components/clusterCredentials";

const KUBECONFIG_YML = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: dev-cluster/c0ffee",
    "  cluster:",
    "    server: https://c100.us-south.containers.cloud.ibm.com:31234",
    "    certificate-authority: ca-us-south-dev-cluster.pem",
    "users:",
    "- name: someone@example.com",
    "  user:",
    "    token: an-oidc-id-token",
    "contexts:",
    "- name: dev-cluster/c0ffee",
    "  context: {cluster: dev-cluster/c0ffee, user: someone@example.com}",
    "current-context: dev-cluster/c0ffee",
    "",
].join("\n");
const CA = "-----BEGIN CERTIFICATE-----\nMIIB-test-ca\n-----END CERTIFICATE-----\n";

/** A ZIP made by a real archiver (Python's zipfile), as IBM Cloud sends it: kubeconfig + CA in a folder. */
function iksZip(): Buffer {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-zip-"));
    const out = path.join(dir, "config.zip");
    const script = [
        "import sys, zipfile",
        "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
        "    z.writestr('kubeConfig-dev/', '')",
        "    z.writestr('kubeConfig-dev/kube-config-dev-cluster.yml', sys.argv[2], compress_type=zipfile.ZIP_DEFLATED)",
        "    z.writestr('kubeConfig-dev/ca-us-south-dev-cluster.pem', sys.argv[3], compress_type=zipfile.ZIP_STORED)",
    ].join("\n");
    execFileSync("python3", ["-c", script, out, KUBECONFIG_YML, CA]);
    return fs.readFileSync(out);
}

describe("IKS kubeconfig bundle", () => {
    it("unzips stored and deflated entries", () => {
        const files = unzip(iksZip());
        expect([...files.keys()].sort()).toEqual(["kubeConfig-dev/ca-us-south-dev-cluster.pem", "kubeConfig-dev/kube-config-dev-cluster.yml"]);
        expect(files.get("kubeConfig-dev/kube-config-dev-cluster.yml")!.toString()).toBe(KUBECONFIG_YML);
        expect(files.get("kubeConfig-dev/ca-us-south-dev-cluster.pem")!.toString()).toBe(CA);
    });

    it("inlines the CA file the kubeconfig names", () => {
        const doc = yaml.load(kubeconfigFromIksZip(iksZip())) as any;
        expect(doc.clusters[0].cluster).toEqual({
            server: "https://c100.us-south.containers.cloud.ibm.com:31234",
            "certificate-authority-data": Buffer.from(CA).toString("base64"),
        });
        expect(doc.users[0].user.token).toBe("an-oidc-id-token");
        expect(doc["current-context"]).toBe("dev-cluster/c0ffee");
    });

    it("refuses what is not a ZIP", () => {
        expect(() => unzip(Buffer.from("not a zip at all, just text padding padding"))).toThrow(/not a ZIP archive/);
    });
});

describe("fetchIksKubeconfig", () => {
    const KEY = "canary-ibm-api-key-51c0";

    function fakeFetch(status = { iam: 200, cs: 200 }) {
        const requests: { url: string; init: Parameters<FetchLike>[1] }[] = [];
        const fetchImpl: FetchLike = async (url, init) => {
            requests.push({ url, init });
            const iam = url.endsWith("/identity/token");
            const ok = (iam ? status.iam : status.cs) === 200;
            return {
                ok,
                status: iam ? status.iam : status.cs,
                json: async () => ({ access_token: "ACCESS", refresh_token: "REFRESH" }),
                arrayBuffer: async () => { const b = iksZip(); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer; },
            };
        };
        return { requests, fetchImpl };
    }

    it("exchanges IBMCLOUD_API_KEY for IAM tokens, then asks the containers API for the cluster's config", async () => {
        const { requests, fetchImpl } = fakeFetch();
        const text = await fetchIksKubeconfig("dev-cluster", { IBMCLOUD_API_KEY: KEY }, fetchImpl);
        expect(requests.map((r) => [r.init.method, r.url])).toEqual([
            ["POST", "https://iam.cloud.ibm.com/identity/token"],
            ["POST", "https://containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig"],
        ]);
        expect(new URLSearchParams(requests[0].init.body).get("apikey")).toBe(KEY);
        expect(new URLSearchParams(requests[0].init.body).get("grant_type")).toBe("urn:ibm:params:oauth:grant-type:apikey");
        expect(requests[1].init.headers).toMatchObject({ Authorization: "Bearer ACCESS", "X-Auth-Refresh-Token": "REFRESH" });
        expect(JSON.parse(requests[1].init.body!)).toEqual({ cluster: "dev-cluster", format: "zip" });
        expect(JSON.stringify(requests[1])).not.toContain(KEY);
        expect(currentContextOf(text)).toBe("dev-cluster/c0ffee");
    });

    it("honours the endpoint overrides the ibm provider honours, and IC_API_KEY", async () => {
        const { requests, fetchImpl } = fakeFetch();
        await fetchIksKubeconfig("c", {
            IC_API_KEY: KEY, IBMCLOUD_IAM_API_ENDPOINT: "https://private.iam.cloud.ibm.com",
            IBMCLOUD_CS_API_ENDPOINT: "https://private.containers.cloud.ibm.com/global",
        }, fetchImpl);
        expect(requests.map((r) => r.url)).toEqual([
            "https://private.iam.cloud.ibm.com/identity/token",
            "https://private.containers.cloud.ibm.com/global/v2/applyRBACAndGetKubeconfig",
        ]);
    });

    it("fails clearly, without the key, when the key is missing or refused or the cluster unknown", async () => {
        expect(() => ibmApiKey({})).toThrow(/IBMCLOUD_API_KEY is not set/);
        const refused = fakeFetch({ iam: 400, cs: 200 });
        await expect(fetchIksKubeconfig("c", { IBMCLOUD_API_KEY: KEY }, refused.fetchImpl)).rejects.toThrow(/refused the API key in IBMCLOUD_API_KEY \(HTTP 400\)/);
        const unknown = fakeFetch({ iam: 200, cs: 404 });
        const err = await fetchIksKubeconfig("nope", { IBMCLOUD_API_KEY: KEY }, unknown.fetchImpl).catch((e: Error) => e);
        expect((err as Error).message).toBe("IBM Cloud returned HTTP 404 for the configuration of cluster nope");
        expect((err as Error).message).not.toContain(KEY);
    });
});
