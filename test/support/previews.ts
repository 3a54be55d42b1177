/**
 * For the previews browser test: what a preview box shows, read from the page, and what
 * it should show, read from the built site's own data files (data/figures.json,
 * data/sources.json), so the checks follow the content instead of naming one fact.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { inPage } from "./browser.ts";

export interface SourceRecord { id: string; title: string | null; label: string | null; publisher: string; published: string | null; url: string | null; archive_url: string | null }
export interface FigureRecord { id: string; label: string; display: string; quote: string | null; attribution: string | null; quote_verified: string | null; source: { id: string } }

export interface SiteData { sources: Map<string, SourceRecord>; figures: Map<string, FigureRecord> }

export function siteData(dir: string): SiteData {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, "data", f), "utf8"));
  return {
    sources: new Map((read("sources.json").sources as SourceRecord[]).map((s) => [s.id, s])),
    figures: new Map((read("figures.json").figures as FigureRecord[]).map((f) => [f.id, f])),
  };
}

export interface Shown {
  open: boolean;
  openCount: number;
  name: string;
  value: string;
  title: string;
  meta: string;
  datetime: string;
  quotes: { href: string; text: string; verified: string; state: string; attribution: string }[];
  more: { text: string; href: string }[];
  rect: { top: number; bottom: number; left: number; right: number };
}

/** Everything a reader sees in the box with this id, and how many boxes are open. */
export const shown = (page: Page, id: string): Promise<Shown> =>
  inPage(page, (id) => {
    const box = document.getElementById(id)!;
    const text = (sel: string) => (box.querySelector(sel)?.textContent ?? "").replace(/\s+/g, " ").trim();
    const r = box.getBoundingClientRect();
    return {
      open: box.matches(":popover-open"),
      openCount: document.querySelectorAll(":popover-open").length,
      name: box.getAttribute("aria-label") ?? "",
      value: text(".pv-value"),
      title: text(".pv-title"),
      meta: text(".pv-meta"),
      datetime: box.querySelector(".pv-meta time")?.getAttribute("datetime") ?? "",
      quotes: Array.from(box.querySelectorAll(".ref-quotes li"), (li) => ({
        href: li.querySelector("a.ref-quote")?.getAttribute("href") ?? "",
        text: (li.querySelector(".ref-quote")?.textContent ?? "").trim(),
        verified: li.querySelector(".ref-quote")?.getAttribute("data-verified") ?? "",
        state: (li.querySelector(".verified")?.textContent ?? "").trim(),
        attribution: (li.querySelector(".attribution")?.textContent ?? "").trim(),
      })),
      more: Array.from(box.querySelectorAll(".pv-more a"), (a) => ({ text: (a.textContent ?? "").trim(), href: a.getAttribute("href") ?? "" })),
      rect: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
    };
  }, id);

const words = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * Problems with a quote link: it must point at the source (or its archived copy) with a
 * text fragment whose first part starts the quote and whose last part ends it.
 */
export function quoteLinkProblems(href: string, quote: string, s: SourceRecord): string[] {
  const problems: string[] = [];
  const at = href.indexOf("#:~:text=");
  if (at < 0) return [`quote link ${href} has no #:~:text= fragment`];
  const base = href.slice(0, at);
  const targets = [s.url, s.archive_url].filter(Boolean).map((u) => u!.split("#")[0]);
  if (!targets.includes(base)) problems.push(`quote link goes to ${base}, not the source's ${targets.join(" or ")}`);
  if (!/^https?:\/\//.test(base)) problems.push(`quote link ${base} is not a web address`);
  const parts = href.slice(at + "#:~:text=".length).split(",").map(decodeURIComponent);
  // The directive may leave out words a page can typeset differently ("full-scale"), so
  // its parts are found in the quote, in order, rather than at its very ends.
  const q = words(quote);
  const first = q.indexOf(parts[0]!);
  const last = q.lastIndexOf(parts[parts.length - 1]!);
  if (first < 0 || last < 0 || last < first) problems.push(`text fragment "${parts.join(",")}" does not match the quote "${q}"`);
  return problems;
}

/** The source's name and date as a preview shows them. */
export function sourceHeadProblems(got: Shown, s: SourceRecord): string[] {
  const problems: string[] = [];
  const name = s.title ?? s.label ?? "";
  if (!got.title.startsWith(words(name))) problems.push(`title "${got.title}", expected "${name}"`);
  if (!got.meta.startsWith(s.publisher)) problems.push(`publisher line "${got.meta}", expected "${s.publisher} · ..."`);
  if (s.published ? got.datetime !== s.published : !/No date/.test(got.meta)) problems.push(`date ${got.datetime || got.meta}, expected ${s.published ?? "'No date on the page'"}`);
  return problems;
}

/** What a citation's box lacks: its source's name and date, quoted words linked at the source, verification, the full reference. */
export function citationProblems(data: SiteData, got: Shown, sourceId: string, n: string): string[] {
  const s = data.sources.get(sourceId)!;
  const problems = sourceHeadProblems(got, s);
  if (got.name !== `Source: ${s.publisher}`) problems.push(`box named "${got.name}"`);
  if (!got.quotes.length) problems.push("no quoted words");
  for (const q of got.quotes) {
    problems.push(...quoteLinkProblems(q.href, q.text.replace(/^“|”$/g, ""), s));
    if (!["found", "not-found", "unchecked"].includes(q.verified) || !q.state) problems.push(`verification state "${q.verified}" / "${q.state}"`);
  }
  if (!got.more.some((m) => m.href === `#ref-${n}`)) problems.push(`no link to the full reference #ref-${n}: ${JSON.stringify(got.more)}`);
  return problems;
}

/** What a figure's box lacks: value and label, its quote, attribution and verification as figures.json has them, its source, the full reference. */
export function figureProblems(data: SiteData, got: Shown, figureId: string, fullRef: (href: string) => boolean): string[] {
  const f = data.figures.get(figureId)!;
  const s = data.sources.get(f.source.id)!;
  const problems = sourceHeadProblems(got, s);
  if (got.value !== `${f.display} ${f.label}`) problems.push(`value and label "${got.value}", expected "${f.display} ${f.label}"`);
  if (got.name !== `Figure: ${f.label}`) problems.push(`box named "${got.name}"`);
  if (f.quote) {
    const q = got.quotes[0];
    if (!q) problems.push("the figure's quote is missing");
    else {
      problems.push(...quoteLinkProblems(q.href, f.quote, s));
      if (q.text !== `“${f.quote}”`) problems.push(`quote "${q.text}", expected "${f.quote}"`);
      if (f.attribution && q.attribution !== `(${f.attribution})`) problems.push(`attribution "${q.attribution}", expected "${f.attribution}"`);
      if (q.verified !== (f.quote_verified ?? "unchecked")) problems.push(`verification ${q.verified}, figures.json says ${f.quote_verified}`);
    }
  }
  if (!got.more.some((m) => m.text.startsWith("Full reference") && fullRef(m.href))) problems.push(`no link to the full reference: ${JSON.stringify(got.more)}`);
  return problems;
}

/** The colours of everything in an open box, to show a box opened without script looks like the one axe checked. */
export const colours = (page: Page, id: string) => inPage(page, (id) => {
  const box = document.getElementById(id)!;
  return [box, ...Array.from(box.querySelectorAll("*"))].map((e) => {
    const css = getComputedStyle(e);
    return `${e.tagName.toLowerCase()}.${e.className}: ${css.color} on ${css.backgroundColor}, border ${css.borderTopColor}`;
  });
}, id);
