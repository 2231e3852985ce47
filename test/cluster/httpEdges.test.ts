/**
 * core/cluster/http.ts beyond the happy paths: https with and without the cluster CA, repeated headers, network
 * errors, the 30 s answer timeout, the default retry policy, and Retry-After edge values.
 */
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { EventEmitter } from "events";
import {
    DEFAULT_RETRY,
    backoffMs,
    isRetryable,
    nodeTransport,
    retryAfterMs,
    sendWithRetries,
} from "../../core/cluster/http";
import { scriptedTransport } from "../fakes/scriptedTransport";
import { NOW_MS, recordingRetry } from "../fakes/scriptedTransport";

const TLS_DIR = path.join(__dirname, "..", "fixtures", "loopback-tls");
const CA = fs.readFileSync(path.join(TLS_DIR, "cert.pem"), "utf8");
const policy = recordingRetry;

describe("nodeTransport over TLS and on failures", () => {
    let tlsServer: https.Server;
    let plainServer: http.Server;
    let tlsOrigin: string;
    let plainOrigin: string;

    beforeAll(async () => {
        tlsServer = https.createServer(
            { cert: CA, key: fs.readFileSync(path.join(TLS_DIR, "key.pem")) },
            (req, res) => {
                res.writeHead(200, { "Content-Type": "text/plain" });
                res.end(`tls ${req.method} ${req.url}`);
            },
        );
        plainServer = http.createServer((req, res) => {
            if (req.url === "/cookies") {
                res.setHeader("Set-Cookie", ["a=1", "b=2"]);
                res.setHeader("X-One", "1");
                res.writeHead(204);
                res.end();
            } else if (req.url === "/cut") {
                // Promises 100 bytes, sends 4, then drops the connection.
                res.writeHead(200, { "Content-Length": "100" });
                res.write("half");
                setTimeout(() => res.socket?.destroy(), 20);
            } else {
                res.writeHead(200);
                res.end("plain");
            }
        });
        await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
        await new Promise<void>((resolve) => plainServer.listen(0, "127.0.0.1", resolve));
        tlsOrigin = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
        plainOrigin = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
        await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
        await new Promise<void>((resolve) => plainServer.close(() => resolve()));
    });

    test("speaks https to an https URL, trusting the CA it is given", async () => {
        const res = await nodeTransport({ method: "GET", url: `${tlsOrigin}/version`, ca: CA });
        expect(res.status).toBe(200);
        expect(res.body.toString("utf8")).toBe("tls GET /version");
    });

    test("without the CA, a self-signed server is refused", async () => {
        await expect(nodeTransport({ method: "GET", url: `${tlsOrigin}/version` })).rejects.toThrow(
            /self-signed certificate/,
        );
    });

    test('joins a repeated header with ", "', async () => {
        const res = await nodeTransport({ method: "GET", url: `${plainOrigin}/cookies` });
        expect(res.status).toBe(204);
        expect(res.headers["set-cookie"]).toBe("a=1, b=2");
        expect(res.headers["x-one"]).toBe("1");
    });

    test("a refused connection rejects", async () => {
        const closed = http.createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        await expect(nodeTransport({ method: "GET", url: `http://127.0.0.1:${port}/` })).rejects.toThrow(
            /ECONNREFUSED/,
        );
    });

    test("an answer cut off mid-body rejects", async () => {
        await expect(nodeTransport({ method: "GET", url: `${plainOrigin}/cut` })).rejects.toThrow(
            /aborted|ECONNRESET|socket hang up/,
        );
    });
});

describe("nodeTransport's answer timeout", () => {
    afterEach(() => jest.restoreAllMocks());

    test("asks node for a 30 s socket timeout and, when it fires, rejects with 'no answer within 30 s'", async () => {
        const options: http.RequestOptions[] = [];
        const destroyed: unknown[] = [];
        const fake = Object.assign(new EventEmitter(), {
            write: () => true,
            end: () => undefined,
            destroy(err?: Error) {
                destroyed.push(err);
                if (err) fake.emit("error", err);
            },
        });
        // The module object itself (an `import * as` namespace has read-only getters).
        const httpModule: typeof http = require("http");
        jest.spyOn(httpModule, "request").mockImplementation(((_url: URL, opts: http.RequestOptions) => {
            options.push(opts);
            return fake;
        }) as unknown as typeof http.request);
        const answer = nodeTransport({ method: "POST", url: "http://127.0.0.1:1/identity/token", body: "x" });
        fake.emit("timeout");
        const outcome = await Promise.race([
            answer.then(
                () => "resolved",
                (e: Error) => e.message,
            ),
            new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1000)),
        ]);
        expect(outcome).toBe("no answer within 30 s");
        expect(options).toHaveLength(1);
        expect(options[0].timeout).toBe(30_000);
        expect(options[0].method).toBe("POST");
        expect(options[0].headers).toEqual({ "Content-Length": "1" });
        expect(destroyed).toHaveLength(1);
    });
});

