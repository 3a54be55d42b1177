/**
 * A cached build is byte-identical to a cold one: build the sample site cold, edit a
 * fact and a source title (shown on every page citing it), build warm, and compare every
 * output file with a cold build of the edited tree. Then spoil the cache (garbage,
 * truncation, another version, an entry under another's key) and commit it to git as a
 * pull request could: the output stays the same and the build says so once.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, snapshotDir } from "./support/build.ts";

const root = mkdtempSync(join(tmpdir(), "factsheet-cache-site-"));
for (const f of ["templates", ".eleventy.js", "package.json", "package-lock.json"]) cpSync(join(REPO, f), join(root, f), { recursive: true });
cpSync(join(REPO, "content"), join(root, "content"), { recursive: true });
symlinkSync(join(REPO, "scripts"), join(root, "scripts"));
symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));

function build(out: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "scripts/cli/build.ts"), "--root", root, "--output", join(root, out)], {
    cwd: root, encoding: "utf8", timeout: 300_000,
    env: { ...process.env, FACTSHEET_SOCIAL_IMAGES: "1", FACTSHEET_SEARCH_INDEX: "0", FACTSHEET_CACHE: "1", SITE_URL: "", ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return { files: snapshotDir(join(root, out)), stdout: r.stdout, stderr: r.stderr };
}

function assertSame(a: Map<string, Buffer>, b: Map<string, Buffer>, what: string) {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: same files`);
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)!), `${what}: ${path} differs`);
}

const factsDir = join(root, "content/facts");
const fact = readdirSync(factsDir).sort()[0]!;

test("warm build after an edit = cold build of the edited tree, byte for byte", { timeout: 900_000 }, () => {
  const cold = build("out-cold");
  assert.match(cold.stdout, /build cache: 0 reused/);
  const factFile = join(factsDir, fact);
  writeFileSync(factFile, readFileSync(factFile, "utf8").replace(/^title: (.*)$/m, (_, t) => `title: ${JSON.stringify(`${JSON.parse(t.startsWith('"') ? t : JSON.stringify(t))} (edited)`)}`));
  const sources = join(root, "content/sources.yaml");
  const text = readFileSync(sources, "utf8");
  const edited = text.replace(/^(\s+title: )(["']?)(.*)$/m, (_, k, q, rest) => `${k}${q}Edited ${rest}`);
  assert.notEqual(edited, text, "a source title was edited");
  writeFileSync(sources, edited);

  const warm = build("out-warm");
  const reused = Number(/build cache: (\d+) reused, (\d+) computed/.exec(warm.stdout)?.[1]);
  const computed = Number(/build cache: (\d+) reused, (\d+) computed/.exec(warm.stdout)?.[2]);
  assert.ok(reused > 40, `most stages came from the cache: ${warm.stdout}`);
  // The edited fact's YAML and card, sources.yaml, and the site card (its footer counts nothing new: reused).
  assert.ok(computed >= 3 && computed <= 4, `only what the edits touched was computed: ${warm.stdout}`);
  assert.match(warm.stdout, /social images: \d+, 1 rendered/);
  const fresh = build("out-fresh", { FACTSHEET_CACHE: "0" });
  assert.match(fresh.stdout, /build cache: off/);
  assertSame(warm.files, fresh.files, "warm vs cold");
  assert.ok(warm.files.get(`facts/${fact.replace(/\.md$/, "")}/index.html`)!.toString().includes("(edited)"));
  assert.notDeepEqual(cold.files.get("sources/index.html"), warm.files.get("sources/index.html"));

  // Spoil entries of both stages in every way the cache module knows.
  const cacheDir = join(root, ".cache/factsheet");
  const entries = (stage: string) => readdirSync(join(cacheDir, stage), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const [y0, y1, y2, y3] = entries("yaml");
  const [s0, s1] = entries("social");
  writeFileSync(y0!, "garbage");
  writeFileSync(y1!, readFileSync(y1!).subarray(0, 40));
  writeFileSync(y2!, readFileSync(y2!, "latin1").replace(/^factsheet-cache \d+/, "factsheet-cache 999"), "latin1");
  writeFileSync(y3!, readFileSync(s0!));
  writeFileSync(s1!, Buffer.concat([readFileSync(s1!).subarray(0, -10), Buffer.alloc(10, 7)]));
  const spoiled = build("out-spoiled");
  const notices = spoiled.stderr.split("\n").filter((l) => l.startsWith("build cache:"));
  assert.equal(notices.length, 1, spoiled.stderr);
  assert.match(notices[0]!, /ignored 5 unusable entries/);
  assertSame(spoiled.files, fresh.files, "spoiled cache vs cold");

  // Entries committed to git (as a pull request could) turn the cache off.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
  git("init", "-q");
  mkdirSync(join(cacheDir, "yaml", "zz"), { recursive: true });
  writeFileSync(join(cacheDir, "yaml", "zz", "planted"), "x");
  git("add", "-f", ".cache/factsheet/yaml/zz/planted");
  const planted = build("out-planted");
  assert.match(planted.stderr, /build cache: off, git tracks files under \.cache\//);
  assert.match(planted.stdout, /build cache: off/);
  assertSame(planted.files, fresh.files, "cache committed to git vs cold");
});

test.after(() => rmSync(root, { recursive: true, force: true }));
