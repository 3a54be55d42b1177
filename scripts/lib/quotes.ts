/**
 * Every quote the content attributes to a source, with where each is written: figure
 * quotes and chart data quotes. `npm run verify` looks for these words, the checker
 * points at their lines, and the pages show whether they were found: one list for all.
 */
import type { Content, Origin } from "./model.ts";

export interface QuotePlace { origin: Origin; path: (string | number)[] }
export interface SourceQuote { text: string; attribution?: string; places: QuotePlace[] }

/** Source id -> its quotes, each text once, in content order. */
export function quotesBySource(content: Content): Map<string, SourceQuote[]> {
  const out = new Map<string, SourceQuote[]>();
  const add = (source: string, text: string | undefined, attribution: string | undefined, place: QuotePlace) => {
    if (!text) return;
    const list = out.get(source) ?? [];
    const known = list.find((q) => q.text === text);
    if (known) known.places.push(place);
    else list.push({ text, attribution, places: [place] });
    out.set(source, list);
  };
  for (const fact of content.facts) {
    for (const id of fact.figures) {
      const f = content.figures.get(id)!;
      add(f.source, f.quote, f.attribution, { origin: fact.origin, path: ["figures", id, "quote"] });
    }
    for (const id of fact.charts) {
      content.charts.get(id)!.data.forEach((d, i) => {
        // A datum that points at a figure carries that figure's quote, already listed.
        if (!d.figure) add(d.source, d.quote, d.attribution, { origin: fact.origin, path: ["charts", id, "data", i, "quote"] });
      });
    }
  }
  return out;
}
