/**
 * content/sources/<id>.yaml: one source per file, beside or instead of sources.yaml,
 * with the same checks; an id defined twice is a located error; "did you mean" stays
 * bounded at 10,000 sources.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, stringify } from "yaml";
import { loadContent, type ContentFile } from "../scripts/lib/loader.ts";
import { readContent } from "../scripts/io/read-content.ts";
import { hintStats } from "../scripts/lib/problem.ts";
import { REPO } from "./support/build.ts";

const sample = readContent(REPO).files;
const sourcesText = sample.find((f) => f.path === "content/sources.yaml")!.text;
const entries = Object.entries(parse(sourcesText) as Record<string, unknown>);
const without = sample.filter((f) => f.path !== "content/sources.yaml");
const perFile: ContentFile[] = entries.map(([id, s]) => ({ path: `content/sources/${id}.yaml`, text: stringify(s) }));
const errors = (files: ContentFile[]) => loadContent(files).problems.filter((p) => p.severity === "error");

test("the sample's sources split into one file each load exactly as sources.yaml does", () => {
  const one = loadContent(sample);
  const split = loadContent([...without, ...perFile]);
  assert.deepEqual(split.problems.filter((p) => p.severity === "error"), []);
  assert.deepEqual([...split.content.sources].sort(), [...one.content.sources].sort());
  // Half in sources.yaml, half in files: the same again.
  const half = Math.floor(entries.length / 2);
  const mixed = [...without, { path: "content/sources.yaml", text: stringify(Object.fromEntries(entries.slice(0, half))) }, ...perFile.slice(half)];
  assert.deepEqual(errors(mixed), []);
  assert.deepEqual([...loadContent(mixed).content.sources].sort(), [...one.content.sources].sort());
});

test("an id in both sources.yaml and its own file is a located error naming both", () => {
  const [id] = entries[3]!;
  const line = sourcesText.split("\n").findIndex((l) => l.startsWith(`${id}:`)) + 1;
  const found = errors([...sample, perFile[3]!]);
  assert.equal(found.length, 1);
  assert.equal(`${found[0]!.file}:${found[0]!.line}:${found[0]!.column} [${found[0]!.rule}]`, `content/sources/${id}.yaml:1:1 [duplicate-id]`);
  assert.match(found[0]!.message, new RegExp(`already defined in content/sources\\.yaml:${line}\\b`));
});

test("a source file is checked like a sources.yaml entry, located in its own file", () => {
  const [id, s] = entries[0]!;
  const bad = { path: `content/sources/${id}.yaml`, text: stringify({ ...(s as object), publisherr: "x" }) };
  const found = errors([...without, bad, ...perFile.slice(1)]);
  assert.ok(found.some((p) => p.file === bad.path && p.line > 1 && /publisherr/.test(p.message)), JSON.stringify(found));
  const reports = { path: `content/sources/${id}.yaml`, text: stringify({ ...(s as object), reports_on: `${entries[1]![0]}x` }) };
  const r = errors([...without, reports, ...perFile.slice(1)]);
  assert.equal(r.length, 1, JSON.stringify(r));
  assert.equal(r[0]!.file, reports.path);
  assert.equal(r[0]!.rule, "unknown-source");
  assert.match(r[0]!.message, new RegExp(`did you mean "${entries[1]![0]}"`));
  const name = errors([...sample, { path: "content/sources/Not_A_Slug.yaml", text: stringify(s) }]);
  assert.deepEqual(name.map((p) => `${p.file} [${p.rule}]`), ["content/sources/Not_A_Slug.yaml [bad-filename]"]);
  const yaml = errors([...sample, { path: "content/sources/anchored.yaml", text: "title: &a x\npublisher: *a\n" }]);
  assert.ok(yaml.length >= 1 && yaml.every((p) => p.file === "content/sources/anchored.yaml" && p.rule === "yaml-alias"), JSON.stringify(yaml));
});

test("10,000 source files load, and a hint among them costs no more than among 2,500", () => {
  const [, s] = entries[0]!;
  const text = stringify(s);
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `content/sources/example-gazette-${i}.yaml`, text }));
  const cost = (n: number) => {
    const files = [...without, ...perFile, ...many(n)];
    files.push({ path: "content/sources/reports-on-a-typo.yaml", text: stringify({ ...(s as object), reports_on: "example-gazete-77" }) });
    hintStats.cells = 0;
    const result = loadContent(files);
    assert.equal(result.content.sources.size, entries.length + n + 1);
    const hint = result.problems.find((p) => p.rule === "unknown-source");
    assert.match(hint?.message ?? "", /did you mean "example-gazette-77"/, JSON.stringify(result.problems.slice(0, 3)));
    return hintStats.cells;
  };
  const small = cost(2500);
  const large = cost(10000);
  assert.ok(small > 0, "the hint was computed");
  assert.ok(large <= small * 1.5 + 1000, `hint work grew from ${small} to ${large} cells`);
});

test("the reader accepts content/sources/<id>.yaml as part of the layout", async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const root = mkdtempSync(join(tmpdir(), "factsheet-sources-"));
  try {
    mkdirSync(join(root, "content/sources"), { recursive: true });
    writeFileSync(join(root, "content/sources/a-source.yaml"), "title: A\n");
    const r = readContent(root);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.files.map((f) => f.path), ["content/sources/a-source.yaml"]);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
