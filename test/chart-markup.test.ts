/** The server half of a chart: the figure that reads without JavaScript, and the JSON island the client draws from. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { chartHtml, chartIsland, chartLabel, embedSnippet } from "../scripts/lib/chart-markup.ts";
import { PageCiter, SiteCiter } from "../scripts/lib/citer.ts";
import { formatValue, type Unit } from "../scripts/lib/units.ts";
import type { Chart, Datum, Source } from "../scripts/lib/model.ts";

const href = (p: string) => `/prefix${p}`;

function datum(label: string, value: number, unit: Unit, source: string, approximate = false): Datum {
  return { label, value, unit, source, display: formatValue(value, unit, { approximate }) };
}

function chart(over: Partial<Chart> = {}): Chart {
  return {
    id: "ask-vs-aid", fact: "trump-asks", type: "bar", orientation: "horizontal", unit: "usd",
    title: "Trump's ask beside US military aid",
    data: [
      datum("Minerals Trump said he wanted", 500e9, "usd", "kyivpost"),
      datum("US military aid since 2022", 65.9e9, "usd", "moscowtimes"),
      datum("In occupied territory", 350e9, "usd", "kyivpost", true),
    ],
    ...over,
  };
}

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
/** Text of every `<tag ...>...</tag>` whose opening tag matches `attrs`, tags stripped, entities decoded. */
function texts(html: string, tag: string, attrs = ""): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*${attrs}[^>]*>([\\s\\S]*?)</${tag}>`, "g");
  return [...html.matchAll(re)].map((m) => decode(m[1]!.replace(/<[^>]*>/g, "")));
}
function attr(html: string, tag: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`, "g"))].map((m) => decode(m[1]!));
}
const island = (html: string) => /<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!;

test("chartIsland carries exactly what the client draws, displays pre-formatted", () => {
  assert.deepEqual(chartIsland(chart()), {
    id: "ask-vs-aid", type: "bar", orientation: "horizontal", title: "Trump's ask beside US military aid", unit: "usd",
    labels: ["Minerals Trump said he wanted", "US military aid since 2022", "In occupied territory"],
    values: [500e9, 65.9e9, 350e9],
    displays: ["$500 billion", "$65.9 billion", "about $350 billion"],
  });
});

test("chartLabel states every value in words, as the table does", () => {
  assert.equal(chartLabel(chart()),
    "Trump's ask beside US military aid: Minerals Trump said he wanted $500 billion, US military aid since 2022 $65.9 billion, In occupied territory about $350 billion.");
  const pct = chart({ type: "doughnut", unit: "percent", title: "Split", data: [datum("US", 50, "percent", "p"), datum("Ukraine", 50, "percent", "p")] });
  assert.equal(chartLabel(pct), "Split: US 50%, Ukraine 50%.");
});

test("the figure has an id, a titled heading, and a canvas that reads as an image of the values", () => {
  const c = chart();
  const html = chartHtml(c, new PageCiter(), href);
  assert.match(html, /^<figure class="chart chart-bar" id="chart-ask-vs-aid" aria-labelledby="chart-ask-vs-aid--title">/);
  assert.match(html, /<\/figure>$/);
  assert.deepEqual(texts(html, "h3", 'id="chart-ask-vs-aid--title"'), [c.title]);
  // Heading level follows the page's outline, kept within h2..h6.
  assert.match(chartHtml(c, new PageCiter(), href, 2), /<h2 id="chart-ask-vs-aid--title" class="chart-title">/);
  assert.match(chartHtml(c, new PageCiter(), href, 1), /<h2 id=/);
  assert.match(chartHtml(c, new PageCiter(), href, 9), /<h6 id=/);
  assert.equal((html.match(/<canvas\b/g) ?? []).length, 1);
  assert.match(html, /<canvas role="img" aria-label="[^"]+">/);
  const label = attr(html, "canvas", "aria-label")[0]!;
  assert.equal(label, chartLabel(c));
  for (const d of c.data) assert.ok(label.includes(`${d.label} ${d.display}`), d.label);
  assert.doesNotMatch(html, /<p class="chart-note">/);
  assert.match(chartHtml(chart({ note: "Different measures & <sources>" }), new PageCiter(), href),
    /<p class="chart-note">Different measures &amp; &lt;sources&gt;<\/p>/);
});

