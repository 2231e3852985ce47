import * as path from "path";
import type { Registration } from "../../plan/runProgram";
import {
    DEFAULT_PARALLEL,
    OutputsOf,
    SECRET_TYPE,
    longestChain,
    perNamespaceResources,
    stateBytesPerNamespace,
    stateEntry,
} from "./figures";
import { judge, parse, row, runScript } from "./run";
import type { ApiCalls } from "./apiCalls";
import type { Figures, Mode } from "./wholeProcess";

const reg = (name: string, dependsOn: string[] = [], more: Partial<Registration> = {}): Registration => ({
    urn: `u:${name}`,
    type: "t",
    name,
    custom: true,
    dependsOn,
    rawInputs: {},
    aliases: [],
    ...more,
});

describe("bench figures", () => {
    it("counts the nodes on the longest dependency path", () => {
        expect(longestChain([])).toBe(0);
        expect(longestChain([reg("a")])).toBe(1);
        expect(
            longestChain([
                reg("id"),
                reg("key", ["u:id"]),
                reg("policy", ["u:id"]),
                reg("secret", ["u:key"]),
                reg("ref", ["u:secret"]),
            ]),
        ).toBe(4);
    });

    describe("state bytes per namespace", () => {
        const secretData = (value: string) => ({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: { ".dockerconfigjson": value },
        });
        const stack = (dockerConfig: string) => [
            reg("stack", [], { custom: false }),
            reg("key", [], { parent: "u:stack", rawInputs: { name: "k" } }),
            reg("a.s", [], { type: "component", custom: false, parent: "u:stack" }),
            reg("secret-a", ["u:key"], {
                type: SECRET_TYPE,
                parent: "u:a.s",
                provider: "u:k8s::id",
                aliases: ["u:old-secret-a"],
                rawInputs: { metadata: { name: "s", namespace: "a" }, stringData: secretData(dockerConfig) },
            }),
            reg("a.default", ["u:secret-a"], { type: "r", parent: "u:stack", rawInputs: { namespace: "a" } }),
            reg("ab.default", [], { type: "r", parent: "u:stack", rawInputs: { namespace: "ab" } }),
        ];
        // Components report their registered outputs; custom resources echo their inputs, with an id.
        const echo: OutputsOf = (r, inputs) =>
            r.custom ? { id: `${r.name}-id`, outputs: inputs } : { outputs: { secretName: "s" } };

        it("takes the resources named after a namespace and their children, nothing shared", () => {
            expect(perNamespaceResources(stack("x"), ["a"]).map((r) => r.name)).toEqual([
                "a.s",
                "secret-a",
                "a.default",
            ]);
        });

        it("stores a resource's identity, inputs, outputs, parent, provider and dependencies, but not a Secret's data nor aliases", () => {
            const secret = stack("x")[3];
            expect(stateEntry(secret, echo)).toEqual({
                urn: "u:secret-a",
                custom: true,
                id: "secret-a-id",
                type: SECRET_TYPE,
                inputs: { metadata: { name: "s", namespace: "a" } },
                outputs: { metadata: { name: "s", namespace: "a" } },
                parent: "u:a.s",
                provider: "u:k8s::00000000-0000-0000-0000-000000000000",
                dependencies: ["u:key"],
            });
        });

        it("sums the JSON bytes of those entries and the shared part, divided by N", () => {
            const expected =
                '{"urn":"u:a.s","custom":false,"type":"component","inputs":{},"outputs":{"secretName":"s"},"parent":"u:stack","dependencies":[]}'
                    .length +
                '{"urn":"u:secret-a","custom":true,"id":"secret-a-id","type":"kubernetes:core/v1:Secret","inputs":{"metadata":{"name":"s","namespace":"a"}},"outputs":{"metadata":{"name":"s","namespace":"a"}},"parent":"u:a.s","provider":"u:k8s::00000000-0000-0000-0000-000000000000","dependencies":["u:key"]}'
                    .length +
                '{"urn":"u:a.default","custom":true,"id":"a.default-id","type":"r","inputs":{"namespace":"a"},"outputs":{"namespace":"a"},"parent":"u:stack","dependencies":["u:secret-a"]}'
                    .length;
            expect(stateBytesPerNamespace(stack("x"), ["a"], echo)).toBe(expected);
            expect(stateBytesPerNamespace(stack("x".repeat(5000)), ["a"], echo)).toBe(expected);
            expect(stateBytesPerNamespace(stack("x").slice(0, 5), ["a", "b"], echo, 10)).toBe(
                Math.round((expected + 10) / 2),
            );
        });
    });
});

