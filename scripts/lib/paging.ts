/**
 * Listing pages that grow with the site (timeline, sources, figures, a topic's or a
 * person's facts) are cut into pages of a fixed number of entries, so no page grows
 * without bound. Page 1 keeps the listing's own address; page n is `<base>page/<n>/`.
 * The page index shows a fixed window of page numbers around the current one (plus the
 * first and the last), so it stays bounded too.
 */

/** Entries per page for each listing; FACTSHEET_PAGE_SIZE (read by scripts/site) overrides them all. */
export interface PageSizes { timeline: number; sources: number; figures: number; charts: number; facts: number }

export const PAGE_SIZES: PageSizes = { timeline: 100, sources: 64, figures: 100, charts: 100, facts: 50 };

/** PAGE_SIZES, or every size set to `override` (a positive integer, e.g. a tiny size to test pagination). */
export function pageSizes(override?: string): PageSizes {
  if (override === undefined || override === "") return PAGE_SIZES;
  const n = Number(override);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FACTSHEET_PAGE_SIZE must be a positive whole number, not "${override}"`);
  return { timeline: n, sources: n, figures: n, charts: n, facts: n };
}

/** The site path of page n of the listing at `base` ("/timeline/"). */
export function pageUrl(base: string, n: number): string {
  return n === 1 ? base : `${base}page/${n}/`;
}

/** How many pages `total` entries need at `size` a page: at least one, even when empty. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The entries of each page, in order; one empty page for an empty list. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

export interface PageLink { n: number; url: string; current: boolean }
export interface Pager {
  /** This page's number (from 1) and how many pages the listing has. */
  n: number; count: number;
  prev?: string; next?: string;
  /** The page index: numbered links, with null where numbers are left out. */
  links: (PageLink | null)[];
}

/** How many page numbers either side of the current one the index shows. */
const AROUND = 2;

/** The navigation of page n of `count` pages of the listing at `base`. */
export function pager(base: string, n: number, count: number): Pager {
  const shown = new Set([1, count]);
  for (let i = Math.max(1, n - AROUND); i <= Math.min(count, n + AROUND); i++) shown.add(i);
  const links: (PageLink | null)[] = [];
  let last = 0;
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (i > last + 1) links.push(null);
    links.push({ n: i, url: pageUrl(base, i), current: i === n });
    last = i;
  }
  return {
    n, count, links,
    prev: n > 1 ? pageUrl(base, n - 1) : undefined,
    next: n < count ? pageUrl(base, n + 1) : undefined,
  };
}

/** A listing cut into pages: each page's entries, address, output file and navigation. */
export interface ListingPage<T> { n: number; url: string; path: string; items: T[]; first: number; total: number; pager: Pager }

export function paginate<T>(base: string, list: readonly T[], size: number): ListingPage<T>[] {
  const chunks = chunk(list, size);
  return chunks.map((items, i) => {
    const url = pageUrl(base, i + 1);
    return { n: i + 1, url, path: `${url.slice(1)}index.html`, items, first: i * size + 1, total: list.length, pager: pager(base, i + 1, chunks.length) };
  });
}
