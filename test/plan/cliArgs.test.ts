/** plan/cliArgs.ts: the plan CLI's flags, their rules and --help, in process. */
import { HELP, UsageError, parseArgs, stackFlag } from "../../plan/cliArgs";

const none = {
    json: false,
    showSecrets: false,
    check: false,
    write: false,
    mermaid: false,
    access: false,
    help: false,
};

describe("plan arguments", () => {
    it("parses flags and refuses unknown ones", () => {
        expect(parseArgs([])).toEqual({ ...none, stack: "dev" });
        expect(parseArgs(["--stack", "prod", "--json", "--show-secrets"])).toEqual({
            ...none,
            stack: "prod",
            json: true,
            showSecrets: true,
        });
        expect(parseArgs(["--check"])).toEqual({ ...none, stack: "dev", check: true });
        expect(() => parseArgs(["--check", "--write"])).toThrow(/exclusive/);
        expect(() => parseArgs(["--write", "--show-secrets"])).toThrow(/keep secrets as \[secret\]/);
        expect(parseArgs(["--stack=qa"]).stack).toBe("qa");
        expect(() => parseArgs(["--jsn"])).toThrow(/unknown argument "--jsn"/);
        expect(() => parseArgs(["--stack", "../x"])).toThrow(/invalid stack name/);
    });

    it("takes a stack file anywhere (examples/), not with --stack, and names it in commands to run", () => {
        expect(parseArgs(["--stack-file", "examples/Pulumi.copy.yaml", "--check"])).toEqual({
            ...none,
            stack: { file: "examples/Pulumi.copy.yaml" },
            check: true,
        });
        expect(() => parseArgs(["--stack", "dev", "--stack-file", "x"])).toThrow(
            /--stack and --stack-file are exclusive/,
        );
        expect(stackFlag({ file: "examples/Pulumi.copy.yaml" })).toBe("--stack-file examples/Pulumi.copy.yaml");
        expect(stackFlag("prod")).toBe("--stack prod");
    });

    it("refuses what Node's strict parser refuses, always with the usage line", () => {
        const refused = (argv: string[], message: RegExp) => {
            expect(() => parseArgs(argv)).toThrow(UsageError);
            expect(() => parseArgs(argv)).toThrow(message);
            expect(() => parseArgs(argv)).toThrow(/; usage: npm run plan -- \[--stack NAME \| --stack-file PATH\]/);
        };
        refused(["--stack"], /'--stack <value>' argument missing/);
        // A value that looks like a flag is taken for a forgotten name, not for the stack "--json" or "-x".
        refused(["--stack", "--json"], /'--stack' argument is ambiguous/);
        refused(["--stack", "-x"], /'--stack' argument is ambiguous/);
        refused(["--json=yes"], /'--json' does not take an argument/);
        refused(["prod"], /unknown argument "prod"/);
        refused(["-j"], /unknown argument "-j"/);
        refused(["--jsn=1"], /unknown argument "--jsn"/);
        expect(() => parseArgs(["--stack="])).toThrow(/invalid stack name ""/);
    });

    it("takes --access (with or without --json), --can-pull WHO IMAGE, and --report only with --check", () => {
        expect(parseArgs(["--access", "--json"])).toEqual({ ...none, stack: "dev", access: true, json: true });
        expect(parseArgs(["--can-pull", "team-a/default", "us.icr.io/a/b:1"])).toEqual({
            ...none,
            stack: "dev",
            canPull: { who: "team-a/default", image: "us.icr.io/a/b:1" },
        });
        expect(parseArgs(["--check", "--report", "reports/dev.md"]).report).toBe("reports/dev.md");
        expect(() => parseArgs(["--can-pull", "team-a/default"])).toThrow(
            /--can-pull takes NAMESPACE\/SERVICEACCOUNT and one IMAGE/,
        );
        expect(() => parseArgs(["--can-pull", "a/b", "x", "y"])).toThrow(/--can-pull takes/);
        expect(() => parseArgs(["--access", "--check"])).toThrow(/exclusive/);
        expect(() => parseArgs(["--can-pull", "a/b", "x", "--json"])).toThrow(/exclusive/);
        expect(() => parseArgs(["--report", "r.md"])).toThrow(/--report needs --check/);
    });

    it("takes the last --stack given", () => {
        expect(parseArgs(["--stack", "a", "--stack=b"]).stack).toBe("b");
    });
});

describe("--help", () => {
    it("refuses --namespace-labels without --can-pull, and bad labels, naming them", () => {
        expect(parseArgs(["--can-pull", "a/b", "img", "--namespace-labels", "team=a,tier=gold"]).canPull).toEqual({
            who: "a/b",
            image: "img",
            labels: { team: "a", tier: "gold" },
        });
        expect(() => parseArgs(["--namespace-labels", "team=a"])).toThrow("--namespace-labels needs --can-pull");
        expect(() => parseArgs(["--can-pull", "a/b", "img", "--namespace-labels", "team"])).toThrow(
            '--namespace-labels: "team" is not KEY=VALUE',
        );
    });

    it("lists every flag the parser takes, one line each", () => {
        expect(parseArgs(["--help"]).help).toBe(true);
        const flags = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
        expect(flags).toEqual([
            "--stack",
            "--stack-file",
            "--json",
            "--mermaid",
            "--check",
            "--report",
            "--write",
            "--access",
            "--can-pull",
            "--namespace-labels",
            "--show-secrets",
            "--help",
        ]);
        // Every flag the help names parses (a value-taking one with a value).
        for (const flag of flags) {
            const argv = ["--stack", "--stack-file", "--report"].includes(flag)
                ? [flag, "x", ...(flag === "--report" ? ["--check"] : [])]
                : flag === "--can-pull"
                  ? [flag, "a/b", "img"]
                  : flag === "--namespace-labels"
                    ? [flag, "team=a", "--can-pull", "a/b", "img"]
                    : [flag];
            expect(() => parseArgs(argv)).not.toThrow();
        }
    });
});
