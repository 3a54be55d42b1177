/**
 * Bad chart input, end to end through the loader: each case is either a located checker
 * error (rule, line and column pointing at the offending YAML) or renders inertly
 * (text in the HTML, the exact string in the JSON island, one script element).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadContent, type ContentFile } from "../scripts/lib/loader.ts";
import { chartHtml } from "../scripts/lib/chart-markup.ts";
import { PageCiter } from "../scripts/lib/citer.ts";
import { MAX_CHART_POINTS } from "../scripts/lib/chart-types.ts";
import type { Problem } from "../scripts/lib/problem.ts";

const FACT = "content/facts/chart-case.md";

/** A minimal valid site: one source, one topic, and a fact whose charts block the test writes. */
function site(charts: string): ContentFile[] {
  const fact = [
    "---",
    "title: A fact with a chart",
    "summary: A summary.",
    "date: 2025-02-12",
    "status: reported",
    "topics: [deal-terms]",
    "figures:",
    "  share:",
    "    label: A share",
    "    value: 50",
    "    unit: percent",
    "    source: src-a",
    "    quote: \"the words\"",
    "  ask:",
    "    label: An ask",
    "    value: 350000000000",
    "    unit: usd",
    "    approximate: true",
    "    source: src-a",
    "    quote: \"the words\"",
    "  start:",
    "    label: A start date",
    "    value: 2022-02-24",
    "    unit: date",
    "    source: src-a",
    "    quote: \"the words\"",
    "charts:",
    charts.replace(/\n$/, ""),
    "---",
    "Body [@src-a].",
    "",
  ].join("\n");
  return [
    { path: "content/site.yaml", text: "title: T\ndescription: D\nurl: https://example.org\nrepository: https://example.org/repo\nlanguage: en\nlicense: CC BY 4.0\n" },
    { path: "content/sources.yaml", text: "src-a:\n  title: A source\n  publisher: A publisher\n  url: https://example.org/a\n" },
    { path: "content/topics.yaml", text: "deal-terms:\n  title: Deal terms\n  description: Terms.\n" },
    { path: FACT, text: fact },
  ];
}

function load(charts: string) {
  const files = site(charts);
  const { content, problems } = loadContent(files);
  return { content, errors: problems.filter((p) => p.severity === "error"), text: files[3]!.text };
}

