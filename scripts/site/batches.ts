/**
 * A build's one-per-entry pages cut into batches, one Eleventy run each (scripts/cli/build.ts):
 * a single Eleventy run over every page holds every page's data and rendered text until it
 * ends (bare Eleventy alone peaks at 1.3 GiB at 32,000 pages), while a run over a bounded
 * batch lets go of its pages once they are written. Every page belongs to exactly one batch,
 * listing pages included, so each is rendered once; the few pages that are not paginated
 * (home, /data/, /search/, 404, /corrections/) render in every run, to the same bytes.
 *
 * FACTSHEET_BATCH sets the pages per run (default DEFAULT_BATCH); "Infinity" renders the whole
 * site in one run, as before batching. The output is the same either way (test/batches.test.ts).
 */
import { PAGE_KINDS, pagesOf, type PageKind, type PageSubset } from "./page-subset.ts";

/** Pages per Eleventy run: small enough that a run's pages stay well under the memory budget. */
export const DEFAULT_BATCH = 1000;

export function batchSize(raw = process.env.FACTSHEET_BATCH): number {
  if (raw === undefined || raw === "") return DEFAULT_BATCH;
  if (raw === "Infinity") return Infinity;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FACTSHEET_BATCH must be a whole number of pages (at least 1) or Infinity, got "${raw}"`);
  return n;
}

/**
 * The subsets, in order, that together render every paginated page of `view` once. Each
 * names every kind (an empty set renders none of that kind). One batch holds everything
 * when it fits; then the subset is left unset, exactly the unbatched build.
 */
export function batchesOf(view: object, size: number): (PageSubset | undefined)[] {
  const all = PAGE_KINDS.flatMap((kind) => pagesOf(view, kind).map((p) => ({ kind, key: p.key })));
  if (all.length <= size) return [undefined];
  const out: PageSubset[] = [];
  for (let i = 0; i < all.length; i += size) {
    const batch = Object.fromEntries(PAGE_KINDS.map((k) => [k, new Set<string>()])) as Record<PageKind, Set<string>>;
    for (const p of all.slice(i, i + size)) batch[p.kind].add(p.key);
    out.push(batch);
  }
  return out;
}
