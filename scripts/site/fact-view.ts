/** Everything a fact page shows, rendered once: body, charts, figures, notes, references. */
import type { MarkdownIt } from "markdown-it";
import { renderBody } from "../markdown/index.ts";
import { factPageIds } from "../markdown/lint.ts";
import { PageCiter } from "../lib/citer.ts";
import { chartHtml } from "../lib/chart-markup.ts";
import { sourcePath } from "../lib/source-pages.ts";
import { referencesHtml, type Quote } from "../lib/references-markup.ts";
import { figurePreview, sourcePreview } from "../lib/previews.ts";
import { formatDate, type Precision } from "../lib/units.ts";
import { correctionViews, historyItems, type CorrectionView, type HistoryItem } from "../lib/corrections.ts";
import { verificationLookup, type VerificationLookup } from "../lib/verification.ts";
import type { Content, Fact } from "../lib/model.ts";
import type { Change } from "../lib/content-diff.ts";
import type { Problem } from "../lib/problem.ts";

export interface FigureView {
  id: string; label: string; display: string; citeHtml: string; attribution?: string; asOf?: string;
}

export interface FactView {
  slug: string; url: string; title: string; summary: string; date: string; datePrecision: string; dateDisplay: string;
  status: string; topics: { id: string; title: string }[]; people: { slug: string; name: string }[];
  bodyHtml: string; chartsHtml: string; figures: FigureView[]; notesHtml: string; referencesHtml: string; previewsHtml: string;
  hasCharts: boolean; cited: string[]; figureIds: string[]; chartIds: string[]; updated: string; updatedDisplay: string;
  /** How much of `updated` is known: a git date is a day; the fact's own date has its precision. */
  updatedPrecision: Precision;
  /** The fact's corrections, newest first. */
  corrections: CorrectionView[];
  /** Corrections and dated substantive changes from git, newest first; minor edits counted apart. */
  history: HistoryItem[]; minorEdits: number;
  /** The version to cite: the last substantive change from git, and the file at that commit. */
  version?: { date: string; dateDisplay: string; url?: string };
}

/** What the build knows about a fact from git (scripts/io/git-history.ts). */
export interface FactHistoryInput {
  changes: { date: string; commit?: string; change: Change }[];
  minor: number;
  version?: { commit: string; date: string };
}

