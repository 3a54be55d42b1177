/**
 * The server-rendered chart: a figure that reads fully without JavaScript (title,
 * table, sources, CSV link) plus a canvas and a JSON island for the client bundle.
 * The table sits in a .table-scroll box so a wide one scrolls inside the figure
 * instead of widening a phone's page; every row holds a citation link, so keyboard
 * users can reach (and so scroll) it without the box needing a tab stop of its own.
 */
import { escapeHtml, jsonForScript } from "./html.ts";
import type { Citer } from "./citer.ts";
import type { Chart, Source } from "./model.ts";
import type { ChartIsland } from "./chart-types.ts";

export function chartIsland(chart: Chart, sources?: Map<string, Source>): ChartIsland {
  const island: ChartIsland = {
    id: chart.id, type: chart.type, orientation: chart.orientation, title: chart.title, unit: chart.unit,
    labels: chart.data.map((d) => d.label), values: chart.data.map((d) => d.value), displays: chart.data.map((d) => d.display),
  };
  if (sources) island.sources = [...new Set(chart.data.map((d) => sources.get(d.source)?.publisher ?? d.source))];
  return island;
}

/** What a screen reader hears for the canvas: the values in words. */
export function chartLabel(chart: Chart): string {
  return `${chart.title}: ${chart.data.map((d) => `${d.label} ${d.display}`).join(", ")}.`;
}

export interface ChartHtmlOptions {
  /** The home page folds each table behind a disclosure (it stays in the HTML for screen readers and no-JS). */
  collapseTable?: boolean;
  /** Absolute address maker (the site's public base): with it the figure offers its embed snippet. */
  abs?: (path: string) => string;
  /** The bibliography: with it the island names the publishers (a downloaded PNG's credit line). */
  sources?: Map<string, Source>;
  /** The embed page: the title is the page's h1 and the figure offers no links to itself. */
  standalone?: boolean;
}

export const embedPath = (chartId: string) => `/embed/charts/${chartId}/`;

/**
 * The `<iframe>` a newsroom pastes, plus a listener that sets the frame's height from the
 * embed page's message (scripts/client/embed.ts), accepting only our origin.
 */
export function embedSnippet(chart: Chart, abs: (path: string) => string): string {
  const src = abs(embedPath(chart.id));
  const origin = new URL(src).origin;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(chart.title)}" width="100%" height="480" loading="lazy" style="border:0;width:100%"></iframe>`
    + `<script>addEventListener("message",function(e){var d=e.data;if(e.origin!==${JSON.stringify(origin)}||!d||d.type!=="factsheet-embed-height")return;`
    + `document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.height=d.height})})</script>`;
}

export function chartHtml(chart: Chart, citer: Citer, href: (path: string) => string, headingLevel = 3, opts: ChartHtmlOptions = {}): string {
  const id = `chart-${chart.id}`;
  const h = opts.standalone ? "h1" : `h${Math.min(6, Math.max(2, headingLevel))}`;
  const rows = chart.data.map((d) =>
    `<tr><th scope="row">${escapeHtml(d.label)}</th><td class="num">${escapeHtml(d.display)}</td><td>${citer.cite([{ id: d.source }])}</td></tr>`).join("");
  const sources = [...new Set(chart.data.map((d) => d.source))];
  const title = escapeHtml(chart.title);
  const table = `<div class="table-scroll"><table class="chart-table"><caption>Data for “${title}”</caption><thead><tr><th scope="col">Item</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const embed = opts.abs && !opts.standalone
    ? `<details class="chart-embed"><summary>Embed<span class="visually-hidden"> “${title}”</span></summary><label for="${id}-embed">HTML to paste into your page</label><textarea id="${id}-embed" class="cite-bibtex" readonly rows="4">${escapeHtml(embedSnippet(chart, opts.abs))}</textarea><a href="${escapeHtml(href(embedPath(chart.id)))}">Preview the embedded chart<span class="visually-hidden">: “${title}”</span></a></details>`
    : "";
  return `<figure class="chart chart-${chart.type}" id="${id}" aria-labelledby="${id}--title">
<${h} id="${id}--title" class="chart-title">${title}</${h}>
${chart.note ? `<p class="chart-note">${escapeHtml(chart.note)}</p>\n` : ""}<div class="chart-canvas"><canvas role="img" aria-label="${escapeHtml(chartLabel(chart))}"></canvas></div>
<script type="application/json" class="chart-data">${jsonForScript(chartIsland(chart, opts.sources))}</script>
${opts.collapseTable ? `<details class="chart-data-toggle"><summary>Data table<span class="visually-hidden"> for “${title}”</span></summary>${table}</details>` : table}
<figcaption>Sources: ${citer.cite(sources.map((s) => ({ id: s })))}${opts.standalone ? "" : `<span class="chart-actions"> · <a href="${escapeHtml(href(`/data/charts/${chart.id}.csv`))}" download>Download CSV<span class="visually-hidden"> for “${title}”</span></a> · <a href="${escapeHtml(href(`/facts/${chart.fact}/#${id}`))}">Link to this chart<span class="visually-hidden">: “${title}”</span></a></span>`}${embed}</figcaption>
</figure>`;
}
