/**
 * An API server stand-in for OpenShift's global pull secret: applies RFC 6902 JSON patches atomically with
 * fast-json-patch (an engine independent of the code under test), answers 422 when a test fails, bumps
 * resourceVersion. Shared by the planner's and the reconcile loop's tests.
 */
import { Operation, applyPatch, deepClone } from "fast-json-patch";
import { CurrentPullSecret } from "../../core/sharedObjects/globalPullSecretMerge";
import { GlobalPullSecretClient, SecretPatchOp, SecretView } from "../../core/sharedObjects/globalPullSecretReconcile";

export const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** The Secret as the API server returns it for a decoded pull secret. */
export const asView = (c: CurrentPullSecret): SecretView => ({
    metadata: { resourceVersion: c.resourceVersion, ...(c.annotations ? { annotations: { ...c.annotations } } : {}) },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": b64(c.dockerConfigJson) },
});

export const patchWith = (view: SecretView, ops: SecretPatchOp[]): SecretView =>
    applyPatch(deepClone(view), deepClone(ops) as Operation[], true, false).newDocument;

export class FakeSecret implements GlobalPullSecretClient {
    patches: SecretPatchOp[][] = [];
    /** Runs before each patch: a status it returns is the patch's answer (a concurrent edit, a refusal). */
    beforePatch?: (fake: FakeSecret) => number | undefined;
    constructor(public object: SecretView | undefined) {}
    async read() {
        return this.object && deepClone(this.object);
    }
    async patch(ops: SecretPatchOp[]) {
        this.patches.push(ops);
        const status = this.beforePatch?.(this);
        if (status) throw Object.assign(new Error(`conflict ${JSON.stringify(ops)}`), { statusCode: status });
        try {
            this.object = patchWith(this.object!, ops);
        } catch {
            throw Object.assign(new Error("test failed"), { statusCode: 422 });
        }
        this.object.metadata!.resourceVersion = String(Number(this.object.metadata!.resourceVersion) + 1);
    }
}
