/**
 * The benchmark's process set-up, pure parts: the command line and environment of the program process as the
 * nodejs language host builds them (pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go), the
 * stack config, and the floor's fairness. No process is started here.
 */
import * as fs from "fs";
import * as path from "path";
import { domainsInScope } from "../../core/registry/icrCatalogue";
import {
    HostRun,
    hostArgs,
    hostConfig,
    hostEnv,
    parseTimeOutput,
    projectRuntime,
    pwdMain,
    runPath,
} from "./languageHost";
import { FLOOR_MAIN, ROOT, benchConfig } from "./wholeProcess";

const PROJECT_RUNTIME = projectRuntime(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));

describe("the program process as the language host starts it", () => {
    it("reads main and the runtime options from Pulumi.yaml; typescript is on unless turned off", () => {
        expect(PROJECT_RUNTIME).toEqual({ main: "bin/program.js", typescript: false });
        expect(projectRuntime("name: p\nruntime: nodejs\n")).toEqual({ typescript: true });
        expect(
            projectRuntime("runtime:\n  name: nodejs\n  options:\n    tsconfig: t.json\n    nodeargs: --a --b\n"),
        ).toEqual({ typescript: true, tsconfig: "t.json", nodeargs: "--a --b" });
    });

    it("runs a file main from its directory, a directory main and no main as '.'", () => {
        expect(pwdMain(ROOT, "bin/program.js")).toEqual({ pwd: path.join(ROOT, "bin"), entryPoint: "program.js" });
        expect(pwdMain(ROOT, FLOOR_MAIN)).toEqual({
            pwd: path.join(ROOT, "test", "bench"),
            entryPoint: "floorProgram.js",
        });
        expect(pwdMain(ROOT, "bin")).toEqual({ pwd: path.join(ROOT, "bin"), entryPoint: "." });
        expect(pwdMain(ROOT, undefined)).toEqual({ pwd: ROOT, entryPoint: "." });
    });

    const run: HostRun = {
        monitor: "127.0.0.1:1",
        engine: "127.0.0.1:2",
        sync: "/tmp/pipes",
        organization: "organization",
        project: "registry-access",
        rootDirectory: ROOT,
        stack: "bench",
        pwd: path.join(ROOT, "bin"),
        dryRun: false,
        parallel: 8,
        entryPoint: "program.js",
    };

    it("passes the flags in constructArguments' order, --dry-run only for a preview, nodeargs first", () => {
        expect(hostArgs(PROJECT_RUNTIME, "/run.js", run)).toEqual([
            "/run.js",
            ...["--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--sync", "/tmp/pipes"],
            ...["--organization", "organization", "--project", "registry-access", "--root-directory", ROOT],
            ...["--stack", "bench", "--pwd", path.join(ROOT, "bin"), "--parallel", "8", "program.js"],
        ]);
        const preview = hostArgs({ typescript: false, nodeargs: " --a  --b" }, "/run.js", {
            ...run,
            organization: "",
            dryRun: true,
        });
        expect(preview.slice(0, 3)).toEqual(["--a", "--b", "/run.js"]);
        expect(preview).not.toContain("--organization");
        expect(preview.slice(-4)).toEqual(["--dry-run", "--parallel", "8", "program.js"]);
    });

    it("finds @pulumi/pulumi's cmd/run from the program directory", () => {
        expect(runPath(path.join(ROOT, "bin"))).toBe(
            path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js"),
        );
    });

    it("hands the config over as constructConfig does: pkg:config:key to the value's text", () => {
        expect(JSON.parse(hostConfig(benchConfig(2)))).toEqual({
            "registry-access:config:cluster": "bench-cluster",
            "registry-access:config:namespaces": '["ns-00000","ns-00001"]',
        });
    });

    it("sets the config, its secret keys and the runtime options in the environment, and no other run's", () => {
        const base = { PATH: "/bin", PULUMI_NODEJS_STACK: "other", PULUMI_CONFIG: "{}" };
        expect(hostEnv(base, PROJECT_RUNTIME, { "p:k": "v" })).toEqual({
            PATH: "/bin",
            PULUMI_CONFIG: '{"p:config:k":"v"}',
            PULUMI_CONFIG_SECRET_KEYS: "[]",
        });
        expect(hostEnv({}, { typescript: true, tsconfig: "t.json" }, {}, ["p:k"])).toEqual({
            PULUMI_CONFIG: "{}",
            PULUMI_CONFIG_SECRET_KEYS: '["p:k"]',
            PULUMI_NODEJS_TYPESCRIPT: "true",
            PULUMI_NODEJS_TSCONFIG_PATH: "t.json",
        });
    });

    it("reads GNU time's user and system seconds and peak KiB", () => {
        expect(parseTimeOutput("1.25 0.50 204800\n")).toEqual({ cpuMs: 1750, peakRssMiB: 200 });
        expect(parseTimeOutput("Command exited with non-zero status 1\n0.01 0.00 1024\n")).toEqual({
            cpuMs: 10,
            peakRssMiB: 1,
        });
        expect(() => parseTimeOutput("garbage")).toThrow("unexpected GNU time output");
    });
});

describe("the floor", () => {
    it("writes the same registry domains as the program's default scope", () => {
        const floor = require(path.join(ROOT, FLOOR_MAIN)) as { ICR_DOMAINS: string[] };
        expect(floor.ICR_DOMAINS).toEqual(domainsInScope(undefined, false));
    });
});
