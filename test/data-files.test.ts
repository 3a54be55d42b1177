/**
 * The data downloads (/data/*.json, /data/*.csv, /data/charts/*.csv) against the content
 * they come from, read independently here with the `yaml` package: every figure once,
 * values equal to the front matter, exactly the fields the /data/ page documents,
 * schema_version, and CSV that is RFC 4180 and safe to open in a spreadsheet. The build
 * is the sample site with hostile strings in one fact, source, topic and chart.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { HOSTILE, REPO, buildSite, makeHostileContent, type Built } from "./support/reuse-site.ts";

type Row = Record<string, unknown>;
let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;
const fm = new Map<string, Row>();
let sources: Record<string, Row> = {};

before(() => {
  content = makeHostileContent();
  const dir = join(REPO, content.rel);
  for (const f of readdirSync(join(dir, "facts"))) {
    const text = readFileSync(join(dir, "facts", f), "utf8");
    fm.set(f.replace(/\.md$/, ""), parseYaml(text.split(/^---$/m)[1]!) as Row);
  }
  sources = parseYaml(readFileSync(join(dir, "sources.yaml"), "utf8")) as Record<string, Row>;
  built = buildSite({ content: content.rel });
});
after(() => { built?.cleanup(); content?.cleanup(); });

const json = (name: string) => JSON.parse(readFileSync(join(built!.out, "data", name), "utf8")) as Row & { schema_version: number };
const text = (name: string) => readFileSync(join(built!.out, "data", name), "utf8");

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else. */
function parseCsv(csv: string): string[][] {
  assert.ok(csv.endsWith("\r\n"), "the last record ends with CRLF");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let cell = "";
    if (csv[i] === '"') {
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        assert.ok(q !== -1, "unterminated quoted field");
        cell += csv.slice(i, q);
        if (csv[q + 1] === '"') { cell += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      const m = /^[^",\r\n]*/.exec(csv.slice(i))![0];
      cell = m;
      i += m.length;
    }
    row.push(cell);
    if (csv[i] === ",") { i++; continue; }
    assert.equal(csv.slice(i, i + 2), "\r\n", `after a field comes "," or CRLF, not ${JSON.stringify(csv.slice(i, i + 5))}`);
    i += 2;
    rows.push(row);
    row = [];
    if (i === csv.length) return rows;
  }
}

/** What a spreadsheet would see: a leading apostrophe guards formula starts. */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const FORMULA = /^[=+\-@\t\r]/;

function csvRecords(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  for (const r of rows) assert.equal(r.length, header!.length, `row ${JSON.stringify(r)} has ${r.length} fields, header has ${header!.length}`);
  for (const r of rows) for (const c of r) assert.ok(!FORMULA.test(c) || /^-?\d+(\.\d+)?$/.test(c), `cell ${JSON.stringify(c)} would run as a formula`);
  return rows.map((r) => Object.fromEntries(header!.map((h, k) => [h, r[k]!])));
}

/** The field names the /data/ page documents for one file, from its <code> elements. */
function documented(file: string): Set<string> {
  const html = readFileSync(join(built!.out, "data", "index.html"), "utf8");
  const dt = html.indexOf(`${file}</a>`);
  assert.ok(dt !== -1, `/data/ does not describe ${file}`);
  const dd = html.slice(html.indexOf("<dd>", dt), html.indexOf("</dd>", dt));
  return new Set([...dd.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]!).filter((c) => !c.includes("*")));
}

test("every JSON file carries schema_version, title and licence", () => {
  for (const f of ["figures.json", "facts.json", "sources.json"]) {
    const j = json(f);
    assert.equal(j.schema_version, 1, f);
    assert.equal(typeof j.title, "string", f);
    assert.ok(j.license, f);
  }
});

