/**
 * An in-memory stand-in for the API server's ServiceAccounts: applies RFC 6902 JSON patches atomically
 * (with fast-json-patch), bumps resourceVersion, and answers 422 when a test fails or a path is invalid —
 * as kube-apiserver does. Shared by the planner tests and the loopback end-to-end test.
 */
import { JsonPatchError, Operation, applyPatch, deepClone } from "fast-json-patch";
import {
    JsonPatchOp,
    ServiceAccountClient,
    ServiceAccountView,
} from "../../core/sharedObjects/serviceAccountPullSecretRefPatch";

export class HttpError extends Error {
    constructor(
        readonly statusCode: number,
        message: string,
    ) {
        super(message);
    }
}

/**
 * Applies ops with fast-json-patch, an RFC 6902 engine independent of the code under test, to a copy:
 * throws HttpError(422) and leaves `doc` untouched on any failure, as kube-apiserver answers.
 */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[]): T {
    try {
        // validateOperation: refuse bad paths and out-of-range indexes; mutateDocument false: patch a copy.
        // The ops are cloned too, so that the result shares no object with a recorded patch.
        return applyPatch(doc, deepClone(ops) as Operation[], true, false).newDocument;
    } catch (err) {
        // A JsonPatchError (failed test, unresolvable path, index out of range) or the ban on __proto__ paths.
        const where =
            err instanceof JsonPatchError ? ` (${err.name}: ${err.operation?.op} ${err.operation?.path})` : "";
        throw new HttpError(422, `${String((err as Error)?.message ?? err).split("\n")[0]}${where}`);
    }
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

    put(
        namespace: string,
        name: string,
        imagePullSecrets: ServiceAccountView["imagePullSecrets"],
        annotations?: Record<string, string>,
    ): void {
        const sa: Sa = {
            metadata: {
                name,
                namespace,
                resourceVersion: String(++this.version),
                ...(annotations ? { annotations } : {}),
            },
        };
        if (imagePullSecrets !== undefined) sa.imagePullSecrets = imagePullSecrets;
        this.items.set(`${namespace}/${name}`, sa);
    }

    /** Removes a ServiceAccount, or with no name a whole namespace. */
    remove(namespace: string, name?: string): void {
        for (const key of [...this.items.keys()]) {
            if (name === undefined ? key.startsWith(`${namespace}/`) : key === `${namespace}/${name}`)
                this.items.delete(key);
        }
    }

    annotation(namespace: string, name: string, key: string): string | undefined {
        return this.get(namespace, name)?.metadata.annotations?.[key];
    }

    /** Every ServiceAccount, as a list call returns them. */
    all(): Sa[] {
        return [...this.items.values()].map((sa) => JSON.parse(JSON.stringify(sa)));
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
