/** A Transport (cluster/http.ts) answering from a script, in order, and recording every request. */
import { HttpRequest, HttpResponse, Transport } from "../../cluster/http";

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
