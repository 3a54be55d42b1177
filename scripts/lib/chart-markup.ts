/**
 * The server-rendered chart: a figure that reads fully without JavaScript (title,
 * table, sources, CSV link) plus a canvas and a JSON island for the client bundle.
 * The table sits in a .table-scroll box so a wide one scrolls inside the figure
 * instead of widening a phone's page; every row holds a citation link, so keyboard
 * users can reach (and so scroll) it without the box needing a tab stop of its own.
 */
import { escapeHtml, jsonForScript } from "./html.ts";
import type { Citer } from "./citer.ts";
import type { Chart } from "./model.ts";
import type { ChartIsland } from "./chart-types.ts";

export function chartIsland(chart: Chart): ChartIsland {
  return {
    id: chart.id, type: chart.type, orientation: chart.orientation, title: chart.title, unit: chart.unit,
    labels: chart.data.map((d) => d.label), values: chart.data.map((d) => d.value), displays: chart.data.map((d) => d.display),
  };
}

/** What a screen reader hears for the canvas: the values in words. */
export function chartLabel(chart: Chart): string {
  return `${chart.title}: ${chart.data.map((d) => `${d.label} ${d.display}`).join(", ")}.`;
}

export function chartHtml(chart: Chart, citer: Citer, href: (path: string) => string, headingLevel = 3): string {
  const id = `chart-${chart.id}`;
  const h = `h${Math.min(6, Math.max(2, headingLevel))}`;
  const rows = chart.data.map((d) =>
    `<tr><th scope="row">${escapeHtml(d.label)}</th><td class="num">${escapeHtml(d.display)}</td><td>${citer.cite([{ id: d.source }])}</td></tr>`).join("");
  const sources = [...new Set(chart.data.map((d) => d.source))];
  return `<figure class="chart chart-${chart.type}" id="${id}" aria-labelledby="${id}--title">
<${h} id="${id}--title" class="chart-title">${escapeHtml(chart.title)}</${h}>
${chart.note ? `<p class="chart-note">${escapeHtml(chart.note)}</p>\n` : ""}<div class="chart-canvas"><canvas role="img" aria-label="${escapeHtml(chartLabel(chart))}"></canvas></div>
<script type="application/json" class="chart-data">${jsonForScript(chartIsland(chart))}</script>
<div class="table-scroll"><table class="chart-table"><caption>Data for “${escapeHtml(chart.title)}”</caption><thead><tr><th scope="col">Item</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table></div>
<figcaption>Sources: ${citer.cite(sources.map((s) => ({ id: s })))} · <a href="${escapeHtml(href(`/data/charts/${chart.id}.csv`))}" download>Download CSV<span class="visually-hidden"> for “${escapeHtml(chart.title)}”</span></a> · <a href="${escapeHtml(href(`/facts/${chart.fact}/#${id}`))}">Link to this chart<span class="visually-hidden">: “${escapeHtml(chart.title)}”</span></a></figcaption>
</figure>`;
}
