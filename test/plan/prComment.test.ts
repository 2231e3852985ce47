import * as fc from "fast-check";
import { GITHUB_COMMENT_LIMIT, StackReport, commentMarker, renderPlanComment } from "../../core/review/prComment";

const ACCESS = ["team-b/default gains us.icr.io (registry namespace payments-images)", "ml/default loses cp.icr.io"];
const DIFF = [
    "  + added    kubernetes:core/v1:Secret  payments.all-icr-io",
    "  ~ changed  ibm:index/iamServicePolicy:IamServicePolicy  team-b-pull",
    '        resources: [{"resourceType":"namespace","resource":"payments-images"}] → (none)',
    "1 added, 0 removed, 0 replaced, 1 changed",
].join("\n");
const report = (overrides: Partial<StackReport> = {}): StackReport => ({
    stack: "dev",
    accessChanges: ACCESS,
    resourceChanges: `${DIFF}\n`,
    matches: false,
    ...overrides,
});
const HEAD = "<!-- registry-access plan: dev -->\n### Plan of stack `dev`\n\n";
const ACCESS_SECTION =
    "**Access changes**\n\n" +
    "- team-b/default gains us.icr.io (registry namespace payments-images)\n" +
    "- ml/default loses cp.icr.io\n\n";

/** The diff lines shown in a comment: those between the ```diff fence and the closing fence. */
function shownDiff(comment: string): { fence: string; lines: string[] } | undefined {
    const open = /^(`{3,})diff$/m.exec(comment);
    if (!open) return undefined;
    const fence = open[1];
    const rest = comment.slice(open.index + open[0].length + 1);
    const close = rest.indexOf(`${fence}\n\n</details>\n`);
    expect(close).toBeGreaterThanOrEqual(0);
    expect(close === 0 || rest[close - 1] === "\n").toBe(true);
    return { fence, lines: rest.slice(0, close).split("\n").slice(0, -1) };
}

describe("commentMarker", () => {
    it("is an HTML comment naming the stack", () => {
        expect(commentMarker("dev")).toBe("<!-- registry-access plan: dev -->");
        expect(commentMarker("per-namespace")).toBe("<!-- registry-access plan: per-namespace -->");
        expect(commentMarker("A.b_c-9")).toBe("<!-- registry-access plan: A.b_c-9 -->");
    });

    it.each(["", "a b", "dev\n", "a-->", "../dev", "dev/x", "ünï", "a`b", "<x>"])(
        "refuses the stack name %j",
        (stack) => {
            expect(() => commentMarker(stack)).toThrow(`invalid stack name ${JSON.stringify(stack)}`);
            expect(() => renderPlanComment(report({ stack }))).toThrow("invalid stack name");
        },
    );
});

