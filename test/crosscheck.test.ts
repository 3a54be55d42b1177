import { test } from "node:test";
import assert from "node:assert/strict";
import { loadWith, fact } from "./support/content.ts";

test("the fixture site loads without errors", () => {
  const { lines, content } = loadWith();
  assert.deepEqual(lines, []);
  assert.equal(content.facts.length, 2);
  assert.equal(content.charts.get("ownership-split")?.data.length, 2);
  assert.equal(content.figures.get("trump-ask")?.display, "about $500 billion");
});

const fig = (id: string, source = "politico-2025-02-15", unit = "percent", value = "50") =>
  `figures:\n  ${id}:\n    label: l\n    value: ${value}\n    unit: ${unit}\n    source: ${source}\n`;

// [case, files, the expected line prefix]
const rows: [string, Record<string, string | null>, string][] = [
  ["unknown topic", { "content/facts/x.md": fact("").replace("topics: [deal-terms]", "topics: [deal-term]") },
    'content/facts/x.md:6:10  error  [unknown-topic]  "deal-term" is not in content/topics.yaml (did you mean "deal-terms"?)'],
  ["unknown person", { "content/facts/x.md": fact("people: [scott-besent]\n") },
    'content/facts/x.md:7:10  error  [unknown-person]  "scott-besent" has no file content/people/scott-besent.md (did you mean "scott-bessent"?)'],
  ["unknown figure source", { "content/facts/x.md": fact(fig("f", "politico-2025")) },
    'content/facts/x.md:12:13  error  [unknown-source]  "politico-2025" is not in content/sources.yaml (did you mean "politico-2025-02-15"?)'],
  ["unknown body citation", { "content/facts/x.md": fact("", "One.\n\nTwo [@nbc-2025] three.\n") },
    'content/facts/x.md:10:6  error  [unknown-source]  "nbc-2025" is not in content/sources.yaml (did you mean "nbc-2025-02-15"?)'],
  ["unknown figure shortcode", { "content/facts/x.md": fact("", "It was {{< fig trump-asks >}} [@politico-2025-02-15].\n") },
    'content/facts/x.md:8:8  error  [unknown-figure]  figure "trump-asks" is not defined in any fact (did you mean "trump-ask"?)'],
  ["unknown chart shortcode", { "content/facts/x.md": fact("", "Text [@politico-2025-02-15].\n\n{{< chart nope >}}\n") },
    'content/facts/x.md:10:1  error  [unknown-chart]  chart "nope" is not defined in any fact'],
  ["duplicate figure id", { "content/facts/x.md": fact(fig("us-ownership-proposed")) },
    'content/facts/x.md:8:3  error  [duplicate-id]  figure id "us-ownership-proposed" is already defined in content/facts/'],
  ["mixed units in a chart", { "content/facts/x.md": fact(fig("f") + "charts:\n  c:\n    type: bar\n    title: t\n    data:\n      - { label: a, figure: f }\n      - { label: b, figure: trump-ask }\n") },
    'content/facts/x.md:17:5  error  [mixed-units]  chart "c" mixes units (percent, usd)'],
  ["chart datum with unknown figure", { "content/facts/x.md": fact("charts:\n  c:\n    type: bar\n    title: t\n    data:\n      - { label: a, figure: nope }\n") },
    'content/facts/x.md:12:29  error  [unknown-figure]  figure "nope" is not defined in any fact'],
  ["unknown chart type", { "content/facts/x.md": fact("charts:\n  c:\n    type: pie\n    title: t\n    data:\n      - { label: a, figure: trump-ask }\n") },
    'content/facts/x.md:9:11  error  [invalid-value]  "charts.c.type" must be one of: bar, doughnut, line'],
  ["chart with no data", { "content/facts/x.md": fact("charts:\n  c:\n    type: bar\n    title: t\n    data: []\n") },
    'content/facts/x.md:11:11  error  [invalid-value]  "charts.c.data" a chart needs at least one datum'],
  ["orientation on a doughnut", { "content/facts/x.md": fact("charts:\n  c:\n    type: doughnut\n    orientation: horizontal\n    title: t\n    data:\n      - { label: a, figure: trump-ask }\n") },
    'content/facts/x.md:10:18  error  [invalid-value]  "orientation" applies to bar charts only'],
  ["reports_on an unknown source", { "content/sources.yaml": "a-b:\n  title: t\n  publisher: p\n  url: https://x.org/\n  reports_on: nbc\npolitico-2025-02-15:\n  title: t\n  publisher: p\n  url: https://x.org/\nnbc-2025-02-15:\n  title: t\n  publisher: p\n  url: https://x.org/\nkyivpost-2025-02-11:\n  title: t\n  publisher: p\n  url: https://x.org/\n" },
    'content/sources.yaml:5:15  error  [unknown-source]  "nbc" is not in content/sources.yaml'],
  ["key figure that does not exist", { "content/site.yaml": "title: T\ndescription: D\nurl: https://x.org\nrepository: https://x.org\nlanguage: en\nlicense: L\nkey_figures: [nope]\n" },
    'content/site.yaml:7:15  error  [unknown-figure]  figure "nope" is not defined in any fact'],
  ["prose page on a reserved route", { "content/pages/figures.md": "---\ntitle: F\ndescription: D\n---\nx\n" },
    'content/pages/figures.md:1:1  error  [reserved-slug]'],
  ["two slugs that differ only in case", { "content/facts/Us-proposed-50-percent.md": fact("") },
    'content/facts/Us-proposed-50-percent.md:1:1  error  [bad-filename]'],
  ["missing sources.yaml", { "content/sources.yaml": null },
    'content/sources.yaml:1:1  error  [missing-file]'],
];

for (const [name, files, expected] of rows) {
  test(`cross-check: ${name}`, () => {
    const result = loadWith(files);
    // Body problems are found when the body renders: the site view does that.
    let lines = result.lines;
    if (!lines.length) lines = bodyProblems(result);
    assert.ok(lines.some((l) => l.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${lines.join("\n  ")}`);
  });
}

import { buildSiteView } from "../scripts/site/site-view.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
function bodyProblems(result: ReturnType<typeof loadWith>): string[] {
  return buildSiteView(result.content, "/").problems.map(formatProblem);
}

test("a source without a url is a warning, not an error", () => {
  const { problems } = loadWith();
  const w = problems.find((p) => p.rule === "source-without-url");
  assert.equal(w?.severity, "warning");
  assert.match(w!.message, /nbc-2025-02-15/);
});
