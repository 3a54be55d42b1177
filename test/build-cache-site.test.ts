/**
 * A cached build is byte-identical to a cold one: build the sample site cold, then edit
 * across files (a fact's and a source's title, shown on every page citing it; a figure
 * shown on other facts' pages; site.yaml, the frame of every page; a deleted fact),
 * build warm after each, and compare every output file with a cold build of the edited
 * tree. Then spoil the cache (garbage, truncation, tampering, another version, an entry
 * under another's key; parsed YAML, social cards and pages) and commit it to git as a
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
const edit = (file: string, change: (text: string) => string) => {
  const text = readFileSync(join(root, file), "utf8");
  const edited = change(text);
  assert.notEqual(edited, text, `${file} was edited`);
  writeFileSync(join(root, file), edited);
};
/** "pages: N entry pages, C from the cache, R rendered" of a build's output. */
const pages = (stdout: string) => {
  const m = /pages: (\d+) entry pages, (\d+) from the cache, (\d+) rendered/.exec(stdout);
  assert.ok(m, stdout);
  return { total: Number(m[1]), cached: Number(m[2]), rendered: Number(m[3]) };
};
const changed = (a: Map<string, Buffer>, b: Map<string, Buffer>) => [...b.keys()].filter((p) => !a.get(p)?.equals(b.get(p)!)).sort();
const entryPages = (files: Map<string, Buffer>) => [...files.keys()].filter((p) => /^(facts|people|topics)\/[^/]+\/index\.html$/.test(p));

/** Builds warm, then cold (cache off) from the same tree, and asserts they agree byte for byte. */
function warmEqualsCold(what: string) {
  const warm = build("out-warm");
  const fresh = build("out-fresh", { FACTSHEET_CACHE: "0" });
  assert.match(fresh.stdout, /build cache: off/);
  assertSame(warm.files, fresh.files, `${what}: warm vs cold`);
  return { warm, fresh };
}

