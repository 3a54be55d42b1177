/**
 * Which of the site's one-per-entry pages an Eleventy run renders. Each paginated
 * template (templates/<template>) paginates `fs.<data>`, not the whole list
 * `fs.<list>`: `fs.<data>` is every entry by default, and the build or the dev server
 * can restrict it (the page cache renders only pages it does not hold; a batched build
 * renders a slice at a time). The listing pages (home, timeline, sources, figures...)
 * are not paginated and render in every run.
 *
 * PAGINATED is the one list that names the paginated kinds: their template, the view
 * list they page over, the data name the template paginates, the key of an item, and
 * the file the template's permalink writes (checked against what Eleventy reports).
 */

interface Kind<T> {
  /** The file under templates/ whose front matter paginates `fs.<data>` with size 1. */
  template: string;
  /** The full list in the site view. */
  list: string;
  /** What the template paginates: `fs.<data>`. */
  data: string;
  /** The item's identity, unique within its kind. */
  key: (item: T) => string;
  /** The output file its permalink makes, relative to the output folder. */
  path: (item: T) => string;
}

type Slugged = { slug: string };
type Ided = { id: string };
type Listing = { url: string; path: string };

export const PAGINATED = {
  fact: { template: "fact.njk", list: "facts", data: "factPages", key: (f: Slugged) => f.slug, path: (f: Slugged) => `facts/${f.slug}/index.html` },
  person: { template: "person.njk", list: "people", data: "personPages", key: (p: Slugged) => p.slug, path: (p: Slugged) => `people/${p.slug}/index.html` },
  topic: { template: "topic.njk", list: "topics", data: "topicPages", key: (t: Ided) => t.id, path: (t: Ided) => `topics/${t.id}/index.html` },
  prose: { template: "page.njk", list: "pages", data: "prosePages", key: (p: Slugged) => p.slug, path: (p: Slugged) => `${p.slug}/index.html` },
  embed: { template: "embed.njk", list: "embeds", data: "embedPages", key: (e: Ided) => e.id, path: (e: Ided) => `embed/charts/${e.id}/index.html` },
  // Pages of the listings that grow with the site (scripts/site/listings.ts), keyed by address.
  listing: { template: "listing.njk", list: "listing", data: "listingPages", key: (l: Listing) => l.url, path: (l: Listing) => l.path },
} as const satisfies Record<string, Kind<never>>;

export type PageKind = keyof typeof PAGINATED;
export const PAGE_KINDS = Object.keys(PAGINATED) as PageKind[];

/**
 * The pages a run renders, per kind, by key. A kind left out renders every entry; a set
 * (possibly empty) renders exactly the entries whose key it holds.
 */
export type PageSubset = Partial<Record<PageKind, ReadonlySet<string>>>;

type AnyKind = Kind<unknown>;
const kind = (k: PageKind) => PAGINATED[k] as unknown as AnyKind;

/** The lists the paginated templates read (`fs.factPages`, ...), for a view and a subset. */
export function pagesToRender(view: object, subset: PageSubset = {}): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const k of PAGE_KINDS) {
    const { list, data, key } = kind(k);
    const all = ((view as Record<string, unknown>)[list] as unknown[] | undefined) ?? [];
    const only = subset[k];
    out[data] = only ? all.filter((item) => only.has(key(item))) : all;
  }
  return out;
}

/** Every page of a kind in a view, as key and output path (for the page cache and the dev server). */
export function pagesOf(view: object, k: PageKind): { key: string; path: string; item: unknown }[] {
  const { list, key, path } = kind(k);
  return (((view as Record<string, unknown>)[list] as unknown[] | undefined) ?? []).map((item) => ({ key: key(item), path: path(item), item }));
}
