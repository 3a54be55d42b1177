/**
 * History from git in a built site: a temporary repository whose figure changes with a
 * correction, a wording edit, a forward-dated commit; the fact page's History, the
 * /corrections/ page and feed, the cited version; a shallow clone; same commit, same bytes.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeProject, REPO } from "./support/project.ts";
import { factHistory } from "../scripts/io/git-history.ts";
import { gitRuns } from "../scripts/io/git-content.ts";
import { snapshotDir } from "./support/build.ts";

const U = "content/facts/us-proposed-50-percent.md";
const ENV = { FACTSHEET_TODAY: "2026-12-02" };
const p = makeProject();
after(() => { if (!process.env.KEEP) p.close(); else console.log(p.root); });
p.commit("initial", "2026-11-01T10:00:00Z");
p.edit(U, "    value: 50\n", "    value: 40\n");
p.edit(U, "charts:", "corrections:\n  - date: 2026-11-20\n    note: \"The draft proposed 40%, not 50% <b>as we said</b>.\"\ncharts:");
const changed = p.commit("<script>alert(1)</script>\n::error::forged", "2026-11-20T10:00:00Z");
p.edit(U, "## Context", "## Background");
p.commit("wording", "2026-11-21T10:00:00Z");
p.edit(U, "status: reported", "status: confirmed");
p.commit("from the future", "2099-01-01T00:00:00Z");

const build = (root = p.root, out = "_site") => {
  const r = execFileSync(process.execPath, ["--import", "tsx", "scripts/cli/build.ts", "--root", root, "--output", out, "--quiet"], {
    cwd: root, encoding: "utf8", env: { ...process.env, ...ENV, FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0", PATH_PREFIX: "/" },
  });
  return { stdout: r, dir: join(root, out) };
};
const b = build();
const page = readFileSync(join(b.dir, "facts/us-proposed-50-percent/index.html"), "utf8");
const history = page.match(/<section class="history" id="history"[\s\S]*?<\/section>/)?.[0] ?? "";
const items = [...history.matchAll(/<li class="(\w+)"><time datetime="([\d-]+)">[^<]*<\/time>: ([\s\S]*?)<\/li>/g)].map((m) => `${m[2]} ${m[1]}: ${m[3]!.replace(/<[^>]+>/g, "")}`);

test("the History lists corrections and substantive changes newest first; forward dates are clamped", () => {
  assert.deepEqual(items, [
    "2026-12-02 change: status changed from reported to confirmed",
    "2026-11-20 correction: Correction. The draft proposed 40%, not 50% &lt;b&gt;as we said&lt;/b&gt;.",
    "2026-11-20 change: figure Proposed US ownership of Ukraine&#39;s rare earth resources changed from 50% to 40%",
    "2026-11-20 change: chart &quot;Proposed ownership of Ukraine&#39;s rare earth resources&quot; data changed",
  ].map((s) => s.replace(/&#39;/g, page.includes("&#39;") ? "&#39;" : "'").replace(/&quot;/g, page.includes("&quot;") ? "&quot;" : '"')));
  assert.match(history, /1 smaller edit to the wording, not listed\./);
  assert.equal(b.stdout.split("\n").filter((l) => l.startsWith("history: 1 commit is dated after the build (2026-12-02)")).length, 1, b.stdout);
  assert.doesNotMatch(page, /2099|<script>alert|::error::forged/);
});

test("Cite this names the version and links the file at that commit", () => {
  assert.match(page, /Version of <time datetime="2026-12-02">2 December 2026<\/time>/);
  const repo = /^repository: (\S+)/m.exec(p.read("content/site.yaml"))![1]!;
  if (/^https:\/\/github\.com\//.test(repo)) assert.ok(page.includes(`/blob/${p.git("rev-parse", "HEAD").trim()}/content/facts/us-proposed-50-percent.md`));
  assert.ok(changed.length === 40);
});

test("/corrections/ lists the correction linking to the History; the feed has it, escaped", () => {
  const list = readFileSync(join(b.dir, "corrections/index.html"), "utf8");
  assert.match(list, /<time datetime="2026-11-20">20 November 2026<\/time>\n<div><a href="\/facts\/us-proposed-50-percent\/#history">US proposed owning 50% of Ukraine(&#39;|')s rare earth resources<\/a>\n<p>The draft proposed 40%, not 50% &lt;b&gt;as we said&lt;\/b&gt;\.<\/p>/);
  const feed = readFileSync(join(b.dir, "corrections.xml"), "utf8");
  assert.match(feed, /<entry>\n<id>[^<]*\/facts\/us-proposed-50-percent\/#correction-2026-11-20-1<\/id>\n<title type="text">Correction: US proposed owning 50% of Ukraine(&#39;|&apos;|')s rare earth resources<\/title>/);
  assert.match(feed, /<summary type="text">20 November 2026: The draft proposed 40%, not 50% &lt;b&gt;as we said&lt;\/b&gt;\.<\/summary>/);
  const footer = readFileSync(join(b.dir, "index.html"), "utf8");
  assert.match(footer, /<a href="\/corrections\/">Corrections<\/a>/);
});

test("same commit, same bytes", () => {
  const again = build(p.root, "_site2");
  assert.deepEqual(snapshotDir(again.dir), snapshotDir(b.dir));
});

test("a shallow clone builds with one warning line and no git history", () => {
  const dir = mkdtempSync(join(tmpdir(), "factsheet-shallow-"));
  try {
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${p.root}`, join(dir, "c")], { stdio: "ignore" });
    const root = join(dir, "c");
    for (const f of ["templates", ".eleventy.js", "package.json"]) cpSync(join(REPO, f), join(root, f), { recursive: true });
    symlinkSync(join(REPO, "scripts"), join(root, "scripts"));
    symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
    const s = build(root);
    assert.deepEqual(s.stdout.split("\n").filter((l) => l.startsWith("history:")), ["history: this is a shallow clone, so fact pages show corrections but no changes from git (fetch the full history: git fetch --unshallow)"]);
    const html = readFileSync(join(s.dir, "facts/us-proposed-50-percent/index.html"), "utf8");
    assert.match(html, /id="history"/);
    assert.doesNotMatch(html, /changed from 50% to 40%/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("history is read with three git processes, for 4 commits or 16", () => {
  const runs = (n: number) => {
    for (let i = 0; i < n; i++) { p.edit(U, "## Background", `## Background ${i}`); p.commit(`edit ${i}`, "2026-11-25T10:00:00Z"); p.edit(U, `## Background ${i}`, "## Background"); }
    const before = gitRuns.count;
    const h = factHistory(p.root, "content", "2026-12-02");
    assert.ok(h.facts.get(U)!.minor >= n);
    return gitRuns.count - before;
  };
  assert.equal(runs(4), 3);
  assert.equal(runs(16), 3);
});
