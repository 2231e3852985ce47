/**
 * The credential code's HTTP transport (core/cluster/http.ts): retries with jittered backoff and Retry-After
 * against a scripted fake transport with fake sleep/now/random, and node's transport once against a real
 * loopback server.
 */
import * as http from "http";
import { AddressInfo } from "net";
import {
    DEFAULT_RETRY,
    HttpRequest,
    backoffMs,
    isRetryable,
    nodeTransport,
    retryAfterMs,
    sendWithRetries,
} from "../../core/cluster/http";
import { scriptedTransport } from "../fakes/scriptedTransport";
import { NOW_MS, recordingRetry } from "../fakes/scriptedTransport";

const policy = recordingRetry;

const REQ: HttpRequest = {
    method: "POST",
    url: "https://iam.example.test/identity/token",
    headers: { A: "b" },
    body: "x=1",
};

describe("isRetryable", () => {
    test("429 and 5xx only", () => {
        expect([200, 302, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504].filter(isRetryable)).toEqual([
            429, 500, 502, 503, 504,
        ]);
    });
});

describe("sendWithRetries", () => {
    test("retries 429 and 5xx until an answer that is not, then returns it", async () => {
        const p = policy();
        const { transport, requests } = scriptedTransport([
            { status: 503 },
            { status: 429 },
            { status: 502 },
            { status: 200, body: "ok" },
        ]);
        const res = await sendWithRetries(transport, REQ, p);
        expect(res.status).toBe(200);
        expect(res.body.toString()).toBe("ok");
        expect(requests).toHaveLength(4);
        for (const r of requests) expect(r).toEqual(REQ);
        // random 0.5 × min(cap 1000, 100·2^(n-1)) for n = 1, 2, 3
        expect(p.sleeps).toEqual([50, 100, 200]);
    });

    test("gives up after `attempts` and returns the last answer, without a sleep after it", async () => {
        const p = policy({ attempts: 3 });
        const { transport, requests } = scriptedTransport([
            { status: 500, body: "first" },
            { status: 502, body: "second" },
            { status: 503, body: "last" },
            { status: 200 },
        ]);
        const res = await sendWithRetries(transport, REQ, p);
        expect(res.status).toBe(503);
        expect(res.body.toString()).toBe("last");
        expect(requests).toHaveLength(3);
        expect(p.sleeps).toHaveLength(2);
    });

    test("retries network errors", async () => {
        const p = policy();
        const { transport, requests } = scriptedTransport([
            new Error("ECONNRESET"),
            new Error("ETIMEDOUT"),
            { status: 200, body: "ok" },
        ]);
        const res = await sendWithRetries(transport, REQ, p);
        expect(res.status).toBe(200);
        expect(requests).toHaveLength(3);
        expect(p.sleeps).toEqual([50, 100]);
    });

    test("a network error on the last attempt is thrown", async () => {
        const p = policy({ attempts: 3 });
        const { transport, requests } = scriptedTransport([
            new Error("ECONNRESET"),
            { status: 503 },
            new Error("ENOTFOUND at the end"),
            { status: 200 },
        ]);
        await expect(sendWithRetries(transport, REQ, p)).rejects.toThrow("ENOTFOUND at the end");
        expect(requests).toHaveLength(3);
        expect(p.sleeps).toHaveLength(2);
    });

    test.each([400, 401, 403, 404, 409])("a %i is returned at once", async (status) => {
        const p = policy();
        const { transport, requests } = scriptedTransport([{ status, body: "no" }, { status: 200 }]);
        const res = await sendWithRetries(transport, REQ, p);
        expect(res.status).toBe(status);
        expect(requests).toHaveLength(1);
        expect(p.sleeps).toEqual([]);
    });

    test("a 302 is returned at once (redirects are the caller's)", async () => {
        const p = policy();
        const { transport, requests } = scriptedTransport([
            { status: 302, headers: { location: "/x#access_token=t" } },
        ]);
        const res = await sendWithRetries(transport, REQ, p);
        expect(res.headers.location).toBe("/x#access_token=t");
        expect(requests).toHaveLength(1);
    });

    test("honours Retry-After in seconds", async () => {
        const p = policy({ random: () => 0.999999 });
        const { transport } = scriptedTransport([{ status: 429, headers: { "retry-after": "7" } }, { status: 200 }]);
        await sendWithRetries(transport, REQ, p);
        expect(p.sleeps).toHaveLength(1);
        expect(p.sleeps[0]).toBeGreaterThanOrEqual(7000);
        expect(p.sleeps[0]).toBe(7000);
    });

    test("honours Retry-After as an HTTP date", async () => {
        const p = policy({ random: () => 0 });
        const at = new Date(NOW_MS + 12_000).toUTCString(); // "Sun, 01 Jun 2025 12:00:12 GMT"
        const { transport } = scriptedTransport([{ status: 503, headers: { "retry-after": at } }, { status: 200 }]);
        await sendWithRetries(transport, REQ, p);
        expect(p.sleeps).toHaveLength(1);
        expect(p.sleeps[0]).toBeGreaterThanOrEqual(12_000);
        expect(p.sleeps[0]).toBe(12_000);
    });

    test("a Retry-After shorter than the backoff does not shorten it", async () => {
        const p = policy({ random: () => 0.5, baseMs: 4000, capMs: 20_000 });
        const { transport } = scriptedTransport([{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }]);
        await sendWithRetries(transport, REQ, p);
        expect(p.sleeps).toEqual([2000]);
    });

    test("DEFAULT_RETRY is five attempts, 500 ms base, 20 s cap", () => {
        expect([DEFAULT_RETRY.attempts, DEFAULT_RETRY.baseMs, DEFAULT_RETRY.capMs]).toEqual([5, 500, 20_000]);
    });
});