describe("DEFAULT_RETRY", () => {
    afterEach(() => jest.useRealTimers());

    test("sleeps for real, on a timer of the given length", async () => {
        jest.useFakeTimers();
        let done = false;
        const sleeping = DEFAULT_RETRY.sleep(1000).then(() => {
            done = true;
        });
        await jest.advanceTimersByTimeAsync(999);
        expect(done).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await sleeping;
        expect(done).toBe(true);
    });

    test("uses Math.random and Date.now", () => {
        expect(DEFAULT_RETRY.random).toBe(Math.random);
        expect(DEFAULT_RETRY.now).toBe(Date.now);
    });
});

describe("retry boundaries", () => {
    test("429 and every status from 500 up are retried; 499 and below are not", () => {
        expect([428, 429, 430, 499, 500, 501, 599, 600].map(isRetryable)).toEqual([
            false,
            true,
            false,
            false,
            true,
            true,
            true,
            true,
        ]);
    });

    test("Retry-After must be all digits to be seconds", () => {
        expect(retryAfterMs("x5", NOW_MS)).toBeUndefined();
        expect(retryAfterMs("5x", NOW_MS)).toBeUndefined();
        expect(retryAfterMs("12", NOW_MS)).toBe(12_000);
        expect(retryAfterMs("\t3\n", NOW_MS)).toBe(3000);
    });

    test("a Retry-After date exactly now waits nothing; one second later waits a second", () => {
        expect(retryAfterMs(new Date(NOW_MS).toUTCString(), NOW_MS)).toBe(0);
        expect(retryAfterMs(new Date(NOW_MS + 1000).toUTCString(), NOW_MS)).toBe(1000);
    });

    test("Retry-After is honoured up to one minute, no longer", () => {
        const p = policy({ random: () => 0 });
        expect(backoffMs(1, 59_999, p)).toBe(59_999);
        expect(backoffMs(1, 60_000, p)).toBe(60_000);
        expect(backoffMs(1, 60_001, p)).toBe(60_000);
        expect(backoffMs(1, 3_600_000, p)).toBe(60_000);
        expect(backoffMs(1, undefined, p)).toBe(0);
    });

    test("the exponent starts at 0: attempt n waits up to base·2^(n-1), capped", () => {
        const p = policy({ random: () => 0.999, baseMs: 100, capMs: 350 });
        expect([1, 2, 3, 4].map((n) => backoffMs(n, undefined, p))).toEqual([99, 199, 349, 349]);
    });

    test("a Retry-After on a 503 sets the sleep, and `now` is read for each answer", async () => {
        let now = NOW_MS;
        const p = policy({ random: () => 0, now: () => now });
        const at = new Date(NOW_MS + 5000).toUTCString();
        const { transport } = scriptedTransport([
            { status: 503, headers: { "retry-after": at } },
            { status: 503, headers: { "retry-after": at } },
            { status: 200 },
        ]);
        const original = p.sleep;
        const sleep = async (ms: number) => {
            await original(ms);
            now += ms;
        };
        await sendWithRetries(transport, { method: "GET", url: "https://x.test/" }, { ...p, sleep });
        expect(p.sleeps).toEqual([5000, 0]);
    });

    test("one attempt: the first answer, even a 503, and the first error, are final", async () => {
        const p = policy({ attempts: 1 });
        const first = scriptedTransport([{ status: 503, body: "busy" }, { status: 200 }]);
        expect((await sendWithRetries(first.transport, { method: "GET", url: "https://x.test/" }, p)).status).toBe(503);
        const second = scriptedTransport([new Error("ECONNRESET"), { status: 200 }]);
        await expect(sendWithRetries(second.transport, { method: "GET", url: "https://x.test/" }, p)).rejects.toThrow(
            "ECONNRESET",
        );
        expect(first.requests.length + second.requests.length).toBe(2);
        expect(p.sleeps).toEqual([]);
    });
});