/** Line and column (1-based) of the `nth` occurrence of `needle` in `text`. */
function where(text: string, needle: string, nth = 1): string {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the test file`);
  const before = text.slice(0, at).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Exactly one error, with this rule, located at `needle`, its message matching. */
function expectOne(errors: Problem[], text: string, rule: string, needle: string, message: RegExp, nth = 1): void {
  assert.equal(errors.length, 1, errors.map((e) => `${e.line}:${e.column} [${e.rule}] ${e.message}`).join("\n"));
  const e = errors[0]!;
  assert.equal(e.file, FACT);
  assert.equal(e.rule, rule);
  assert.equal(`${e.line}:${e.column}`, where(text, needle, nth), `[${rule}] is located at "${needle}"`);
  assert.match(e.message, message);
}

const datum = (i: number) => `      - { label: "Point ${i}", value: ${i}, unit: count, source: src-a }`;

test("the minimal site loads cleanly, and chart values come out of the one formatter", () => {
  const { content, errors } = load("  c:\n    type: bar\n    title: Ask\n    data:\n      - { label: Ask, figure: ask }\n      - { label: Other, value: -5000000000, unit: usd, source: src-a }\n");
  assert.deepEqual(errors, []);
  const c = content.charts.get("c")!;
  assert.equal(c.unit, "usd");
  assert.deepEqual(c.data.map((d) => [d.value, d.display]), [[350e9, "about $350 billion"], [-5e9, "-$5 billion"]]);
});

test("an unknown chart type is an error at the type's value", () => {
  const { errors, text } = load("  c:\n    type: pie\n    title: T\n    data:\n      - { label: A, figure: share }\n");
  expectOne(errors, text, "invalid-value", "pie", /"charts\.c\.type" must be one of: bar, doughnut, line/);
});

test("a datum naming an unknown figure is an error at that figure id", () => {
  const { errors, text } = load("  c:\n    type: bar\n    title: T\n    data:\n      - { label: A, figure: share }\n      - { label: B, figure: shares }\n");
  expectOne(errors, text, "unknown-figure", "shares", /figure "shares" is not defined in any fact \(did you mean "share"\?\)/);
});

test("a date figure cannot be plotted", () => {
  const { errors, text } = load("  c:\n    type: bar\n    title: T\n    data:\n      - { label: A, figure: start }\n");
  expectOne(errors, text, "chart-value", "start }", /figure "start" is a date; charts plot numbers/);
});

test("mixed units in one chart are an error at its data", () => {
  const { errors, text } = load("  c:\n    type: bar\n    title: T\n    data:\n      - { label: A, figure: share }\n      - { label: B, figure: ask }\n");
  expectOne(errors, text, "mixed-units", "data:", /chart "c" mixes units \(percent, usd\): one chart plots one unit/);
});

test("a chart without data is an error", () => {
  const empty = load("  c:\n    type: bar\n    title: T\n    data: []\n");
  expectOne(empty.errors, empty.text, "invalid-value", "[]", /a chart needs at least one datum/);
  const missing = load("  c:\n    type: bar\n    title: T\n");
  expectOne(missing.errors, missing.text, "missing-key", "c:\n", /"charts\.c\.data" is required/, 1);
});

test(`more than ${MAX_CHART_POINTS} points is an error; exactly ${MAX_CHART_POINTS} is fine`, () => {
  const points = (n: number) => Array.from({ length: n }, (_, i) => datum(i + 1)).join("\n");
  const ok = load(`  c:\n    type: line\n    title: T\n    data:\n${points(MAX_CHART_POINTS)}\n`);
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.content.charts.get("c")!.data.length, MAX_CHART_POINTS);
  const tooMany = load(`  c:\n    type: line\n    title: T\n    data:\n${points(MAX_CHART_POINTS + 1)}\n`);
  expectOne(tooMany.errors, tooMany.text, "invalid-value", "- { label: \"Point 1\"", new RegExp(`a chart has at most ${MAX_CHART_POINTS} points`));
});

for (const bad of [".nan", ".NaN", ".inf", "-.inf", "1e999", '"500"', "500 billion"]) {
  test(`a value of ${bad} is a located error`, () => {
    const { errors, text } = load(`  c:\n    type: bar\n    title: T\n    data:\n      - { label: A, value: ${bad}, unit: count, source: src-a }\n`);
    assert.equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
    const e = errors[0]!;
    assert.equal(e.rule, "invalid-value");
    // Today the datum union reports at the datum that neither shape fits; once the
    // checker reports the branch the author meant, it points at the value and says why.
    if (/finite number|is text, not a number/.test(e.message)) assert.equal(`${e.line}:${e.column}`, where(text, bad));
    else {
      assert.equal(`${e.line}:${e.column}`, where(text, "{ label: A"));
      assert.match(e.message, /"charts\.c\.data\.0" each datum is \{ label, figure \} or \{ label, value, unit, source \}/);
    }
  });
}

test("labels and titles with HTML, </script> and U+2028/U+2029 render as inert text and round-trip in the island", () => {
  const label = "</script><script>alert(1)</script> <b>bold</b> & \u2028line\u2029para";
  const title = "Ask <img src=x onerror=alert(1)> </SCRIPT >";
  // YAML double-quoted strings: \u escapes reach the loader as the characters themselves.
  const yamlString = (s: string) => JSON.stringify(s);
  const { content, errors } = load(`  c:\n    type: bar\n    title: ${yamlString(title)}\n    data:\n      - { label: ${yamlString(label)}, figure: ask }\n      - { label: "raw \u2028 separator", value: 1000000000, unit: usd, source: src-a }\n`);
  assert.deepEqual(errors, []);
  const c = content.charts.get("c")!;
  assert.equal(c.title, title);
  assert.equal(c.data[0]!.label, label);
  const html = chartHtml(c, new PageCiter(), (p) => p);
  assert.equal((html.match(/<script\b/gi) ?? []).length, 1, "exactly one script element: the island");
  assert.equal((html.match(/<\/script/gi) ?? []).length, 1);
  assert.doesNotMatch(html, /<b>|<img/);
  assert.match(html, /<th scope="row">&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;b&gt;bold&lt;\/b&gt; &amp; \u2028line\u2029para<\/th>/);
  const json = /<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  assert.doesNotMatch(json, /[<>\u2028\u2029]/);
  const island = JSON.parse(json) as { title: string; labels: string[]; displays: string[] };
  assert.equal(island.title, title);
  assert.deepEqual(island.labels, [label, "raw \u2028 separator"]);
  assert.deepEqual(island.displays, ["about $350 billion", "$1 billion"]);
});
