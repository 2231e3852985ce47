/** bin/buildStamp.js and bin/load.js: the compiled program runs only when it was built from the sources as they are. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { staleness, writeStamp } = require("../../bin/buildStamp") as {
    staleness(root: string): string | undefined;
    writeStamp(root: string): void;
};
const load = require("../../bin/load") as (modulePath: string, root: string) => unknown;

function project(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ra-build-"));
    for (const [file, text] of Object.entries({
        "index.ts": "export = () => ({});\n",
        "core/a.ts": "export const a = 1;\n",
        "tsconfig.json": "{}\n",
        ".build/index.js": "module.exports = () => ({ built: true });\n",
    })) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    }
    return root;
}

it("refuses a tree that was never stamped, runs a current one, refuses it again once a source changes", () => {
    const root = project();
    expect(staleness(root)).toBe("it has not been built");
    expect(() => load("index", root)).toThrow(
        "registry-access: the compiled program in .build cannot be used: it has not been built. Run `npm run build` (npm ci runs it) and try again.",
    );
    writeStamp(root);
    expect(staleness(root)).toBeUndefined();
    expect((load("index", root) as () => unknown)()).toEqual({ built: true });
    fs.appendFileSync(path.join(root, "core", "a.ts"), "export const b = 2;\n");
    expect(staleness(root)).toBe("its sources have changed since it was built");
    fs.writeFileSync(path.join(root, "core", "new.ts"), "export {};\n");
    writeStamp(root);
    fs.rmSync(path.join(root, "core", "new.ts"));
    expect(staleness(root)).toBe("its sources have changed since it was built");
    fs.rmSync(root, { recursive: true, force: true });
});