test("warm build after an edit = cold build of the edited tree, byte for byte", { timeout: 1_800_000 }, () => {
  const cold = build("out-cold");
  assert.match(cold.stdout, /build cache: 0 reused/);
  assert.equal(pages(cold.stdout).cached, 0);
  const again = build("out-warm");
  assert.deepEqual(pages(again.stdout), { ...pages(cold.stdout), cached: pages(cold.stdout).total, rendered: 0 }, "nothing changed: every entry page from the cache");
  assertSame(again.files, cold.files, "unchanged tree: warm vs cold");

  // A fact's title (its page, its people's and topic's cards) and a source's title (every page citing it).
  edit(`content/facts/${fact}`, (t) => t.replace(/^title: (.*)$/m, (_, t) => `title: ${JSON.stringify(`${JSON.parse(t.startsWith('"') ? t : JSON.stringify(t))} (edited)`)}`));
  let newTitle = "";
  edit("content/sources.yaml", (t) => t.replace(/^(\s+title: )(["']?)(.*)$/m, (_, k, q, rest) => { newTitle = `Edited ${rest.replace(/["']$/, "")}`; return `${k}${q}Edited ${rest}`; }));
  const a = warmEqualsCold("fact and source titles");
  const reused = Number(/build cache: (\d+) reused, (\d+) computed/.exec(a.warm.stdout)?.[1]);
  assert.ok(reused > 40, `most stages came from the cache: ${a.warm.stdout}`);
  assert.match(a.warm.stdout, /social images: \d+, 1 rendered/);
  assert.ok(a.warm.files.get(`facts/${fact.replace(/\.md$/, "")}/index.html`)!.toString().includes("(edited)"));
  assert.notDeepEqual(cold.files.get("sources/index.html"), a.warm.files.get("sources/index.html"));
  const citing = entryPages(a.fresh.files).filter((p) => a.fresh.files.get(p)!.toString().includes(newTitle));
  assert.ok(citing.length >= 1, `some page cites the source titled ${newTitle}`);
  for (const p of citing) assert.ok(!cold.files.get(p)!.equals(a.warm.files.get(p)!), `${p} shows the new source title`);
  const pa = pages(a.warm.stdout);
  assert.ok(pa.rendered >= citing.length && pa.rendered < pa.total / 2, `only the touched pages were rendered: ${a.warm.stdout}`);

  // A figure's label, shown in the previews of other facts that place it.
  const before = a.warm.files;
  edit("content/facts/svyrydenko-350-billion-occupied.md", (t) => t.replace("label: Value of mineral resources in Russian-occupied", "label: Worth of mineral resources in Russian-occupied"));
  const b = warmEqualsCold("a figure shown on other facts' pages");
  for (const other of ["forbes-estimate-challenged-by-geologist", "minerals-in-russian-held-regions"]) {
    assert.ok(changed(before, b.warm.files).includes(`facts/${other}/index.html`), `${other} shows the figure's new label`);
  }

  // site.yaml: the frame of every page.
  edit("content/site.yaml", (t) => t.replace(/^title: "(.*)"$/m, 'title: "$1 (renamed)"'));
  const c = warmEqualsCold("site.yaml");
  assert.equal(pages(c.warm.stdout).cached, 0, "a new site title re-renders every page");

  // A deleted fact that nothing else refers to: its page goes, the listings change.
  const files = readdirSync(factsDir).sort();
  const all = readdirSync(join(root, "content"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const others = (name: string) => all.filter((f) => f !== join(factsDir, name)).map((f) => readFileSync(f, "utf8")).join("\n");
  const lonely = files.find((name) => {
    const text = readFileSync(join(factsDir, name), "utf8");
    const ids = [name.replace(/\.md$/, ""), ...[...text.matchAll(/^  ([a-z0-9-]+):$/gm)].map((m) => m[1]!)];
    const rest = others(name);
    return ids.every((id) => !rest.includes(id));
  });
  assert.ok(lonely, "some fact is referred to by no other file");
  rmSync(join(factsDir, lonely));
  const d = warmEqualsCold("a deleted fact");
  assert.ok(!d.warm.files.has(`facts/${lonely.replace(/\.md$/, "")}/index.html`));
  const fresh = d.fresh;

  // Spoil entries of both stages in every way the cache module knows.
  const cacheDir = join(root, ".cache/factsheet");
  const entries = (stage: string) => readdirSync(join(cacheDir, stage), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const [y0, y1, y2, y3] = entries("yaml");
  const [s0, s1] = entries("social");
  const [p0, p1, p2] = entries("page");
  writeFileSync(y0!, "garbage");
  writeFileSync(y1!, readFileSync(y1!).subarray(0, 40));
  writeFileSync(y2!, readFileSync(y2!, "latin1").replace(/^factsheet-cache \d+/, "factsheet-cache 999"), "latin1");
  writeFileSync(y3!, readFileSync(s0!));
  writeFileSync(s1!, Buffer.concat([readFileSync(s1!).subarray(0, -10), Buffer.alloc(10, 7)]));
  // Page entries: garbage, a tampered page whose length still matches, another page's entry.
  writeFileSync(p0!, "<!doctype html><p>PLANTED-7f3e</p>");
  const tampered = readFileSync(p1!);
  tampered.writeUInt8(tampered[tampered.length - 20]! ^ 1, tampered.length - 20);
  writeFileSync(p1!, tampered);
  writeFileSync(p2!, readFileSync(entries("page")[3]!));
  const spoiled = build("out-spoiled");
  const notices = spoiled.stderr.split("\n").filter((l) => l.startsWith("build cache:"));
  assert.equal(notices.length, 1, spoiled.stderr);
  assert.match(notices[0]!, /ignored 8 unusable entries/);
  assert.equal(pages(spoiled.stdout).rendered, 3, "the three spoiled pages were rendered again");
  for (const [p, bytes] of spoiled.files) assert.ok(!bytes.includes("PLANTED-7f3e"), `${p}: nothing planted reached the output`);
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
