/**
 * Where `ibm.getContainerClusterConfig` may write the cluster's kubeconfig and certificates.
 *
 * The data source downloads them into `config_dir` (home directory when unset) on every read
 * (IBM-Cloud/terraform-provider-ibm v1.89.0, ibm/service/kubernetes/data_source_ibm_container_cluster_config.go
 * lines 67-72 and 157-170). A fixed, shared path under the temp directory could be pre-created or read by
 * another local user, and two stacks for the same cluster would overwrite each other's files, so each
 * program run gets its own new directory.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const KUBECONFIG_DIR_PREFIX = "registry-access-kubeconfig-";

/** A new, empty directory only the current user can read (mkdtemp creates it with mode 0700). */
export function privateConfigDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), KUBECONFIG_DIR_PREFIX));
    // mkdtemp already uses 0700; chmod makes that independent of the platform's implementation.
    fs.chmodSync(dir, 0o700);
    return dir;
}
