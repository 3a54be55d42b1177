/**
 * The listing pages that grow with the site, cut into pages of a fixed size
 * (scripts/lib/paging.ts): the timeline, the sources, the figures table with the chart
 * index, and each topic's and person's facts. Page 1 of a topic or person is its own
 * page (templates/topic.njk, person.njk); every other listing page is an item of
 * `listing`, which templates/listing.njk renders with the include its `layout` names.
 */
import { formatDate } from "../lib/units.ts";
import { paginate, pageCount, pageUrl, pager, type ListingPage, type PageSizes } from "../lib/paging.ts";

/** A listing page as the templates see it: which include renders it, and whose page it is. */
export type Listed<T, O = undefined> = ListingPage<T> & { layout: string; owner: O };

/**
 * A source's entry on /sources/ shows at most this many citing facts and quotes, so one
 * much-cited source cannot grow its page without bound (every fact page still lists its
 * own quotes; data/sources.json has them all).
 */
export const CITED_SHOWN = 25;
export const QUOTES_SHOWN = 5;

type Dated = { date: string };
type Owner = { url: string; facts: unknown[] };

function listed<T, O>(layout: string, owner: O, pages: ListingPage<T>[]): Listed<T, O>[] {
  return pages.map((p) => ({ ...p, layout, owner }));
}

/** Facts grouped by month (a page's facts are in date order; a month may continue on the next page). */
export function byMonth<F extends Dated>(facts: F[]): { key: string; label: string; facts: F[] }[] {
  const months: { key: string; label: string; facts: F[] }[] = [];
  for (const f of facts) {
    const key = f.date.slice(0, 7);
    if (months[months.length - 1]?.key !== key) months.push({ key, label: formatDate(`${key}-01`, "month"), facts: [] });
    months[months.length - 1]!.facts.push(f);
  }
  return months;
}

export function buildListings<F extends Dated, S extends { facts: F[] }, G, C, T extends Owner, P extends Owner>(
  parts: { facts: F[]; sources: S[]; figures: G[]; charts: C[]; topics: T[]; people: P[] }, sizes: PageSizes,
) {
  // Oldest first: the facts are kept newest first.
  const timeline = listed("timeline", undefined, paginate("/timeline/", [...parts.facts].reverse(), sizes.timeline))
    .map((p) => ({ ...p, months: byMonth(p.items) }));
  const sources = listed("sources", undefined, paginate("/sources/", parts.sources.map((s) => ({
    ...s, shownFacts: s.facts.slice(0, CITED_SHOWN),
  })), sizes.sources));
  // The figures table and the chart index share the pages: page n shows the n-th slice of each.
  const count = Math.max(pageCount(parts.figures.length, sizes.figures), pageCount(parts.charts.length, sizes.charts));
  const figures = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const url = pageUrl("/figures/", n);
    return {
      n, url, path: `${url.slice(1)}index.html`, layout: "figures", owner: undefined, pager: pager("/figures/", n, count),
      items: parts.figures.slice(i * sizes.figures, n * sizes.figures), first: i * sizes.figures + 1, total: parts.figures.length,
      charts: parts.charts.slice(i * sizes.charts, n * sizes.charts), chartsFirst: i * sizes.charts + 1, chartsTotal: parts.charts.length,
    };
  });
  // A topic's or person's own page is page 1 of its facts; later pages are listing pages.
  const factPages = <O extends Owner>(layout: string, owner: O) => listed(layout, owner, paginate(owner.url, owner.facts, sizes.facts));
  const topicPages = parts.topics.map((t) => factPages("topic", t));
  const personPages = parts.people.map((p) => factPages("person", p));
  return {
    timeline, sources, figures,
    /** Page 1 of each topic's and person's facts, by its url. */
    firstPages: new Map<string, Listed<unknown, Owner>>([...topicPages, ...personPages].map((ps) => [ps[0]!.owner.url, ps[0]!])),
    /** Every listing page but page 1 of a topic or person (those are the topic and person pages). */
    listing: [...timeline, ...sources, ...figures, ...topicPages.flatMap((ps) => ps.slice(1)), ...personPages.flatMap((ps) => ps.slice(1))] as { url: string; path: string; layout: string }[],
  };
}
