/**
 * The machine-readable files of DESIGN.md section 2. Each JSON file carries a schema
 * version so re-users can detect changes; CSVs are RFC 4180 and formula-safe.
 */
import { toCsv } from "../lib/csv.ts";
import { makeHref, type SiteView } from "./site-view.ts";

export const DATA_SCHEMA_VERSION = 1;

export function dataFiles(view: SiteView): Map<string, string> {
  const abs = makeHref(view.absBase);
  const files = new Map<string, string>();
  const sourceById = new Map(view.sources.map((s) => [s.id, s]));
  const envelope = (key: string, list: unknown[]) =>
    JSON.stringify({ schema_version: DATA_SCHEMA_VERSION, title: view.site.title, license: view.site.license, license_url: view.site.license_url, [key]: list }, null, 2) + "\n";

  const figures = view.figures.map((f) => {
    const s = view.rawSources.get(f.sourceId);
    return {
      id: f.id, fact: f.fact.slug, url: abs(`/facts/${f.fact.slug}/#fig-${f.id}`), label: f.label, value: f.value,
      unit: f.unit, display: f.display, approximate: f.approximate, value_precision: f.valuePrecision ?? null,
      date: f.date, date_precision: f.datePrecision,
      source: { id: f.sourceId, title: s?.title ?? null, label: s?.label ?? null, publisher: s?.publisher ?? null, url: s?.url ?? null, published: s?.published ?? null },
      quote: f.quote ?? null, attribution: f.attribution ?? null,
      quote_verified: f.quote ? view.quoteVerification(f.sourceId, f.quote).state : null,
    };
  });
  files.set("data/figures.json", envelope("figures", figures));
  files.set("data/figures.csv", toCsv(
    ["id", "fact", "url", "label", "value", "unit", "display", "approximate", "value_precision", "date", "date_precision", "source_id", "source_title", "source_label", "source_publisher", "source_url", "source_published", "quote", "attribution", "quote_verified"],
    figures.map((f) => [f.id, f.fact, f.url, f.label, f.value, f.unit, f.display, f.approximate, f.value_precision, f.date, f.date_precision, f.source.id, f.source.title, f.source.label, f.source.publisher, f.source.url, f.source.published, f.quote, f.attribution, f.quote_verified]),
  ));
  files.set("data/facts.json", envelope("facts", view.facts.map((f) => ({
    slug: f.slug, url: abs(f.url), title: f.title, summary: f.summary, date: f.date, status: f.status,
    topics: f.topics.map((t) => t.id), people: f.people.map((p) => p.slug), figures: f.figureIds, charts: f.chartIds,
    sources: f.cited, updated: f.updated,
  }))));
  files.set("data/sources.json", envelope("sources", [...view.rawSources.values()].map((s) => ({
    id: s.id, title: s.title ?? null, label: s.label ?? null, publisher: s.publisher, authors: s.authors ?? [], published: s.published ?? null,
    url: s.url ?? null, accessed: s.accessed ?? null, archive_url: s.archive_url ?? null, reports_on: s.reports_on ?? null,
    cited_by: (sourceById.get(s.id)?.facts ?? []).map((f) => f.slug),
    verification: verificationOf(view, s.id),
    quotes: (sourceById.get(s.id)?.quotes ?? []).map((q) => ({ text: q.text, verified: q.check.state, where: q.check.where ?? null })),
  }))));
  for (const c of view.rawCharts) {
    files.set(`data/charts/${c.id}.csv`, toCsv(
      ["label", "value", "unit", "display", "source_id", "source_url"],
      c.data.map((d) => [d.label, d.value, d.unit, d.display, d.source, view.rawSources.get(d.source)?.url ?? ""]),
    ));
  }
  return files;
}

/** The last machine check of a source's address, as recorded; null when it has none for its current url. */
function verificationOf(view: SiteView, id: string) {
  const c = view.verification.source(id);
  if (c.state === "unchecked") return null;
  const r = view.rawVerification.get(id)!;
  return { status: r.status, checked: r.checked, http_status: r.http_status ?? null, final_url: r.final_url ?? null, dead_since: r.dead_since ?? null, archive_url: c.archiveUrl ?? null };
}
