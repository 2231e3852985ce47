/**
 * A program process as `pulumi up` starts it: the nodejs language host (pulumi/pulumi v3.248.0,
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go) runs `node <@pulumi/pulumi/cmd/run> <flags> <entry point>`
 * with the stack's config in the environment. The pure parts (the project's runtime options, the program
 * directory and entry point, the flags, the environment) follow that source; measureProcess runs the command
 * under GNU time.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";

/** What Pulumi.yaml tells the language host: `main` and the nodejs runtime options. */
export interface ProjectRuntime {
    readonly main?: string;
    /** main.go parseOptions (line 289): true unless `typescript: false`. */
    readonly typescript: boolean;
    readonly tsconfig?: string;
    readonly nodeargs?: string;
}

export function projectRuntime(pulumiYaml: string): ProjectRuntime {
    const doc = yaml.load(pulumiYaml) as { main?: string; runtime?: string | { options?: Record<string, unknown> } };
    const options = (typeof doc.runtime === "object" ? doc.runtime.options : undefined) ?? {};
    return {
        main: doc.main,
        typescript: options.typescript !== false,
        tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : undefined,
        nodeargs: typeof options.nodeargs === "string" ? options.nodeargs : undefined,
    };
}

/**
 * The program directory and entry point (pulumi/pulumi pkg/engine/project.go getPwdMain, lines 45-73): `main`
 * relative to the project root; a file's directory and base name, a directory and ".".
 */
export function pwdMain(root: string, main: string | undefined): { pwd: string; entryPoint: string } {
    if (!main) return { pwd: root, entryPoint: "." };
    const full = path.resolve(root, main);
    return fs.statSync(full).isDirectory()
        ? { pwd: full, entryPoint: "." }
        : { pwd: path.dirname(full), entryPoint: path.basename(full) };
}

/**
 * PULUMI_CONFIG (main.go constructConfig, lines 1101-1126): the engine's decrypted config, `pkg:key` → the value's
 * text (strings as they are, lists and objects as Go's json.Marshal writes them), re-keyed `pkg:config:key`.
 */
export function hostConfig(config: Readonly<Record<string, string>>): string {
    return JSON.stringify(
        Object.fromEntries(
            Object.entries(config).map(([k, v]) => {
                const colon = k.indexOf(":");
                return [`${k.slice(0, colon)}:config:${k.slice(colon + 1)}`, v];
            }),
        ),
    );
}

export interface HostRun {
    readonly monitor: string;
    readonly engine: string;
    /** The directory of the synchronous-invoke pipes. */
    readonly sync: string;
    readonly organization: string;
    readonly project: string;
    readonly rootDirectory: string;
    readonly stack: string;
    readonly pwd: string;
    readonly dryRun: boolean;
    readonly parallel: number;
    readonly entryPoint: string;
}

/** The node command line after `node` (main.go execRuntime and constructArguments, lines 877-1097). */
export function hostArgs(runtime: ProjectRuntime, runPath: string, run: HostRun): string[] {
    const flag = (k: string, v: string) => (v === "" ? [] : [`--${k}`, v]);
    return [
        // main.go splits nodeargs with shlex; a plain split on blanks covers flags without quotes.
        ...(runtime.nodeargs ?? "").split(/\s+/).filter((a) => a !== ""),
        runPath,
        ...flag("monitor", run.monitor),
        ...flag("engine", run.engine),
        ...flag("sync", run.sync),
        ...flag("organization", run.organization),
        ...flag("project", run.project),
        ...flag("root-directory", run.rootDirectory),
        ...flag("stack", run.stack),
        ...flag("pwd", run.pwd),
        ...(run.dryRun ? ["--dry-run"] : []),
        ...flag("parallel", String(run.parallel)),
        run.entryPoint,
    ];
}

/** The node process's environment: the host's own, the config, and what the runtime options set (execRuntime). */
export function hostEnv(
    base: NodeJS.ProcessEnv,
    runtime: ProjectRuntime,
    config: Readonly<Record<string, string>>,
    secretKeys: readonly string[] = [],
): NodeJS.ProcessEnv {
    // Nothing of a Pulumi run this process may itself be part of (cmd/run passes its flags on in PULUMI_NODEJS_*).
    const env = Object.fromEntries(Object.entries(base).filter(([k]) => !k.startsWith("PULUMI_NODEJS_")));
    return {
        ...env,
        PULUMI_CONFIG: hostConfig(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
        ...(runtime.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
        ...(runtime.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: runtime.tsconfig } : {}),
    };
}

/** `pulumi up`'s default --parallel (pkg/cmd/pulumi/operations/up.go defaultParallel, line 73): 4 × GOMAXPROCS. */
export const defaultParallel = () => 4 * os.availableParallelism();

/** @pulumi/pulumi/cmd/run as the host finds it: require.resolve from the program directory (main.go locateModule). */
export const runPath = (pwd: string) => require.resolve("@pulumi/pulumi/cmd/run", { paths: [pwd] });

export interface ProcessFigures {
    /** User + system CPU of the process, in ms (GNU time: 10 ms resolution). */
    readonly cpuMs: number;
    /** Peak resident set size (ru_maxrss), in MiB. */
    readonly peakRssMiB: number;
    readonly wallMs: number;
}

/** GNU time's output: user and system seconds, maximum resident set size in KiB. */
export function parseTimeOutput(text: string): { cpuMs: number; peakRssMiB: number } {
    const [user, system, maxRssKiB] = text.trim().split("\n").pop()!.split(" ").map(Number);
    if (![user, system, maxRssKiB].every(Number.isFinite)) throw new Error(`unexpected GNU time output: ${text}`);
    return { cpuMs: Math.round((user + system) * 1000), peakRssMiB: Math.round((maxRssKiB / 1024) * 10) / 10 };
}

export const GNU_TIME = "/usr/bin/time";

/**
 * Runs `command args` (not through a shell) under GNU time, which reports the rusage wait4() returns for exactly
 * that process: kernel-accounted CPU and peak RSS, with nothing added to the node command line. Resolves with
 * the figures, or rejects with the process's output when it fails. Asynchronous: the fake engine answers from
 * this process's event loop.
 */
export async function measureProcess(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProcessFigures> {
    if (!fs.existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is missing: install the Debian package "time"`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-access-bench-"));
    const out = path.join(dir, "time");
    try {
        const start = process.hrtime.bigint();
        const child = spawn(GNU_TIME, ["-f", "%U %S %M", "-o", out, command, ...args], {
            ...options,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (c) => (output += c));
        child.stderr.on("data", (c) => (output += c));
        const code = await new Promise<number | null>((resolve, reject) => {
            child.on("error", reject);
            child.on("close", resolve);
        });
        const wallMs = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
        if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`);
        return { ...parseTimeOutput(fs.readFileSync(out, "utf8")), wallMs };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
