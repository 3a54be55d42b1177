/**
 * Each fact's citation files beside its page (/facts/<slug>/citation.bib, .ris, .json),
 * one per entry of CITE_FORMATS, rendered from the fact's citation record. A generator:
 * at tens of thousands of facts the files are written as they are made, never all held.
 */
import { CITE_FORMATS } from "../lib/cite-formats.ts";
import type { Reuse } from "./reuse-view.ts";

export function* citationFiles(view: { facts: { slug: string; url: string }[]; reuse: Reuse }): Generator<[path: string, text: string]> {
  for (const f of view.facts) {
    const r = view.reuse.facts[f.slug];
    if (!r) continue;
    // f.url is "/facts/<slug>/": output paths are relative to the site's folder.
    for (const format of CITE_FORMATS) yield [`${f.url.replace(/^\//, "")}${format.file}`, format.render(r.citation)];
  }
}
