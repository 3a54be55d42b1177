/**
 * Charts in the built sample site: markup on the pages that have charts, escaped JSON
 * islands, one CSV per chart matching its data, a bundle that registers only the chart
 * types the site uses, and no JavaScript on pages without charts. Builds content/ under
 * a path prefix into a temporary folder with the real CLI (never into _site/).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as ChartJs from "chart.js";
import { loadSite } from "../scripts/io/load.ts";
import { chartIsland } from "../scripts/lib/chart-markup.ts";
import { CHART_TYPES, type ChartType } from "../scripts/lib/chart-types.ts";
import { parseCsv } from "../scripts/lib/csv.ts";
import { buildConfig, parseIsland, tickLabel, wrapLabel, type Theme } from "../scripts/client/charts.ts";
import type { Chart } from "../scripts/lib/model.ts";
import type { SiteView } from "../scripts/site/site-view.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PREFIX = "/us-ukraine-minerals/";
/** Pages that may load a script without a chart, and the one script each may load. */
// Pages with one small script of their own: search, and the sortable figures table.
const SCRIPT_EXCEPTIONS = new Map([["search/index.html", `${PREFIX}assets/search.js`], ["figures/index.html", `${PREFIX}assets/sort-table.js`]]);
const DATA_TYPES = new Set(["application/json", "application/ld+json"]);

let out = "";
let view: SiteView;
let pages: Map<string, string>;

before(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "charts-integration-"));
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/cli/build.ts"), "--root", ROOT, "--output", out, "--prefix", PREFIX, "--quiet"],
    { cwd: ROOT, env: { ...process.env, FACTSHEET_SOCIAL_IMAGES: "0" }, stdio: "pipe", maxBuffer: 16 * 1024 * 1024 });
  const loaded = loadSite(ROOT, { prefix: PREFIX, git: false });
  assert.ok(loaded.view, "the sample content loads");
  view = loaded.view;
  pages = new Map(walk(out).filter((f) => f.endsWith(".html")).map((f) => [f, fs.readFileSync(path.join(out, f), "utf8")]));
});
after(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

function walk(dir: string, rel = ""): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]);
}

interface ScriptTag { attrs: Map<string, string>; body: string }
function scripts(html: string): ScriptTag[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].map((m) => ({
    attrs: new Map([...m[1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ""])),
    body: m[2]!,
  }));
}
const charts = (): Chart[] => view.rawCharts;
const hasChart = (html: string) => /<figure class="chart\b/.test(html);
const islands = (html: string) => scripts(html).filter((s) => s.attrs.get("class") === "chart-data");

