/**
 * A batched build (several Eleventy runs, scripts/site/batches.ts) writes the same bytes as
 * one run over every page, cold and from the build cache; the batches cover every page
 * once; the text spill (scripts/io/text-spill.ts) hands back the very strings it took.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, snapshotDir } from "./support/build.ts";
import { batchesOf, batchSize } from "../scripts/site/batches.ts";
import { PAGE_KINDS, pagesOf } from "../scripts/site/page-subset.ts";
import { loadSite } from "../scripts/io/load.ts";
import { TextSpill } from "../scripts/io/text-spill.ts";

const root = mkdtempSync(join(tmpdir(), "factsheet-batches-"));
cpSync(join(REPO, "content"), join(root, "content"), { recursive: true });
for (const f of ["templates", "scripts", "node_modules", ".eleventy.js", "package.json", "package-lock.json"]) symlinkSync(join(REPO, f), join(root, f));
// Listing pages of 3 entries, so the listings are many pages and fall into several batches too.
const PAGE_SIZE = "3";

function build(out: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/cli/build.ts"), "--root", root, "--output", join(root, out)], {
    cwd: root, encoding: "utf8", timeout: 300_000,
    env: { ...process.env, FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0", FACTSHEET_PAGE_SIZE: PAGE_SIZE, FACTSHEET_MEMORY_LOG: "1", SITE_URL: "", ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  const runs = [...r.stderr.matchAll(/pages written \(run (\d+) of (\d+)\)/g)].map((m) => Number(m[2]));
  return { files: snapshotDir(join(root, out)), stdout: r.stdout, runs: runs.length };
}

function assertSame(a: Map<string, Buffer>, b: Map<string, Buffer>, what: string) {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: same files`);
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)!), `${what}: ${path} differs`);
}

test("batches of 7 pages cover every page exactly once, listing pages included", () => {
  process.env.FACTSHEET_PAGE_SIZE = PAGE_SIZE;
  try {
    const view = loadSite(REPO, { git: false }).view!;
    const all = PAGE_KINDS.flatMap((k) => pagesOf(view, k).map((p) => `${k}:${p.key}`));
    assert.ok(pagesOf(view, "listing").length > 7, "the listings alone need more than one batch");
    const batches = batchesOf(view, 7);
    assert.equal(batches.length, Math.ceil(all.length / 7));
    const seen: string[] = [];
    for (const b of batches) {
      assert.ok(b, "a batch of a site bigger than one batch names its pages");
      const keys = PAGE_KINDS.flatMap((k) => [...b[k]!].map((key) => `${k}:${key}`));
      assert.ok(keys.length >= 1 && keys.length <= 7, `a batch holds 1 to 7 pages, not ${keys.length}`);
      seen.push(...keys);
    }
    assert.deepEqual(seen.sort(), [...all].sort());
    assert.deepEqual(batchesOf(view, all.length), [undefined], "a site that fits one batch is built as before");
  } finally { delete process.env.FACTSHEET_PAGE_SIZE; }
});

test("FACTSHEET_BATCH takes a whole number or Infinity and names itself when wrong", () => {
  assert.equal(batchSize("7"), 7);
  assert.equal(batchSize("Infinity"), Infinity);
  assert.ok(batchSize(undefined) >= 100);
  for (const bad of ["0", "-3", "2.5", "lots"]) assert.throws(() => batchSize(bad), /FACTSHEET_BATCH/);
});

test("a spilled field reads back the same string, in the same key order", () => {
  const spill = new TextSpill();
  try {
    const long = `<p>${"Grüße – “quoted” ".repeat(40)}</p>`;
    const plain = { slug: "a", bodyHtml: long, notesHtml: "short", previewsHtml: `${long}!` };
    const before = JSON.stringify(plain);
    const obj = spill.move(plain, ["bodyHtml", "notesHtml", "previewsHtml"]);
    const other = spill.move({ ...plain, slug: "b" }, ["bodyHtml", "notesHtml", "previewsHtml"]);
    assert.equal(other.bodyHtml, long);
    assert.equal(typeof Object.getOwnPropertyDescriptor(obj, "bodyHtml")!.get, "function", "the long field left the object");
    assert.equal(Object.getOwnPropertyDescriptor(obj, "notesHtml")!.value, "short", "a short field stays");
    assert.equal(spill.stats.fields, 4);
    assert.equal(spill.stats.bytes, (Buffer.byteLength(long) * 2 + 1) * 2);
    assert.equal(obj.bodyHtml, long);
    assert.equal(JSON.stringify(obj), before);
    spill.close();
    assert.throws(() => obj.bodyHtml, /after the build closed it/, "nothing reads a removed file silently");
  } finally { spill.close(); }
});

test("a build in batches of 7 writes the same bytes as one run, cold and from the build cache", () => {
  const whole = build("out-whole", { FACTSHEET_BATCH: "Infinity", FACTSHEET_CACHE: "0" });
  assert.equal(whole.runs, 1);
  const cold = build("out-cold", { FACTSHEET_BATCH: "7", FACTSHEET_CACHE: "0" });
  assert.ok(cold.runs > 10, `several Eleventy runs, not ${cold.runs}`);
  assertSame(whole.files, cold.files, "batched cold vs one run");
  build("out-fill", { FACTSHEET_BATCH: "7", FACTSHEET_CACHE: "1" });
  const warm = build("out-warm", { FACTSHEET_BATCH: "7", FACTSHEET_CACHE: "1" });
  const m = /pages: (\d+) entry pages, (\d+) from the cache, (\d+) rendered/.exec(warm.stdout);
  assert.ok(m && m[1] === m[2] && m[3] === "0", `every entry page from the cache: ${m?.[0]}`);
  assertSame(whole.files, warm.files, "batched from the cache vs one run");
});
