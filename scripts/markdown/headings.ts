/**
 * Body headings sit under the page's own h1: the body's highest heading becomes h2
 * (whether the author started at # or ##), lower ones keep their distance, so the
 * outline never skips a level. Each gets an id, prefixed `section-` so no heading can
 * take an id the page uses (main, fig-x, chart-x, ref-1), unique within the page.
 * Work is linear in the number of headings: the lowest level is found in one pass (not
 * Math.min over a spread, which overflows the stack at tens of thousands), and each
 * base id keeps a counter, so the 10,000th "## Notes" does not retry 9,999 suffixes.
 */
import type { MarkdownIt } from "markdown-it";
import { slugify } from "../lib/scaffold.ts";

/** Suffixes tried while making ids unique, for tests that count work. */
export const headingStats = { tries: 0 };

export function headingsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "headings", (state) => {
    let min = Infinity;
    for (const t of state.tokens) if (t.type === "heading_open") min = Math.min(min, Number(t.tag.slice(1)));
    if (min === Infinity) return;
    const seen = new Set<string>();
    const next = new Map<string, number>();
    state.tokens.forEach((tok, i) => {
      if (tok.type !== "heading_open" && tok.type !== "heading_close") return;
      tok.tag = `h${Math.min(6, Number(tok.tag.slice(1)) - min + 2)}`;
      if (tok.type === "heading_close") return;
      const text = (state.tokens[i + 1]?.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
      const base = `section-${slugify(text) || "untitled"}`;
      // The counter survives between headings, so suffixes tried once are never tried again.
      let id = base;
      let n = next.get(base) ?? 2;
      while (seen.has(id)) { headingStats.tries++; id = `${base}-${n++}`; }
      next.set(base, n);
      seen.add(id);
      tok.attrSet("id", id);
    });
  });
}
