/**
 * What the templates print for re-users, computed once per build: citations to copy
 * (site, fact, figure), JSON-LD elements and social image addresses. Plain strings in a
 * plain object, so templates need no filter for them: citation text is escaped by
 * autoescape like any text; fields ending in `Html` are already safe for HTML.
 */
import { citeBibtex, citeText, bibtexKey, type CiteInput } from "../lib/cite.ts";
import { CITE_FORMATS } from "../lib/cite-formats.ts";
import { highwireMeta } from "../lib/highwire.ts";
import { articleLd, datasetLd, ldScript, websiteLd, type LdSite } from "../lib/jsonld.ts";
import { correctionUrl } from "../lib/correction-link.ts";
import { socialImagePath, SOCIAL_SITE_IMAGE } from "./social-image.ts";
import { makeHref, type SiteView } from "./site-view.ts";
import { DataExport, DATA_ZIP } from "./data-export.ts";
import { CHART_FIELDS, CSV_NOTE, DATA_DOCS, JSON_NOTE } from "../lib/data-docs.ts";
import type { FactView } from "./fact-view.ts";

export interface FigureReuse { url: string; cite: string }
export interface FactReuse {
  correctionUrl: string; cite: string; bibtex: string; ldHtml: string; image: string; imageAlt: string; figures: Record<string, FigureReuse>;
  /** The record every citation format renders (scripts/lib/cite-formats.ts writes the files from it). */
  citation: CiteInput;
  /** Highwire citation_* tags for the page head: [name, content], printed with autoescape. */
  meta: [string, string][];
}

export interface Reuse {
  site: { cite: string; bibtex: string; ldHtml: string; datasetLdHtml: string; image: string; imageAlt: string };
  facts: Record<string, FactReuse>;
  /** The data files and their ZIP (written by the plugin; /data/ shows the ZIP's size). */
  data: DataExport;
  /** What each data file holds: the list the ZIP's README prints too (scripts/lib/data-docs.ts). */
  dataDocs: { files: typeof DATA_DOCS; chartFields: typeof CHART_FIELDS; jsonNote: string; csvNote: string; zip: string };
  /** The citation files each fact page links to (label, file, ext, mime), from the one list. */
  citeFormats: typeof CITE_FORMATS;
}

/** What a fact's own page needs from the whole view (the dev server renders a saved fact with it alone). */
type ReuseFrame = Pick<SiteView, "absBase" | "site" | "rawSources">;

function reuseBase(view: ReuseFrame) {
  const s = view.site;
  const ldSite: LdSite = {
    title: s.title, description: s.description, url: view.absBase, language: s.language ?? "en",
    author: s.author, license: s.license, licenseUrl: s.license_url,
  };
  const siteKey = bibtexKey(view.absBase.replace(/^https?:\/\//, "").split(/[./]/).filter(Boolean).slice(-1)[0] ?? "factsheet");
  const base: Omit<CiteInput, "url" | "key" | "updated"> = { siteTitle: s.title, author: s.author, language: s.language };
  return { ldSite, siteKey, base };
}

/** One fact's re-use record: the same function for the whole view and for one saved fact. */
export function factReuse(view: ReuseFrame, f: FactView, frame = reuseBase(view)): FactReuse {
  const { ldSite, siteKey, base } = frame;
  const abs = makeHref(view.absBase);
  const s = view.site;
  const url = abs(f.url);
  const cite: CiteInput = { ...base, title: f.title, updated: f.updated, precision: f.updatedPrecision, url, key: bibtexKey(siteKey, f.slug) };
  const figures: Record<string, FigureReuse> = Object.create(null);
  for (const g of f.figures) {
    const figUrl = `${url}#fig-${g.id}`;
    figures[g.id] = { url: figUrl, cite: citeText({ ...cite, figureLabel: g.label, url: figUrl }) };
  }
  const image = abs(socialImagePath(f.slug));
  const sources = f.cited.map((id) => view.rawSources.get(id)).filter((x) => x !== undefined).map((x) => ({
    title: x.title, label: x.label, publisher: x.publisher, url: x.url ?? x.archive_url, published: x.published, authors: x.authors,
  }));
  return {
    correctionUrl: correctionUrl(view.site.repository, { title: f.title, page: url }),
    citation: cite, meta: highwireMeta(cite),
    cite: citeText(cite), bibtex: citeBibtex(cite), image, imageAlt: socialAlt(f.title, f.figures[0]?.display, s.title),
    ldHtml: ldScript(articleLd(ldSite, {
      title: f.title, summary: f.summary, url, image, date: f.date, updated: f.updated,
      topics: f.topics.map((t) => t.title), sources,
    })),
    figures,
  };
}

export function reuseView(view: SiteView): Reuse {
  const abs = makeHref(view.absBase);
  const s = view.site;
  const frame = reuseBase(view);
  const { ldSite, siteKey, base } = frame;
  const updated = view.buildDate || new Date(0).toISOString().slice(0, 10);

  const facts: Record<string, FactReuse> = Object.create(null);
  for (const f of view.facts) facts[f.slug] = factReuse(view, f, frame);

  const siteCite: CiteInput = { ...base, updated, url: view.absBase, key: siteKey };
  const downloads = [
    { name: "figures.json", format: "application/json" }, { name: "figures.csv", format: "text/csv" },
    { name: "facts.json", format: "application/json" }, { name: "sources.json", format: "application/json" },
    // One distribution per chart would grow /data/ with the site: only while the charts fit one listing page.
    ...(view.rawCharts.length <= view.pageSizes.charts ? view.rawCharts : []).map((c) => ({ name: `charts/${c.id}.csv`, format: "text/csv" })),
    { name: DATA_ZIP.replace(/^data\//, ""), format: "application/zip" },
  ].map((d) => ({ ...d, url: abs(`/data/${d.name}`) }));
  return {
    site: {
      cite: citeText(siteCite), bibtex: citeBibtex(siteCite),
      image: abs(SOCIAL_SITE_IMAGE), imageAlt: socialAlt(s.title, undefined, s.title),
      ldHtml: ldScript(websiteLd(ldSite)),
      datasetLdHtml: ldScript(datasetLd(ldSite, {
        url: abs("/data/"), updated: view.buildDate, downloads,
        description: `Every figure, fact and source of “${s.title}” as JSON and CSV: ${view.figures.length} figures, ${view.facts.length} facts and ${view.sources.length} sources, each figure with its source, quote and attribution. ${s.description}`,
        keywords: view.topics.map((t) => t.title),
      })),
    },
    facts,
    data: new DataExport(view, citeText(siteCite)),
    dataDocs: { files: DATA_DOCS, chartFields: CHART_FIELDS, jsonNote: JSON_NOTE, csvNote: CSV_NOTE, zip: `/${DATA_ZIP}` },
    citeFormats: CITE_FORMATS,
  };
}

/** The social image's text, for og:image:alt and twitter:image:alt. */
function socialAlt(title: string, figure: string | undefined, siteTitle: string): string {
  return [figure, title === siteTitle ? title : `${title} (${siteTitle})`].filter(Boolean).join(": ");
}
