/**
 * The search index: Pagefind reads the built pages (facts, people and prose pages mark
 * their text with data-pagefind-body; facts add date and status meta and topic and
 * status filters) and we add one record per source, linked to its `#src-<id>` anchor.
 * URLs are site-relative; the client adds the path prefix (Pagefind's baseUrl).
 */
import { join } from "node:path";
import { formatDate } from "../lib/units.ts";
import { ContentError } from "../lib/problem.ts";
import { sourceName, sourceNameText } from "../lib/source-name.ts";
import { sourcePath } from "../lib/source-pages.ts";
import type { SiteView } from "./site-view.ts";

/**
 * Markup that would only clutter excerpts: citation numbers, "#" permalinks, back-links
 * and raw URLs in reference lists (sources have records of their own).
 */
export const EXCLUDE = ["sup.cite", ".permalink", ".backlinks", ".ref-url", ".ref-all"];

export interface SearchIndexResult { pages: number; records: number; ms: number }

export function sourceRecords(view: SiteView, language: string) {
  return view.sources.map((s) => {
    const raw = view.rawSources.get(s.id);
    const words = [
      sourceName(s), s.publisher, ...(raw?.authors ?? []), raw?.published ? formatDate(raw.published) : "",
      s.facts.length ? `Cited in: ${s.facts.map((f) => f.title).join("; ")}` : "",
    ].filter(Boolean);
    return {
      url: sourcePath(view.rawSources, s.id),
      content: words.join(". "),
      language,
      meta: { title: sourceNameText(s), kind: "Source", publisher: s.publisher, ...(raw?.published ? { date: formatDate(raw.published) } : {}) },
    };
  });
}

export async function writeSearchIndex(view: SiteView, outDir: string): Promise<SearchIndexResult> {
  const started = performance.now();
  const pagefind = await import("pagefind");
  const language = view.site.language ?? "en";
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language, excludeSelectors: EXCLUDE });
    if (!index) throw new ContentError("content/site.yaml", "search-index", `the search index could not start for language "${language}": ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
    for (const record of sourceRecords(view, language)) {
      const r = await index.addCustomRecord(record);
      if (r.errors.length) throw new Error(`pagefind: ${r.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    return { pages: added.page_count, records: view.sources.length, ms: performance.now() - started };
  } finally {
    // The index runs in a child process; without this the build would not exit.
    await pagefind.close();
  }
}
