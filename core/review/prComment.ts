/**
 * The pull-request comment of one stack's offline plan (`npm run plan -- --stack S --check --report FILE`):
 * the access changes first, then the resource diff. Pure: the CLI writes it to a file, the pull-request
 * workflow uploads the files and .github/workflows/plan-comment.yml posts each as one comment per stack,
 * found again by its first line (commentMarker) and edited in place.
 *
 * GitHub refuses comments longer than 65,536 characters, so the text is cut to fit: the resource diff
 * first, from its end and on line boundaries, then (when the access summary alone is too long) the access
 * list from its end. The marker and the heading are never cut. Lengths are JavaScript's (UTF-16 code
 * units), never fewer than the characters GitHub counts.
 */

export const GITHUB_COMMENT_LIMIT = 65536;

const STACK_NAME = /^[A-Za-z0-9._-]+$/;

/** The first line of a stack's comment, by which the workflow finds the comment to edit. */
export function commentMarker(stack: string): string {
    if (typeof stack !== "string" || !STACK_NAME.test(stack)) {
        throw new Error(`invalid stack name ${JSON.stringify(stack)}: a stack name is [A-Za-z0-9._-]+`);
    }
    return `<!-- registry-access plan: ${stack} -->`;
}

export interface StackReport {
    stack: string;
    /** One line each, e.g. "team-b/default gains us.icr.io (registry namespace payments-images)". */
    accessChanges: readonly string[];
    /** The plan diff text (formatDiff's), possibly "". Not shown when the committed plan matches. */
    resourceChanges: string;
    /** Whether the committed plans/<stack>.json matches the stack's plan. */
    matches: boolean;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The diff's lines without the empty one after a final newline. */
function linesOf(text: string): string[] {
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    return lines;
}

/** A backtick fence longer than any run of backticks in the text, so no line of it can close the fence. */
function fenceFor(text: string): string {
    let longest = 0;
    for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
    return "`".repeat(Math.max(3, longest + 1));
}

/** lengths[k]: the length of the first k items, each followed by a newline. */
function prefixLengths(items: readonly string[]): number[] {
    const lengths = [0];
    for (const item of items) lengths.push(lengths[lengths.length - 1] + item.length + 1);
    return lengths;
}

/** The comment for one stack's report, at most `limit` characters long. */
export function renderPlanComment(report: StackReport, limit: number = GITHUB_COMMENT_LIMIT): string {
    const { stack, accessChanges, matches } = report;
    const head = `${commentMarker(stack)}\n### Plan of stack \`${stack}\`\n\n`;
    const locally = `(run \`npm run plan -- --stack ${stack} --check\` locally)`;
    const bullets = accessChanges.map((change) => `- ${change}`);
    const accessHeading = "**Access changes**\n\n";
    const accessEnd = bullets.length > 0 ? "\n" : "No access changes.\n\n";
    const access = accessHeading + bullets.map((b) => `${b}\n`).join("") + accessEnd;
    const resourceHeading = "**Resource changes**\n\n";
    const lines = matches ? [] : linesOf(report.resourceChanges);
    const n = lines.length;

    // A resource section without the diff: what is left when the diff does not fit.
    const note = (hint: string) =>
        resourceHeading +
        (matches
            ? "The committed plan matches.\n"
            : n === 0
              ? "The committed plan differs, with no resource diff to show.\n"
              : `The resource diff (${count(n, "line")}) is not shown${hint}.\n`);

    const fence = fenceFor(lines.join("\n"));
    const diffBlock = (shown: number) => {
        const summary = shown === n ? count(n, "line") : `${count(n, "line")}, first ${shown} shown`;
        const open = `${resourceHeading}<details>\n<summary>Resource diff: ${summary}</summary>\n\n${fence}diff\n`;
        const more = shown === n ? "" : `\n… ${count(n - shown, "more line")} not shown ${locally}\n`;
        return { open, close: `${fence}\n\n</details>\n${more}` };
    };
    const diffText = (shown: number) =>
        lines
            .slice(0, shown)
            .map((line) => `${line}\n`)
            .join("");
    // Without a diff, step 4 with every access change is the whole comment.
    if (n > 0) {
        // 1. Everything.
        const { open, close } = diffBlock(n);
        const text = head + access + open + diffText(n) + close;
        if (text.length <= limit) return text;
        // 2. The diff cut from its end, on a line boundary: the most lines that fit (at least one).
        const diffLengths = prefixLengths(lines);
        for (let shown = n - 1; shown >= 1; shown--) {
            const cut = diffBlock(shown);
            if (head.length + access.length + cut.open.length + diffLengths[shown] + cut.close.length <= limit)
                return head + access + cut.open + diffText(shown) + cut.close;
        }
        // 3. The whole access summary and a line saying the diff is not shown.
        const text3 = head + access + note(` here ${locally}`);
        if (text3.length <= limit) return text3;
    }
    // 4. The access list, cut from its end when it does not fit, with the number of changes left out.
    const cut = accessCut(head, bullets, accessEnd, note(""), limit, locally);
    if (cut !== undefined) return cut;
    throw new RangeError(`a comment limit of ${limit} characters is too small for the plan of stack ${stack}`);
}

/** The comment with the most access changes that fit (from the first), and the number left out. */
function accessCut(
    head: string,
    bullets: readonly string[],
    accessEnd: string,
    resource: string,
    limit: number,
    locally: string,
): string | undefined {
    const accessHeading = "**Access changes**\n\n";
    const accessLengths = prefixLengths(bullets);
    for (let shown = bullets.length; shown >= 0; shown--) {
        const omitted =
            shown === bullets.length
                ? accessEnd
                : `- … ${count(bullets.length - shown, "more access change")} not shown ${locally}\n\n`;
        if (head.length + accessHeading.length + accessLengths[shown] + omitted.length + resource.length <= limit) {
            const kept = bullets
                .slice(0, shown)
                .map((b) => `${b}\n`)
                .join("");
            return head + accessHeading + kept + omitted + resource;
        }
    }
    return undefined;
}
