/**
 * The whole site as plain data for the templates: built once per build, every body
 * rendered once. Templates print fields; fields ending in `Html` are already escaped.
 */
import { createMarkdown } from "../markdown/index.ts";
import { chartHtml } from "../lib/chart-markup.ts";
import { SiteCiter } from "../lib/citer.ts";
import { quoteHtml, sourceLine } from "../lib/references-markup.ts";
import { quotesBySource } from "../lib/quotes.ts";
import { verificationLookup } from "../lib/verification.ts";
import { formatDate } from "../lib/units.ts";
import { figureControl, figurePreview } from "../lib/previews.ts";
import { correctionUrl, effectiveRepository } from "../lib/correction-link.ts";
import { sourceName } from "../lib/source-name.ts";
import { STATUSES } from "../lib/schema.ts";
import type { Content } from "../lib/model.ts";
import type { Problem } from "../lib/problem.ts";
import { buildFactView, buildProse, type FactView, type FactHistoryInput } from "./fact-view.ts";
import { resolveRedirects } from "./redirect-page.ts";
import { buildListings, QUOTES_SHOWN } from "./listings.ts";
import { pageSizes } from "../lib/paging.ts";
import { placeSources, sourceOrder, sourcePath } from "../lib/source-pages.ts";
import type { ViewMemo } from "./view-memo.ts";

