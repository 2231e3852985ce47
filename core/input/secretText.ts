/**
 * A secret value read from the stack's config, held so that it cannot be printed by accident: every
 * string conversion (template literals, JSON, console.log, util.inspect, error messages) gives "[secret]".
 * The program shell turns it into a Pulumi secret at once (`pulumi.secret(s.reveal())`); pure modules only
 * pass it along. Pure: no Pulumi runtime.
 */
import { inspect } from "util";

/** How an error message or a plan shows a secret's value. */
export const REDACTED = "[secret]";

/**
 * What an encrypted (`secure:`) value reads as where it cannot be decrypted: the offline plan
 * (plan/readStackFiles.ts) hands the program this marker, for a whole key or a field inside a structured one.
 */
export const UNREADABLE_SECRET = "[secret]";

export class SecretText {
    readonly #value: string;

    /** `unreadable`: an encrypted value the offline plan cannot decrypt; its real value is unknown. */
    constructor(
        value: string,
        readonly unreadable = false,
    ) {
        this.#value = value;
    }

    /** The plaintext, for the one place that wraps it as a Pulumi secret. */
    reveal(): string {
        return this.#value;
    }

    toString(): string {
        return REDACTED;
    }

    toJSON(): string {
        return REDACTED;
    }

    [inspect.custom](): string {
        return REDACTED;
    }
}
