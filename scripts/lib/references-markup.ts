/**
 * The References list of a page: each source once, in citation order, with everything
 * a reader needs to check it: title, publisher, authors, date, link, archive link, the
 * quoted words as a text-fragment link, and back-links to every place that cites it.
 */
import { displayUrl, escapeHtml, textFragmentUrl } from "./html.ts";
import { formatDate } from "./units.ts";
import type { Reference } from "./references.ts";
import type { Source } from "./model.ts";
import { sourceName, sourceNameText, LABEL_NOTE } from "./source-name.ts";
import { sourcePath } from "./source-pages.ts";
import type { QuoteCheck, SourceCheck, VerificationLookup } from "./verification.ts";

export interface Quote { text: string; attribution?: string }

const UNCHECKED: QuoteCheck = { state: "unchecked", words: "not yet checked" };

/** A dead source leads with its archived copy, as Wikipedia's url-status=dead does. */
const deadWithCopy = (s: Source, check?: SourceCheck) => Boolean(s.url && check?.state === "dead" && check.archiveUrl);

export function sourceLine(s: Source, href: (p: string) => string, sources: Map<string, Source>, check?: SourceCheck): string {
  const parts: string[] = [];
  const dead = deadWithCopy(s, check);
  // A label is a description, not a headline: its own class, and the marker in words.
  const cls = s.title === undefined ? "ref-title ref-label" : "ref-title";
  const name = escapeHtml(sourceName(s));
  const link = dead ? check!.archiveUrl! : s.url && displayUrl(s.url);
  const title = link
    ? `<a href="${escapeHtml(link)}" class="${cls}">${name}</a>`
    : `<span class="${cls}">${name}</span>`;
  parts.push(title + labelNoteHtml(s)
    + (s.url ? "" : ` <span class="badge badge-warning">no link</span>`));
  parts.push(`<span class="ref-publisher">${escapeHtml(s.publisher)}</span>`);
  if (s.authors?.length) parts.push(escapeHtml(s.authors.join(", ")));
  parts.push(publishedHtml(s));
  let html = parts.join(". ") + ".";
  if (s.url) html += ` <span class="ref-url">${escapeHtml(displayUrl(s.url))}</span>`;
  if (dead) {
    html += ` Archived copy; <a href="${escapeHtml(s.url!)}" class="ref-original">the original address</a> <span class="source-state" data-status="dead">${escapeHtml(check!.words)}</span>.`;
  } else if (check?.archiveUrl) html += ` <a href="${escapeHtml(check.archiveUrl)}" class="ref-archive">Archived copy</a>.`;
  // Dead with no copy known: say so, so nobody mistakes the link for a working one.
  if (!dead && check?.state === "dead") html += ` <span class="source-state" data-status="dead">Link ${escapeHtml(check.words)}; no archived copy known.</span>`;
  if (s.accessed) html += ` Accessed <time datetime="${s.accessed}">${formatDate(s.accessed)}</time>.`;
  if (s.reports_on) {
    const other = sources.get(s.reports_on);
    html += ` Reports on <a href="${escapeHtml(href(sourcePath(sources, s.reports_on)))}">${escapeHtml(other ? `${other.publisher}: ${sourceNameText(other)}` : s.reports_on)}</a>.`;
  }
  return html;
}

/**
 * One quote: a text-fragment link to the words (on the archived copy when that is where
 * they were found, or the source is dead), whether they were found, and who said them.
 */
export function quoteHtml(s: Source, q: Quote, check: QuoteCheck = UNCHECKED, source?: SourceCheck): string {
  const words = `“${escapeHtml(q.text)}”`;
  const archived = (check.where === "archive" || deadWithCopy(s, source)) && source?.archiveUrl;
  const target = archived ? source!.archiveUrl : s.url;
  const state = ` data-verified="${check.state}"`;
  const linked = target ? `<a href="${escapeHtml(textFragmentUrl(target, q.text))}" class="ref-quote"${state}>${words}</a>` : `<span class="ref-quote"${state}>${words}</span>`;
  const said = q.attribution ? ` <span class="attribution">(${escapeHtml(q.attribution)})</span>` : "";
  return `<li>${linked}${said} <span class="verified verified-${check.state}">${escapeHtml(check.words)}</span></li>`;
}

export function referencesHtml(
  refs: Reference[], sources: Map<string, Source>, quotes: Map<string, Quote[]>, href: (p: string) => string,
  verify?: VerificationLookup,
): string {
  if (!refs.length) return "";
  const items = refs.map((r) => {
    const s = sources.get(r.sourceId)!;
    const back = r.backIds.map((id, i) =>
      `<a href="#${id}" role="doc-backlink" aria-label="Back to text, citation ${i + 1} of reference ${r.n}">↩\uFE0E${r.backIds.length > 1 ? `<sup>${i + 1}</sup>` : ""}</a>`).join(" ");
    const qs = quotes.get(r.sourceId) ?? [];
    const check = verify?.source(s.id);
    const quoteList = qs.length ? `<ul class="ref-quotes">${qs.map((q) => quoteHtml(s, q, verify?.quote(s.id, q.text), check)).join("")}</ul>` : "";
    const loc = r.locators.length ? ` <span class="ref-locators">Cited at: ${escapeHtml(r.locators.join("; "))}.</span>` : "";
    return `<li id="ref-${r.n}">${sourceLine(s, href, sources, check ?? { state: "unchecked", words: "", archiveUrl: s.archive_url })}${loc} <a href="${escapeHtml(href(sourcePath(sources, s.id)))}" class="ref-all">All facts citing this source</a> <span class="backlinks">${back}</span>${quoteList}</li>`;
  }).join("\n");
  return `<section class="references" role="doc-bibliography" aria-labelledby="references-title">
<h2 id="references-title">References</h2>
<ol class="references-list">
${items}
</ol>
</section>`;
}

/** After a label (a page with no headline), the marker that says it is a description. */
export function labelNoteHtml(s: Source): string {
  return s.title === undefined ? ` <span class="ref-label-note">${escapeHtml(LABEL_NOTE)}</span>` : "";
}

/** A source's date as a <time>, or the words that say the page shows none. */
export function publishedHtml(s: Source): string {
  return s.published ? `<time datetime="${s.published}">${formatDate(s.published)}</time>` : "No date on the page";
}
