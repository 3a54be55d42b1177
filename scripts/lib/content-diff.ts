/**
 * Two loaded versions of content/ in, the changes a reader would notice out: facts
 * added, removed or renamed; a fact's title, summary, date or status; figures added,
 * removed or changed (displayed value, source, quote, attribution, label); chart data;
 * sources' address, title or date; and body wording, kept apart as a minor change.
 * Each change is located in the newer version (the older one when it is gone there).
 * Pure: the caller reads the versions (scripts/io/git-content.ts).
 */
import { at } from "./issues.ts";
import { formatDate } from "./units.ts";
import type { Content, Fact, Figure, Chart, Origin } from "./model.ts";

export type ChangeKind =
  | "fact-added" | "fact-removed" | "fact-renamed" | "fact-changed" | "wording" | "correction-added"
  | "figure-added" | "figure-removed" | "figure-changed"
  | "chart-added" | "chart-removed" | "chart-changed"
  | "source-added" | "source-removed" | "source-changed";

export interface Change {
  kind: ChangeKind;
  file: string;
  line: number;
  column: number;
  /** The fact's slug in the newer version (in the older one when it was removed). */
  fact?: string;
  /** The fact's title (the newer one), for grouping changes under it. */
  title?: string;
  /** For a rename: the old slug. */
  from?: string;
  figure?: string;
  chart?: string;
  source?: string;
  /** Which key changed: title, summary, date, status; value, unit, approximate, source, quote, attribution, label; url, published. */
  field?: string;
  /** What readers saw and now see (displayed values, titles), plain text; absent when there was none. */
  before?: string;
  after?: string;
  /** The figure's label, chart's or source's title: how readers know the thing. */
  name?: string;
  /** Changes what a reader would act on (anything but wording). */
  substantive: boolean;
  /** A published fact's figure value, unit, source, quote, or its status: needs a corrections entry. */
  needsCorrection: boolean;
}

const FACT_FIELDS = ["title", "summary", "date", "status"] as const;
const SOURCE_FIELDS = ["url", "title", "published"] as const;
/** Compared together: any of them changes the displayed value ("about $500 billion"). */
const DISPLAY_FIELDS = ["value", "unit", "approximate", "precision"] as const;
const CORRECTABLE = new Set(["value", "unit", "source", "quote", "status"]);