describe("retryAfterMs", () => {
    test("delta-seconds", () => {
        expect(retryAfterMs("0", NOW_MS)).toBe(0);
        expect(retryAfterMs(" 30 ", NOW_MS)).toBe(30_000);
    });
    test("an HTTP date, relative to now, never negative", () => {
        expect(retryAfterMs("Sun, 01 Jun 2025 12:01:00 GMT", NOW_MS)).toBe(60_000);
        expect(retryAfterMs("Sun, 01 Jun 2025 11:59:00 GMT", NOW_MS)).toBe(0);
    });
    test("absent or unreadable → undefined", () => {
        expect(retryAfterMs(undefined, NOW_MS)).toBeUndefined();
        expect(retryAfterMs("", NOW_MS)).toBeUndefined();
        expect(retryAfterMs("soon", NOW_MS)).toBeUndefined();
    });
});

describe("backoffMs", () => {
    const base = { ...DEFAULT_RETRY, baseMs: 500, capMs: 20_000 };
    // min(cap, base·2^(n-1)) for n = 1..12
    const BOUNDS = [500, 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000, 20000, 20000, 20000];
    const bound = (n: number) => BOUNDS[n - 1];

    test("full jitter: random × min(cap, base·2^(n-1)), floored", () => {
        const half = { ...base, random: () => 0.5 };
        expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, undefined, half))).toEqual([
            250, 500, 1000, 2000, 4000, 8000, 10000, 10000,
        ]);
    });

    test("stays within [0, min(cap, base·2^(n-1))] for any random value", () => {
        for (const r of [0, 1e-9, 0.25, 0.5, 0.75, 0.999999999]) {
            for (let n = 1; n <= 12; n++) {
                const ms = backoffMs(n, undefined, { ...base, random: () => r });
                expect(ms).toBeGreaterThanOrEqual(0);
                expect(ms).toBeLessThanOrEqual(bound(n));
                expect(Number.isInteger(ms)).toBe(true);
            }
        }
        expect(backoffMs(3, undefined, { ...base, random: () => 0 })).toBe(0);
        expect(backoffMs(3, undefined, { ...base, random: () => 0.999999999 })).toBe(1999);
        expect(backoffMs(12, undefined, { ...base, random: () => 0.999999999 })).toBe(19999);
    });

    test("never shorter than Retry-After", () => {
        expect(backoffMs(1, 9000, { ...base, random: () => 0.5 })).toBe(9000);
        expect(backoffMs(6, 9000, { ...base, random: () => 0.75 })).toBe(12000);
    });
});

describe("nodeTransport against a loopback server", () => {
    const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    let server: http.Server;
    let origin: string;

    beforeAll(async () => {
        server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                seen.push({
                    method: req.method,
                    url: req.url,
                    headers: req.headers,
                    body: Buffer.concat(chunks).toString("utf8"),
                });
                if (req.url?.startsWith("/oauth/authorize")) {
                    res.writeHead(302, { Location: "/oauth/token/implicit#access_token=sha256~abc&expires_in=86400" });
                    res.end();
                } else if (req.url === "/echo") {
                    res.writeHead(201, { "Content-Type": "text/plain", "X-Reply": "yes" });
                    res.end(`got:${Buffer.concat(chunks).toString("utf8")}`);
                } else {
                    res.writeHead(404);
                    res.end("not here");
                }
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
        await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    });

    test("does not follow a 302 and returns its Location", async () => {
        seen.length = 0;
        const res = await nodeTransport({
            method: "GET",
            url: `${origin}/oauth/authorize?response_type=token&client_id=openshift-challenging-client`,
            headers: { Authorization: "Basic YXBpa2V5Om5vdC1hLWtleQ==" },
        });
        expect(res.status).toBe(302);
        expect(res.headers.location).toBe("/oauth/token/implicit#access_token=sha256~abc&expires_in=86400");
        expect(seen).toHaveLength(1);
        expect(seen[0].method).toBe("GET");
        expect(seen[0].url).toBe("/oauth/authorize?response_type=token&client_id=openshift-challenging-client");
        expect(seen[0].headers.authorization).toBe("Basic YXBpa2V5Om5vdC1hLWtleQ==");
    });

    test("sends the body with its length and headers, and returns status, headers and body", async () => {
        seen.length = 0;
        // Non-ASCII, so Content-Length must count bytes, not characters.
        const body = "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&note=kéy✓";
        const res = await nodeTransport({
            method: "POST",
            url: `${origin}/echo`,
            headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
            body,
        });
        expect(res.status).toBe(201);
        expect(res.headers["x-reply"]).toBe("yes");
        expect(res.body.toString("utf8")).toBe(`got:${body}`);
        expect(seen).toHaveLength(1);
        expect(seen[0].method).toBe("POST");
        expect(seen[0].body).toBe(body);
        expect(seen[0].headers["content-length"]).toBe(String(Buffer.byteLength(body)));
        expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
        expect(seen[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(seen[0].headers.accept).toBe("application/json");
    });
});
