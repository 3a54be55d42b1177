/** Text for the bench's Markdown tables (markdown.ts, cache.ts, budgets.ts): one way to print a figure or a cell. */

/** A figure to `d` decimals, or "–" when it was not measured. */
export const num = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d));

/** A table cell: pipes escaped, newlines folded, so no text can break the table. */
export const cell = (s: string | undefined): string => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