type Where = { origin: Origin; path: PropertyKey[]; which?: "key" | "value"; title?: string };
function change(kind: ChangeKind, where: Where, rest: Partial<Change>): Change {
  const p = at(where.origin, where.path, "", "", where.which ?? "value");
  const needsCorrection = rest.needsCorrection ?? false;
  return { kind, file: p.file, line: p.line, column: p.column, title: where.title, substantive: kind !== "wording", ...rest, needsCorrection };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

export function diffContent(older: Content, newer: Content): Change[] {
  const out: Change[] = [];
  const oldFacts = new Map(older.facts.map((f) => [f.slug, f]));
  const newFacts = new Map(newer.facts.map((f) => [f.slug, f]));
  const removed = older.facts.filter((f) => !newFacts.has(f.slug));
  const added = newer.facts.filter((f) => !oldFacts.has(f.slug));
  const renamed = matchRenames(removed, added, older, newer);

  for (const fact of newer.facts) {
    const was = oldFacts.get(fact.slug) ?? renamed.get(fact.slug);
    if (!was) {
      out.push(change("fact-added", { origin: fact.origin, path: ["title"], title: fact.title }, { fact: fact.slug, name: fact.title, after: fact.title }));
      continue;
    }
    if (was.slug !== fact.slug) {
      out.push(change("fact-renamed", { origin: fact.origin, path: ["title"], title: fact.title }, { fact: fact.slug, from: was.slug, name: fact.title, before: was.slug, after: fact.slug }));
    }
    out.push(...diffFact(was, fact, older, newer));
  }
  const renamedFrom = new Set([...renamed.values()].map((f) => f.slug));
  for (const fact of removed) {
    if (renamedFrom.has(fact.slug)) continue;
    out.push({ kind: "fact-removed", file: fact.origin.file, line: 1, column: 1, fact: fact.slug, title: fact.title, name: fact.title, before: fact.title, substantive: true, needsCorrection: false });
  }
  out.push(...diffSources(older, newer));
  return out;
}

/** A removed and an added fact are one fact renamed when they share a figure id, or their title or body. */
function matchRenames(removed: Fact[], added: Fact[], older: Content, newer: Content): Map<string, Fact> {
  const out = new Map<string, Fact>();
  const taken = new Set<string>();
  for (const fact of added) {
    const figs = new Set(fact.figures);
    const hit = removed.find((r) => !taken.has(r.slug) && (
      r.figures.some((id) => figs.has(id) && older.figures.get(id)?.fact === r.slug && newer.figures.get(id)?.fact === fact.slug)
      || r.title === fact.title || (normalise(r.body) !== "" && normalise(r.body) === normalise(fact.body))));
    if (hit) { out.set(fact.slug, hit); taken.add(hit.slug); }
  }
  return out;
}

function diffFact(was: Fact, fact: Fact, older: Content, newer: Content): Change[] {
  const out: Change[] = [];
  const o = fact.origin;
  for (const field of FACT_FIELDS) {
    if (was[field] === fact[field] && (field !== "date" || was.precision === fact.precision)) continue;
    const before = field === "date" ? formatDate(was.date, was.precision) : was[field];
    const after = field === "date" ? formatDate(fact.date, fact.precision) : fact[field];
    out.push(change("fact-changed", { origin: o, title: fact.title, path: [field] }, { fact: fact.slug, field, before, after, name: fact.title, needsCorrection: CORRECTABLE.has(field) }));
  }
  const known = new Set(was.corrections.map((c) => `${c.date}\u0000${c.note}`));
  fact.corrections.forEach((c, i) => {
    if (!known.has(`${c.date}\u0000${c.note}`)) out.push(change("correction-added", { origin: o, title: fact.title, path: ["corrections", i, "note"] }, { fact: fact.slug, name: fact.title, field: c.date, after: c.note }));
  });
  const figs = (c: Content, f: Fact) => new Map(f.figures.map((id) => [id, c.figures.get(id)!]));
  const before = figs(older, was);
  const after = figs(newer, fact);
  for (const [id, g] of after) {
    const w = before.get(id);
    if (!w) out.push(change("figure-added", { origin: o, title: fact.title, path: ["figures", id], which: "key" }, { fact: fact.slug, figure: id, name: g.label, after: g.display }));
    else out.push(...diffFigure(w, g, fact, older, newer));
  }
  for (const [id, w] of before) {
    if (!after.has(id)) out.push(change("figure-removed", { origin: o, title: fact.title, path: ["figures"], which: "key" }, { fact: fact.slug, figure: id, name: w.label, before: w.display }));
  }
  const charts = (c: Content, f: Fact) => new Map(f.charts.map((id) => [id, c.charts.get(id)!]));
  const oldCharts = charts(older, was);
  for (const [id, ch] of charts(newer, fact)) {
    const w = oldCharts.get(id);
    if (!w) out.push(change("chart-added", { origin: o, title: fact.title, path: ["charts", id], which: "key" }, { fact: fact.slug, chart: id, name: ch.title }));
    else if (!same(points(w), points(ch)) || w.type !== ch.type) {
      out.push(change("chart-changed", { origin: o, title: fact.title, path: ["charts", id, "data"], which: "key" }, { fact: fact.slug, chart: id, name: ch.title, before: pointsText(w), after: pointsText(ch) }));
    }
    oldCharts.delete(id);
  }
  for (const [id, w] of oldCharts) out.push(change("chart-removed", { origin: o, title: fact.title, path: ["charts"], which: "key" }, { fact: fact.slug, chart: id, name: w.title }));
  if (normalise(was.body) !== normalise(fact.body)) {
    out.push(change("wording", { origin: o, title: fact.title, path: [], which: "key" }, { fact: fact.slug, field: "body", name: fact.title }));
    out[out.length - 1]!.line = Math.max(o.bodyLine, firstDifferentLine(was.body, fact.body) + o.bodyLine - 1);
    out[out.length - 1]!.column = 1;
  }
  return out;
}

function diffFigure(w: Figure, g: Figure, fact: Fact, older: Content, newer: Content): Change[] {
  const out: Change[] = [];
  const path = (k: string) => ["figures", g.id, k === "precision" ? "date_precision" : k];
  const o = fact.origin;
  const base = { fact: fact.slug, figure: g.id, name: g.label };
  const shown = DISPLAY_FIELDS.filter((k) => w[k] !== g[k]);
  if (shown.length) {
    // A removed key has no line: the locator falls back to the nearest key that exists.
    const key = shown.find((k) => k === "value" || k === "unit") ?? shown[0]!;
    out.push(change("figure-changed", { origin: o, title: fact.title, path: path(key) },
      { ...base, field: key, before: w.display, after: g.display, needsCorrection: shown.includes("value") || shown.includes("unit") }));
  }
  if (w.source !== g.source) {
    out.push(change("figure-changed", { origin: o, title: fact.title, path: path("source") }, { ...base, field: "source", before: sourceName(older, w.source), after: sourceName(newer, g.source), needsCorrection: true }));
  }
  for (const k of ["quote", "attribution", "label"] as const) {
    if ((w[k] ?? "") === (g[k] ?? "")) continue;
    out.push(change("figure-changed", { origin: o, title: fact.title, path: path(k) }, { ...base, field: k, before: w[k], after: g[k], needsCorrection: k === "quote" }));
  }
  return out;
}

const points = (c: Chart) => c.data.map((d) => [d.label, d.value, d.unit]);
const pointsText = (c: Chart) => c.data.map((d) => `${d.label}: ${d.display}`).join("; ");
const sourceName = (c: Content, id: string) => c.sources.get(id)?.title ?? id;

function firstDifferentLine(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  let i = 0;
  while (i < y.length && x[i] === y[i]) i++;
  return Math.min(i, Math.max(0, y.length - 1)) + 1;
}

function diffSources(older: Content, newer: Content): Change[] {
  const out: Change[] = [];
  const o = newer.origins.sources;
  for (const [id, s] of newer.sources) {
    const w = older.sources.get(id);
    if (!w) { out.push(change("source-added", { origin: o, path: [id], which: "key" }, { source: id, name: s.title, after: s.url })); continue; }
    for (const field of SOURCE_FIELDS) {
      if ((w[field] ?? "") === (s[field] ?? "")) continue;
      out.push(change("source-changed", { origin: o, path: [id, field] }, { source: id, field, name: s.title, before: w[field], after: s[field] }));
    }
  }
  for (const [id, w] of older.sources) {
    if (!newer.sources.has(id)) out.push({ kind: "source-removed", file: older.origins.sources.file, line: 1, column: 1, source: id, name: w.title, substantive: true, needsCorrection: false });
  }
  return out;
}
