/**
 * Which page of /sources/ holds a source. The bibliography is cut into pages
 * (scripts/lib/paging.ts), so `/sources/#src-<id>` is right only for sources on page 1:
 * every in-site link to a source's entry (references, previews, the figures table,
 * search records) takes its address from sourcePath, and the sources pages are cut from
 * sourceOrder with the same size, so the two always agree.
 */
import { sourceName } from "./source-name.ts";
import { PAGE_SIZES, pageUrl } from "./paging.ts";
import type { Source } from "./model.ts";

/** The order of the sources pages: by publisher, then by title (the page says so). */
export function sourceOrder<T extends Pick<Source, "publisher">>(sources: Iterable<T>, name: (s: T) => string): T[] {
  return [...sources].sort((a, b) => a.publisher.localeCompare(b.publisher, "en") || name(a).localeCompare(name(b), "en"));
}

interface Placement { size: number; page: Map<string, number> }
const placements = new WeakMap<Map<string, Source>, Placement>();

/**
 * Fixes the page size the sources listing of these sources is cut at (the site view
 * does, before anything links to a source); without it the default size applies.
 */
export function placeSources(sources: Map<string, Source>, size: number = PAGE_SIZES.sources): void {
  const page = new Map<string, number>();
  sourceOrder(sources.values(), sourceName).forEach((s, i) => page.set(s.id, Math.floor(i / size) + 1));
  placements.set(sources, { size, page });
}

/** The site path of a source's entry: `/sources/#src-<id>` on page 1, `/sources/page/<n>/#src-<id>` after. */
export function sourcePath(sources: Map<string, Source>, id: string): string {
  if (!placements.has(sources)) placeSources(sources);
  const n = placements.get(sources)!.page.get(id) ?? 1;
  return `${pageUrl("/sources/", n)}#src-${id}`;
}