test("the same numbers are a real table: caption, column and row headers, formatter's values", () => {
  const c = chart();
  const html = chartHtml(c, new PageCiter(), href);
  assert.match(html, /<div class="table-scroll"><table class="chart-table">/);
  assert.deepEqual(texts(html, "caption"), [`Data for “${c.title}”`]);
  assert.deepEqual(texts(html, "th", 'scope="col"'), ["Item", "Value", "Source"]);
  assert.deepEqual(texts(html, "th", 'scope="row"'), c.data.map((d) => d.label));
  assert.deepEqual(texts(html, "td", 'class="num"'), ["$500 billion", "$65.9 billion", "about $350 billion"]);
  assert.deepEqual(texts(html, "td", 'class="num"'), c.data.map((d) => formatValue(d.value, d.unit, { approximate: d.display.startsWith("about") })));
  assert.equal((html.match(/<tr>/g) ?? []).length, c.data.length + 1);
});

test("on a fact page each row and the caption cite through the page's numbered references", () => {
  const citer = new PageCiter();
  const html = chartHtml(chart(), citer, href);
  // Sources numbered in order of first citation; the figcaption cites each source once.
  assert.deepEqual(citer.refs.list.map((r) => [r.n, r.sourceId]), [[1, "kyivpost"], [2, "moscowtimes"]]);
  const rows = [...html.matchAll(/<tr><th scope="row">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  assert.deepEqual(rows.map((r) => /href="#ref-(\d+)"/.exec(r)?.[1]), ["1", "2", "1"]);
  const caption = /<figcaption>([\s\S]*?)<\/figcaption>/.exec(html)![1]!;
  assert.deepEqual([...caption.matchAll(/href="#ref-(\d+)"/g)].map((m) => m[1]), ["1", "2"]);
  assert.match(caption, /^Sources: <sup class="cite">/);
  // Every back-link id on the page is unique, so each citation can be returned to.
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
});

test("elsewhere the citations link to the bibliography, under the path prefix", () => {
  const sources = new Map<string, Source>([
    ["kyivpost", { id: "kyivpost", title: "T", publisher: "Kyiv Post" }],
    ["moscowtimes", { id: "moscowtimes", title: "T", publisher: "The Moscow Times" }],
  ]);
  const html = chartHtml(chart(), new SiteCiter(sources, href), href);
  assert.deepEqual(attr(html, "a", "href").filter((h) => h.includes("/sources/")),
    ["/prefix/sources/#src-kyivpost", "/prefix/sources/#src-moscowtimes", "/prefix/sources/#src-kyivpost",
      "/prefix/sources/#src-kyivpost", "/prefix/sources/#src-moscowtimes"]);
  assert.ok(texts(html, "a").includes("The Moscow Times"));
});

test("the figcaption links to the chart's CSV and to the chart's own anchor", () => {
  const html = chartHtml(chart(), new PageCiter(), href);
  assert.match(html, /<a href="\/prefix\/data\/charts\/ask-vs-aid\.csv" download>Download CSV<span class="visually-hidden"> for “Trump&#39;s ask beside US military aid”<\/span><\/a>/);
  assert.match(html, /<a href="\/prefix\/facts\/trump-asks\/#chart-ask-vs-aid">Link to this chart/);
});

test("hostile titles and labels are text in HTML and exact in the JSON island", () => {
  const evil = "</script><script>alert(1)</script><!-- &amp; \"q\" 'a' \u2028\u2029 <b>x</b>";
  const c = chart({ title: `Title ${evil}`, note: evil, data: [datum(evil, 1, "count", "s"), datum("<img src=x onerror=alert(1)>", 2, "count", "s")] });
  const html = chartHtml(c, new PageCiter(), href);
  // One script element in the whole figure: the island. No markup from content survives.
  assert.equal((html.match(/<script/gi) ?? []).length, 1);
  assert.equal((html.match(/<\/script/gi) ?? []).length, 1);
  assert.doesNotMatch(html, /<b>|<img|<!--/);
  assert.deepEqual(texts(html, "th", 'scope="row"'), [evil, "<img src=x onerror=alert(1)>"]);
  assert.deepEqual(texts(html, "h3"), [c.title]);
  assert.equal(attr(html, "canvas", "aria-label")[0], chartLabel(c));
  const json = island(html);
  assert.doesNotMatch(json, /[<>\u2028\u2029]/);
  const parsed = JSON.parse(json) as { title: string; labels: string[] };
  assert.equal(parsed.title, c.title);
  assert.deepEqual(parsed.labels, [evil, "<img src=x onerror=alert(1)>"]);
  assert.deepEqual(JSON.parse(json), chartIsland(c));
});

const abs = (p: string) => `https://news.example/site${p}`;

test("with the public base the figure offers its embed snippet, escaped, and a link to the embed page", () => {
  const c = chart({ title: `Ask "&" <aid>` });
  const html = chartHtml(c, new PageCiter(), href, 3, { abs });
  const field = /<textarea id="chart-ask-vs-aid-embed" class="cite-bibtex" readonly rows="4">([\s\S]*?)<\/textarea>/.exec(html);
  assert.ok(field, "no read-only field holds the snippet");
  // The field's text decodes to exactly the snippet; the title is an escaped attribute inside it.
  assert.equal(decode(field[1]!), embedSnippet(c, abs));
  assert.match(embedSnippet(c, abs), /^<iframe src="https:\/\/news\.example\/site\/embed\/charts\/ask-vs-aid\/" title="Ask &quot;&amp;&quot; &lt;aid&gt;"/);
  // The listener only believes messages from the site's own origin.
  assert.match(embedSnippet(c, abs), /e\.origin!=="https:\/\/news\.example"/);
  assert.match(html, /<a href="\/prefix\/embed\/charts\/ask-vs-aid\/">Preview the embedded chart/);
  assert.doesNotMatch(chartHtml(c, new PageCiter(), href), /chart-embed/, "no snippet without a public base");
});

test("the home page folds the table behind a disclosure; the embed page has an h1 and no self-links", () => {
  const folded = chartHtml(chart(), new PageCiter(), href, 3, { collapseTable: true });
  assert.match(folded, /<details class="chart-data-toggle"><summary>Data table<span class="visually-hidden"> for “[^”]+”<\/span><\/summary><div class="table-scroll"><table class="chart-table">/);
  const alone = chartHtml(chart(), new PageCiter(), href, 3, { standalone: true, abs });
  assert.match(alone, /<h1 id="chart-ask-vs-aid--title" class="chart-title">/);
  assert.doesNotMatch(alone, /Download CSV|Link to this chart|chart-embed/);
});

test("given the bibliography, the island names each publisher once, for a PNG's credit line", () => {
  const sources = new Map<string, Source>([
    ["kyivpost", { id: "kyivpost", title: "T", publisher: "Kyiv Post" }],
    ["moscowtimes", { id: "moscowtimes", title: "T", publisher: "The Moscow Times" }],
  ]);
  assert.deepEqual(chartIsland(chart(), sources).sources, ["Kyiv Post", "The Moscow Times"]);
  assert.deepEqual(JSON.parse(island(chartHtml(chart(), new PageCiter(), href, 3, { sources }))).sources, ["Kyiv Post", "The Moscow Times"]);
});
