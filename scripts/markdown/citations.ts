/**
 * `[@id]`, `[@id, para. 4]` and `[@a; @b]`: numbered citations. The inline rule runs
 * before `link`, so a citation is never mistaken for a link label.
 */
import type { MarkdownIt } from "markdown-it";
import { asEnv, report } from "./env.ts";
import { didYouMean } from "../lib/problem.ts";
import type { CiteItem } from "../lib/citer.ts";

const ITEM = /^@([a-z0-9]+(?:-[a-z0-9]+)*)(?:\s*,\s*([^;\]]*[^;\]\s]))?$/;

export function citationsPlugin(md: MarkdownIt): void {
  md.renderer.rules.citation = (tokens, idx, _opts, env) => asEnv(env).citer.cite(tokens[idx]!.meta!.items as CiteItem[]);

  md.inline.ruler.before("link", "citation", (state, silent) => {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x40 /* @ */) return false;
    // Look for the closing bracket within 500 characters only: scanning the rest of the body
    // at every "[@" would make a body of unclosed citations quadratic.
    const rel = src.slice(start, start + 501).indexOf("]");
    if (rel < 0) return false;
    const end = start + rel;
    const inner = src.slice(start + 1, end);
    const parts = inner.split(";").map((p) => p.trim());
    const items: CiteItem[] = [];
    for (const part of parts) {
      const m = ITEM.exec(part);
      if (!m) return false;
      items.push({ id: m[1]!, locator: m[2] });
    }
    if (!silent) {
      const env = asEnv(state.env);
      const sources = env.content.sources;
      const known = items.filter((it) => {
        if (sources.has(it.id)) return true;
        report(env, `@${it.id}`, "unknown-source", `"${it.id}" is not in content/sources.yaml${didYouMean(it.id, sources)}: add the source there or fix the id`);
        return false;
      });
      if (known.length) state.push("citation", "", 0).meta = { items: known };
      else state.push("text", "", 0).content = src.slice(start, end + 1);
    }
    state.pos = end + 1;
    return true;
  });
}
