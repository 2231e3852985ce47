/**
 * Secret values on the provider protocol. The Node provider SDK accepts secrets (its Configure answers
 * acceptSecrets) and hands us the wire form, `{[specialSigKey]: specialSecretSig, value}`; outputs we
 * return must carry that form again to stay secret in state.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";

export function isSecret(v: unknown): v is { value: unknown } {
    return (
        typeof v === "object" &&
        v !== null &&
        (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig
    );
}

/** The plain value of a possibly secret wire value. */
export function reveal<T>(v: T | { value: T }): T {
    return isSecret(v) ? (v.value as T) : (v as T);
}

export function secretWire<T>(value: T): { value: T } {
    return { [rpc.specialSigKey]: rpc.specialSecretSig, value } as { value: T };
}

/** True when a value (or anything inside it) is still unknown, as in a preview. */
export function hasUnknowns(v: unknown): boolean {
    if (v === rpc.unknownValue) return true;
    if (typeof v !== "object" || v === null) return false;
    return Object.values(v).some(hasUnknowns);
}
