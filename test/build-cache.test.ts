/**
 * The build cache (scripts/io/build-cache.ts) and the remembered YAML parse: an entry
 * is used only when its header names this version, stage and key and its payload has
 * the recorded length and hash; everything else is ignored, counted, and said once.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildCache, CACHE_VERSION } from "../scripts/io/build-cache.ts";
import { parseSafeYamlWith, jsonExact, type YamlMemo } from "../scripts/lib/yaml-memo.ts";
import { parseSafeYaml } from "../scripts/lib/yaml-safe.ts";

const withCache = (fn: (c: BuildCache, dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), "factsheet-cache-"));
  try { fn(new BuildCache(dir, "code-1"), dir); } finally { rmSync(dir, { recursive: true, force: true }); }
};
const entryFile = (dir: string, stage: string, key: string) => join(dir, stage, key.slice(0, 2), key);

test("an entry comes back exactly; another code hash, stage or input gives another key", () => withCache((c) => {
  const k = c.key("s", "input");
  assert.equal(c.get("s", k), undefined);
  c.put("s", k, Buffer.from([0, 1, 2, 255, 10]));
  assert.deepEqual([...c.get("s", k)!], [0, 1, 2, 255, 10]);
  assert.notEqual(new BuildCache("x", "code-2").key("s", "input"), k);
  assert.notEqual(c.key("t", "input"), k);
  assert.notEqual(c.key("s", "inpu", "t"), c.key("s", "in", "put"));
  assert.deepEqual(c.stats, { hits: 1, misses: 1, writes: 1, ignored: 0 });
  assert.equal(c.notice(), undefined);
}));

test("garbage, truncated, padded, wrong-version, moved, edited and linked entries are ignored and said once", () => withCache((c, dir) => {
  const keys = Array.from({ length: 8 }, (_, i) => c.key("s", `input ${i}`));
  for (const k of keys) c.put("s", k, `payload for ${k}`);
  const f = (i: number) => entryFile(dir, "s", keys[i]!);
  writeFileSync(f(0), "\u0000\u0001garbage bytes");
  writeFileSync(f(1), readFileSync(f(1)).subarray(0, -3));
  writeFileSync(f(2), Buffer.concat([readFileSync(f(2)), Buffer.from("x")]));
  writeFileSync(f(3), readFileSync(f(3), "latin1").replace(`factsheet-cache ${CACHE_VERSION} `, `factsheet-cache ${CACHE_VERSION + 1} `), "latin1");
  writeFileSync(f(4), readFileSync(f(5)));
  writeFileSync(f(6), readFileSync(f(6), "latin1").replace("payload", "PAYLOAD"), "latin1");
  unlinkSync(f(7));
  symlinkSync(f(5), f(7));
  for (const i of [0, 1, 2, 3, 4, 6, 7]) assert.equal(c.get("s", keys[i]!), undefined, `entry ${i}`);
  assert.equal(c.get("s", keys[5]!)!.toString(), `payload for ${keys[5]}`);
  assert.equal(c.stats.ignored, 7);
  const notice = c.notice()!;
  assert.equal(notice.split("\n").length, 1, "one line, however many entries");
  assert.match(notice, /^build cache: ignored 7 unusable entries in \.cache\/factsheet\/ and recomputed them \(first: s\/[0-9a-f]{12}…: not a cache entry\)/);
}));

test("prune keeps exactly the entries this build asked for", () => withCache((c, dir) => {
  const a = c.key("s", "a"), b = c.key("s", "b");
  c.put("s", a, "A");
  c.put("s", b, "B");
  const next = new BuildCache(dir, "code-1");
  assert.equal(next.get("s", a)!.toString(), "A");
  assert.equal(next.prune(["s"]), 1);
  assert.equal(new BuildCache(dir, "code-1").get("s", b), undefined);
  assert.equal(readdirSync(join(dir, "s", a.slice(0, 2))).includes(a), true);
}));

test("FACTSHEET_CACHE=0 and a cache without a folder never hit or write", () => {
  const off = new BuildCache(undefined, "");
  off.put("s", "k", "x");
  assert.equal(off.get("s", "k"), undefined);
  assert.equal(off.enabled, false);
  const before = process.env.FACTSHEET_CACHE;
  process.env.FACTSHEET_CACHE = "0";
  try { assert.equal(BuildCache.open(tmpdir()).enabled, false); } finally {
    if (before === undefined) delete process.env.FACTSHEET_CACHE; else process.env.FACTSHEET_CACHE = before;
  }
});

test("a remembered parse gives the same data, and positions from a full parse when asked", () => {
  const store = new Map<string, unknown>();
  let gets = 0;
  const memo: YamlMemo = { get: (t) => { gets++; return store.get(t); }, put: (t, d) => store.set(t, JSON.parse(JSON.stringify(d))) };
  const text = "title: A\nfigures:\n  x:\n    value: 12\n    unit: percent\n";
  const cold = parseSafeYamlWith(text, memo);
  assert.equal(store.size, 1);
  const warm = parseSafeYamlWith(text, memo);
  assert.equal(gets, 2);
  assert.deepEqual(warm.data, cold.data);
  assert.deepEqual(warm.issues, []);
  const full = parseSafeYaml(text);
  assert.deepEqual(warm.position(warm.offsetOf(["figures", "x", "unit"])), full.position(full.offsetOf(["figures", "x", "unit"])));
  // Refused text is never remembered; nor is data JSON would change.
  parseSafeYamlWith("a: &x 1\nb: *x\n", memo);
  parseSafeYamlWith("a: .inf\n", memo);
  parseSafeYamlWith("a: -0\n", memo);
  assert.equal(store.size, 1);
  assert.equal(jsonExact({ a: [1, "b", null, true, { c: 2.5 }] }), true);
  assert.equal(jsonExact({ a: Number.NaN }), false);
});
