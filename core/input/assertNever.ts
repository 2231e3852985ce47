/** The default branch of a switch over a closed union: a compile error when a member is not handled. Pure. */
export function assertNever(value: never): never {
    throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
