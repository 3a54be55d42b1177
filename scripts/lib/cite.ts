/**
 * The citation record (CiteInput) and what every format derives from it, plus the
 * plain-text line readers copy and the BibTeX @misc entry. RIS (ris.ts) and CSL-JSON
 * (csl.ts) read the same record through the helpers here, and cite-formats.ts lists the
 * three, so they cannot disagree on title, date or address. Pure: callers pass absolute
 * URLs and ISO dates. The strings are plain text; templates escape them for HTML.
 */
import { formatDate } from "./units.ts";
import type { Precision } from "./units.ts";

export interface CiteInput {
  /** The site's title (the "website" of the citation). */
  siteTitle: string;
  /** Who wrote it; the site's author field, if any. */
  author?: string;
  /** The cited item's title; absent when citing the site as a whole. */
  title?: string;
  /** A figure's label, when citing one figure of a page. */
  figureLabel?: string;
  /** YYYY-MM-DD of the last change (a month or year is written as its first day). */
  updated: string;
  /** How much of `updated` is known; day when absent. No format may claim more. */
  precision?: Precision;
  /** The site's language (BCP 47), when known. */
  language?: string;
  url: string;
  /** BibTeX key, made safe by bibtexKey. */
  key: string;
}

/**
 * Content may hold line breaks, runs of spaces, control characters (NEL, VT, FF: line
 * breaks to some readers) or lone surrogates (not encodable as UTF-8); every field of
 * every format is one line of well-formed text.
 */
export const oneLine = (s: string) =>
  s.replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => (ch.length === 1 && ch >= "\ud800" ? "\ufffd" : " "))
    .replace(/\s+/g, " ").trim();

/** [2025, 5] -> "2025-05": the parts, zero-padded, joined with `sep`. */
export function isoParts(parts: (number | undefined)[], sep = "-"): string {
  return parts.filter((n) => n !== undefined).map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join(sep);
}

/** What a citation calls the item: the fact (and figure), or the site itself. */
export function citedTitle(c: CiteInput): string {
  const title = c.title ? (c.figureLabel ? `${c.title}: ${c.figureLabel}` : c.title) : c.siteTitle;
  return oneLine(title);
}

/** The known parts of the date: [year], [year, month] or [year, month, day]; [] if unreadable. */
export function dateParts(c: Pick<CiteInput, "updated" | "precision">): number[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.updated);
  if (!m) return [];
  const parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  return parts.slice(0, c.precision === "year" ? 1 : c.precision === "month" ? 2 : 3);
}

/** A period after a title, unless the title already ends a sentence. */
const closed = (s: string) => (/[.?!…]$/.test(s) ? s : `${s}.`);

export function citeText(c: CiteInput): string {
  const parts: string[] = [];
  if (c.author) parts.push(closed(oneLine(c.author)));
  if (c.title) {
    parts.push(`“${closed(oneLine(c.title))}”`);
    if (c.figureLabel) parts.push(`Figure: ${closed(oneLine(c.figureLabel))}`);
    parts.push(closed(oneLine(c.siteTitle)));
  } else {
    parts.push(closed(oneLine(c.siteTitle)));
  }
  parts.push(`Last updated ${formatDate(c.updated, c.precision)}.`);
  parts.push(c.url);
  return parts.join(" ");
}

/**
 * Escapes the ten characters TeX treats specially, so a title like "50% & more {x}"
 * neither breaks the entry's braces nor turns into a comment or macro.
 */
export function escapeBibtex(s: string): string {
  return oneLine(s).replace(/[\\{}$&%#_^~]/g, (ch) => BIBTEX_ESCAPES[ch]!);
}

const BIBTEX_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", $: "\\$", "&": "\\&", "%": "\\%",
  "#": "\\#", _: "\\_", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
};

/** Keys may hold only letters, digits and a few separators in BibTeX and biber. */
export function bibtexKey(...parts: string[]): string {
  return parts.join(":").toLowerCase().replace(/[^a-z0-9:_-]+/g, "-").replace(/^-+|-+$/g, "") || "factsheet";
}

/**
 * `url` is read verbatim by biblatex: only braces, backslashes and whitespace could
 * break the entry, so those are percent-encoded (a URL's own %XX stays as it is).
 * `howpublished = \url{...}` is read by LaTeX, where % and # also need a backslash.
 */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (ch) => "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}
const latexUrl = (url: string) => bibtexUrl(url).replace(/[%#]/g, (ch) => `\\${ch}`);

export function citeBibtex(c: CiteInput): string {
  const [year, month, day] = dateParts(c);
  const title = citedTitle(c);
  const fields: [string, string][] = [];
  // Double braces keep a corporate author from being split into first and last names.
  if (c.author) fields.push(["author", `{${escapeBibtex(c.author)}}`]);
  fields.push(["title", `{${escapeBibtex(title)}}`]);
  if (c.title) fields.push(["organization", escapeBibtex(c.siteTitle)]);
  if (year) fields.push(["year", String(year)]);
  if (month) fields.push(["month", String(month)]);
  fields.push(["url", bibtexUrl(c.url)]);
  fields.push(["howpublished", `\\url{${latexUrl(c.url)}}`]);
  if (year) fields.push(["note", `Last updated ${isoParts([year, month, day])}`]);
  return `@misc{${bibtexKey(c.key)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}\n`;
}
