/** A Transport (core/cluster/http.ts) answering from a script, in order, and recording every request. */
import { HttpRequest, HttpResponse, RetryPolicy, Transport } from "../../core/cluster/http";

export interface Scripted {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly body?: string | Uint8Array;
}
export type Step = Scripted | Error;

export function scriptedTransport(script: Step[]): { transport: Transport; requests: HttpRequest[] } {
    const requests: HttpRequest[] = [];
    const queue = [...script];
    const transport: Transport = async (req) => {
        requests.push(req);
        const step = queue.shift();
        if (!step) throw new Error(`unscripted request ${req.method} ${req.url}`);
        if (step instanceof Error) throw step;
        const res: HttpResponse = {
            status: step.status,
            headers: step.headers ?? {},
            body: Buffer.from(step.body ?? ""),
        };
        return res;
    };
    return { transport, requests };
}

export const NOW_MS = Date.parse("2025-06-01T12:00:00.000Z");

/** A retry policy that records its sleeps instead of sleeping: 5 attempts, 100 ms doubling to 1 s, mid jitter. */
export function recordingRetry(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { sleeps: number[] } {
    const sleeps: number[] = [];
    return {
        attempts: 5,
        baseMs: 100,
        capMs: 1000,
        random: () => 0.5,
        now: () => NOW_MS,
        sleep: async (ms) => {
            sleeps.push(ms);
        },
        ...overrides,
        sleeps,
    };
}

/** A retry policy that sends each request once: for tests about a single answer. */
export const SINGLE_ATTEMPT: RetryPolicy = {
    attempts: 1,
    baseMs: 1,
    capMs: 1,
    random: () => 0,
    now: () => 0,
    sleep: async () => undefined,
};