test("every chart is drawn on its fact page; headline charts on the home page; /figures/ links to all", () => {
  assert.ok(charts().length > 0, "the sample site has charts");
  const idsOn = (file: string) => [...pages.get(file)!.matchAll(/<figure class="chart chart-[a-z]+" id="chart-([a-z0-9-]+)"/g)].map((m) => m[1]);
  for (const c of charts()) {
    const file = `facts/${c.fact}/index.html`;
    assert.deepEqual(idsOn(file).filter((id) => id === c.id), [c.id], `${file} shows chart ${c.id} once`);
  }
  assert.deepEqual(idsOn("index.html"), view.site.headline_charts ?? []);
  // The figures page indexes every chart (a link to it and its CSV) without drawing thousands.
  const linked = [...pages.get("figures/index.html")!.matchAll(/href="[^"]*\/facts\/([a-z0-9-]+)\/#chart-([a-z0-9-]+)"/g)].map((m) => `${m[1]}/${m[2]}`);
  assert.deepEqual(linked.sort(), charts().map((c) => `${c.fact}/${c.id}`).sort());
});

test("every JSON island is escaped, parses, and holds exactly its chart's data", () => {
  const byId = new Map(charts().map((c) => [c.id, c]));
  let seen = 0;
  for (const [file, html] of pages) {
    const found = islands(html);
    assert.equal(found.length, (html.match(/<figure class="chart\b/g) ?? []).length, `${file}: one island per chart`);
    for (const s of found) {
      seen++;
      assert.equal(s.attrs.get("type"), "application/json", file);
      assert.doesNotMatch(s.body, /[<>\u2028\u2029]/, `${file}: island text cannot end its element`);
      // An island may also name the chart's sources' publishers, for the PNG's credit line.
      const { sources: names, ...data } = JSON.parse(s.body) as { id: string; sources?: string[] };
      const { sources: _none, ...expected } = chartIsland(byId.get(data.id)!);
      assert.deepEqual(data, expected, `${file}: island for ${data.id}`);
      if (names) assert.ok(names.length > 0 && names.every((n) => typeof n === "string" && n.length > 0), `${file}: source names for ${data.id}`);
    }
  }
  assert.ok(seen >= charts().length);
});

test("every /data/charts/<id>.csv exists, with the header and one row per datum", () => {
  const files = fs.readdirSync(path.join(out, "data/charts")).sort();
  assert.deepEqual(files, charts().map((c) => `${c.id}.csv`).sort());
  for (const c of charts()) {
    const text = fs.readFileSync(path.join(out, "data/charts", `${c.id}.csv`), "utf8");
    assert.match(text, /\r\n$/, `${c.id}.csv ends with CRLF`);
    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, ["label", "value", "unit", "display", "source_id", "source_url"]);
    assert.deepEqual(rows, c.data.map((d) => [d.label, String(d.value), d.unit, d.display, d.source, view.rawSources.get(d.source)?.url ?? ""]), c.id);
    for (const row of rows) assert.ok(Number.isFinite(Number(row[1])), `${c.id}: value "${row[1]}" reads as a number`);
  }
});

test("each chart links to its CSV and its anchor, and both resolve in the build", () => {
  for (const [file, html] of pages) {
    if (!hasChart(html)) continue;
    for (const m of html.matchAll(/<a href="([^"]+\.csv)" download>/g)) {
      assert.ok(m[1]!.startsWith(`${PREFIX}data/charts/`), `${file}: ${m[1]}`);
      assert.ok(fs.existsSync(path.join(out, m[1]!.slice(PREFIX.length))), `${file}: ${m[1]} exists`);
    }
    for (const m of html.matchAll(/<a href="([^"#]+)#(chart-[a-z0-9-]+)">Link to this chart/g)) {
      const target = pages.get(`${m[1]!.slice(PREFIX.length)}index.html`);
      assert.ok(target?.includes(`id="${m[2]}"`), `${file}: ${m[1]}#${m[2]} exists`);
    }
  }
});

test("pages with charts load the one chart bundle, deferred as a module; pages without load no JavaScript", () => {
  let withCharts = 0;
  let without = 0;
  for (const [file, html] of pages) {
    const code = scripts(html).filter((s) => !DATA_TYPES.has(s.attrs.get("type") ?? ""));
    // Data blocks (chart islands, JSON-LD) never carry src, so they never run anything.
    for (const s of scripts(html)) if (DATA_TYPES.has(s.attrs.get("type") ?? "")) assert.ok(!s.attrs.has("src"), file);
    for (const s of code) assert.equal(s.body.trim(), "", `${file}: no inline script`);
    const srcs = code.map((s) => `${s.attrs.get("type")} ${s.attrs.get("src") ?? "(inline)"}`);
    if (hasChart(html)) {
      withCharts++;
      // An embed page also loads embed.js, which tells the host page its height.
      assert.deepEqual(srcs, file.startsWith("embed/") ? [`module ${PREFIX}assets/charts.js`, `module ${PREFIX}assets/embed.js`] : [`module ${PREFIX}assets/charts.js`], file);
    } else if (SCRIPT_EXCEPTIONS.has(file)) {
      assert.deepEqual(srcs, [`module ${SCRIPT_EXCEPTIONS.get(file)}`], file);
      assert.doesNotMatch(html, /charts\.js/, file);
    } else {
      without++;
      assert.deepEqual(srcs, [], `${file} has no chart and must load no JavaScript`);
      assert.doesNotMatch(html, /<script\b[^>]*\ssrc=/i, file);
    }
  }
  assert.ok(withCharts >= 3 && without >= 10, `${withCharts} pages with charts, ${without} without`);
});

test("the chart bundle registers controllers for the site's chart types and no others", () => {
  const js = fs.readFileSync(path.join(out, "assets/charts.js"), "utf8");
  const used = new Set<ChartType>(charts().map((c) => c.type));
  assert.deepEqual([...used].sort(), [...view.chartTypes].sort());
  const exported = ChartJs as unknown as Record<string, { id: string }>;
  // A component's registry id as esbuild writes it: `X.id = "bar"` or `"id", "bar"`.
  const registered = (id: string) => new RegExp(`["']?id["']?\\s*[,=:]\\s*["']${id}["']`).test(js);
  for (const [type, spec] of Object.entries(CHART_TYPES) as [ChartType, (typeof CHART_TYPES)[ChartType]][]) {
    for (const name of spec.controllers) {
      assert.equal(registered(exported[name]!.id), used.has(type), `${name} ("${exported[name]!.id}") is in the bundle iff a ${type} chart exists`);
    }
  }
  assert.doesNotMatch(js, /sourceMappingURL|\brequire\(/);
});

test("the client reads each built island back and configures a chart that fits a phone", () => {
  const theme: Theme = { series: ["#111111", "#222222"], text: "#e6edf3", grid: "#30363d", surface: "#0f1419", font: "serif" };
  const html = pages.get("figures/index.html")!;
  for (const s of islands(html)) {
    const island = parseIsland(s.body)!;
    assert.deepEqual(island, JSON.parse(s.body));
    const config = buildConfig(island, theme);
    assert.deepEqual(config.data.labels, island.labels);
    const options = config.options as Record<string, any>;
    // Tooltip and legend colours come from the stylesheet's variables, not Chart.js defaults.
    assert.equal(options.plugins.tooltip.backgroundColor, theme.text);
    assert.equal(options.plugins.tooltip.bodyColor, theme.surface);
    assert.equal(options.plugins.legend.display, island.type === "doughnut");
    if (island.type === "doughnut") continue;
    const horizontal = island.orientation === "horizontal";
    const category = options.scales[horizontal ? "y" : "x"].ticks;
    const value = options.scales[horizontal ? "x" : "y"].ticks;
    assert.equal(value.maxRotation, 0);
    assert.equal(category.maxRotation, 0);
    // At phone width (a 324 px canvas) every label fits its share of the chart.
    const phone = { chart: { width: 324, height: 240 } };
    island.labels.forEach((label, i) => {
      const lines = ([] as string[]).concat(category.callback.call(phone, i));
      const longestWord = Math.max(...label.split(" ").map((w) => w.length));
      for (const line of lines) assert.ok(line.length <= Math.max(20, longestWord + 2), `${island.id}: "${line}" is short enough`);
      const text = lines.join(" ").replace(/ …$/, "");
      assert.ok(label.startsWith(text), `${island.id}: the lines are the label's own words, in order`);
    });
    assert.ok(value.callback(Math.max(...island.values)).length <= 8, `${island.id}: short value ticks`);
  }
});

test("labels wrap on spaces and axis ticks are short", () => {
  assert.deepEqual(wrapLabel("Minerals Trump said he wanted (Fox News, February 2025)"), ["Minerals Trump", "said he wanted", "(Fox News,", "February 2025)"]);
  assert.deepEqual(wrapLabel("Minerals Trump said he wanted (Fox News, February 2025)", 18, 2), ["Minerals Trump", "said he wanted …"]);
  assert.equal(wrapLabel("Europe"), "Europe");
  assert.deepEqual(wrapLabel("Supercalifragilistic word", 10), ["Supercalifragilistic", "word"]);
  assert.deepEqual([tickLabel(0, "usd"), tickLabel(5e12, "usd"), tickLabel(1.5e11, "eur"), tickLabel(-2e9, "uah")], ["$0", "$5tn", "€150bn", "-₴2bn"]);
  assert.deepEqual([tickLabel(40, "percent"), tickLabel(2500, "count"), tickLabel(3e6, "tonnes")], ["40%", "2,500", "3m t"]);
});
