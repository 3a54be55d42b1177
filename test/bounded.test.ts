/**
 * Bounded work (SECURITY.md, "Bounded work"): no single content file can make the check
 * slow, and a folder's check grows linearly. Never timed here: each case builds an
 * adversarial input at n and 4n and compares the work done, counted by the counters the
 * pipeline exports (and markdown-it's own token skipper), which must grow by at most ~4x.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createMarkdown, renderBody } from "../scripts/markdown/index.ts";
import { PageCiter } from "../scripts/lib/citer.ts";
import { headingStats } from "../scripts/markdown/headings.ts";
import { locatorStats } from "../scripts/markdown/env.ts";
import { noteStats } from "../scripts/markdown/notes.ts";
import { yamlStats, parseSafeYaml } from "../scripts/lib/yaml-safe.ts";
import { didYouMean, hintStats, HINT_MAX_LENGTH } from "../scripts/lib/problem.ts";
import { loadContent } from "../scripts/lib/loader.ts";
import { loadWith, fixtureFiles } from "./support/content.ts";
import type { Problem } from "../scripts/lib/problem.ts";

const { content } = loadWith();
const md = createMarkdown("/");
// markdown-it advances over link labels and brackets with skipToken: count it too.
const skipper = { calls: 0 };
const skip = md.inline.skipToken.bind(md.inline);
md.inline.skipToken = (state) => { skipper.calls++; skip(state); };

function render(body: string) {
  const env = { file: "content/facts/x.md", bodyLine: 8, body, content, citer: new PageCiter(), href: (p: string) => p, problems: [] as Problem[], placedCharts: [] as string[] };
  renderBody(md, env);
  return env.problems;
}

/** Work counted while `run` handles input of size n. */
function work(run: (n: number) => unknown, n: number): number {
  for (const c of [headingStats, locatorStats, noteStats, yamlStats, hintStats, skipper]) for (const k of Object.keys(c)) (c as Record<string, number>)[k] = 0;
  run(n);
  if (process.env.DEBUG_WORK) console.log(n, headingStats, locatorStats, noteStats, yamlStats, hintStats, skipper);
  return headingStats.tries + locatorStats.linesScanned + noteStats.scanned + yamlStats.keys + yamlStats.steps + hintStats.cells + skipper.calls;
}

/** n and 4n, and the work must not grow faster than about linearly (4x, with slack for constants). */
function assertLinear(name: string, run: (n: number) => unknown, n: number) {
  const small = work(run, n);
  const large = work(run, 4 * n);
  assert.ok(large <= 4.5 * Math.max(small, 1), `${name}: work grew ${(large / Math.max(small, 1)).toFixed(1)}x from n=${n} to 4n (${small} -> ${large})`);
}

const BODIES: [string, (n: number) => string][] = [
  ["repeated headings", (n) => "## Notes\n\n".repeat(n)],
  ["repeated headings with numbered twins", (n) => "## Notes 2\n\n## Notes\n\n".repeat(n)],
  ["many problems in one paragraph", (n) => "see [@no-such-source] here\n".repeat(n)],
  ["many problems on one line", (n) => "{{< fig nope >}} ".repeat(n)],
  ["unclosed inline notes", (n) => "^[".repeat(n)],
  ["unclosed inline notes, one per line", (n) => "text ^[ more\n".repeat(n)],
  ["unclosed note references", (n) => "[^a".repeat(n) + "\n\n[^a]: defined"],
  ["unclosed links", (n) => "[a](<".repeat(n)],
  ["unclosed brackets", (n) => "[".repeat(n)],
];

for (const [name, body] of BODIES) {
  test(`bounded body work: ${name}`, () => assertLinear(name, (n) => render(body(n)), 2000));
}

test("every unclosed inline note is an error, and each problem is found on its own line", () => {
  const problems = render("one ^[\ntwo ^[\nthree [@nope]\nfour [@nope]\n");
  assert.deepEqual(problems.map((p) => `${p.line}:${p.column} [${p.rule}]`), ["8:5 [inline-note]", "9:5 [inline-note]", "10:8 [unknown-source]", "11:7 [unknown-source]"]);
});

test("ten thousand headings get distinct ids without a stack overflow", () => {
  const env = { file: "x.md", bodyLine: 1, body: "## A\n\n".repeat(10_000) + "# Top\n", content, citer: new PageCiter(), href: (p: string) => p, problems: [] as Problem[], placedCharts: [] as string[] };
  const { html } = renderBody(md, env);
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, 10_001);
  assert.match(html, /<h2 id="section-top">Top<\/h2>/);
});

const map = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("");

test("bounded YAML work: many keys in one map, duplicates found in one pass", () => {
  assertLinear("keys", (n) => parseSafeYaml(`x:\n${map(n, (i) => `  k${i}: 1\n`)}`), 2000);
  const dup = parseSafeYaml("a: 1\nb: 2\na: 3\n");
  assert.deepEqual(dup.issues.map((i) => [dup.position(i.offset), i.rule]), [[{ line: 3, column: 1 }, "duplicate-key"]]);
  assert.match(dup.issues[0]!.message, /"a" is already set on line 1/);
});

test("bounded YAML work: locating many problems in one map", () => {
  assertLinear("positions", (n) => {
    const y = parseSafeYaml(`x:\n${map(n, (i) => `  k${i}: 1\n`)}`);
    for (let i = 0; i < n; i++) y.offsetOf(["x", `k${i}`]);
  }, 2000);
});

test("bounded check of one fact with many unknown figure sources", () => {
  const fact = (n: number) => `---\ntitle: T\nsummary: S\ndate: 2025-01-01\nstatus: reported\ntopics: [deal-terms]\nfigures:\n${map(n, (i) => `  f${i}:\n    label: L\n    value: 1\n    unit: count\n    source: missing-source-${i}\n`)}---\n`;
  assertLinear("unknown sources", (n) => {
    const files = fixtureFiles();
    files.set("content/facts/many.md", fact(n));
    loadContent([...files].map(([path, text]) => ({ path, text })));
  }, 300);
});

test("did-you-mean hints are bounded: long ids get none, and a list answers a capped number", () => {
  const known = new Map(Array.from({ length: 3000 }, (_, i) => [`source-${i}-2025`, i]));
  assertLinear("hints", (n) => { for (let i = 0; i < n; i++) didYouMean(`sourc-${i}-2025`, known); }, 100);
  hintStats.cells = 0;
  assert.equal(didYouMean("a".repeat(HINT_MAX_LENGTH + 1), known), "");
  assert.equal(hintStats.cells, 0);
  assert.equal(didYouMean("source-7-202", new Map([["source-7-2025", 1]])), ' (did you mean "source-7-2025"?)');
});

test("a whole folder's check grows linearly with the number of facts", () => {
  const fact = (n: number) => { const i = String(n).padStart(5, "0"); return `---\ntitle: Fact ${i}\nsummary: S\ndate: 2025-01-01\nstatus: reported\ntopics: [deal-terms]\nfigures:\n  fig-${i}:\n    label: L\n    value: ${i}\n    unit: count\n    source: politico-2025-02-15\n---\n## Heading\n\nText [@politico-2025-02-15] and {{< fig fig-${i} >}} and [@unknown-${i}].\n\n## Heading\n`; };
  assertLinear("folder", (n) => {
    const files = fixtureFiles();
    for (let i = 0; i < n; i++) files.set(`content/facts/f-${i}.md`, fact(i));
    const { content: c } = loadContent([...files].map(([path, text]) => ({ path, text })));
    for (const f of c.facts) render(f.body);
  }, 100);
});
