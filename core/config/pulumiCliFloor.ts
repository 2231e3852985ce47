/**
 * The oldest Pulumi CLI that accepts this project's Pulumi.yaml and stack files: each feature they use, the first
 * release accepting it, and the floor, the newest of those. README's prerequisites and the workflows'
 * `pulumi-version` are checked against it (test/config/pulumiCliFloor.test.ts). Sources: github.com/pulumi/pulumi,
 * read at its release tags (/work/research/pulumi-ci.md, section 1). Pure.
 */

/** A config type as Pulumi.yaml declares it (project.json `configTypeDeclaration` / `configItemsType`). */
export interface DeclaredType {
    readonly type?: string;
    readonly items?: DeclaredType;
    readonly default?: unknown;
}

/** What of a parsed Pulumi.yaml the floor depends on. */
export interface ProjectFeatures {
    readonly name: string;
    readonly runtime?: unknown;
    readonly config?: Readonly<Record<string, unknown>>;
    readonly plugins?: { readonly providers?: readonly unknown[] };
}

export interface CliFeature {
    readonly feature: string;
    /** The first release that accepts it, `MAJOR.MINOR.PATCH`. */
    readonly since: string;
    readonly source: string;
}

export const CLI_FEATURES = {
    runtimeOptionsTypescript: {
        feature: "runtime.options.typescript",
        since: "0.15.0",
        source: 'pulumi/pulumi ce5eaa834357 "Support TypeScript in a more first-class way"',
    },
    pluginProviders: {
        feature: "plugins.providers (a provider plugin from a local path)",
        since: "3.37.0",
        source: 'pulumi/pulumi bb84532fe607 "Plugin Link (#10146)"; CHANGELOG 3.37.0',
    },
    typedConfig: {
        feature: "typed config declarations (type string, integer, boolean, array with items; description; default)",
        since: "3.44.0",
        source:
            'pulumi/pulumi 6c6b5cec7eaf "Initial work on project-level config (MVP)" (#10832), f6593767631b ' +
            "(description); project.json $defs.simpleConfigType.enum at v3.44.0: string, integer, boolean, array",
    },
    objectType: {
        feature: "config type object (declared, or as an array's items)",
        since: "3.186.0",
        source:
            'pulumi/pulumi 9e79658edb1d "Add `object` as a simple config type. (#20129)": ' +
            'sdk/go/common/workspace/project.json $defs.simpleConfigType.enum gains "object"',
    },
    objectValue: {
        feature: "an object value checked against a declared object type (a stack value or a Pulumi.yaml default)",
        since: "3.187.0",
        source:
            'pulumi/pulumi 44ab3d0e02d2 "Support parsing object types in `Pulumi.yaml` (#20132)": the objectTypeName ' +
            "case of ValidateConfigValue (sdk/go/common/workspace/project.go:731-735 at v3.187.0), which Project.Validate " +
            "calls for defaults (project.go:784) and validateStackConfigValue for stack values (config.go:104 at " +
            "v3.186.0); before it, a map where an object is declared is refused",
    },
} as const satisfies Record<string, CliFeature>;

export interface CliFloor {
    readonly version: string;
    /** Each feature used, once, with where (the first place found). */
    readonly uses: readonly (CliFeature & { readonly where: string })[];
}

/** `a` compared with `b`, both `MAJOR.MINOR.PATCH`: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
    const parts = (v: string) => {
        const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
        if (!m) throw new Error(`not a MAJOR.MINOR.PATCH version: ${JSON.stringify(v)}`);
        return m.slice(1).map(Number);
    };
    const [x, y] = [parts(a), parts(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether ValidateConfigValue would meet an object where `type` declares one: the value holds a map there. */
function holdsObject(type: DeclaredType | undefined, value: unknown): boolean {
    if (type?.type === "object") return isMap(value);
    if (type?.type === "array" && Array.isArray(value)) return value.some((item) => holdsObject(type.items, item));
    return false;
}

function declaresObject(type: DeclaredType | undefined): boolean {
    return type !== undefined && (type.type === "object" || declaresObject(type.items));
}

/** The project's own key of a stack file's key (`<project>:<key>` or a bare `<key>`); another namespace's: none. */
function ownKey(project: string, key: string): string | undefined {
    if (!key.includes(":")) return key;
    return key.startsWith(`${project}:`) ? key.slice(project.length + 1) : undefined;
}

/**
 * The floor for a project file and its stack files' `config:` maps (`stacks`: file name → config as parsed
 * YAML, `secure:` values as their maps).
 */
export function pulumiCliFloor(
    project: ProjectFeatures,
    stacks: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): CliFloor {
    const uses = new Map<string, CliFeature & { where: string }>();
    const use = (f: CliFeature, where: string) => {
        if (!uses.has(f.feature)) uses.set(f.feature, { ...f, where });
    };
    const runtime = project.runtime;
    if (isMap(runtime) && isMap(runtime.options) && "typescript" in runtime.options) {
        use(CLI_FEATURES.runtimeOptionsTypescript, "Pulumi.yaml runtime.options");
    }
    if ((project.plugins?.providers ?? []).length > 0) use(CLI_FEATURES.pluginProviders, "Pulumi.yaml plugins");
    const declared = new Map<string, DeclaredType>();
    for (const [key, spec] of Object.entries(project.config ?? {})) {
        if (!isMap(spec) || typeof spec.type !== "string") continue;
        const type = spec as DeclaredType;
        declared.set(key, type);
        use(CLI_FEATURES.typedConfig, `Pulumi.yaml config.${key}`);
        if (declaresObject(type)) use(CLI_FEATURES.objectType, `Pulumi.yaml config.${key}`);
        if (holdsObject(type, type.default)) use(CLI_FEATURES.objectValue, `Pulumi.yaml config.${key}.default`);
    }
    for (const [file, config] of Object.entries(stacks)) {
        for (const [key, value] of Object.entries(config)) {
            const own = ownKey(project.name, key);
            if (own !== undefined && holdsObject(declared.get(own), value)) {
                use(CLI_FEATURES.objectValue, `${file} ${key}`);
            }
        }
    }
    const list = [...uses.values()];
    const version = list.reduce((max, f) => (compareVersions(f.since, max) > 0 ? f.since : max), "0.0.0");
    return { version, uses: list };
}
