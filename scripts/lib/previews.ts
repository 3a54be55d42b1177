/**
 * Previews without script: each `[n]` and inline figure is a `popovertarget` button that
 * opens a `popover="auto"` box (one open at a time, Escape and outside taps close it, focus
 * returns to the button) with the source, the quoted words as a text-fragment link, who
 * said them, whether a machine check found them, and a link to the full reference. One
 * box per source and per figure on a page, however often they are cited. Next to each
 * button sits a plain link to the reference; CSS shows one of the two, so a browser that
 * has no popover still reaches the reference (site.css, "previews").
 */
import { displayUrl, escapeHtml } from "./html.ts";
import { quoteHtml, labelNoteHtml, publishedHtml, type Quote } from "./references-markup.ts";
import type { Figure, Source } from "./model.ts";
import type { VerificationLookup } from "./verification.ts";
import { sourceName } from "./source-name.ts";

/**
 * The pair: a link (shown where popover is unknown) and the button. `id` marks the place
 * for back-links from the References list.
 */
export function previewControl(o: { target: string; label: string; text: string; href: string; cls?: string; id?: string; role?: string }): string {
  const cls = o.cls ? ` ${o.cls}` : "";
  const label = escapeHtml(o.label);
  return `<span class="pv"${o.id ? ` id="${o.id}"` : ""}><a class="pv-a${cls}" href="${escapeHtml(o.href)}"${o.role ? ` role="${o.role}"` : ""} aria-label="${label}">${o.text}</a>`
    + `<button type="button" class="pv-b${cls}" popovertarget="${o.target}" aria-label="${label}">${o.text}</button></span>`;
}

function sourceHead(s: Source): string {
  // A source may have a label instead of a headline: name it the way References does.
  const name = escapeHtml(sourceName(s));
  const title = (s.url ? `<a href="${escapeHtml(displayUrl(s.url))}">${name}</a>` : name) + labelNoteHtml(s);
  const date = publishedHtml(s);
  return `<p class="pv-title">${title}</p><p class="pv-meta">${escapeHtml(s.publisher)} · ${date}</p>`;
}

function quotesList(s: Source, quotes: Quote[], verify?: VerificationLookup): string {
  if (!quotes.length) return "";
  return `<ul class="ref-quotes">${quotes.map((q) => quoteHtml(s, q, verify?.quote(s.id, q.text), verify?.source(s.id))).join("")}</ul>`;
}

const box = (id: string, label: string, inner: string) =>
  `<div popover id="${id}" class="pv-pop" role="dialog" aria-label="${escapeHtml(label)}">${inner}</div>`;

/** A source's box: title (linked), publisher and date, the page's quotes of it, the full reference. */
export function sourcePreview(id: string, s: Source, quotes: Quote[], full: { href: string; text: string }, verify?: VerificationLookup): string {
  return box(id, `Source: ${s.publisher}`, `${sourceHead(s)}${quotesList(s, quotes, verify)}<p class="pv-more"><a href="${escapeHtml(full.href)}">${escapeHtml(full.text)}</a></p>`);
}

/** A figure's box: value and label, its quote and attribution, its source, links to the reference and the figure. */
export function figurePreview(
  f: Figure, s: Source, links: { reference: string; figure?: string }, verify?: VerificationLookup,
): string {
  const quote = f.quote ? quotesList(s, [{ text: f.quote, attribution: f.attribution }], verify)
    : f.attribution ? `<p>According to ${escapeHtml(f.attribution)}</p>` : "";
  const more = [`<a href="${escapeHtml(links.reference)}">Full reference</a>`];
  if (links.figure) more.push(`<a href="${escapeHtml(links.figure)}">About this figure</a>`);
  return box(`pv-fig-${f.id}`, `Figure: ${f.label}`,
    `<p class="pv-value"><strong>${escapeHtml(f.display)}</strong> ${escapeHtml(f.label)}</p>${quote}${sourceHead(s)}<p class="pv-more">${more.join(" · ")}</p>`);
}

/**
 * The control for a figure: its value as the text, or a publisher's name (figures table,
 * key figures). The accessible name starts with the visible words (WCAG 2.5.3).
 */
export function figureControl(f: Figure, href: string, publisher?: string): string {
  const label = publisher ? `${publisher}: source of “${f.label}”` : `${f.display}: ${f.label}. Show source`;
  return previewControl({ target: `pv-fig-${f.id}`, label, text: escapeHtml(publisher ?? f.display), href, cls: publisher ? "" : "fig" });
}
