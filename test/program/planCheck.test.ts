/** `npm run plan -- --write` and `--check` on a stack file, run in process: the review flow a pull request sees. */
import * as fs from "fs";
import * as path from "path";
import { planCli } from "../fakes/programRuns";
import { projectWith } from "../fakes/planProject";

describe("npm run plan -- --check / --write", () => {
    const stack = (namespaces: string[]) =>
        `config:\n  registry-access:cluster: c1\n  registry-access:namespaces: ${JSON.stringify(namespaces)}\n`;

    it("--write records the plan, --check passes on it, then fails with a readable diff after a change", async () => {
        const dir = projectWith({ qa: stack(["a", "b"]) });
        expect(await planCli(dir, ["--stack", "qa", "--check"])).toMatchObject({
            code: 1,
            stdout: expect.stringContaining("plans/qa.json does not exist"),
        });
        expect(await planCli(dir, ["--stack", "qa", "--write"])).toMatchObject({
            code: 0,
            stdout: "wrote plans/qa.json\n",
        });
        expect(JSON.parse(fs.readFileSync(path.join(dir, "plans", "qa.json"), "utf8")).stack).toBe("qa");
        expect(await planCli(dir, ["--stack", "qa", "--check"])).toMatchObject({
            code: 0,
            stdout: "plan for stack qa matches plans/qa.json\n",
        });

        fs.writeFileSync(path.join(dir, "Pulumi.qa.yaml"), stack(["a", "c"]));
        const report = path.join(dir, "reports", "qa.md");
        const { code, stdout } = await planCli(dir, ["--stack", "qa", "--check", "--report", report]);
        expect(code).toBe(1);
        // Access changes lead, before the resources.
        const grant =
            "c1-registry-pull-id in the stack's account: Reader (all regions and registry namespaces) via all-icr-io";
        expect(stdout.indexOf("access changes:\n")).toBeLessThan(stdout.indexOf("resource changes:\n"));
        // One line per service account for all of a secret's servers.
        const servers = "icr.io,{au,br,ca,ca2,de,es,in,in2,jp,jp2,uk,us}.icr.io";
        expect(stdout).toContain(
            `access changes:\n  b/default loses ${servers} (was ${grant})\n  c/default gains ${servers} (${grant})\nresource changes:\n`,
        );
        const comment = fs.readFileSync(report, "utf8");
        expect(comment.startsWith("<!-- registry-access plan: qa -->\n")).toBe(true);
        expect(comment.indexOf(`c/default gains ${servers}`)).toBeLessThan(
            comment.indexOf("kubernetes:core/v1:Secret"),
        );
        expect(stdout).toContain("plan for stack qa differs from plans/qa.json:");
        expect(stdout).toContain("  - removed  kubernetes:core/v1:Secret  b.all-icr-io");
        expect(stdout).toContain("  + added    kubernetes:core/v1:Secret  c.all-icr-io");
        expect(stdout).toContain("  ~ changed  ibm:index/iamServiceId:IamServiceId  c1-registry-pull-id");
        expect(stdout).toMatch(
            /description: ".*namespaces a, b \(managed by registry-access\)" → ".*namespaces a, c \(managed/,
        );
        expect(stdout).toContain("2 added, 2 removed, 0 replaced, 1 changed");
        expect(stdout).toContain("accept it with: npm run plan -- --stack qa --write");
    });

    it("says, even when the plan matches, that imageTrustOtherImages deny refuses every other image", async () => {
        const deny =
            "config:\n  registry-access:cluster: c1\n  registry-access:namespaces: [a]\n" +
            "  registry-access:imageTrust: [us.icr.io/payments/*]\n  registry-access:imageTrustSigningKey: payments-pubkey\n" +
            "  registry-access:imageTrustOtherImages: deny\n";
        const dir = projectWith({ qa: deny });
        expect(await planCli(dir, ["--stack", "qa", "--write"])).toMatchObject({ code: 0 });
        expect(await planCli(dir, ["--stack", "qa", "--check"])).toMatchObject({
            code: 0,
            stdout:
                "plan for stack qa matches plans/qa.json\n" +
                "note: Portieris denies every image in namespace a but us.icr.io/payments/* (imageTrustOtherImages deny): sidecars, Docker Hub and IBM images included\n",
        });
    });
});