test("figures.json and figures.csv hold every figure once, with the front matter's values", () => {
  const figures = json("figures.json").figures as Row[];
  const expected = [...fm].flatMap(([slug, f]) => Object.entries((f.figures ?? {}) as Record<string, Row>).map(([id, g]) => ({ id, slug, g, date: f.date })));
  assert.deepEqual(figures.map((r) => r.id).sort(), expected.map((e) => e.id).sort(), "the same ids, none twice");
  const csv = csvRecords(text("figures.csv"));
  assert.deepEqual(csv.map((r) => r.id).sort(), expected.map((e) => e.id).sort());
  for (const { id, slug, g, date } of expected) {
    const r = figures.find((x) => x.id === id)!;
    const s = sources[g.source as string]!;
    assert.deepEqual(
      { fact: r.fact, label: r.label, value: r.value, unit: r.unit, approximate: r.approximate, date: r.date, quote: r.quote, attribution: r.attribution },
      { fact: slug, label: g.label, value: g.value, unit: g.unit, approximate: g.approximate ?? false, date: g.as_of ?? date, quote: g.quote ?? null, attribution: g.attribution ?? null },
      id);
    assert.deepEqual(r.source, { id: g.source, title: s.title ?? null, label: s.label ?? null, publisher: s.publisher, url: s.url ?? null, published: s.published ?? null }, id);
    assert.match(String(r.url), new RegExp(`^https://[^/]+/.*facts/${slug}/#fig-${id}$`));
    const page = readFileSync(join(built!.out, "facts", slug, "index.html"), "utf8");
    assert.ok(page.includes(`id="fig-${id}"`), `${r.url} lands on no element`);
    const c = csv.find((x) => x.id === id)!;
    const expectCsv = { fact: slug, url: r.url, label: g.label, value: String(g.value), unit: g.unit, display: r.display, approximate: String(g.approximate ?? false), date: String(r.date), source_id: g.source, source_title: s.title ?? "", source_label: s.label ?? "", source_publisher: s.publisher, source_url: s.url ?? "", source_published: s.published ?? "", quote: g.quote ?? "", attribution: g.attribution ?? "" };
    for (const [k, v] of Object.entries(expectCsv)) assert.equal(unguard(c[k]!), v, `${id}.${k} in figures.csv`);
  }
});

test("figures say how precise their dates are: a month-precision date is not the 1st of that month", () => {
  const figures = json("figures.json").figures as Row[];
  const csv = csvRecords(text("figures.csv"));
  let months = 0;
  for (const [slug, f] of fm) {
    for (const [id, g] of Object.entries((f.figures ?? {}) as Record<string, Row>)) {
      const r = figures.find((x) => x.id === id)!;
      const datePrecision = g.as_of ? "day" : (f.date_precision ?? "day");
      const valuePrecision = g.unit === "date" ? (g.date_precision ?? "day") : null;
      assert.equal(r.date_precision, datePrecision, `${slug} ${id} date_precision`);
      assert.equal(r.value_precision, valuePrecision, `${slug} ${id} value_precision`);
      const c = csv.find((x) => x.id === id)!;
      assert.equal(c.date_precision, datePrecision, `${id} date_precision in figures.csv`);
      assert.equal(c.value_precision, valuePrecision ?? "", `${id} value_precision in figures.csv`);
      if (datePrecision === "month" || valuePrecision === "month") months++;
    }
  }
  assert.ok(months > 0, "the sample content has no month-precision figure to check");
});

test("facts.json has every fact once with its front matter", () => {
  const facts = json("facts.json").facts as Row[];
  assert.deepEqual(facts.map((f) => f.slug).sort(), [...fm.keys()].sort());
  for (const f of facts) {
    const m = fm.get(f.slug as string)!;
    assert.deepEqual(
      { title: f.title, summary: f.summary, date: f.date, status: f.status, topics: f.topics, people: f.people, figures: f.figures, charts: f.charts },
      { title: m.title, summary: m.summary, date: m.date, status: m.status, topics: m.topics, people: m.people ?? [], figures: Object.keys(m.figures ?? {}), charts: Object.keys(m.charts ?? {}) },
      String(f.slug));
    assert.match(String(f.updated), /^\d{4}-\d{2}-\d{2}$/);
    assert.ok((f.sources as string[]).every((s) => s in sources), `${f.slug} cites unknown sources`);
  }
});

test("sources.json has every source once, and cited_by agrees with facts.json", () => {
  const list = json("sources.json").sources as Row[];
  assert.deepEqual(list.map((s) => s.id).sort(), Object.keys(sources).sort());
  const facts = json("facts.json").facts as { slug: string; sources: string[] }[];
  for (const s of list) {
    const y = sources[s.id as string]!;
    assert.deepEqual({ title: s.title, label: s.label, publisher: s.publisher, url: s.url, published: s.published, authors: s.authors },
      { title: y.title ?? null, label: y.label ?? null, publisher: y.publisher, url: y.url ?? null, published: y.published ?? null, authors: y.authors ?? [] }, String(s.id));
    assert.deepEqual([...(s.cited_by as string[])].sort(), facts.filter((f) => f.sources.includes(s.id as string)).map((f) => f.slug).sort(), String(s.id));
  }
});

