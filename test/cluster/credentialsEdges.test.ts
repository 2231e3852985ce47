/** core/cluster/credentials.ts edges: token expiry parsing, the cache's margin and keys, a kubeconfig without a user token. */
import { strToU8, zipSync } from "fflate";
import * as yaml from "js-yaml";
import {
    ClusterCredential,
    CredentialCache,
    EXPIRY_MARGIN_MS,
    DEFAULT_MINT_DEPS,
    jwtExpiry,
    mintClusterCredential,
} from "../../core/cluster/credentials";
import { DEFAULT_RETRY, nodeTransport } from "../../core/cluster/http";
import { scriptedTransport } from "../fakes/scriptedTransport";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const b64url = (s: string) => Buffer.from(s).toString("base64url");
const token = (payload: string) => `${b64url('{"alg":"RS256"}')}.${b64url(payload)}.sig`;
const TWENTY_MINUTES_LATER = "2025-06-01T12:20:00.000Z";

describe("jwtExpiry", () => {
    test("only a numeric exp counts; anything else gets 20 minutes", () => {
        expect(jwtExpiry(token('{"exp":1767225600.5}'), NOW).getTime()).toBe(1767225600500);
        for (const payload of ['{"exp":"1767225600"}', '{"exp":null}', "{}", "null", "[1]", "not json"]) {
            expect(jwtExpiry(token(payload), NOW).toISOString()).toBe(TWENTY_MINUTES_LATER);
        }
        expect(jwtExpiry("", NOW).toISOString()).toBe(TWENTY_MINUTES_LATER);
    });
});

describe("mintClusterCredential", () => {
    test("defaults: node's transport, the default retry policy, the clock", () => {
        expect(DEFAULT_MINT_DEPS.transport).toBe(nodeTransport);
        expect(DEFAULT_MINT_DEPS.retry).toBe(DEFAULT_RETRY);
        const before = Date.now();
        const now = DEFAULT_MINT_DEPS.now().getTime();
        expect(now).toBeGreaterThanOrEqual(before);
        expect(now).toBeLessThanOrEqual(Date.now());
    });

    test("an IKS kubeconfig without a user token is an error naming the cluster", async () => {
        const zip = zipSync({
            "k.yml": strToU8(
                yaml.dump({ clusters: [{ cluster: { server: "https://c.test:1" } }], users: [{ user: {} }] }),
            ),
        });
        const { transport } = scriptedTransport([
            { status: 200, body: JSON.stringify({ access_token: "a" }) },
            { status: 200, body: zip },
            { status: 200, body: JSON.stringify({ synchronized: true }) },
            { status: 404 },
        ]);
        const retry = { ...DEFAULT_RETRY, attempts: 1, sleep: async () => undefined };
        await expect(
            mintClusterCredential("c1", { IC_API_KEY: "k" }, undefined, { transport, retry, now: () => NOW }),
        ).rejects.toHaveProperty("message", "cluster c1: the kubeconfig from IBM Cloud holds no user token");
    });
});

