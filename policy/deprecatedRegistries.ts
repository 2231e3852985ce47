/**
 * No pull credential for IBM Cloud Container Registry's deprecated token domains (`registry.*.bluemix.net`) or
 * with the registry-token user `token`, in any docker config Secret or Code Engine registry secret. What is
 * deprecated, and what replaced it, is core/registry/privateRegistry.ts's knowledge (`readServer`, the one reader of
 * servers the stack configures); this policy applies it to what the program actually registers. Pure.
 */
import { DEPRECATED_ICR_DOMAINS, DEPRECATED_TOKEN_USERNAME, readServer } from "../core/registry/privateRegistry";
import { keyringKey, splitHostPort } from "../core/registry/keyring";
import { registryEntries } from "./dockerConfigs";
import { ResourcePolicy, describeResource, propertyPath } from "./resource";

/** readServer's answer for a string that is no server at all (the same for every malformed one). */
const MALFORMED = (() => {
    const reading = readServer("");
    return "problem" in reading ? reading.problem : undefined;
})();

/**
 * Why a docker config key names a deprecated token domain, or undefined. The host is the one the kubelet files
 * the key under (core/registry/keyring.ts keyringKey: with or without http:// or https://, after any user, before
 * any port or path), read case-insensitively and with surrounding blanks ignored so that no spelling of a
 * deprecated domain passes. readServer refuses a host either as malformed or as deprecated, and only the second
 * concerns this policy.
 */
export function deprecatedServer(server: string): { readonly host?: string; readonly problem: string } | undefined {
    const filed = keyringKey(server.trim().toLowerCase());
    if (filed === undefined) return undefined;
    const [hostPort] = filed.split("/");
    const host = splitHostPort(hostPort)?.host ?? hostPort;
    const reading = readServer(host);
    if (!("problem" in reading) || reading.problem === MALFORMED) return undefined;
    // Name the host only when it is one of the catalogue's domains; any other part of a docker config stays unsaid.
    return { ...(Object.hasOwn(DEPRECATED_ICR_DOMAINS, host) ? { host } : {}), problem: reading.problem };
}

export const noDeprecatedRegistries: ResourcePolicy = {
    name: "no-deprecated-registries",
    description:
        "No docker config Secret or Code Engine registry secret may hold credentials for a deprecated " +
        "registry.*.bluemix.net token domain or log in as the registry-token user `token` (core/registry/privateRegistry.ts).",
    enforcementLevel: "mandatory",
    check(resource) {
        const entries = registryEntries(resource);
        const who = describeResource(resource);
        const messages: string[] = [];
        for (const entry of entries) {
            const where = propertyPath(entry.path);
            const deprecated = deprecatedServer(entry.server);
            if (deprecated !== undefined) {
                messages.push(
                    `${who}: ${where} has an entry for ${deprecated.host ?? "a registry.*.bluemix.net server"}, which ` +
                        deprecated.problem,
                );
            }
            if (entry.usernames.includes(DEPRECATED_TOKEN_USERNAME)) {
                messages.push(
                    `${who}: ${where} logs in as user "${DEPRECATED_TOKEN_USERNAME}", a deprecated registry token; ` +
                        "use an IAM API key (user iamapikey) through the icr source instead",
                );
            }
        }
        return [...new Set(messages)];
    },
};