test("each chart's CSV has its data points, values from the front matter", () => {
  const figureValue = new Map([...fm.values()].flatMap((f) => Object.entries((f.figures ?? {}) as Record<string, Row>)));
  const charts = [...fm.values()].flatMap((f) => Object.entries((f.charts ?? {}) as Record<string, { data: Row[] }>));
  assert.ok(charts.length > 0);
  assert.deepEqual(readdirSync(join(built!.out, "data", "charts")).sort(), charts.map(([id]) => `${id}.csv`).sort());
  for (const [id, c] of charts) {
    const rows = csvRecords(text(`charts/${id}.csv`));
    assert.equal(rows.length, c.data.length, id);
    c.data.forEach((d, k) => {
      const g = d.figure ? figureValue.get(d.figure as string)! : d;
      assert.equal(unguard(rows[k]!.label!), d.label, `${id}[${k}].label`);
      assert.equal(rows[k]!.value, String(g.value), `${id}[${k}].value`);
      assert.equal(rows[k]!.unit, g.unit, `${id}[${k}].unit`);
      assert.equal(rows[k]!.source_id, g.source, `${id}[${k}].source_id`);
    });
  }
});

test("the files have exactly the fields the /data/ page documents", () => {
  const fig = (json("figures.json").figures as Row[])[0]!;
  assert.deepEqual(new Set(Object.keys(fig)), documented("figures.json"));
  assert.deepEqual(Object.keys(fig.source as Row), ["id", "title", "label", "publisher", "url", "published"]);
  assert.deepEqual(new Set(Object.keys((json("facts.json").facts as Row[])[0]!)), documented("facts.json"));
  assert.deepEqual(new Set(Object.keys((json("sources.json").sources as Row[])[0]!)), documented("sources.json"));
  const header = parseCsv(text("figures.csv"))[0]!;
  assert.deepEqual(header, [...Object.keys(fig).flatMap((k) => (k === "source" ? ["source_id", "source_title", "source_label", "source_publisher", "source_url", "source_published"] : [k]))]);
  const html = readFileSync(join(built!.out, "data", "index.html"), "utf8");
  const chartDoc = html.slice(html.indexOf("<dt>Charts</dt>"));
  const chartFields = [...chartDoc.slice(0, chartDoc.indexOf("<ul>")).matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]);
  const chartCsv = readdirSync(join(built!.out, "data", "charts"))[0]!;
  assert.deepEqual(parseCsv(text(`charts/${chartCsv}`))[0], chartFields);
});

test("hostile strings come out exact in JSON and guarded, quoted and exact in CSV", () => {
  const r = (json("figures.json").figures as Row[]).find((x) => x.id === HOSTILE.figureId)!;
  assert.equal(r.label, HOSTILE.label);
  assert.equal(r.quote, HOSTILE.quote);
  assert.equal(r.attribution, HOSTILE.attribution);
  assert.equal((r.source as Row).title, HOSTILE.source);
  const f = (json("facts.json").facts as Row[]).find((x) => x.slug === HOSTILE.slug)!;
  assert.equal(f.title, HOSTILE.title);
  assert.equal(f.summary, HOSTILE.summary);
  const raw = text("figures.csv");
  // The formula starts are guarded with an apostrophe inside a quoted field.
  assert.ok(raw.includes(`"'=HYPERLINK(""http://evil.example"") <label> & ""more"""`), "label guarded and quoted");
  assert.ok(raw.includes(`'@SUM(1+1) officials & <co>`), "attribution guarded");
  assert.ok(raw.includes(`"""half"", she said\nnext line <q>"`), "quote with a line break stays one quoted field");
  const c = csvRecords(raw).find((x) => x.id === HOSTILE.figureId)!;
  assert.equal(c.label, `'${HOSTILE.label}`);
  assert.equal(c.quote, HOSTILE.quote);
  const chart = text(`charts/${HOSTILE.chartId}.csv`);
  assert.ok(chart.includes(`"'+1, ""American"" <side>"`), chart);
  assert.ok(existsSync(join(built!.out, "data", "index.html")));
});
