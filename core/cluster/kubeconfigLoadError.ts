/**
 * What to say when the user's kubeconfig cannot be loaded (`kubeconfig: ambient`). The YAML parser's own
 * message quotes the lines around the error (js-yaml's snippet), and a kubeconfig's lines hold tokens and
 * client keys: name the files, the line and column and the parser's reason, never a line of the file. Pure.
 */
import * as os from "os";
import * as path from "path";

/** The files kubectl (and @kubernetes/client-node's loadFromDefault) read: $KUBECONFIG's list, else ~/.kube/config. */
export function ambientKubeconfigFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
    const listed = (env.KUBECONFIG ?? "").split(path.delimiter).filter((p) => p !== "");
    return listed.length > 0 ? listed : [path.join(home, ".kube", "config")];
}

interface YamlError {
    readonly name: string;
    readonly reason?: unknown;
    readonly mark?: { readonly line?: unknown; readonly column?: unknown };
}

export function kubeconfigLoadError(err: unknown, files: readonly string[]): Error {
    const e = (err ?? {}) as YamlError;
    const where = `your kubeconfig (${files.join(path.delimiter)})`;
    if (e.name === "YAMLException") {
        const line = typeof e.mark?.line === "number" ? e.mark.line + 1 : undefined;
        const column = typeof e.mark?.column === "number" ? e.mark.column + 1 : undefined;
        const at = line !== undefined ? ` at line ${line}${column !== undefined ? `, column ${column}` : ""}` : "";
        // js-yaml's reasons name the construct ("missed comma between flow collection entries"), not the text.
        const reason = typeof e.reason === "string" ? `: ${e.reason}` : "";
        return new Error(
            `cannot read ${where}: YAML syntax error${at}${reason} (its lines are not shown: they may hold tokens)`,
        );
    }
    return new Error(`cannot read ${where}: ${err instanceof Error ? err.message : String(err)}`);
}
