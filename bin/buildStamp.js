// The fingerprint of the sources the compiled tree in .build was built from (npm run build writes it,
// bin/load.js compares it at every start): a stale build never runs.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
/** What the build compiles, and what compiling depends on. */
const SOURCES = ["index.ts", "components", "core", "provider", "tsconfig.json", "tsconfig.build.json"];
const stampFile = (root) => path.join(root, ".build", "stamp.json");

function files(root, entry) {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return [];
    if (!fs.statSync(full).isDirectory()) return [entry];
    return fs.readdirSync(full).flatMap((name) => files(root, path.join(entry, name)));
}

/** sha256 over every source's path and content, in a fixed order. */
function sourcesHash(root = ROOT) {
    const hash = crypto.createHash("sha256");
    for (const file of SOURCES.flatMap((entry) => files(root, entry)).sort()) {
        hash.update(file.split(path.sep).join("/"))
            .update("\0")
            .update(fs.readFileSync(path.join(root, file)))
            .update("\0");
    }
    return hash.digest("hex");
}

/** Why .build cannot be run, or undefined when it was built from the sources as they are. */
function staleness(root = ROOT) {
    let stamp;
    try {
        stamp = JSON.parse(fs.readFileSync(stampFile(root), "utf8"));
    } catch {
        return "it has not been built";
    }
    return stamp.sources === sourcesHash(root) ? undefined : "its sources have changed since it was built";
}

/**
 * Records the sources the build in `root`/.build was made from, and puts the package's package.json beside the
 * compiled tree, where provider/main.js finds it as it does in the sources (`../package.json`: its version).
 */
function writeStamp(root = ROOT) {
    const pkg = path.join(root, "package.json");
    if (fs.existsSync(pkg)) fs.copyFileSync(pkg, path.join(root, ".build", "package.json"));
    fs.writeFileSync(stampFile(root), JSON.stringify({ sources: sourcesHash(root) }) + "\n");
}

module.exports = { ROOT, sourcesHash, staleness, writeStamp };

if (require.main === module && process.argv[2] === "write") writeStamp();