/** A link to the file at a commit, for GitHub repositories only (their URL scheme is known). */
function fileAtCommit(repository: string, commit: string, file: string): string | undefined {
  const m = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(repository);
  if (!m || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  return `https://github.com/${m[1]}/${m[2]}/blob/${commit}/${file.split("/").map(encodeURIComponent).join("/")}`;
}

const names = new WeakMap<Content, Map<string, string>>();
/** Person slug -> name, built once per content (a fact page looks names up by slug). */
function peopleNames(content: Content): Map<string, string> {
  let map = names.get(content);
  if (!map) names.set(content, (map = new Map(content.people.map((p) => [p.slug, p.name]))));
  return map;
}

const lookups = new WeakMap<Content, VerificationLookup>();
/** The verification records as a lookup, built once per content. */
function verifyOf(content: Content): VerificationLookup {
  let v = lookups.get(content);
  if (!v) lookups.set(content, (v = verificationLookup(content.sources, content.verification ?? new Map())));
  return v;
}

export function buildFactView(
  fact: Fact, content: Content, md: MarkdownIt, href: (p: string) => string, problems: Problem[], updated?: string, history?: FactHistoryInput,
  abs?: (p: string) => string,
  /** Filled with the figures and charts the page shows, its own and those placed from other facts (the dev server's memo). */
  shown?: { figures: string[]; charts: string[] },
): FactView {
  const citer = new PageCiter();
  const env = {
    file: fact.origin.file, bodyLine: fact.origin.bodyLine, body: fact.body, content, citer, href,
    problems, placedCharts: [] as string[], docId: fact.slug, pageIds: factPageIds(fact), abs, usedFigures: [] as string[],
  };
  const { html, notesHtml } = renderBody(md, env);
  const unplaced = fact.charts.filter((id) => !env.placedCharts.includes(id));
  const chartsHtml = unplaced.map((id) => chartHtml(content.charts.get(id)!, citer, href, 3, { abs, sources: content.sources })).join("\n");
  const figures: FigureView[] = fact.figures.map((id) => {
    const f = content.figures.get(id)!;
    return { id, label: f.label, display: f.display, citeHtml: citer.cite([{ id: f.source }]), attribution: f.attribution, asOf: f.asOf && formatDate(f.asOf) };
  });
  // Quotes known for each source on this page, for text-fragment links in References.
  const quotes = new Map<string, Quote[]>();
  const addQuote = (source: string, text?: string, attribution?: string) => {
    if (!text) return;
    const list = quotes.get(source) ?? [];
    if (!list.some((q) => q.text === text)) list.push({ text, attribution });
    quotes.set(source, list);
  };
  for (const id of fact.figures) { const f = content.figures.get(id)!; addQuote(f.source, f.quote, f.attribution); }
  for (const id of fact.charts) for (const d of content.charts.get(id)!.data) addQuote(d.source, d.quote, d.attribution);
  const refs = citer.refs.list;
  const last = updated ?? fact.date;
  shown?.figures.push(...fact.figures, ...env.usedFigures);
  shown?.charts.push(...fact.charts, ...env.placedCharts);
  const lastPrecision: Precision = updated ? "day" : fact.precision;
  return {
    slug: fact.slug, url: `/facts/${fact.slug}/`, title: fact.title, summary: fact.summary, date: fact.date,
    datePrecision: fact.precision, dateDisplay: formatDate(fact.date, fact.precision), status: fact.status,
    topics: fact.topics.map((id) => ({ id, title: content.topics.get(id)?.title ?? id })),
    people: fact.people.map((slug) => ({ slug, name: peopleNames(content).get(slug) ?? slug })),
    bodyHtml: html, chartsHtml, figures, notesHtml,
    referencesHtml: referencesHtml(refs, content.sources, quotes, href, verifyOf(content)),
    previewsHtml: pagePreviews(citer, env.usedFigures, content, quotes, href),
    hasCharts: fact.charts.length > 0 || env.placedCharts.length > 0,
    cited: refs.map((r) => r.sourceId), figureIds: fact.figures, chartIds: fact.charts, updated: last, updatedDisplay: formatDate(last, lastPrecision), updatedPrecision: lastPrecision,
    corrections: correctionViews(fact.corrections),
    history: historyItems(fact.corrections, history?.changes ?? []), minorEdits: history?.minor ?? 0,
    version: history?.version && {
      date: history.version.date, dateDisplay: formatDate(history.version.date),
      url: fileAtCommit(content.site.repository, history.version.commit, fact.origin.file),
    },
  };
}


/** People and prose pages: a body with the same citations, notes and references. */
export function buildProse(
  origin: Fact["origin"], body: string, docId: string, content: Content, md: MarkdownIt, href: (p: string) => string, problems: Problem[],
) {
  const citer = new PageCiter();
  const env = { file: origin.file, bodyLine: origin.bodyLine, body, content, citer, href, problems, placedCharts: [] as string[], docId, usedFigures: [] as string[] };
  const { html, notesHtml } = renderBody(md, env);
  return { bodyHtml: html, notesHtml, previewsHtml: pagePreviews(citer, env.usedFigures, content, new Map(), href), referencesHtml: referencesHtml(citer.refs.list, content.sources, new Map(), href, verifyOf(content)), hasCharts: env.placedCharts.length > 0 };
}

/**
 * The preview boxes a page's buttons open: one per numbered reference (with the page's
 * quotes of that source) and one per inline figure (scripts/lib/previews.ts).
 */
function pagePreviews(citer: PageCiter, usedFigures: string[], content: Content, quotes: Map<string, Quote[]>, href: (p: string) => string): string {
  const verify = verifyOf(content);
  const number = new Map(citer.refs.list.map((r) => [r.sourceId, r.n]));
  const boxes = citer.refs.list.map((r) =>
    sourcePreview(`pv-ref-${r.n}`, content.sources.get(r.sourceId)!, quotes.get(r.sourceId) ?? [], { href: `#ref-${r.n}`, text: `Full reference ${r.n}` }, verify));
  for (const id of new Set(usedFigures)) {
    const f = content.figures.get(id)!;
    const n = number.get(f.source);
    boxes.push(figurePreview(f, content.sources.get(f.source)!, {
      reference: n ? `#ref-${n}` : href(sourcePath(content.sources, f.source)), figure: href(`/facts/${f.fact}/#fig-${f.id}`),
    }, verify));
  }
  return boxes.length ? `<div class="previews" data-pagefind-ignore>${boxes.join("")}</div>` : "";
}
