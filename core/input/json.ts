/** Reading JSON text that may not be JSON (annotations, stack values, secrets' documents). Pure. */

/**
 * The JSON value of `text`, or undefined when it is not JSON or absent (no JSON text reads as undefined).
 * Never throws: JSON.parse's message can quote the text, which may be a secret.
 */
export function parseJson(text: string | undefined): unknown {
    let parsed: unknown;
    try {
        // An absent text throws too: JSON.parse reads undefined as the text "undefined".
        parsed = JSON.parse(text as string);
    } catch {
        // Not JSON: undefined.
    }
    return parsed;
}
