/**
 * Reading one object of `registry-access:registries`: its fields, each checked, every problem collected under
 * `[index].field`. Secret fields become SecretText at once and are never reported with their value. Pure.
 */
import { REDACTED, SecretText, UNREADABLE_SECRET } from "../../input/secretText";
import type { Check } from "../../input/checks";
import type { PathProblem } from "../../input/problems";

export function oneOfCheck<T extends string>(names: readonly T[]): Check<T> {
    return { rule: `must be one of ${names.join(", ")}`, accept: (s) => names.find((n) => n === s) };
}

/** Whether a value holds an encrypted field the offline plan could not read. */
export function holdsUnreadable(v: unknown): boolean {
    if (v === UNREADABLE_SECRET) return true;
    return v !== null && typeof v === "object" && Object.values(v).some(holdsUnreadable);
}

export class FieldReader {
    constructor(
        readonly obj: Readonly<Record<string, unknown>>,
        private readonly at: string,
        private readonly problems: PathProblem[],
        private readonly keyIsSecret: boolean,
        private readonly offline: boolean,
    ) {}

    report(field: string, value: string | undefined, rule: string): void {
        this.problems.push({ path: `${this.at}.${field}`, value, rule });
    }

    has(field: string): boolean {
        return this.obj[field] !== undefined;
    }

    string<T>(field: string, check: Check<T>, required: boolean): T | undefined {
        const v = this.obj[field];
        if (v === undefined || v === null || v === "") {
            if (required) this.report(field, undefined, "is required");
            return undefined;
        }
        if (typeof v !== "string") {
            this.report(field, JSON.stringify(v), "must be a string");
            return undefined;
        }
        const accepted = check.accept(v);
        if (accepted === undefined) this.report(field, v, check.rule);
        return accepted;
    }

    list<T>(field: string, check: Check<T>, v: unknown = this.obj[field]): T[] | undefined {
        if (v === undefined) return undefined;
        if (!Array.isArray(v) || v.length === 0 || v.some((e) => typeof e !== "string")) {
            this.report(field, JSON.stringify(v), "must be a non-empty list of strings");
            return undefined;
        }
        const out: T[] = [];
        const seen = new Set<T>();
        for (const e of v as string[]) {
            const accepted = check.accept(e);
            if (accepted === undefined) this.report(field, e, check.rule);
            else if (seen.has(accepted)) this.report(field, e, "is listed more than once");
            else {
                out.push(accepted);
                seen.add(accepted);
            }
        }
        return out;
    }

    /** A secret field: required to be encrypted in the stack file; its value is never reported. */
    secret(field: string, required: boolean): SecretText | undefined {
        const v = this.obj[field];
        if (v === undefined || v === null || v === "") {
            if (required) this.report(field, undefined, "is required");
            return undefined;
        }
        if (typeof v !== "string") {
            this.report(field, REDACTED, "must be a string");
            return undefined;
        }
        if (v === UNREADABLE_SECRET && this.keyIsSecret) return new SecretText(v, true);
        if (!this.keyIsSecret || this.offline) {
            this.report(
                field,
                undefined,
                "is a secret and must not be written in plain text; remove it from the stack file and run " +
                    `pulumi config set --secret --path 'registries${this.at}.${field}' VALUE`,
            );
            return undefined;
        }
        return new SecretText(v);
    }

    /** Fields the type does not have. */
    unknownFields(type: string, fields: readonly string[]): void {
        for (const field of Object.keys(this.obj).sort()) {
            if (!fields.includes(field)) {
                this.report(
                    field,
                    undefined,
                    `is not a field of a source of type ${type}; its fields: ${fields.join(", ")}`,
                );
            }
        }
    }
}
