/**
 * What `--check` says about API keys that come and go, so that a reviewer sees a rotation's order and its
 * traps before `pulumi up`: the engine updates the consumers while the program runs and deletes a key the
 * program no longer declares only afterwards (core/iam/keyLifecycle.ts) — safe for Secrets, which kubelet reads
 * at each pull, but not for consumers that pick up changes late, and impossible for a protected key. Pure.
 */
import { IBM_RESOURCE_TYPES } from "../iam/ibmResourceTypes";
import { GLOBAL_PULL_SECRET_TYPE } from "../sharedObjects/resourceTypes";
import type { PlanDocument, PlanResource } from "./render";

const API_KEY_TYPE = IBM_RESOURCE_TYPES.apiKey;

const KEEP =
    "set registry-access:keepPreviousKey to the keyRotation label it was created with (initial for the first keys) " +
    "for this update, and remove it in the next";

const consumersIn = (doc: PlanDocument, urn: string) => doc.resources.filter((r) => r.dependsOn.includes(urn));

/** A removed key: where its consumers go, and what would go wrong deleting it at the end of this update. */
export function removedKeyNote(removed: PlanResource, before: PlanDocument, after: PlanDocument): string | undefined {
    if (removed.type !== API_KEY_TYPE) return undefined;
    const warnings: string[] = [];
    if (removed.options?.protect) {
        warnings.push(
            "WARNING: it is protected (protectIdentity): pulumi up moves its consumers, then stops before deleting it; " +
                KEEP +
                " (the kept key is unprotected), or run pulumi state unprotect on it",
        );
    }
    const consumers = consumersIn(before, removed.urn);
    if (consumers.some((r) => r.type === GLOBAL_PULL_SECRET_TYPE)) {
        warnings.push(
            "WARNING: the OpenShift global pull secret uses it, and nodes get that secret from the Machine Config " +
                "Operator minutes after the update, while the key is deleted at its end: pulls on nodes fail until then; " +
                KEEP,
        );
    }
    const now = new Map(after.resources.map((r) => [r.urn, r]));
    const moved = consumers.filter((r) => now.has(r.urn) && !now.get(r.urn)!.dependsOn.includes(removed.urn));
    const newKeys = new Set(
        moved.flatMap((r) => now.get(r.urn)!.dependsOn.filter((d) => now.get(d)?.type === API_KEY_TYPE)),
    );
    const to = [...newKeys].map((u) => now.get(u)!.name).join(", ");
    const order =
        consumers.length === 0
            ? "deleted at the end of the update; nothing uses it"
            : moved.length === consumers.length
              ? `rotated: its ${consumers.length} consumer(s) move to ${to || "other credentials"} during the update; ` +
                "the engine deletes it only after all of them are updated"
              : `deleted at the end of the update; ${consumers.length - moved.length} of its ${consumers.length} consumer(s) are removed with it`;
    return [order, ...warnings].join("\n");
}

/** An added key nothing consumes: a keepPreviousKey that names no existing key creates one instead of keeping it. */
export function addedKeyNote(added: PlanResource, after: PlanDocument): string | undefined {
    if (added.type !== API_KEY_TYPE || consumersIn(after, added.urn).length > 0) return undefined;
    return (
        "WARNING: a new key that nothing uses: keepPreviousKey names no key of the committed plan, so this key is " +
        "created rather than kept, and the key it meant is not kept; check the label"
    );
}
