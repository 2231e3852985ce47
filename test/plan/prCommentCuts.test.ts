/**
 * The last two cuts of a stack's pull-request comment (core/review/prComment.ts), at their exact limits: the
 * diff replaced by a line saying it is not shown, then the access list cut from its end with the number left
 * out, down to none of it; below that the comment is refused. Each expected text is written out here.
 */
import { StackReport, commentMarker, renderPlanComment } from "../../core/review/prComment";

const HEAD = "<!-- registry-access plan: dev -->\n### Plan of stack `dev`\n\n";
const LOCALLY = "(run `npm run plan -- --stack dev --check` locally)";
const ACCESS = [1, 2, 3].map((i) => `team-${i}/default gains us.icr.io (registry namespace ${"n".repeat(150)}-${i})`);
const DIFF = "  + added    kubernetes:core/v1:Secret  a.s\n1 added, 0 removed, 0 replaced, 0 changed\n";
const report = (overrides: Partial<StackReport> = {}): StackReport => ({
    stack: "dev",
    accessChanges: ACCESS,
    resourceChanges: DIFF,
    matches: false,
    ...overrides,
});
const bullets = (k: number) =>
    ACCESS.slice(0, k)
        .map((a) => `- ${a}\n`)
        .join("");
const NOT_SHOWN = "**Resource changes**\n\nThe resource diff (2 lines) is not shown.\n";
/** The comment with the first k access changes and the count of the others. */
const withAccess = (k: number, resource = NOT_SHOWN) =>
    HEAD +
    "**Access changes**\n\n" +
    bullets(k) +
    (k === 3 ? "\n" : `- … ${3 - k} more access change${3 - k === 1 ? "" : "s"} not shown ${LOCALLY}\n\n`) +
    resource;

describe("renderPlanComment: the last cuts, at their exact limits", () => {
    it("the diff not shown here, with the whole access list, at exactly its length", () => {
        const text = withAccess(
            3,
            `**Resource changes**\n\nThe resource diff (2 lines) is not shown here ${LOCALLY}.\n`,
        );
        expect(renderPlanComment(report(), text.length)).toBe(text);
        // One character less: the shorter line, the access list still whole.
        expect(renderPlanComment(report(), text.length - 1)).toBe(withAccess(3));
    });

    it("cuts the access list from its end, down to none of it, each at exactly its length", () => {
        for (const k of [3, 2, 1, 0]) {
            expect(renderPlanComment(report(), withAccess(k).length)).toBe(withAccess(k));
            if (k > 0) expect(renderPlanComment(report(), withAccess(k).length - 1)).toBe(withAccess(k - 1));
        }
        expect(() => renderPlanComment(report(), withAccess(0).length - 1)).toThrow(
            new RangeError(
                `a comment limit of ${withAccess(0).length - 1} characters is too small for the plan of stack dev`,
            ),
        );
    });

    it("a plan that matches, or has no diff, keeps its resource line and cuts the access list the same way", () => {
        const matches = "**Resource changes**\n\nThe committed plan matches.\n";
        const empty = "**Resource changes**\n\nThe committed plan differs, with no resource diff to show.\n";
        for (const [r, resource] of [
            [report({ matches: true }), matches],
            [report({ resourceChanges: "" }), empty],
        ] as const) {
            expect(renderPlanComment(r, withAccess(3, resource).length)).toBe(withAccess(3, resource));
            expect(renderPlanComment(r, withAccess(3, resource).length - 1)).toBe(withAccess(2, resource));
        }
    });

    it("refuses a stack name that is not a string, even one whose text would pass", () => {
        expect(() => commentMarker(7 as unknown as string)).toThrow(
            new Error("invalid stack name 7: a stack name is [A-Za-z0-9._-]+"),
        );
    });
});
