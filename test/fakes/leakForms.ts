/**
 * The forms in which a secret could leak: as is, base64 of it at any byte offset (inside a base64 docker
 * config or Secret `data`, the canary starts wherever the bytes before it end), and base64 of `user:secret`
 * (a docker config's `auth`).
 */
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

/**
 * The part of base64(prefix + canary + suffix) that depends only on the canary, for each of the three
 * alignments: encode with 0, 1 or 2 filler bytes in front and drop the characters that mix filler bits in.
 */
export function base64AtAnyOffset(canary: string): string[] {
    return [0, 1, 2].map((offset) => {
        const encoded = b64(Buffer.concat([Buffer.alloc(offset, 0x20), Buffer.from(canary)]));
        const head = offset === 0 ? 0 : 4; // the first group holds filler bits
        const tail = encoded.length - 4; // the last group may hold the following bytes' bits, or padding
        return encoded.slice(head, tail);
    });
}

export function leakForms(canary: string, users: readonly string[]): string[] {
    return [canary, ...base64AtAnyOffset(canary), ...users.map((u) => b64(`${u}:${canary}`))];
}
