/**
 * A renamed fact keeps its old address: a temporary repository commits a fact, changes a
 * figure, renames the file with git mv; the build writes a redirect page at the old
 * address (prefix-aware, noindex, no script, left out of the sitemap), the new page keeps
 * the History from before the rename, and a shallow clone still builds.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeProject, REPO } from "./support/project.ts";
import { factHistory } from "../scripts/io/git-history.ts";
import { resolveRedirects } from "../scripts/site/redirect-page.ts";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";

const OLD = "content/facts/us-proposed-50-percent.md";
const NEW = "content/facts/us-proposed-ownership-share.md";
const ENV = { FACTSHEET_TODAY: "2026-12-02", PATH_PREFIX: "/sheet/" };
const p = makeProject();
after(() => p.close());
p.commit("initial", "2026-11-01T10:00:00Z");
p.edit(OLD, "    value: 50\n", "    value: 40\n");
p.edit(OLD, "charts:", "corrections:\n  - date: 2026-11-20\n    note: \"The draft proposed 40%, not 50%.\"\ncharts:");
p.commit("correct the share", "2026-11-20T10:00:00Z");
p.git("mv", OLD, NEW);
p.commit("rename", "2026-11-22T10:00:00Z");

const built = p.run("build", ["--output", "_site", "--quiet"], ENV);
const out = join(p.root, "_site");
const read = (rel: string) => readFileSync(join(out, rel), "utf8");

test("the old address is a redirect page to the new one, with the prefix", () => {
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const page = read("facts/us-proposed-50-percent/index.html");
  assert.match(page, /<meta http-equiv="refresh" content="0; url=\/sheet\/facts\/us-proposed-ownership-share\/">/);
  assert.match(page, /<link rel="canonical" href="[^"]*\/sheet\/facts\/us-proposed-ownership-share\/">/);
  assert.match(page, /<meta name="robots" content="noindex">/);
  assert.match(page, /This fact moved to <a href="\/sheet\/facts\/us-proposed-ownership-share\/">US proposed owning 50% of Ukraine(&#39;|')s rare earth resources<\/a>\./);
  assert.match(page, /Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
  assert.doesNotMatch(page, /<script/);
  assert.doesNotMatch(read("sitemap.xml"), /us-proposed-50-percent/);
});

test("the redirect page passes html-validate with the site's config (the browser crawl never reaches it: nothing links to it)", async () => {
  const config = JSON.parse(readFileSync(join(REPO, ".htmlvalidate.json"), "utf8")) as ConfigData;
  const result = await new HtmlValidate(new StaticConfigLoader(config)).validateString(read("facts/us-proposed-50-percent/index.html"));
  assert.deepEqual(result.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), []);
});

test("the new page exists and its History follows the fact across the rename", () => {
  const page = read("facts/us-proposed-ownership-share/index.html");
  assert.match(page, /id="history"/);
  assert.match(page, /changed from 50% to 40%/);
});

test("a current fact that owns an old slug keeps its page; chains resolve to the current end", () => {
  const current = new Map([["c", "C"], ["a", "A again"]]);
  assert.deepEqual(resolveRedirects(new Map([["a", "b"], ["b", "c"], ["x", "gone"]]), current), [{ from: "b", to: "c", title: "C" }]);
  assert.deepEqual(resolveRedirects(new Map([["a", "b"], ["b", "c"]]), new Map([["c", "C"]])), [{ from: "a", to: "c", title: "C" }, { from: "b", to: "c", title: "C" }]);
  // A cycle (renamed away and back) ends without a redirect to itself.
  assert.deepEqual(resolveRedirects(new Map([["a", "b"], ["b", "a"]]), new Map([["a", "A"]])), [{ from: "b", to: "a", title: "A" }]);
});

test("renames are read from the same single git log", () => {
  const h = factHistory(p.root, "content", "2026-12-02");
  assert.deepEqual([...h.renames], [["us-proposed-50-percent", "us-proposed-ownership-share"]]);
  assert.ok(!h.facts.has(OLD) && h.facts.has(NEW));
});

test("a shallow clone of the renamed repository still builds, without redirects", () => {
  const dir = mkdtempSync(join(tmpdir(), "factsheet-shallow-"));
  try {
    const root = join(dir, "c");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${p.root}`, root], { stdio: "ignore" });
    for (const f of ["templates", ".eleventy.js", "package.json"]) cpSync(join(REPO, f), join(root, f), { recursive: true });
    symlinkSync(join(REPO, "scripts"), join(root, "scripts"));
    symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
    execFileSync(process.execPath, ["--import", "tsx", "scripts/cli/build.ts", "--root", root, "--output", "_site", "--quiet"], {
      cwd: root, stdio: "ignore", env: { ...process.env, ...ENV, FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0" },
    });
    assert.ok(existsSync(join(root, "_site/facts/us-proposed-ownership-share/index.html")));
    assert.ok(!existsSync(join(root, "_site/facts/us-proposed-50-percent/index.html")));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
