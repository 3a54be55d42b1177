/**
 * The citation record (cite.ts) as CSL-JSON: the item format of the Citation Style
 * Language that Zotero, Mendeley, Pandoc and citeproc read. A file holds an array of
 * items; ours holds one. `issued.date-parts` carries only the parts that are known, so a
 * month-precision date never reads as the 1st of that month. No `accessed`: only the
 * reader knows when they accessed the page (see ris.ts).
 */
import { bibtexKey, citedTitle, dateParts, oneLine, type CiteInput } from "./cite.ts";

export interface CslItem {
  id: string;
  type: "webpage" | "dataset";
  title: string;
  "container-title"?: string;
  publisher: string;
  author?: { literal: string }[];
  issued?: { "date-parts": number[][] };
  language?: string;
  URL: string;
}

export function cslItem(c: CiteInput, type: CslItem["type"] = "webpage"): CslItem {
  const parts = dateParts(c);
  // The same key as the BibTeX entry, so a library holding both sees one item.
  const item: CslItem = { id: bibtexKey(c.key), type, title: citedTitle(c) } as CslItem;
  if (c.title) item["container-title"] = oneLine(c.siteTitle);
  item.publisher = oneLine(c.siteTitle);
  // `literal`: a corporate name, never split into family and given names.
  if (c.author) item.author = [{ literal: oneLine(c.author) }];
  if (parts.length) item.issued = { "date-parts": [parts] };
  if (c.language) item.language = oneLine(c.language);
  item.URL = c.url;
  return item;
}

/** JSON.stringify escapes every quote, backslash and control character of the content. */
export function citeCsl(c: CiteInput): string {
  return JSON.stringify([cslItem(c)], null, 2) + "\n";
}
