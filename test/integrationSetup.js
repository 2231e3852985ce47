// Integration tier (jest.integration.config.js): compile the plugins' sources once, so each process the
// tests start loads JavaScript instead of compiling TypeScript again (bin/load.js).
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

module.exports = async () => {
    const root = path.join(__dirname, "..");
    const outDir = path.join(root, ".build", "integration");
    fs.rmSync(outDir, { recursive: true, force: true });
    execFileSync(
        path.join(root, "node_modules", ".bin", "tsc"),
        ["-p", path.join(root, "tsconfig.build.json"), "--outDir", outDir],
        { stdio: "inherit" },
    );
    // provider/main reads the package's version from ../package.json.
    fs.copyFileSync(path.join(root, "package.json"), path.join(outDir, "package.json"));
    process.env.REGISTRY_ACCESS_BUILD_DIR = outDir;
};