/** Joins a site path ("/facts/x/") to a base ending in "/": the path prefix, or the absolute base. */
export function makeHref(prefix: string) {
  return (path: string) => prefix + path.replace(/^\//, "");
}

/**
 * Absolute URLs (feeds, canonical, Open Graph) need the public address: SITE_URL when the
 * deploy knows it, else site.yaml's url. Its path is the prefix when the build has none.
 */
export function absoluteBase(siteUrl: string, prefix: string): string {
  const u = new URL(siteUrl);
  const path = prefix !== "/" ? prefix : u.pathname.replace(/\/*$/, "/");
  return u.origin + path;
}

/** Moves an object's long rendered fields out of the heap (scripts/io/text-spill.ts); the build passes one. */
export type Spill = <T extends object>(obj: T, fields: readonly string[]) => T;
/** The rendered fields worth spilling, per kind of view object. */
export const SPILLED = {
  fact: ["bodyHtml", "chartsHtml", "notesHtml", "referencesHtml", "previewsHtml"],
  figure: ["previewHtml", "citeHtml"],
  embed: ["chartHtml", "previewsHtml"],
  prose: ["bodyHtml", "notesHtml", "referencesHtml", "previewsHtml"],
} as const;

export function buildSiteView(content: Content, prefix: string, gitDates: Map<string, string> = new Map(), history: Map<string, FactHistoryInput> = new Map(), renames: Map<string, string> = new Map(), memo?: ViewMemo, spill: Spill = (obj) => obj) {
  const problems: Problem[] = [];
  const href = makeHref(prefix);
  // Before anything links to a source: which page of /sources/ holds each one.
  const sizes = pageSizes(process.env.FACTSHEET_PAGE_SIZE);
  placeSources(content.sources, sizes.sources);
  const md = createMarkdown(prefix);
  const absBase = absoluteBase(process.env.SITE_URL || content.site.url, prefix);
  const abs = makeHref(absBase);
  // The dev server keeps the views of facts whose inputs did not change since the last save.
  memo?.begin(content, prefix, absBase);
  const facts: FactView[] = content.facts.map((f) => {
    const updated = gitDates.get(f.origin.file), hist = history.get(f.origin.file);
    // Spilled as each is built, so the site's rendered text is never on the heap all at once.
    if (!memo) return spill(buildFactView(f, content, md, href, problems, updated, hist, abs), SPILLED.fact);
    return memo.view(f, [updated, hist], problems, () => {
      const shown = { figures: [] as string[], charts: [] as string[] };
      return { view: buildFactView(f, content, md, href, problems, updated, hist, abs, shown), ...shown };
    });
  });
  memo?.end();
  const factBySlug = new Map(facts.map((f) => [f.slug, f]));

  // Reverse indexes, built in one pass each: the site grows to tens of thousands of facts.
  const index = (keys: (f: FactView) => string[]) => {
    const map = new Map<string, FactView[]>();
    for (const f of facts) for (const k of keys(f)) { const list = map.get(k); if (list) list.push(f); else map.set(k, [f]); }
    return map;
  };
  const citedBy = index((f) => f.cited);
  const byPerson = index((f) => f.people.map((p) => p.slug));
  const byTopic = index((f) => f.topics.map((t) => t.id));

  const peopleBase = content.people.map((p) => ({
    slug: p.slug, name: p.name, kind: p.kind, role: p.role, url: `/people/${p.slug}/`,
    ...buildProse(p.origin, p.body, `person-${p.slug}`, content, md, href, problems),
    facts: byPerson.get(p.slug) ?? [],
  }));
  const topicsBase = [...content.topics.values()].map((t) => ({
    ...t, url: `/topics/${t.id}/`, facts: byTopic.get(t.id) ?? [],
  }));
  const pages = content.pages.map((p) => ({
    slug: p.slug, title: p.title, description: p.description, navOrder: p.navOrder, url: `/${p.slug}/`,
    ...buildProse(p.origin, p.body, `page-${p.slug}`, content, md, href, problems),
  }));

  // What npm run verify found, per source and per quote (content/verification/).
  const verification = verificationLookup(content.sources, content.verification ?? new Map());
  const figures = [...content.figures.values()].map((f) => {
    // The source's name opens the figure's preview (value, quote, source); it falls back to the bibliography.
    const srcHref = href(sourcePath(content.sources, f.source));
    const source = content.sources.get(f.source)!;
    return {
      id: f.id, label: f.label, display: f.display, unit: f.unit, approximate: f.approximate,
      value: f.value, date: f.asOf ?? factBySlug.get(f.fact)?.date ?? "",
      // A month-precision date is stored as its 1st: exports say which part of it is known.
      datePrecision: f.asOf ? "day" : factBySlug.get(f.fact)?.datePrecision ?? "day",
      valuePrecision: f.unit === "date" ? f.precision : undefined,
      // "as of" dates are days; otherwise the fact's date, at the fact's precision.
      dateDisplay: f.asOf ? formatDate(f.asOf) : factBySlug.get(f.fact)?.dateDisplay ?? "",
      fact: factBySlug.get(f.fact)!, sourceId: f.source,
      quote: f.quote, attribution: f.attribution,
      citeHtml: `<span class="cite-src">(${figureControl(f, srcHref, source.publisher)})</span>`,
      previewHtml: figurePreview(f, source, { reference: srcHref, figure: href(`/facts/${f.fact}/#fig-${f.id}`) }, verification),
    };
  }).sort((a, b) => a.fact.date.localeCompare(b.fact.date) || a.id.localeCompare(b.id));
  figures.forEach((f, i) => { figures[i] = spill(f, SPILLED.figure); });

  const quotesOf = quotesBySource(content);
  const sources = sourceOrder(content.sources.values(), sourceName).map((s) => {
    const check = verification.source(s.id);
    const quotes = (quotesOf.get(s.id) ?? []).map((q) => ({ text: q.text, attribution: q.attribution, check: verification.quote(s.id, q.text) }));
    return {
      id: s.id, title: sourceName(s), publisher: s.publisher, lineHtml: sourceLine(s, href, content.sources, check),
      facts: citedBy.get(s.id) ?? [], check, quotes,
      // At most QUOTES_SHOWN on the sources page: a much-quoted source would grow its page without bound.
      quotesHtml: quotes.length ? `<ul class="ref-quotes">${quotes.slice(0, QUOTES_SHOWN).map((q) => quoteHtml(s, q, q.check, check)).join("")}</ul>${
        quotes.length > QUOTES_SHOWN ? `<p class="ref-more">${quotes.length - QUOTES_SHOWN} more quotes of this source are in the References of the facts that cite it.</p>` : ""}` : "",
    };
  });

  const chartList = [...content.charts.values()];
  // /embed/charts/<id>/: links are absolute and open outside the frame.
  const embeds = chartList.map((c) => {
    const embedCiter = new SiteCiter(content.sources, abs, verification);
    return {
      id: c.id, title: c.title, factUrl: abs(`/facts/${c.fact}/#chart-${c.id}`), csvUrl: abs(`/data/charts/${c.id}.csv`),
      chartHtml: chartHtml(c, embedCiter, abs, 1, { standalone: true, collapseTable: true, sources: content.sources }),
      previewsHtml: embedCiter.previewsHtml(),
    };
  });
  embeds.forEach((e, i) => { embeds[i] = spill(e, SPILLED.embed); });
  const charts = chartList.map((c) => ({ id: c.id, title: c.title, type: c.type, points: c.data.length, fact: factBySlug.get(c.fact)! }));
  const listings = buildListings({ facts, sources, figures, charts, topics: topicsBase, people: peopleBase }, sizes);
  // A topic's or person's page shows page 1 of its facts.
  const people = peopleBase.map((p) => ({ ...p, listing: listings.firstPages.get(p.url)! }));
  // After the spread above, which would read spilled fields back into plain ones.
  people.forEach((p, i) => { people[i] = spill(p, SPILLED.prose); });
  const topics = topicsBase.map((t) => ({ ...t, listing: listings.firstPages.get(t.url)! }));

  const homeCiter = new SiteCiter(content.sources, href, verification);
  const home = {
    keyFigures: (content.site.key_figures ?? []).map((id) => figures.find((f) => f.id === id)).filter((f) => f !== undefined),
    chartsHtml: (content.site.headline_charts ?? []).map((id) => chartHtml(content.charts.get(id)!, homeCiter, href, 3, { collapseTable: true, abs, sources: content.sources })).join("\n"),
    latest: facts.slice(0, 8),
    previewsHtml: "",
  };
  home.previewsHtml = home.keyFigures.map((f) => f.previewHtml).join("") + homeCiter.previewsHtml();

  const repository = effectiveRepository(content.site.repository, process.env.SITE_REPOSITORY);
  const checks = sources.map((s) => s.check.state);
  const allQuotes = sources.flatMap((s) => s.quotes);
  const verificationSummary = {
    sources: sources.length,
    live: checks.filter((c) => c === "live" || c === "redirected").length,
    dead: checks.filter((c) => c === "dead").length,
    unreachable: checks.filter((c) => c === "unreachable").length,
    blocked: checks.filter((c) => c === "blocked").length,
    unchecked: checks.filter((c) => c === "unchecked").length,
    quotes: allQuotes.length,
    quotesFound: allQuotes.filter((q) => q.check.state === "found").length,
    quotesNotFound: allQuotes.filter((q) => q.check.state === "not-found").length,
  };

  // Every correction on the site, newest first, for /corrections/ and /corrections.xml.
  const corrections = facts.flatMap((f) => f.corrections.map((c) => ({ ...c, fact: { slug: f.slug, title: f.title, url: f.url } })))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.fact.slug < b.fact.slug ? -1 : a.fact.slug > b.fact.slug ? 1 : 0));

  return {
    correctionFormUrl: correctionUrl(repository),
    problems,
    corrections,
    verification, verificationSummary,
    /** For previews and templates: is this quote of this source verified? */
    quoteVerification: verification.quote,
    // The deploy passes the real repository when site.yaml still names the placeholder.
    site: { ...content.site, repository },
    prefix,
    absBase,
    nav: pages.filter((p) => p.navOrder !== undefined),
    statuses: STATUSES,
    facts, people, topics, pages, figures, sources, home, embeds,
    /** Every listing page but a topic's or person's own (templates/listing.njk). */
    listing: listings.listing,
    /** Entries per listing page (scripts/lib/paging.ts). */
    pageSizes: sizes,
    /** Old addresses of renamed facts (from git), each written as a redirect page. */
    redirects: resolveRedirects(renames, new Map(facts.map((f) => [f.slug, f.title]))),
    charts,
    rawSources: content.sources,
    rawVerification: content.verification ?? new Map(),
    rawCharts: chartList,
    chartTypes: [...new Set(chartList.map((c) => c.type))],
    buildDate: [...facts.map((f) => f.updated)].sort().pop() ?? "",
  };
}

export type SiteView = ReturnType<typeof buildSiteView>;
