/** Integration: build the real fact sheet and check its pages, links and anchors. */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildInto, tempDir, REPO } from "./support/build.ts";
import { loadSite } from "../scripts/io/load.ts";
import { sourcePath } from "../scripts/lib/source-pages.ts";

let out = "";
const { view } = loadSite(REPO, { git: false });
const page = (url: string) => readFileSync(join(out, url.replace(/^\//, ""), url.endsWith("/") ? "index.html" : ""), "utf8");

before(() => {
  out = join(tempDir("site"), "_site");
  const r = buildInto(out);
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(join(out, ".."), { recursive: true, force: true }));

test("every route of DESIGN section 2 exists", () => {
  const routes = ["/", "/timeline/", "/sources/", "/figures/", "/search/", "/data/", "/404.html",
    ...view!.facts.map((f) => f.url), ...view!.people.map((p) => p.url), ...view!.topics.map((t) => t.url), ...view!.pages.map((p) => p.url),
    "/data/figures.json", "/data/figures.csv", "/data/facts.json", "/data/sources.json", ...view!.rawCharts.map((c) => `/data/charts/${c.id}.csv`)];
  for (const r of routes) assert.ok(existsSync(join(out, r.replace(/^\//, ""), r.endsWith("/") ? "index.html" : "")), r);
});

test("no content file became an Eleventy page: only our templates' routes exist", () => {
  assert.ok(!existsSync(join(out, "content")));
  assert.ok(!existsSync(join(out, "_includes")));
});

test("fact pages carry their figures, charts, references and metadata", () => {
  for (const f of view!.facts) {
    const html = page(f.url);
    assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1, `${f.url}: one h1`);
    for (const id of f.figureIds) assert.match(html, new RegExp(`id="fig-${id}"`), `${f.url}: #fig-${id}`);
    for (const id of f.chartIds) assert.match(html, new RegExp(`id="chart-${id}"`), `${f.url}: #chart-${id}`);
    if (f.cited.length) assert.match(html, /<section class="references"/, `${f.url}: References`);
    assert.match(html, new RegExp(`class="status status-${f.status}"`), `${f.url}: status badge`);
    assert.match(html, /Last updated <time datetime="\d{4}-\d{2}-\d{2}">/, `${f.url}: last updated`);
  }
});

test("every in-page anchor resolves and ids are unique on every page", () => {
  const urls = ["/", "/timeline/", "/sources/", "/figures/", ...view!.facts.map((f) => f.url), ...view!.people.map((p) => p.url), ...view!.pages.map((p) => p.url)];
  for (const url of urls) {
    const html = page(url);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dup, [], `${url}: duplicate ids`);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.includes(m[1]!), `${url}: #${m[1]} has no element`);
  }
});

test("every internal link points at a file that was built", () => {
  const urls = ["/", "/timeline/", "/sources/", "/figures/", "/data/", ...view!.facts.map((f) => f.url), ...view!.people.map((p) => p.url), ...view!.topics.map((t) => t.url), ...view!.pages.map((p) => p.url)];
  for (const url of urls) {
    for (const m of page(url).matchAll(/(?:href|src)="(\/[^"#]*)(#[^"]*)?"/g)) {
      const target = m[1]!.replace(/^\//, "");
      const file = target === "" || target.endsWith("/") ? join(out, target, "index.html") : join(out, target);
      assert.ok(existsSync(file), `${url} links to ${m[1]}, which was not built`);
    }
  }
});

test("cross-page figure and source anchors exist on their target pages", () => {
  for (const url of ["/", "/figures/", ...view!.facts.map((f) => f.url)]) {
    for (const m of page(url).matchAll(/href="(\/[^"#]+\/)#((?:fig|src|chart)-[^"]+)"/g)) {
      assert.match(page(m[1]!), new RegExp(`id="${m[2]}"`), `${url} -> ${m[1]}#${m[2]}`);
    }
  }
});

test("every page has the CSP meta first and no inline script or style attribute", () => {
  for (const url of ["/", "/figures/", view!.facts[0]!.url, "/404.html"]) {
    const html = url.endsWith(".html") ? readFileSync(join(out, url), "utf8") : page(url);
    assert.match(html, /<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'/, url);
    for (const s of html.matchAll(/<script\b([^>]*)>/g)) assert.match(s[1]!, /type="application\/(json|ld\+json)"|\bsrc="/, `${url}: inline script ${s[0]}`);
    assert.doesNotMatch(html, /\sstyle="/, `${url}: style attribute`);
  }
});

test("the timeline lists every fact, oldest first", () => {
  const html = page("/timeline/");
  const dates = [...html.matchAll(/<li class="timeline-item">\s*<time datetime="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(dates.length, view!.facts.length);
  assert.deepEqual(dates, [...dates].sort());
});

test("the sources pages list every source, each on the page sourcePath names", () => {
  for (const s of view!.sources) {
    const [path, id] = sourcePath(view!.rawSources, s.id).split("#") as [string, string];
    assert.match(page(path), new RegExp(`id="${id}"`), s.id);
  }
});
