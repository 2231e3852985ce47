/**
 * What every policy of the pack reads and returns, and the few helpers they share. A policy is a pure function
 * from one resource (type, name, URN and inputs as plain values, the way the analyzer hands them over) to its
 * violation messages; policy/index.ts runs them under `pulumi preview --policy-pack policy`, plan/policies.ts
 * over an offline plan's registrations. Pure.
 */

/** The levels this pack uses (@pulumi/policy's `EnforcementLevel` also has remediate and disabled). */
export type EnforcementLevel = "mandatory" | "advisory";

export interface PolicyResource {
    readonly urn: string;
    /** The type token, e.g. `kubernetes:core/v1:Secret`. */
    readonly type: string;
    /** The resource's name (the last part of its URN). */
    readonly name: string;
    /**
     * The inputs as plain values, secrets unwrapped, as @pulumi/policy hands them to `validateResource`. During
     * `pulumi preview` a value that is not known yet throws when read (its `unknownCheckingProxy`), which the SDK
     * reports as "can't run policy ... during preview": policies read only the fields they judge.
     */
    readonly props: Readonly<Record<string, unknown>>;
    /**
     * Whether the input at `path` is a Pulumi secret (or lies inside one, or all of its values are). Undefined
     * when the caller cannot see secret markers: under `pulumi preview`, @pulumi/policy drops them before
     * `validateResource` runs (see policy/secretData.ts); the offline plan sees them in the wire form.
     */
    readonly isSecret?: (path: readonly string[]) => boolean;
}

export interface ResourcePolicy {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    /** One message per violation, each naming the resource, the property and the rule, never a secret value. */
    readonly check: (resource: PolicyResource) => string[];
}

/** How messages name a resource: its type token and name (unique together with the parent chain in its URN). */
export function describeResource(resource: Pick<PolicyResource, "type" | "name">): string {
    return `${resource.type} ${resource.name}`;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The value at `path` below `value`, or undefined where a step is missing or not an object. */
export function valueAt(value: unknown, ...path: readonly string[]): unknown {
    let current = value;
    for (const key of path) {
        if (!isRecord(current)) return undefined;
        current = current[key];
    }
    return current;
}

/** A string value, or undefined for anything else. */
export function stringAt(value: unknown, ...path: readonly string[]): string | undefined {
    const found = valueAt(value, ...path);
    return typeof found === "string" ? found : undefined;
}

/** A property path as messages write it: `stringData[".dockerconfigjson"]`, `metadata.namespace`. */
export function propertyPath(path: readonly string[]): string {
    return path
        .map((key, i) =>
            /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${i === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`,
        )
        .join("");
}
