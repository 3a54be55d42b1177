/**
 * Checks that need the whole site: every reference resolves, ids are unique, charts
 * have one unit. Also resolves each chart's data, since that needs every figure.
 */
import { problem, didYouMean, type Problem } from "./problem.ts";
import { at } from "./issues.ts";
import { formatValue } from "./units.ts";
import type { ChartInput } from "./schema.ts";
import type { Content, Datum } from "./model.ts";

/** Top-level routes a prose page may not take. */
export const RESERVED_SLUGS = new Set(["facts", "people", "topics", "timeline", "sources", "figures", "search", "data", "assets", "feed", "sitemap", "404", "pagefind", "social", "corrections"]);

export function crossCheck(content: Content, pending: Map<string, ChartInput>): Problem[] {
  const out: Problem[] = [];
  const people = new Set(content.people.map((p) => p.slug));
  const { sources, topics, figures, charts, origins } = content;
  const unknownSource = (id: string) => `"${id}" is not in content/sources.yaml${didYouMean(id, sources)}: add the source there or fix the id`;

  for (const fact of content.facts) {
    const o = fact.origin;
    fact.topics.forEach((t, i) => {
      if (!topics.has(t)) out.push(at(o, ["topics", i], "unknown-topic", `"${t}" is not in content/topics.yaml${didYouMean(t, topics)}`));
    });
    fact.people.forEach((p, i) => {
      if (!people.has(p)) out.push(at(o, ["people", i], "unknown-person", `"${p}" has no file content/people/${p}.md${didYouMean(p, people)}`));
    });
    for (const id of fact.figures) {
      const f = figures.get(id)!;
      if (!sources.has(f.source)) out.push(at(o, ["figures", id, "source"], "unknown-source", unknownSource(f.source)));
    }
    for (const id of fact.charts) {
      const chart = charts.get(id)!;
      const input = pending.get(id);
      if (!input) continue;
      const data: Datum[] = [];
      input.data.forEach((d, i) => {
        const path = ["charts", id, "data", i];
        if ("figure" in d) {
          const f = figures.get(d.figure);
          if (!f) { out.push(at(o, [...path, "figure"], "unknown-figure", `figure "${d.figure}" is not defined in any fact${didYouMean(d.figure, figures)}`)); return; }
          if (typeof f.value !== "number") { out.push(at(o, [...path, "figure"], "chart-value", `figure "${d.figure}" is a date; charts plot numbers`)); return; }
          data.push({ label: d.label, value: f.value, unit: f.unit, display: f.display, source: f.source, quote: f.quote, attribution: f.attribution, figure: f.id });
        } else {
          if (!sources.has(d.source)) out.push(at(o, [...path, "source"], "unknown-source", unknownSource(d.source)));
          data.push({ label: d.label, value: d.value, unit: d.unit, display: formatValue(d.value, d.unit), source: d.source, quote: d.quote, attribution: d.attribution });
        }
      });
      const units = [...new Set(data.map((d) => d.unit))];
      if (units.length > 1) out.push(at(o, ["charts", id, "data"], "mixed-units", `chart "${id}" mixes units (${units.join(", ")}): one chart plots one unit; split it into two charts`, "key"));
      if (input.orientation && input.type !== "bar") out.push(at(o, ["charts", id, "orientation"], "invalid-value", `"orientation" applies to bar charts only: remove it`));
      chart.data = data;
      chart.unit = units[0] ?? "count";
    }
  }

  for (const s of sources.values()) {
    // A source in its own file (content/sources/<id>.yaml) is located in that file.
    const own = content.sourceOrigins?.get(s.id);
    const o = own ?? origins.sources;
    const path = own ? [] : [s.id];
    if (s.reports_on && !sources.has(s.reports_on)) out.push(at(o, [...path, "reports_on"], "unknown-source", unknownSource(s.reports_on)));
    if (!s.url) out.push({ ...at(o, path, "source-without-url", `source "${s.id}" has no url, so readers cannot check it: add the address copied from the page, or an archive_url`, "key"), severity: "warning" });
  }
  content.site.key_figures?.forEach((id, i) => {
    if (!figures.has(id)) out.push(at(origins.site, ["key_figures", i], "unknown-figure", `figure "${id}" is not defined in any fact${didYouMean(id, figures)}`));
  });
  content.site.headline_charts?.forEach((id, i) => {
    if (!charts.has(id)) out.push(at(origins.site, ["headline_charts", i], "unknown-chart", `chart "${id}" is not defined in any fact${didYouMean(id, charts)}`));
  });
  for (const page of content.pages) {
    if (RESERVED_SLUGS.has(page.slug)) out.push(problem(page.origin.file, 1, 1, "reserved-slug", `"/${page.slug}/" is a page the generator makes: rename the file`));
  }
  return out;
}
