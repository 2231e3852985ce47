/**
 * The policy pack, offline: every policy of policy/policies.ts over a plan run's registrations, each resource
 * handed over as the analyzer would (secrets unwrapped, resource references as their IDs or URNs), plus what the
 * analyzer under `pulumi preview` cannot give: whether each input was a Pulumi secret. Pure.
 */
import {
    specialOutputValueSig as OUTPUT_SIG,
    specialResourceSig as RESOURCE_SIG,
    specialSecretSig as SECRET_SIG,
    specialSigKey as SIG,
    unknownValue as UNKNOWN,
} from "@pulumi/pulumi/runtime/rpc";
import { REGISTRY_ACCESS_POLICIES } from "../policy/policies";
import { isRecord } from "../policy/resource";
import type { EnforcementLevel, PolicyResource, ResourcePolicy } from "../policy/resource";
import type { Registration } from "./runProgram";

export interface PolicyViolation {
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn: string;
    readonly message: string;
}

type Wire = Readonly<Record<string, unknown>>;

/** A secret marker, or an output value the SDK flagged secret. */
function isSecretMarker(v: unknown): boolean {
    return isRecord(v) && (v[SIG] === SECRET_SIG || (v[SIG] === OUTPUT_SIG && v.secret === true));
}

/**
 * The plain value the analyzer hands a policy: secrets unwrapped (pulumi-policy deserialize.ts), resource
 * references downgraded to their ID, else URN (the engine marshals analyzer inputs without KeepResources),
 * output values to their value (unknown when they have none).
 */
export function analyzerValue(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(analyzerValue);
    if (!isRecord(v)) return v;
    switch (v[SIG]) {
        case SECRET_SIG:
            return analyzerValue(v.value);
        case RESOURCE_SIG:
            return typeof v.id === "string" && v.id !== "" ? v.id : v.urn;
        case OUTPUT_SIG:
            return "value" in v ? analyzerValue(v.value) : UNKNOWN;
        case undefined:
            return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, analyzerValue(e)]));
        default:
            return v; // assets and archives: no policy reads them
    }
}

/** Whether a wire value is wholly secret: marked, or every member of it is (an empty one holds nothing plain). */
function whollySecret(v: unknown): boolean {
    if (isSecretMarker(v)) return true;
    if (Array.isArray(v)) return v.every(whollySecret);
    if (isRecord(v) && v[SIG] === undefined) return Object.values(v).every(whollySecret);
    return false;
}

/** Whether the input at `path` of the wire inputs is secret: inside a marked value, or wholly secret itself. */
export function secretAt(raw: Wire, path: readonly string[]): boolean {
    let current: unknown = raw;
    for (const key of path) {
        if (isSecretMarker(current)) return true;
        const inner = isRecord(current) && current[SIG] === OUTPUT_SIG ? current.value : current;
        if (!isRecord(inner) && !Array.isArray(inner)) return false;
        current = (inner as Record<string, unknown>)[key];
        if (current === undefined) return false;
    }
    return whollySecret(current);
}

/** A registration as a policy reads it. */
export function policyResource(r: Registration): PolicyResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: analyzerValue(r.rawInputs) as Record<string, unknown>,
        isSecret: (path) => secretAt(r.rawInputs, path),
    };
}

/** Every violation of every policy, resource by resource in registration order, policies in pack order. */
export function runPolicies(
    registrations: readonly Registration[],
    policies: readonly ResourcePolicy[] = REGISTRY_ACCESS_POLICIES,
): PolicyViolation[] {
    return registrations.flatMap((r) => {
        const resource = policyResource(r);
        return policies.flatMap((p) =>
            p.check(resource).map((message) => ({
                policy: p.name,
                enforcementLevel: p.enforcementLevel,
                urn: r.urn,
                message,
            })),
        );
    });
}

/** `policy <name> (mandatory|advisory): <message>`, one line each. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
    return violations.map((v) => `policy ${v.policy} (${v.enforcementLevel}): ${v.message}\n`).join("");
}

export function hasMandatory(violations: readonly PolicyViolation[]): boolean {
    return violations.some((v) => v.enforcementLevel === "mandatory");
}
