/**
 * A RegisterResource request as the plan records it (core/review/registration.ts), shared by the plan's mock
 * monitor (runProgram.ts) and the bench's fake engine (test/bench/fakeEngine.ts), so that both record alike.
 */
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import type { Registration } from "../core/review/registration";

/**
 * URNs as the engine makes them (pulumi/pulumi sdk/go/common/resource/urn.go, NewURN): the parent's whole type
 * chain, without the root stack's type. Pulumi's mock keeps the stack's type and only the parent's last type,
 * which would make plans, aliases and state figures disagree with `pulumi preview`.
 */
export function engineUrn(stack: string, project: string, parent: string | undefined, type: string, name: string) {
    const chain = parent ? parent.split("::")[2] : undefined;
    const qualified = chain && chain !== "pulumi:pulumi:Stack" ? `${chain}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The request's registration under `urn`: dependencies deduplicated and sorted, aliases as URNs, sorted. */
export function registrationOf(req: RegisterResourceRequest, urn: string): Registration {
    return {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || undefined,
        dependsOn: [...new Set<string>(req.getDependenciesList())].sort(),
        provider: req.getProvider() || undefined,
        packageRef: req.getPackageref() || undefined,
        rawInputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        aliases: req
            .getAliasesList()
            .map((a) => a.getUrn())
            .filter((u) => u !== "")
            .sort(),
        protect: req.getProtect() === true,
        ...(req.getRetainondelete() === true ? { retainOnDelete: true } : {}),
        ignoreChanges: req.getIgnorechangesList(),
    };
}
