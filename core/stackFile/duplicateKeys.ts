/**
 * Keys written twice in one map, at any depth of a YAML document the plan reads: each one, with its line and
 * the first one's, the way yaml.v3 refuses them (gopkg.in/yaml.v3 v3.0.1 decode.go:767-781 `mapping`, which
 * collects "line %d: mapping key %#v already defined at line %d" for every repeat and fails the Unmarshal; the
 * Pulumi CLI reads Pulumi.yaml and stack files with it), named by their path in the document instead of quoted
 * as text. yaml.v3 does not look inside a map it refuses; the plan lists the keys written twice there too.
 * Never a value. yamlTree.ts finds them (YMap.duplicates). Pure.
 */
import { Problem, writtenTwice } from "./values";
import { YNode } from "./yamlTree";

/** Where a node is in a document: map keys and list indexes from the top. */
export type YPath = readonly (string | number)[];

/** `values.pulumiConfig.registries[0].server`; after `start` where given. */
export function pathText(path: YPath, start = ""): string {
    return path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s === "" ? p : `${s}.${p}`), start);
}

/** Each key written again in a map of `node` (at `at` in its document), named by `name` of its path. */
export function duplicateKeyProblems(
    node: YNode | undefined,
    file: string,
    problems: Problem[],
    name: (path: YPath) => string = pathText,
    at: YPath = [],
): void {
    if (node?.kind === "seq") {
        node.items.forEach((item, i) => duplicateKeyProblems(item, file, problems, name, [...at, i]));
    }
    if (node?.kind !== "map") return;
    for (const d of node.duplicates) {
        problems.push({ file, line: d.line, message: writtenTwice(name([...at, d.key]), d.first) });
    }
    for (const e of node.entries) duplicateKeyProblems(e.value, file, problems, name, [...at, e.key.text]);
}
