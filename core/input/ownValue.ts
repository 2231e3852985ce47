/**
 * Reading a plain object by a name the user chose. `record[name]` also finds what every object inherits: a
 * namespace, secret or config value named `constructor` (a valid DNS-1123 label) would read as Object.
 */

/** `record[key]` when the record holds `key` itself, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
    return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty record for names the user chose: nothing inherited, so `record[name] ??= …` starts from nothing. */
export function emptyRecord<T>(): Record<string, T> {
    return Object.create(null) as Record<string, T>;
}
