/**
 * Highwire Press `citation_*` meta tags for a fact page's <head>, from the same citation
 * record as the downloadable files (cite.ts). Google Scholar's inclusion guidelines name
 * these tags; Zotero's "Embedded Metadata" translator maps citation_title to the title,
 * citation_publication_date to the date, citation_publisher to the publisher,
 * citation_public_url to the URL and citation_language to the language.
 *
 * Not citation_journal_title: Zotero would then force the item type to journal article,
 * which a fact page is not. Not citation_abstract_html_url: that names a separate
 * abstract page, and this page is the full text. Not citation_author: Zotero splits
 * every author into a person's given and family names, which mangles a corporate author.
 * Zotero guesses "journal article" for any page with citation_title (and for
 * og:type=article); DC.type=webpage is the one signal its RDF step ranks above both
 * guesses, so the page is saved as a Web Page with the site as its website title.
 *
 * Values are plain text; the template prints them with autoescape (attribute-safe).
 */
import { citedTitle, dateParts, isoParts, oneLine, type CiteInput } from "./cite.ts";

export function highwireMeta(c: CiteInput): [name: string, content: string][] {
  const parts = dateParts(c);
  const tags: [string, string][] = [["citation_title", citedTitle(c)]];
  // Scholar's form is YYYY/MM/DD; with less known, only the known parts ("2025/05", "2025").
  if (parts.length) tags.push(["citation_publication_date", isoParts(parts, "/")]);
  tags.push(["citation_publisher", oneLine(c.siteTitle)]);
  tags.push(["citation_public_url", c.url]);
  if (c.language) tags.push(["citation_language", oneLine(c.language)]);
  tags.push(["DC.type", "webpage"]);
  return tags;
}
