/**
 * The References list of a page: each source once, in citation order, with everything
 * a reader needs to check it: title, publisher, authors, date, link, archive link, the
 * quoted words as a text-fragment link, and back-links to every place that cites it.
 */
import { displayUrl, escapeHtml, textFragmentUrl } from "./html.ts";
import { formatDate } from "./units.ts";
import type { Reference } from "./references.ts";
import type { Source } from "./model.ts";

export interface Quote { text: string; attribution?: string }

export function sourceLine(s: Source, href: (p: string) => string, sources?: Map<string, Source>): string {
  const parts: string[] = [];
  const title = s.url
    ? `<a href="${escapeHtml(displayUrl(s.url))}" class="ref-title">${escapeHtml(s.title)}</a>`
    : `<span class="ref-title">${escapeHtml(s.title)}</span> <span class="badge badge-warning">no link</span>`;
  parts.push(title);
  parts.push(`<span class="ref-publisher">${escapeHtml(s.publisher)}</span>`);
  if (s.authors?.length) parts.push(escapeHtml(s.authors.join(", ")));
  parts.push(s.published ? `<time datetime="${s.published}">${formatDate(s.published)}</time>` : "date not shown");
  let html = parts.join(". ") + ".";
  if (s.url) html += ` <span class="ref-url">${escapeHtml(displayUrl(s.url))}</span>`;
  if (s.archive_url) html += ` <a href="${escapeHtml(s.archive_url)}" class="ref-archive">Archived copy</a>.`;
  if (s.accessed) html += ` Accessed <time datetime="${s.accessed}">${formatDate(s.accessed)}</time>.`;
  if (s.reports_on) {
    const other = sources?.get(s.reports_on);
    html += ` Reports on <a href="${escapeHtml(href(`/sources/#src-${s.reports_on}`))}">${escapeHtml(other ? `${other.publisher}: ${other.title}` : s.reports_on)}</a>.`;
  }
  return html;
}

export function quoteHtml(s: Source, q: Quote): string {
  const words = `“${escapeHtml(q.text)}”`;
  const linked = s.url ? `<a href="${escapeHtml(textFragmentUrl(s.url, q.text))}" class="ref-quote">${words}</a>` : words;
  return `<li>${linked}${q.attribution ? ` <span class="attribution">(${escapeHtml(q.attribution)})</span>` : ""}</li>`;
}

export function referencesHtml(
  refs: Reference[], sources: Map<string, Source>, quotes: Map<string, Quote[]>, href: (p: string) => string,
): string {
  if (!refs.length) return "";
  const items = refs.map((r) => {
    const s = sources.get(r.sourceId)!;
    const back = r.backIds.map((id, i) =>
      `<a href="#${id}" role="doc-backlink" aria-label="Back to text, citation ${i + 1} of reference ${r.n}">↩\uFE0E${r.backIds.length > 1 ? `<sup>${i + 1}</sup>` : ""}</a>`).join(" ");
    const qs = quotes.get(r.sourceId) ?? [];
    const quoteList = qs.length ? `<ul class="ref-quotes">${qs.map((q) => quoteHtml(s, q)).join("")}</ul>` : "";
    const loc = r.locators.length ? ` <span class="ref-locators">Cited at: ${escapeHtml(r.locators.join("; "))}.</span>` : "";
    return `<li id="ref-${r.n}">${sourceLine(s, href, sources)}${loc} <a href="${escapeHtml(href(`/sources/#src-${s.id}`))}" class="ref-all">All facts citing this source</a> <span class="backlinks">${back}</span>${quoteList}</li>`;
  }).join("\n");
  return `<section class="references" role="doc-bibliography" aria-labelledby="references-title">
<h2 id="references-title">References</h2>
<ol class="references-list">
${items}
</ol>
</section>`;
}