describe("bench rows and verdicts", () => {
    const types = { "pulumi:pulumi:Stack": 1, "kubernetes:core/v1:Secret": 2 };
    const run = (mode: Mode, cpuMs: number, peakRssMiB: number, more: Partial<Figures> = {}): Figures => ({
        mode,
        n: 2,
        cpuMs,
        peakRssMiB,
        wallMs: cpuMs * 2,
        resources: 3,
        types,
        longestChain: 4,
        invokes: 1,
        stateBytesPerNamespace: mode === "program" ? 2000 : null,
        ...more,
    });
    const phase = { ms: 1, ibmCalls: 3, serviceAccountCalls: 4, discoveryCalls: 1, otherClusterCalls: 0 };
    const calls: ApiCalls = {
        n: 2,
        parallel: 10,
        up: phase,
        destroy: { ...phase, serviceAccountCalls: 2 },
        credentialPlugin: { ibmCalls: 3, clusterCalls: 1 },
        consistent: true,
    };

    it("takes the median of each figure and the program / floor ratios", () => {
        const r = row(
            2,
            {
                program: [run("program", 1300, 130), run("program", 900, 110), run("program", 1200, 120)],
                floor: [run("floor", 1000, 100), run("floor", 5000, 90), run("floor", 950, 105)],
            },
            calls,
        );
        expect(r).toMatchObject({
            programCpuMs: 1200,
            floorCpuMs: 1000,
            cpuRatio: 1.2,
            programPeakMiB: 120,
            floorPeakMiB: 100,
            memoryRatio: 1.2,
            programWallMs: 2400,
            sameResources: true,
            stateBytesPerNamespace: 2000,
            clusterCallsPerRefUp: 2,
            clusterCallsPerRefDestroy: 1,
        });
        expect(judge([r]).targets).toEqual({
            cpuRatio: true,
            memoryRatio: true,
            stateBytesPerNamespace: true,
            ibmCalls: true,
            clusterCallsPerReference: true,
            longestChain: true,
            invokesConstant: true,
            floorMatches: true,
            callsConsistent: true,
        });
    });

    it("misses a ratio above 1.3 at any N, and a floor that registers other types", () => {
        const ok = row(2, { program: [run("program", 100, 100)], floor: [run("floor", 100, 100)] }, calls);
        const slow = row(
            3,
            {
                program: [run("program", 131, 100)],
                floor: [run("floor", 100, 100, { types: { ...types, "pulumi:providers:kubernetes": 1 } })],
            },
            calls,
        );
        const { targets, lines } = judge([ok, slow]);
        expect(targets).toMatchObject({ cpuRatio: false, memoryRatio: true, floorMatches: false });
        expect(lines[0]).toBe("  MISSED  CPU ≤ 1.3× floor: 1 at N=2, 1.31 at N=3");
    });
});

describe("bench arguments", () => {
    it("takes --repeat, --sizes, --parallel and --cpu-prof, as NAME VALUE or NAME=VALUE", () => {
        expect(parse([])).toEqual({ repeat: 5, sizes: [100, 1000], parallel: DEFAULT_PARALLEL });
        expect(parse(["--repeat", "5", "--sizes", "10,20", "--parallel=4", "--cpu-prof", "profiles"])).toEqual({
            repeat: 5,
            sizes: [10, 20],
            parallel: 4,
            cpuProf: path.resolve("profiles"),
        });
    });

    it("refuses unknown arguments, missing values and anything but positive integers, with the usage line", () => {
        const usage = /; usage: npm run bench -- \[--repeat K\]/;
        expect(() => parse(["--n", "3"])).toThrow(/Unknown option '--n'/);
        expect(() => parse(["--n", "3"])).toThrow(usage);
        expect(() => parse(["10"])).toThrow(usage);
        expect(() => parse(["--repeat"])).toThrow(/'--repeat <value>' argument missing/);
        expect(() => parse(["--repeat"])).toThrow(usage);
        expect(() => parse(["--repeat", "-1"])).toThrow(/'--repeat' argument is ambiguous/);
        for (const bad of [
            ["--repeat", "0"],
            ["--repeat=1.5"],
            ["--sizes", "10,x"],
            ["--sizes="],
            ["--parallel", "two"],
        ]) {
            expect(() => parse(bad)).toThrow("--repeat, --sizes and --parallel take positive integers");
        }
    });

    it("exits 0 on bad arguments, with the error as the last line of JSON", () => {
        // runScript fails on a non-zero exit.
        expect(runScript("run.ts", ["--repeat"])).toEqual({
            repeat: 5,
            sizes: [100, 1000],
            parallel: DEFAULT_PARALLEL,
            error: expect.stringMatching(/^Option '--repeat <value>' argument missing; usage: npm run bench/),
        });
    }, 60000);
});