describe("renderPlanComment", () => {
    it("renders the access changes, then the resource diff in a closed details element, word for word", () => {
        expect(GITHUB_COMMENT_LIMIT).toBe(65536);
        expect(renderPlanComment(report())).toBe(
            HEAD +
                ACCESS_SECTION +
                "**Resource changes**\n\n" +
                "<details>\n<summary>Resource diff: 4 lines</summary>\n\n" +
                "```diff\n" +
                `${DIFF}\n` +
                "```\n\n" +
                "</details>\n",
        );
    });

    it("says when the committed plan matches, or when there are no access changes", () => {
        expect(renderPlanComment(report({ accessChanges: [], matches: true }))).toBe(
            HEAD +
                "**Access changes**\n\nNo access changes.\n\n" +
                "**Resource changes**\n\nThe committed plan matches.\n",
        );
        // A diff text is not shown when the plan matches; a missing final newline changes nothing.
        expect(renderPlanComment(report({ matches: true }))).toBe(
            HEAD + ACCESS_SECTION + "**Resource changes**\n\nThe committed plan matches.\n",
        );
        expect(renderPlanComment(report({ resourceChanges: DIFF }))).toBe(renderPlanComment(report()));
        expect(renderPlanComment(report({ resourceChanges: "" }))).toBe(
            HEAD +
                ACCESS_SECTION +
                "**Resource changes**\n\nThe committed plan differs, with no resource diff to show.\n",
        );
        expect(renderPlanComment(report({ resourceChanges: "1 added\n" }))).toContain(
            "<summary>Resource diff: 1 line</summary>\n\n```diff\n1 added\n```\n\n</details>\n",
        );
    });

    it("fences a diff that holds backtick fences with a longer fence", () => {
        const diff = "a\n```\nb\n`````js\n`\n";
        const comment = renderPlanComment(report({ resourceChanges: diff }));
        expect(comment).toContain("``````diff\na\n```\nb\n`````js\n`\n``````\n\n</details>\n");
        expect(shownDiff(comment)).toEqual({ fence: "``````", lines: ["a", "```", "b", "`````js", "`"] });
    });

    it("leaves a comment exactly at the limit untouched and trims one a character over", () => {
        const full = renderPlanComment(report(), Infinity);
        expect(renderPlanComment(report(), full.length)).toBe(full);
        const trimmed = renderPlanComment(report(), full.length - 1);
        expect(trimmed).not.toBe(full);
        expect(trimmed.length).toBeLessThanOrEqual(full.length - 1);
        expect(trimmed.startsWith(HEAD + ACCESS_SECTION)).toBe(true);
    });

    it("cuts the diff from its end on a line boundary, closes the fence and the details, and counts what is left out", () => {
        const lines = Array.from({ length: 10 }, (_, i) => `  ~ changed  kubernetes:core/v1:Secret  ns-${i}.s`);
        const r = report({ resourceChanges: lines.join("\n") + "\n" });
        const trimmed = (shown: number) =>
            HEAD +
            ACCESS_SECTION +
            "**Resource changes**\n\n" +
            `<details>\n<summary>Resource diff: 10 lines, first ${shown} shown</summary>\n\n` +
            "```diff\n" +
            lines
                .slice(0, shown)
                .map((l) => `${l}\n`)
                .join("") +
            "```\n\n" +
            "</details>\n\n" +
            `… ${10 - shown} more line${10 - shown === 1 ? "" : "s"} not shown ` +
            "(run `npm run plan -- --stack dev --check` locally)\n";
        const full = renderPlanComment(r, Infinity);
        for (const shown of [1, 3, 6]) {
            const expected = trimmed(shown);
            expect(trimmed(shown + 1).length).toBeLessThan(full.length);
            // The most lines that fit: at the exact length, and one character short of the next line's text.
            expect(renderPlanComment(r, expected.length)).toBe(expected);
            expect(renderPlanComment(r, trimmed(shown + 1).length - 1)).toBe(expected);
        }
        // Less room than one line of the diff: a line saying the diff is not shown, the summary whole.
        expect(renderPlanComment(r, trimmed(1).length - 1)).toBe(
            HEAD +
                ACCESS_SECTION +
                "**Resource changes**\n\n" +
                "The resource diff (10 lines) is not shown here (run `npm run plan -- --stack dev --check` locally).\n",
        );
    });

    it("never trims the access summary for the diff", () => {
        const access = Array.from({ length: 200 }, (_, i) => `team-${i}/default gains us.icr.io`);
        const diff = Array.from({ length: 5000 }, (_, i) => `  + added    kubernetes:core/v1:Secret  s-${i}`).join(
            "\n",
        );
        const comment = renderPlanComment(report({ accessChanges: access, resourceChanges: diff }));
        expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        expect(comment).toContain("**Access changes**\n\n" + access.map((a) => `- ${a}\n`).join("") + "\n");
        const shown = shownDiff(comment)!;
        expect(shown.lines.length).toBeGreaterThan(1000);
        expect(shown.lines).toEqual(diff.split("\n").slice(0, shown.lines.length));
        expect(comment).toMatch(
            new RegExp(
                `<summary>Resource diff: 5000 lines, first ${shown.lines.length} shown</summary>[^]*` +
                    `\n\n… ${5000 - shown.lines.length} more lines not shown \\(run \`npm run plan -- --stack dev --check\` locally\\)\n$`,
            ),
        );
    });

    it("cuts the access list from its end, with a count, when it alone is over the limit, keeping the marker and heading", () => {
        const access = Array.from(
            { length: 5000 },
            (_, i) => `team-${i}/default gains us.icr.io (registry namespace n-${i})`,
        );
        const comment = renderPlanComment(report({ accessChanges: access }));
        expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        expect(comment.startsWith(`${HEAD}**Access changes**\n\n- ${access[0]}\n`)).toBe(true);
        const kept = access.filter((a) => comment.includes(`- ${a}\n`));
        expect(kept).toEqual(access.slice(0, kept.length));
        expect(kept.length).toBeGreaterThan(500);
        expect(
            comment.endsWith(
                `- … ${5000 - kept.length} more access changes not shown (run \`npm run plan -- --stack dev --check\` locally)\n\n` +
                    "**Resource changes**\n\nThe resource diff (4 lines) is not shown.\n",
            ),
        ).toBe(true);
        expect(comment).not.toContain("<details>");
    });

    it("refuses a limit too small for the marker and heading rather than cutting them", () => {
        expect(() => renderPlanComment(report(), 100)).toThrow(RangeError);
        expect(() => renderPlanComment(report({ accessChanges: [] }), 100)).toThrow(RangeError);
    });

    it("fits any report in any limit from 500 to 70,000 characters, the summary whole when it fits (property)", () => {
        const long = fc
            .tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4000 }))
            .map(([s, times]) => s.repeat(times));
        const line = fc.oneof(
            { weight: 8, arbitrary: fc.string({ unit: "binary", maxLength: 120 }) },
            { weight: 1, arbitrary: fc.constantFrom("```", "````diff", "</details>", "`", "") },
            { weight: 1, arbitrary: long },
        );
        const arbitraryReport = fc.record({
            stack: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
            accessChanges: fc.array(line, { maxLength: 150 }),
            resourceChanges: fc
                .tuple(fc.array(line, { maxLength: 400 }), fc.boolean())
                .map(([lines, newline]) => lines.join("\n") + (newline ? "\n" : "")),
            matches: fc.boolean(),
        });
        fc.assert(
            fc.property(arbitraryReport, fc.integer({ min: 500, max: 70000 }), (r, limit) => {
                const comment = renderPlanComment(r, limit);
                expect(comment.length).toBeLessThanOrEqual(limit);
                expect(comment.startsWith(`${commentMarker(r.stack)}\n### Plan of stack \`${r.stack}\`\n\n`)).toBe(
                    true,
                );
                const full = renderPlanComment(r, Infinity);
                if (full.length <= limit) expect(comment).toBe(full);
                const summary = r.accessChanges.reduce((n, a) => n + a.length + 3, 0);
                if (summary + 200 + 2 * r.stack.length <= limit) {
                    for (const a of r.accessChanges) expect(comment).toContain(`- ${a}\n`);
                }
                // Whatever is shown of the diff is its beginning, inside a closed fence and details element.
                const shown = shownDiff(comment);
                expect(shown === undefined).toBe(!comment.includes("\n<summary>Resource diff: "));
                if (shown) {
                    const lines = r.resourceChanges.split("\n");
                    expect(shown.lines).toEqual(lines.slice(0, shown.lines.length));
                    expect(r.resourceChanges).not.toContain(shown.fence);
                }
            }),
            { numRuns: 150 },
        );
    });
});
