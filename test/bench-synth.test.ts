import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { synthesize, writeTree, countsFor, MAX_SOURCES, TARGET_BYTES } from "../scripts/bench/synth.ts";
import { loadSite } from "../scripts/io/load.ts";
import { MAX_FILE_BYTES } from "../scripts/io/read-content.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
import { weighSite } from "../scripts/bench/pageweight.ts";

function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-synth-${tag}-`));
}

test("20 synthetic entries pass the real checker with no problem at all", () => {
  const dir = tempDir("check");
  try {
    const site = synthesize(20);
    writeTree(dir, site.content);
    const { view, problems } = loadSite(dir, { git: false });
    assert.deepEqual(problems.map(formatProblem), []);
    assert.ok(view);
    assert.equal(view.facts.length, 20);
    assert.equal(view.people.length, site.counts.people);
    assert.equal(view.topics.length, site.counts.topics);
    assert.equal(view.sources.length, site.counts.sources);
    for (const f of view.facts) {
      // The content contract of the budget: 3 figures, 3 cited sources, 1 chart, all placed.
      assert.equal(f.figures.length, 3, f.slug);
      assert.equal(new Set(f.cited).size, 3, f.slug);
      assert.equal(f.chartIds.length, 1, f.slug);
      assert.ok(f.hasCharts, f.slug);
      assert.equal(f.chartsHtml, "", `${f.slug}: the chart is placed in the body, not appended`);
      assert.match(f.bodyHtml, /<canvas\b/);
      assert.match(f.notesHtml, /n1|note/i);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the checker still rejects synthetic content that breaks a reference", () => {
  const dir = tempDir("broken");
  try {
    const site = synthesize(5);
    const key = "content/facts/synthetic-entry-00003.md";
    site.content.set(key, site.content.get(key)!.replace("{{< fig e00003-b >}}", "{{< fig e00003-missing >}}"));
    writeTree(dir, site.content);
    const { problems } = loadSite(dir, { git: false });
    assert.ok(problems.some((p) => p.file === key && p.rule === "unknown-figure"), problems.map(formatProblem).join("\n"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("fact files are about 4 KB, and each plain file has the same size and no inline forms", () => {
  const site = synthesize(30);
  for (const slug of site.factSlugs) {
    const project = site.content.get(`content/facts/${slug}.md`)!;
    const plain = site.plain.get(`${slug}.md`)!;
    const bytes = Buffer.byteLength(project);
    assert.ok(bytes > TARGET_BYTES * 0.9 && bytes < TARGET_BYTES * 1.15, `${slug}: ${bytes} bytes`);
    assert.equal(Buffer.byteLength(plain), bytes, slug);
    // Liquid (bare Eleventy) and Hugo would read these as their own syntax.
    assert.doesNotMatch(plain, /\{\{|\{%|\[@|\[\^/);
    assert.match(plain, /^---\ntitle: ".+"\ndate: \d{4}-\d{2}-\d{2}\n---\n/);
  }
});

test("the generator is deterministic and says nothing about real people", () => {
  const a = synthesize(12);
  const b = synthesize(12);
  assert.deepEqual([...a.content], [...b.content]);
  assert.deepEqual([...a.plain], [...b.plain]);
  for (const [file, text] of a.content) {
    if (file.includes("/people/")) assert.match(text, /name: "(Synthetic Person|Example Agency) \d+"/);
    for (const url of text.match(/https?:\/\/\S+/g) ?? []) assert.match(url, /^https:\/\/example\.org\//, file);
  }
  assert.throws(() => synthesize(0), /positive integer/);
});

test("related records scale with the entries, and sources.yaml stays under the file size limit", () => {
  assert.deepEqual(countsFor(32_000), { facts: 32_000, people: 1_600, topics: 320, sources: MAX_SOURCES, pages: 1 });
  const site = synthesize(MAX_SOURCES * 2);
  assert.equal(site.counts.sources, MAX_SOURCES);
  assert.ok(Buffer.byteLength(site.content.get("content/sources.yaml")!) < MAX_FILE_BYTES);
});

test("page weight flags JavaScript on a page without a chart, and accepts it on a chart page", () => {
  const dir = tempDir("weight");
  try {
    const page = (body: string, script = "") =>
      `<!doctype html><html><head><link rel="stylesheet" href="/assets/site.css">${script}</head><body>${body}</body></html>`;
    const files = new Map([
      ["assets/site.css", "body{color:#111}"],
      ["assets/charts.js", "console.log(1)"],
      ["index.html", page("<canvas></canvas>", '<script type="module" src="/assets/charts.js"></script>')],
      ["facts/a/index.html", page("<canvas></canvas>", '<script type="module" src="/assets/charts.js"></script>')],
      ["facts/b/index.html", page("<p>no chart</p>", '<script type="module" src="/assets/charts.js"></script>')],
      ["figures/index.html", page("<p>table</p>")],
      ["timeline/index.html", page("<p>list</p>", '<script type="application/json">{"a":1}</script>')],
      ["search/index.html", page("<p>search</p>", '<script type="module" src="/assets/charts.js"></script>')],
    ]);
    writeTree(dir, files);
    const w = weighSite(dir);
    assert.deepEqual(w.failures, ["facts/b/index.html: draws no chart but loads JavaScript (assets/charts.js)"]);
    assert.deepEqual(w.overBudget, []);
    const fact = w.pages.find((p) => p.type === "fact with chart")!;
    assert.equal(fact.path, "facts/a/index.html");
    assert.equal(fact.requests, 3);
    assert.equal(fact.js.raw, Buffer.byteLength("console.log(1)"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
