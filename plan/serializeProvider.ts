/**
 * A dynamic provider's code exactly as `pulumi.dynamic.Resource` stores it in `__provider`: the closure
 * `() => provider` over a local, serialized by the runtime's closure serializer. For the bench's floor
 * and for running the stored provider outside Pulumi in tests.
 */
const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure");

export async function serializedProviderText(provider: object): Promise<string> {
    return (await serializeFunction(() => provider, { allowSecrets: true })).text;
}
