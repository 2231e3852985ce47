/**
 * The life of the API keys registry-access creates (the pull identities', the builds' push identity's):
 * which key is current, which former one is kept for one more update, when they expire, whether Pulumi
 * protects them. Pure.
 *
 * Rotation without a gap comes from the engine's order, not from code of ours: a new `keyRotation` label
 * gives the key a new resource name, so `pulumi up` creates it while the program runs, every consumer (each
 * namespace Secret, the global pull secret entries, the push secrets, the Code Engine secrets) is updated to
 * it as the program registers them, and the old key, no longer registered, is deleted only after the program
 * has finished and every step has completed (pulumi/pulumi 1b5949891, pkg/resource/deploy/deployment_executor.go
 * lines 327-334: performPostSteps runs once the program is done and no step is outstanding; lines 484-501:
 * GenerateDeletes/ScheduleDeletes there). A consumer's update that fails fails the program, and the engine
 * then bails before any delete (same file, lines 296-303).
 */

import { Check, matching } from "../input/checks";

/** The label that names the key created before any rotation (its resource has no label suffix). */
export const INITIAL_KEY = "initial";

/** A rotation label: short, lower-case, usable in a resource name and an IAM key name. */
export const KEY_LABEL = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/;

export interface KeyLifecycle {
    /** The current key's label; "" is the key from before any rotation. */
    readonly rotation: string;
    /** A former key's label (INITIAL_KEY for the first key) to keep for this update; its consumers have moved. */
    readonly keepPrevious?: string;
    /** The date (YYYY-MM-DD) the keys stop working: ibm_iam_service_api_key `expires_at`. */
    readonly expiry?: string;
    /** Pulumi `protect` on the service ID and its keys: `pulumi destroy` refuses to delete them. */
    readonly protect: boolean;
}

export const DEFAULT_KEY_LIFECYCLE: KeyLifecycle = { rotation: "", protect: false };

/** The resource (and IAM) name of the key with this label: the base name alone for the first key. */
export function keyName(apiKeyBase: string, label: string): string {
    return label === "" || label === INITIAL_KEY ? apiKeyBase : `${apiKeyBase}-${label}`;
}

/** Whether two labels name the same key ("" and INITIAL_KEY both name the first). */
export function sameKey(a: string, b: string): boolean {
    return keyName("", a) === keyName("", b);
}

/** The labels of the keys an identity has in this update: the current one first. */
export function keyLabels(lifecycle: KeyLifecycle): { current: string; kept?: string } {
    const kept = lifecycle.keepPrevious;
    return {
        current: lifecycle.rotation,
        ...(kept !== undefined && !sameKey(kept, lifecycle.rotation) ? { kept } : {}),
    };
}

/** `expires_at` as the provider takes it: 'yyyy-MM-ddTHH:mm+0000' (the start of that day, UTC). */
export function expiresAt(date: string): string {
    return `${date}T00:00+0000`;
}

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(s: string): boolean {
    // No anchors: the date's own ISO text must equal all of s below, which refuses any text around the match.
    const m = /(\d{4})-(\d{2})-(\d{2})/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before the expiry every run warns. */
export const EXPIRY_WARNING_DAYS = 30;

export type ExpiryNotice = { readonly level: "warn" | "error"; readonly message: string };

/**
 * What a run says about `keyExpiry` on `now`: an error once the date has come (the keys no longer work, and
 * IBM deletes an expired key for good 90 days later), a warning in the last EXPIRY_WARNING_DAYS days.
 */
export function expiryNotice(expiry: string | undefined, now: Date): ExpiryNotice | undefined {
    // No expiry parses as NaN days left, which is neither past nor near: no notice.
    const left = (Date.parse(`${expiry}T00:00:00Z`) - now.getTime()) / DAY_MS;
    const renew =
        "set a later registry-access:keyExpiry (an update in place) or rotate with a new registry-access:keyRotation";
    if (left <= 0) {
        return {
            level: "error",
            message: `registry-access:keyExpiry ${expiry} has passed: the registry keys no longer authenticate; ${renew}`,
        };
    }
    if (left <= EXPIRY_WARNING_DAYS) {
        return {
            level: "warn",
            message: `registry-access:keyExpiry ${expiry} is ${Math.ceil(left)} day(s) away: pulls fail from then on; ${renew}`,
        };
    }
    return undefined;
}

/** The lifecycle the stack's config asks for (the keys shared by every platform). */
export function keyLifecycleOf(config: {
    readonly keyRotation?: string;
    readonly keepPreviousKey?: string;
    readonly keyExpiry?: string;
    readonly protectIdentity: boolean;
}): KeyLifecycle {
    return {
        rotation: config.keyRotation ?? "",
        protect: config.protectIdentity,
        ...(config.keepPreviousKey !== undefined ? { keepPrevious: config.keepPreviousKey } : {}),
        ...(config.keyExpiry !== undefined ? { expiry: config.keyExpiry } : {}),
    };
}

const LABEL_RULE = "lower-case letters, digits or '-', at most 20, starting and ending with a letter or digit";

/** keyRotation: a label for the current keys; INITIAL_KEY names the first keys, which have no label. */
export const KEY_ROTATION_LABEL: Check<string> = {
    rule: `must be a rotation label: ${LABEL_RULE}, not ${INITIAL_KEY} (the first keys are the empty label)`,
    accept: (s) => (KEY_LABEL.test(s) && s !== INITIAL_KEY ? s : undefined),
};

/** keepPreviousKey: a former keyRotation label, or INITIAL_KEY for the first keys. */
export const KEY_LABEL_OR_INITIAL = matching(
    KEY_LABEL,
    20,
    `must be a former keyRotation label (${LABEL_RULE}), or ${INITIAL_KEY} for the first keys`,
);

export const CALENDAR_DATE: Check<string> = {
    rule:
        "must be a date YYYY-MM-DD, such as 2027-06-30, quoted in the stack file ('2027-06-30'): unquoted, " +
        "YAML reads it as a timestamp and the CLI passes it as one",
    accept: (s) => (isCalendarDate(s) ? s : undefined),
};
