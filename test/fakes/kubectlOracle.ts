/** kubectl as an oracle for docker configs (`kubectl create secret docker-registry --dry-run=client`). */
import { execFileSync } from "child_process";

/** The `.dockerconfigjson` kubectl writes for one server: the oracle. */
export function kubectlDockerConfig(server: string, username: string, password: string, email?: string): string {
    const args = [
        "create",
        "secret",
        "docker-registry",
        "oracle",
        "--dry-run=client",
        "-o",
        "json",
        `--docker-server=${server}`,
        `--docker-username=${username}`,
        `--docker-password=${password}`,
    ];
    if (email) args.push(`--docker-email=${email}`);
    const secret = JSON.parse(execFileSync("kubectl", args, { encoding: "utf8" }));
    return Buffer.from(secret.data[".dockerconfigjson"], "base64").toString("utf8");
}
