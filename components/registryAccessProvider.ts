import * as pulumi from "@pulumi/pulumi";

/**
 * An explicit instance of this repository's own provider (provider/, started from bin/ as Pulumi.yaml's
 * `plugins.providers` says). Explicit, with no inputs, so that no stack config is handed to it or stored
 * with it: a default provider would receive and record every `registry-access:` key.
 */
export class RegistryAccessProvider extends pulumi.ProviderResource {
    constructor(name: string, opts?: pulumi.ResourceOptions) {
        super("registry-access", name, {}, opts);
    }
}
