/**
 * How the provider applies the selector policy and removes what it left, against an injected client (the
 * provider backs it with @kubernetes/client-node; tests with a fake API server):
 * - Kyverno refuses a change of a synchronizing generate rule (K: pkg/validation/policy/generate.go:13-35), so a
 *   changed policy is deleted, awaited until gone, and created again; its clones stay meanwhile
 *   (orphanDownstreamOnPolicyDelete).
 * - Kyverno refuses a policy until its controllers hold the permissions it needs (K: pkg/policy/auth/auth.go:43-88,
 *   "<user> requires permissions <verbs> for resource <gvk>"); the aggregated ClusterRoles created just before
 *   take a moment to reach them, so a create refused for that reason is retried.
 * - The sweep runs once the policy is gone or replaced: a deleted clone would come back while a synchronizing
 *   policy still serves its namespace (W: generate.md:142-153, "Delete Downstream: recreated").
 */
import { KYVERNO_CRDS, PolicyReference } from "./kyverno";
import { NamespaceView, ObjectView, ServedScope, clonesSelector, planSweep } from "./kyvernoSweep";
import type { JsonPatchOp } from "../sharedObjects/serviceAccountPullSecretRefPatch";
import { isNotFoundError, statusOf } from "../sharedObjects/serviceAccountPullSecretRefPatch";

export interface KyvernoClient {
    /** The CRDs among `names` the cluster does not have. */
    missingCrds(names: readonly string[]): Promise<string[]>;
    readPolicy(name: string): Promise<Record<string, unknown> | undefined>;
    createPolicy(policy: Record<string, unknown>): Promise<void>;
    /** Deletes it; a policy already gone is not an error. */
    deletePolicy(name: string): Promise<void>;
    namespaces(): Promise<NamespaceView[]>;
    /** Secrets in every namespace with these labels (`k=v,k2=v2`). */
    secrets(labelSelector: string): Promise<ObjectView[]>;
    /** Deletes it; a Secret already gone is not an error. */
    deleteSecret(namespace: string, name: string): Promise<void>;
    serviceAccounts(): Promise<ObjectView[]>;
    patchServiceAccount(namespace: string, name: string, ops: JsonPatchOp[]): Promise<void>;
}

export interface ApplyOptions {
    /** Waits between polls and retries (tests pass an instant one). */
    readonly sleep?: (ms: number) => Promise<void>;
    /** How long to wait for a deleted policy to be gone, or for Kyverno to accept a new one. */
    readonly timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const POLL_MS = 1000;

/** Why Kyverno refused the policy, when it is the permissions its controllers do not hold yet. */
function isPermissionRace(err: unknown): boolean {
    const e = err as { message?: string; failure?: { message?: string } } | undefined;
    return /requires permissions/.test(`${e?.failure?.message} ${e?.message}`);
}

/** The CRDs a cluster lacks for the policy; none when Kyverno is installed. */
export const missingKyvernoCrds = (client: KyvernoClient) => client.missingCrds(KYVERNO_CRDS);

/** Creates the policy, retrying while Kyverno's controllers do not hold the aggregated permissions yet. */
export async function createPolicy(
    client: KyvernoClient,
    policy: Record<string, unknown>,
    options: ApplyOptions = {},
): Promise<void> {
    const sleep = options.sleep ?? defaultSleep;
    const deadline = options.timeoutMs ?? 60_000;
    for (let waited = 0; ; waited += POLL_MS) {
        try {
            return await client.createPolicy(policy);
        } catch (err) {
            if (!isPermissionRace(err) || waited >= deadline) throw err;
            await sleep(POLL_MS);
        }
    }
}

/** Deletes the policy and waits until the API server no longer has it. */
export async function deletePolicy(client: KyvernoClient, name: string, options: ApplyOptions = {}): Promise<void> {
    const sleep = options.sleep ?? defaultSleep;
    const deadline = options.timeoutMs ?? 60_000;
    await client.deletePolicy(name);
    for (let waited = 0; (await client.readPolicy(name)) !== undefined; waited += POLL_MS) {
        if (waited >= deadline)
            throw new Error(`ClusterPolicy ${name} was deleted but is still there after ${deadline / 1000} s`);
        await sleep(POLL_MS);
    }
}

/**
 * Removes the clones and ServiceAccount entries the policy no longer wants (core/platforms/kyvernoSweep.ts);
 * a ServiceAccount changed meanwhile (409/422 on its resourceVersion test) is read and planned again.
 */
export async function sweep(
    client: KyvernoClient,
    scope: ServedScope,
    known: readonly PolicyReference[],
    options: ApplyOptions & { readonly attempts?: number } = {},
): Promise<{ deletedSecrets: number; patchedServiceAccounts: number }> {
    const attempts = options.attempts ?? 5;
    const [namespaces, clones] = await Promise.all([
        client.namespaces(),
        client.secrets(clonesSelector(scope.policyName)),
    ]);
    let deletedSecrets = 0;
    let patchedServiceAccounts = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        // Every ServiceAccount planned again: those patched already plan to nothing.
        const serviceAccounts = await client.serviceAccounts();
        const plan = planSweep(scope, { namespaces, clones: attempt === 1 ? clones : [], serviceAccounts }, known);
        for (const s of plan.deleteSecrets) {
            await client.deleteSecret(s.namespace, s.name);
            deletedSecrets++;
        }
        let conflicted = false;
        for (const p of plan.patches) {
            try {
                await client.patchServiceAccount(p.namespace, p.name, p.ops);
                patchedServiceAccounts++;
            } catch (err) {
                if (isNotFoundError(err)) continue;
                if (![409, 422].includes(statusOf(err) ?? 0) || attempt === attempts) throw err;
                conflicted = true;
            }
        }
        if (!conflicted) break;
    }
    return { deletedSecrets, patchedServiceAccounts };
}
