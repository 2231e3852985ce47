/**
 * An in-memory stand-in for the API server's ServiceAccounts: applies RFC 6902 JSON patches (add, remove,
 * test) atomically, bumps resourceVersion, and answers 422 when a test fails or a path is invalid —
 * as kube-apiserver does. Shared by the planner tests and the loopback end-to-end test.
 */
import { JsonPatchOp, ServiceAccountClient, ServiceAccountView } from "../../sharedObjects/serviceAccountPullSecretRefPatch";

export class HttpError extends Error {
    constructor(readonly statusCode: number, message: string) {
        super(message);
    }
}

function pointer(path: string): string[] {
    return path.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function fail(message: string): never {
    throw new HttpError(422, message);
}

/** Applies ops to a deep copy; throws HttpError(422) and leaves `doc` untouched on any failure. */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[]): T {
    const copy = JSON.parse(JSON.stringify(doc));
    for (const op of ops) {
        const parts = pointer(op.path);
        const last = parts.pop()!;
        let parent: any = copy;
        for (const p of parts) {
            if (parent === null || typeof parent !== "object" || !(p in parent)) fail(`path ${op.path} does not exist`);
            parent = parent[p];
        }
        if (parent === null || typeof parent !== "object") fail(`path ${op.path} does not exist`);
        if (op.op === "test") {
            if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) fail(`test failed at ${op.path}`);
        } else if (op.op === "add") {
            if (Array.isArray(parent)) {
                const i = last === "-" ? parent.length : Number(last);
                if (!(i >= 0 && i <= parent.length)) fail(`index ${last} out of range`);
                parent.splice(i, 0, op.value);
            } else {
                parent[last] = op.value;
            }
        } else {
            if (Array.isArray(parent)) {
                const i = Number(last);
                if (!(i >= 0 && i < parent.length)) fail(`index ${last} out of range`);
                parent.splice(i, 1);
            } else {
                if (!(last in parent)) fail(`path ${op.path} does not exist`);
                delete parent[last];
            }
        }
    }
    return copy;
}

type Sa = ServiceAccountView & {
    metadata: { name: string; namespace: string; resourceVersion: string; annotations?: Record<string, string> };
};

export class FakeServiceAccounts implements ServiceAccountClient {
    private readonly items = new Map<string, Sa>();
    private version = 100;
    readonly patches: JsonPatchOp[][] = [];
    /** Runs before each patch is applied: lets a test change the object "concurrently". */
    beforePatch?: (fake: FakeServiceAccounts, namespace: string, name: string) => void;

    put(namespace: string, name: string, imagePullSecrets: ServiceAccountView["imagePullSecrets"],
        annotations?: Record<string, string>): void {
        const sa: Sa = { metadata: { name, namespace, resourceVersion: String(++this.version), ...(annotations ? { annotations } : {}) } };
        if (imagePullSecrets !== undefined) sa.imagePullSecrets = imagePullSecrets;
        this.items.set(`${namespace}/${name}`, sa);
    }

    /** Removes a ServiceAccount, or with no name a whole namespace. */
    remove(namespace: string, name?: string): void {
        for (const key of [...this.items.keys()]) {
            if (name === undefined ? key.startsWith(`${namespace}/`) : key === `${namespace}/${name}`) this.items.delete(key);
        }
    }

    annotation(namespace: string, name: string, key: string): string | undefined {
        return this.get(namespace, name)?.metadata.annotations?.[key];
    }

    get(namespace: string, name: string): Sa | undefined {
        const sa = this.items.get(`${namespace}/${name}`);
        return sa && JSON.parse(JSON.stringify(sa));
    }

    names(namespace: string, name: string): (string | null | undefined)[] | undefined | null {
        const sa = this.get(namespace, name);
        return sa?.imagePullSecrets === null ? null : sa?.imagePullSecrets?.map((r) => r.name);
    }

    async read(namespace: string, name: string): Promise<ServiceAccountView | undefined> {
        return this.get(namespace, name);
    }

    async patch(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void> {
        this.beforePatch?.(this, namespace, name);
        this.patches.push(ops);
        const sa = this.items.get(`${namespace}/${name}`);
        if (!sa) throw new HttpError(404, "not found");
        const next = applyJsonPatch(sa, ops);
        next.metadata.resourceVersion = String(++this.version);
        this.items.set(`${namespace}/${name}`, next);
    }
}
