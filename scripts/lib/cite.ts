/**
 * Ready-made citations for readers to copy: one plain-text line in a Chicago-like web
 * style and a BibTeX @misc entry. Pure: callers pass absolute URLs and ISO dates.
 * The strings are plain text; templates escape them for HTML like any other text.
 */
import { formatDate } from "./units.ts";

export interface CiteInput {
  /** The site's title (the "website" of the citation). */
  siteTitle: string;
  /** Who wrote it; the site's author field, if any. */
  author?: string;
  /** The cited item's title; absent when citing the site as a whole. */
  title?: string;
  /** A figure's label, when citing one figure of a page. */
  figureLabel?: string;
  /** YYYY-MM-DD of the last change. */
  updated: string;
  url: string;
  /** BibTeX key, made safe by bibtexKey. */
  key: string;
}

/** Content may hold line breaks or runs of spaces; a citation is one line. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

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
  parts.push(`Last updated ${formatDate(c.updated)}.`);
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
  const [year, month] = c.updated.split("-");
  const title = c.title
    ? c.figureLabel ? `${c.title}: ${c.figureLabel}` : c.title
    : c.siteTitle;
  const fields: [string, string][] = [];
  // Double braces keep a corporate author from being split into first and last names.
  if (c.author) fields.push(["author", `{${escapeBibtex(c.author)}}`]);
  fields.push(["title", `{${escapeBibtex(title)}}`]);
  if (c.title) fields.push(["organization", escapeBibtex(c.siteTitle)]);
  if (year && /^\d{4}$/.test(year)) fields.push(["year", year]);
  if (month && /^\d{2}$/.test(month)) fields.push(["month", String(Number(month))]);
  fields.push(["url", bibtexUrl(c.url)]);
  fields.push(["howpublished", `\\url{${latexUrl(c.url)}}`]);
  fields.push(["note", `Last updated ${c.updated.replace(/[^0-9-]/g, "")}`]);
  return `@misc{${bibtexKey(c.key)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}\n`;
}
