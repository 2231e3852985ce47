/**
 * Roles beyond Reader are a decision, not a default: `roles` may grant Writer or Manager on container-registry
 * only when `roleIntent` says so, and the IAM policy's description records that intent so the policy pack
 * (policy/) can tell a meant grant from an accident. Pure.
 */
import type { PathProblem } from "../input/problems";

/** Service access roles of container-registry (case matters). */
export const ROLES = ["Reader", "Writer", "Manager"] as const;
export type RegistryRole = (typeof ROLES)[number];

export const ROLE_INTENTS = ["pull", "push", "admin"] as const;
export type RoleIntent = (typeof ROLE_INTENTS)[number];

/** What the roles amount to: admin with Manager, push with Writer, else pull. */
export function intentOf(roles: readonly string[]): RoleIntent {
    if (roles.includes("Manager")) return "admin";
    if (roles.includes("Writer")) return "push";
    return "pull";
}

const GRANTS: Record<RoleIntent, string> = {
    pull: "Reader: pull images",
    push: "Writer: push and delete images in every namespace in scope",
    admin: "Manager: also create and delete registry namespaces and change quotas and retention",
};

/** `roles` and `roleIntent` disagreeing, as one problem on the key that goes further than the other. */
export function roleIntentProblems(roles: readonly string[], intent: RoleIntent): PathProblem[] {
    const granted = intentOf(roles);
    const beyond = ROLE_INTENTS.indexOf(granted) - ROLE_INTENTS.indexOf(intent);
    if (beyond > 0) {
        return [
            {
                path: "roles",
                value: roles.join(", "),
                rule:
                    `grants ${GRANTS[granted]}, into every pull secret; set registry-access:roleIntent to ${granted} ` +
                    "if you mean it, or keep roles at Reader",
            },
        ];
    }
    if (beyond < 0) {
        return [
            {
                path: "roleIntent",
                value: intent,
                rule: `asks for ${GRANTS[intent].split(":")[0]}, but roles grants only ${GRANTS[granted]}; make roles and roleIntent agree`,
            },
        ];
    }
    return [];
}

/** What a policy's description adds for a grant beyond Reader: the intent and the key that declared it. */
export function intentMarker(intent: RoleIntent, declaredBy: string): string {
    return intent === "pull" ? "" : ` (intent: ${intent}, from ${declaredBy})`;
}

/** The marker's form, for the policy pack. */
export const INTENT_MARKER = /\(intent: (push|admin), from [A-Za-z]+\)/;
