/**
 * Listing pages cut into pages of a fixed size (scripts/lib/paging.ts,
 * scripts/site/listings.ts). The sample site is built with FACTSHEET_PAGE_SIZE=3 so
 * every listing spans several pages: each entry is on exactly one page, every in-site
 * link (including every `#src-<id>` link, from whatever produced it) lands on a page
 * with that id, the navigation is marked up as a pager, every page is valid HTML and
 * in the sitemap, and search records point at the page holding the source. With the
 * default sizes the sample site's listings stay single pages at their usual address.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { REPO, buildInto, tempDir } from "./support/build.ts";
import { chunk, pager, pageUrl, pageSizes } from "../scripts/lib/paging.ts";
import { placeSources, sourcePath } from "../scripts/lib/source-pages.ts";
import { loadSite } from "../scripts/io/load.ts";
import { sourceRecords } from "../scripts/site/search-index.ts";
import { stalePaths } from "../scripts/site/stale-pages.ts";

const out = tempDir("listings");
after(() => rmSync(out, { recursive: true, force: true }));
const built = buildInto(out, [], { FACTSHEET_SEARCH_INDEX: "0", FACTSHEET_PAGE_SIZE: "3", FACTSHEET_CACHE: "0" });

const pages = (readdirSync(out, { recursive: true }) as string[]).filter((p) => p.endsWith("index.html")).sort();
const read = (rel: string) => readFileSync(join(out, rel), "utf8");
const fileOf = (sitePath: string) => `${sitePath.replace(/^\//, "")}index.html`;
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
const listing = (base: string) => pages.filter((p) => p === `${base}index.html` || p.startsWith(`${base}page/`));

test("the build with FACTSHEET_PAGE_SIZE=3 succeeds", () => {
  assert.equal(built.status, 0, built.stderr);
});

test("page addresses, chunks and the page index window", () => {
  assert.equal(pageUrl("/timeline/", 1), "/timeline/");
  assert.equal(pageUrl("/timeline/", 4), "/timeline/page/4/");
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunk([], 2), [[]]);
  const p = pager("/t/", 6, 20);
  assert.deepEqual(p.links.map((l) => l?.n ?? "…"), [1, "…", 4, 5, 6, 7, 8, "…", 20]);
  assert.equal(p.prev, "/t/page/5/");
  assert.equal(p.next, "/t/page/7/");
  assert.deepEqual(pager("/t/", 1, 1).links.map((l) => l?.n), [1]);
  // The index stays the same size however many pages there are.
  assert.equal(pager("/t/", 500, 1000).links.length, pager("/t/", 50, 100).links.length);
  assert.throws(() => pageSizes("0"), /positive whole number/);
});

test("every fact is on exactly one timeline page, oldest first; every source on one sources page", () => {
  const { view } = loadSite(REPO, { git: false });
  const timeline = listing("timeline/");
  assert.ok(timeline.length > 3, `${timeline.length} timeline pages`);
  const seen = timeline.sort((a, b) => (Number(/(\d+)\/index/.exec(a)?.[1] ?? 1) - Number(/(\d+)\/index/.exec(b)?.[1] ?? 1)))
    .flatMap((p) => [...read(p).matchAll(/<li class="timeline-item">\n<time datetime="([^"]+)">[^]*?<a href="\/facts\/([^/]+)\/"/g)].map((m) => m[2]!));
  assert.deepEqual(seen, [...view!.facts].reverse().map((f) => f.slug));
  const sources = listing("sources/").flatMap((p) => [...read(p).matchAll(/<li id="src-([^"]+)"/g)].map((m) => m[1]!));
  assert.deepEqual([...sources].sort(), [...view!.sources.map((s) => s.id)].sort());
  assert.ok(listing("figures/").length > 3 && listing("topics/deal-terms/").length > 1 && listing("people/donald-trump/").length > 1);
});

test("every in-site link lands on a built page, and every fragment on an id there (#src-<id> included)", () => {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsAt = (file: string) => { if (!ids.has(file)) ids.set(file, idsOf(read(file))); return ids.get(file)!; };
  let srcLinks = 0;
  for (const p of pages) {
    for (const m of read(p).matchAll(/\shref="(\/[^"]*)"/g)) {
      const [path, fragment] = m[1]!.replace(/&amp;/g, "&").split("#") as [string, string | undefined];
      if (!path.endsWith("/")) { if (!existsSync(join(out, path))) problems.push(`${p}: ${m[1]} is not a file`); continue; }
      const file = fileOf(path);
      if (!existsSync(join(out, file))) { problems.push(`${p}: ${m[1]} has no page`); continue; }
      if (fragment?.startsWith("src-")) srcLinks++;
      if (fragment && !idsAt(file).has(decodeURIComponent(fragment))) problems.push(`${p}: ${m[1]} lands on no id "${fragment}"`);
    }
  }
  assert.deepEqual(problems.slice(0, 20), []);
  assert.ok(srcLinks > 100, `only ${srcLinks} links to source entries`);
  // The point of the test: some of them go past page 1.
  assert.ok(pages.some((p) => /href="\/sources\/page\/\d+\/#src-/.test(read(p))));
});

test("search records and sourcePath name the page that holds the source", () => {
  const { view } = loadSite(REPO, { git: false });
  placeSources(view!.rawSources, 3);
  for (const r of sourceRecords(view!, "en")) {
    const [path, id] = r.url.split("#") as [string, string];
    assert.ok(idsOf(read(fileOf(path))).has(id), `${r.url}: no ${id} there`);
    assert.equal(r.url, sourcePath(view!.rawSources, id.slice(4)));
  }
});

test("the page navigation: a labelled nav, the current page marked, rel=prev/next, plain links", () => {
  const middle = read("timeline/page/3/index.html");
  const nav = /<nav class="pager" aria-label="Timeline, pages">([^]*?)<\/nav>/.exec(middle)?.[1] ?? "";
  assert.match(nav, /<a href="\/timeline\/page\/3\/" aria-current="page">/);
  assert.match(nav, /<a href="\/timeline\/page\/2\/" rel="prev">/);
  assert.match(nav, /<a href="\/timeline\/page\/4\/" rel="next">/);
  assert.equal((nav.match(/aria-current/g) ?? []).length, 1);
  assert.doesNotMatch(read("timeline/index.html"), /rel="prev"/);
  assert.match(middle, /<title>Timeline, page 3 of \d+ /);
  const sitemap = read("sitemap.xml");
  for (const p of pages.filter((x) => x.includes("/page/"))) assert.ok(sitemap.includes(`/${p.replace(/index\.html$/, "")}</loc>`), `${p} in the sitemap`);
  // A person's later pages hold only facts, and stay out of the search index.
  assert.doesNotMatch(read("people/donald-trump/page/2/index.html"), /data-pagefind-body|id="references-title"/);
});

test("every listing page is valid HTML (html-validate with the site's config)", async () => {
  const config = JSON.parse(readFileSync(join(REPO, ".htmlvalidate.json"), "utf8")) as ConfigData;
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  const problems: string[] = [];
  const checked = pages.filter((p) => /^(timeline|sources|figures)\/|\/page\/|^(people|topics)\/[^/]+\/index\.html$|^data\//.test(p));
  assert.ok(checked.length > 50, `${checked.length} pages`);
  for (const p of checked) {
    const result = await validator.validateString(read(p), p);
    for (const m of result.results.flatMap((r) => r.messages)) problems.push(`${p} ${m.line}:${m.column} [${m.ruleId}] ${m.message}`);
  }
  assert.deepEqual(problems.slice(0, 20), []);
});

test("the dev server drops listing pages past the last one (a listing that shrank)", () => {
  const dir = tempDir("stale-listing");
  try {
    for (const d of ["timeline/page/2", "timeline/page/3", "topics/t/page/2"]) mkdirSync(join(dir, d), { recursive: true });
    const view = { facts: [], people: [], topics: [{ id: "t" }], pages: [], rawCharts: [], listing: [{ url: "/timeline/" }, { url: "/timeline/page/2/" }] };
    assert.deepEqual(stalePaths(view, dir), ["timeline/page/3", "topics/t/page/2"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