describe("CredentialCache edges", () => {
    const credential = (expiresAt: Date, t = "t"): ClusterCredential => ({
        server: "https://c.test",
        token: t,
        expiresAt,
        platform: "iks",
    });

    test("reused while more than the margin remains; minted again at exactly the margin", async () => {
        const atMargin = credential(new Date(NOW.getTime() + EXPIRY_MARGIN_MS), "at-margin");
        const justOver = credential(new Date(NOW.getTime() + EXPIRY_MARGIN_MS + 1), "just-over");
        const fresh = credential(new Date(NOW.getTime() + 3_600_000), "fresh");
        const mint = jest
            .fn()
            .mockResolvedValueOnce(atMargin)
            .mockResolvedValueOnce(justOver)
            .mockResolvedValueOnce(fresh);
        const cache = new CredentialCache(mint, () => NOW);
        expect(await cache.get("c")).toBe(atMargin);
        expect(await cache.get("c")).toBe(justOver);
        expect(await cache.get("c")).toBe(justOver);
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("no stack key and an empty stack key are the same entry", async () => {
        const mint = jest.fn(async (cluster: string, key?: string) =>
            credential(new Date(NOW.getTime() + 3_600_000), `${cluster}|${key}`),
        );
        const cache = new CredentialCache(mint, () => NOW);
        expect((await cache.get("c")).token).toBe("c|undefined");
        expect((await cache.get("c", "")).token).toBe("c|undefined");
        expect(mint).toHaveBeenCalledTimes(1);
        expect((await cache.get("c", "k")).token).toBe("c|k");
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("the default clock is the real one", async () => {
        const mint = jest.fn(async () => credential(new Date(Date.now() + 3_600_000)));
        const cache = new CredentialCache(mint);
        await cache.get("c");
        await cache.get("c");
        expect(mint).toHaveBeenCalledTimes(1);
        const stale = jest.fn(async () => credential(new Date(Date.now() + EXPIRY_MARGIN_MS - 1000)));
        const staleCache = new CredentialCache(stale);
        await staleCache.get("c");
        await staleCache.get("c");
        expect(stale).toHaveBeenCalledTimes(2);
    });
});

describe("CredentialCache.evict", () => {
    const credential = (t: string): ClusterCredential => ({
        server: "https://c.test",
        token: t,
        expiresAt: new Date(NOW.getTime() + 3_600_000),
        platform: "iks",
    });

    test("a refused credential is forgotten: the next get mints again", async () => {
        const first = credential("first");
        const second = credential("second");
        const mint = jest.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
        const cache = new CredentialCache(mint, () => NOW);
        expect(await cache.get("c", "k")).toBe(first);
        await cache.evict("c", "k", first);
        expect(await cache.get("c", "k")).toBe(second);
        expect(await cache.get("c", "k")).toBe(second);
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("a newer credential, another cluster's or another key's is kept", async () => {
        const mint = jest.fn(async (cluster: string, key?: string) => credential(`${cluster}|${key}`));
        const cache = new CredentialCache(mint, () => NOW);
        const a = await cache.get("a", "k");
        const stale = credential("a|k");
        await cache.evict("a", "k", stale); // equal, but not the one cached
        await cache.evict("b", "k", a);
        await cache.evict("a", "other", a);
        expect(await cache.get("a", "k")).toBe(a);
        expect(mint).toHaveBeenCalledTimes(1);
        await cache.evict("a", "", a); // no stack key and "" are one entry
        await cache.evict("a", undefined, a);
        expect(await cache.get("a", "k")).toBe(a);
        await cache.evict("a", "k", a);
        expect(await cache.get("a", "k")).not.toBe(a);
    });

    test("an entry replaced while the refused one was awaited stays", async () => {
        let release!: (c: ClusterCredential) => void;
        const expiring = { ...credential("expiring"), expiresAt: NOW }; // within the margin: minted again
        const fresh = credential("fresh");
        const mint = jest
            .fn()
            .mockReturnValueOnce(new Promise<ClusterCredential>((r) => (release = r)))
            .mockResolvedValueOnce(fresh);
        const cache = new CredentialCache(mint, () => NOW);
        const first = cache.get("c");
        const evicted = cache.evict("c", undefined, expiring);
        const second = cache.get("c"); // sees the expiring one and mints `fresh` before the eviction looks
        release(expiring);
        expect([await first, await second]).toEqual([expiring, fresh]);
        await evicted;
        expect(await cache.get("c")).toBe(fresh);
        expect(mint).toHaveBeenCalledTimes(2);
    });

    test("a failed mint is nothing to evict", async () => {
        const mint = jest
            .fn()
            .mockRejectedValueOnce(new Error("cluster c: IAM token for the API key failed with HTTP 400"))
            .mockResolvedValueOnce(credential("next"));
        const cache = new CredentialCache(mint, () => NOW);
        const failing = cache.get("c");
        await cache.evict("c", undefined, credential("x"));
        await expect(failing).rejects.toThrow("HTTP 400");
        expect((await cache.get("c")).token).toBe("next");
    });
});
