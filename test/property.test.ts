/**
 * Property tests (fast-check): whatever a contributor writes, in a front-matter value,
 * a body or a whole file, the loader and the renderer never throw, every problem is
 * located on one line (a newline in a message would forge CI log lines), and every
 * piece of HTML we produce is inert. Strings mix arbitrary Unicode (lone surrogates
 * included) with fragments of known attacks, so the interesting cases come up often.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadContent } from "../scripts/lib/loader.ts";
import { buildSiteView } from "../scripts/site/site-view.ts";
import type { Problem } from "../scripts/lib/problem.ts";
import { inertProblems } from "./hostile/inert.ts";

const RUNS = { numRuns: 200 };

const FRAGMENTS = [
  "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<!--", "-->", "javascript:", "JaVaScRiPt:",
  "&#74;", "&#x6A;", "&colon;", "[x](", "](javascript:alert(1))", "](//evil.example)", "](/\\evil)", ")", "[", "]", "[@", "[@src-a",
  "[@src-a, p. <b>]", "; @src-a", "{{<", "{{< fig fig-a >}}", "{{< chart chart-a >}}", "{{< fig ", ">}}", "{{ 7*7 }}", "{% include x %}",
  "[^n]", "[^n]: ", "[^<b>]", "\n", "\n\n", "\r\n", "# ", "- ", "> ", "*", "_", "`", "```", "<", ">", "&", '"', "'", " onload=",
  "onmouseover=", "=", "\u2028", "\u2029", "\u0000", "\u001b", "\uFEFF", "\ud800", "---", "---js", ": ", "__proto__", "constructor",
  "<<: ", "*a", "&a ", "!!js/function ", "!!binary ", "? ", "\t", "\\", "http://", "mailto:", "data:text/html,", "vbscript:",
];
/** Arbitrary text, mostly built from attack fragments. */
const hostileText = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
), { maxLength: 30 }).map((parts) => parts.join(""));

const DATA = [
  { path: "content/site.yaml", text: "title: T\ndescription: D\nurl: https://example.org\nrepository: https://example.org/r\nlanguage: en\nlicense: CC BY 4.0\n" },
  { path: "content/sources.yaml", text: "src-a:\n  title: A source\n  publisher: P\n  url: https://example.org/a\n" },
  { path: "content/topics.yaml", text: "topic-a:\n  title: A topic\n  description: D\n" },
];

function fact(fields: { title: string; label: string; quote: string; chart: string; datum: string }, body: string): string {
  return `---
title: ${fields.title}
summary: A summary.
date: 2025-02-12
status: reported
topics: [topic-a]
figures:
  fig-a:
    label: ${fields.label}
    value: 1
    unit: count
    source: src-a
    quote: ${fields.quote}
charts:
  chart-a:
    type: bar
    title: ${fields.chart}
    data:
      - { label: ${fields.datum}, figure: fig-a }
---
${body}`;
}

const located = (p: Problem) =>
  p.line >= 1 && p.column >= 1 && p.rule.length > 0 && p.file.length > 0 && !/[\r\n\u2028\u2029]/.test(p.file + p.message);

/** Loads one fact; when it is sound, renders it and returns every piece of HTML made from it. */
function run(text: string) {
  const { content, problems } = loadContent([...DATA, { path: "content/facts/fact-a.md", text }]);
  assert.ok(problems.every(located), JSON.stringify(problems.find((p) => !located(p))));
  if (problems.some((p) => p.severity === "error")) return undefined;
  const view = buildSiteView(content, "/");
  assert.ok(view.problems.every(located), JSON.stringify(view.problems.find((p) => !located(p))));
  const f = view.facts[0]!;
  const html = [f.bodyHtml, f.chartsHtml, f.notesHtml, f.referencesHtml, ...f.figures.map((g) => g.citeHtml)].join("\n");
  assert.deepEqual(inertProblems(html), [], html);
  return { view, html };
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

test("any front-matter value, raw YAML or quoted, loads or is refused with located problems; quoted ones round-trip", () => {
  fc.assert(fc.property(hostileText, fc.boolean(), fc.constantFrom("title", "label", "quote", "chart", "datum"), (s, quoted, field) => {
    const fields = { title: "T", label: "L", quote: "Q", chart: "C", datum: "D" };
    fields[field as keyof typeof fields] = quoted ? JSON.stringify(s) : s;
    const out = run(fact(fields, "Text {{< fig fig-a >}} [@src-a].\n\n{{< chart chart-a >}}\n"));
    if (out && quoted && (field === "chart" || field === "datum")) {
      const island = /<script type="application\/json" class="chart-data">(.*?)<\/script>/.exec(out.html)![1]!;
      const data = JSON.parse(island) as { title: string; labels: string[] };
      assert.equal(field === "chart" ? data.title : data.labels[0], s.trim());
    }
  }), RUNS);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
});

test("any body renders to inert HTML, and its problems are located", () => {
  fc.assert(fc.property(hostileText, (body) => {
    run(fact({ title: "T", label: "L", quote: "Q", chart: "C", datum: "D" }, body));
  }), RUNS);
});

test("any whole file is loaded or refused with located problems, never an exception", () => {
  fc.assert(fc.property(hostileText, hostileText, (head, rest) => {
    run(`${head}\n---\n${rest}`);
    run(`---\n${head}\n---\n${rest}`);
  }), RUNS);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
});
