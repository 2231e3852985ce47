/**
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program: every
 * value a string (structured values as JSON), project defaults filled in, and `secure:` values (which
 * cannot be decrypted offline) replaced by a marker and flagged as secrets.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { UNREADABLE_SECRET } from "../config/stackConfig";

export interface StackConfig {
    readonly project: string;
    readonly stack: string;
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
}

function hasSecure(v: unknown): boolean {
    if (v === null || typeof v !== "object") return false;
    if (!Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v) return true;
    return Object.values(v).some(hasSecure);
}

function stripSecure(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    if (!Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v) return UNREADABLE_SECRET;
    if (Array.isArray(v)) return v.map(stripSecure);
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, stripSecure(e)]));
}

/** Pulumi's string form of a config value. */
export function configString(v: unknown): string {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return JSON.stringify(v);
}

/** A YAML document read as a map; its values are checked where they are used. */
type YamlMap = Record<string, unknown> & { config?: Record<string, unknown>; name?: unknown };

function readYaml(file: string): YamlMap {
    const doc = yaml.load(fs.readFileSync(file, "utf8"));
    return doc && typeof doc === "object" ? (doc as YamlMap) : {};
}

export function readStackFiles(projectDir: string, stack: string): StackConfig {
    const projectDoc = readYaml(path.join(projectDir, "Pulumi.yaml"));
    const project = String(projectDoc.name);
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        throw new Error(`no stack file ${path.basename(stackFile)} in ${projectDir}`);
    }
    const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const set = (key: string, value: unknown) => {
        config[key] = configString(stripSecure(value));
        if (hasSecure(value)) secretKeys.add(key);
        else secretKeys.delete(key);
    };

    // Project-level declarations: defaults (or plain values) apply where the stack sets nothing.
    for (const [key, decl] of Object.entries(projectDoc.config ?? {})) {
        const isDecl = decl !== null && typeof decl === "object" && !Array.isArray(decl);
        const declared = decl as { value?: unknown; default?: unknown };
        const value = isDecl ? (declared.value ?? declared.default) : decl;
        if (value !== undefined) set(qualify(key), value);
    }
    for (const [key, value] of Object.entries(readYaml(stackFile).config ?? {})) set(qualify(key), value);
    return { project, stack, config, secretKeys: [...secretKeys].sort() };
}
