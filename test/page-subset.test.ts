/**
 * "The pages this Eleventy run renders": every paginated template pages over the list
 * scripts/site/page-subset.ts names for it, a run given a subset writes exactly those
 * entries' pages (and every listing page), and the output paths the list names are
 * the ones Eleventy's permalinks write.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import Eleventy from "@11ty/eleventy";
import { REPO, tempDir } from "./support/build.ts";
import { loadSite } from "../scripts/io/load.ts";
import { handoff } from "../scripts/site/plugin.ts";
import { PAGINATED, PAGE_KINDS, pagesOf, type PageSubset } from "../scripts/site/page-subset.ts";
import { BuildCache } from "../scripts/io/build-cache.ts";

process.env.FACTSHEET_SOCIAL_IMAGES = "0";
const loaded = loadSite(REPO, { git: false });
const view = loaded.view!;

test("each paginated template pages over the list named for it, and no other template paginates", () => {
  const templates = readdirSync(join(REPO, "templates")).filter((n) => n.endsWith(".njk"));
  const paginating = templates.filter((n) => /^pagination:/m.test(readFileSync(join(REPO, "templates", n), "utf8")));
  assert.deepEqual(paginating.sort(), PAGE_KINDS.map((k) => PAGINATED[k].template).sort());
  for (const k of PAGE_KINDS) {
    const text = readFileSync(join(REPO, "templates", PAGINATED[k].template), "utf8");
    assert.match(text, new RegExp(`^  data: fs\\.${PAGINATED[k].data}$`, "m"), `${k} paginates fs.${PAGINATED[k].data}`);
    assert.match(text, /^  size: 1$/m);
  }
});

async function render(pages: PageSubset | undefined): Promise<Map<string, string>> {
  const out = tempDir("subset");
  Object.assign(handoff, { root: REPO, loaded, prefix: "/", cache: new BuildCache(undefined, ""), outputDir: out, pages });
  try {
    const elev = new Eleventy(join(REPO, "templates"), out, { quietMode: true, configPath: join(REPO, ".eleventy.js") });
    const result = (await elev.write()) as unknown as [unknown, { outputPath: string; content: string }[]];
    return new Map(result[1].filter((r) => r.outputPath).map((r) => [relative(out, r.outputPath), r.content]));
  } finally {
    rmSync(out, { recursive: true, force: true });
    handoff.pages = undefined;
  }
}

test("a run renders every entry by default, at the paths page-subset names", { timeout: 300_000 }, async () => {
  const all = await render(undefined);
  for (const k of PAGE_KINDS) {
    const pages = pagesOf(view, k);
    assert.ok(pages.length > 0, `the sample site has ${k} pages`);
    for (const p of pages) assert.ok(all.has(p.path), `${k} ${p.key} written at ${p.path}`);
  }
});

test("a subset renders exactly its entries' pages, plus the listing pages", { timeout: 300_000 }, async () => {
  const all = await render(undefined);
  const fact = pagesOf(view, "fact")[1]!;
  const person = pagesOf(view, "person")[0]!;
  const timeline = pagesOf(view, "listing").find((p) => p.key === "/timeline/")!;
  const some = await render({ fact: new Set([fact.key]), person: new Set([person.key]), topic: new Set(), prose: new Set(), embed: new Set(), listing: new Set([timeline.key]) });
  const perEntry = new Set(PAGE_KINDS.flatMap((k) => pagesOf(view, k).map((p) => p.path)));
  const listings = [...all.keys()].filter((p) => !perEntry.has(p)).sort();
  assert.ok(listings.includes("index.html") && timeline.path === "timeline/index.html");
  assert.deepEqual([...some.keys()].sort(), [...listings, fact.path, person.path, timeline.path].sort());
  // The same page, rendered alone or with all the others.
  assert.equal(some.get(fact.path), all.get(fact.path));
  assert.equal(some.get(person.path), all.get(person.path));
  assert.equal(some.get(timeline.path), all.get(timeline.path));
  // A kind left out of the subset renders every entry.
  const facts = await render({ person: new Set(), topic: new Set(), prose: new Set(), embed: new Set(), listing: new Set() });
  for (const p of pagesOf(view, "fact")) assert.equal(facts.get(p.path), all.get(p.path));
});
