/**
 * Body headings sit under the page's own h1: the body's highest heading becomes h2
 * (whether the author started at # or ##), lower ones keep their distance, so the
 * outline never skips a level. Each gets an id, prefixed `section-` so no heading can
 * take an id the page uses (main, fig-x, chart-x, ref-1), unique within the page.
 */
import type { MarkdownIt } from "markdown-it";
import { slugify } from "../lib/scaffold.ts";

export function headingsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "headings", (state) => {
    const heads = state.tokens.filter((t) => t.type === "heading_open" || t.type === "heading_close");
    if (!heads.length) return;
    const min = Math.min(...heads.map((t) => Number(t.tag.slice(1))));
    const seen = new Set<string>();
    state.tokens.forEach((tok, i) => {
      if (tok.type !== "heading_open" && tok.type !== "heading_close") return;
      tok.tag = `h${Math.min(6, Number(tok.tag.slice(1)) - min + 2)}`;
      if (tok.type === "heading_close") return;
      const text = (state.tokens[i + 1]?.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
      const base = `section-${slugify(text) || "untitled"}`;
      let id = base;
      for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
      seen.add(id);
      tok.attrSet("id", id);
    });
  });
}
