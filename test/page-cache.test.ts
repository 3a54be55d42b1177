/**
 * The page cache's keys cover everything a page template reads: every `fs.<field>` that
 * the page includes, the layout and the partials use is in FRAME_READS (or read per
 * page), and a change to any frame field, to a fact, or to a fact a person or topic page
 * lists gives exactly the pages that show it new keys. Byte-identity of whole builds is
 * test/build-cache-site.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./support/build.ts";
import { CACHED_KINDS, FRAME_READS, PER_PAGE_READS, pageDigests } from "../scripts/site/page-keys.ts";
import { PAGE_KINDS, PAGINATED } from "../scripts/site/page-subset.ts";
import { loadSite } from "../scripts/io/load.ts";

const T = join(REPO, "templates");
/** The includes of listing pages (never cached, always rendered: scripts/site/page-keys.ts UNCACHED). */
const LISTING_INCLUDES = new Set(["pages/timeline.njk", "pages/sources.njk", "pages/figures.njk"]);
/** Everything a cached entry page is made from: its paginated template, its include, the layout and partials. */
const pageTemplates = [
  ...CACHED_KINDS.map((k) => join(T, PAGINATED[k].template)),
  ...readdirSync(join(T, "_includes"), { recursive: true }).map(String).filter((n) => n.endsWith(".njk") && !LISTING_INCLUDES.has(n)).map((n) => join(T, "_includes", n)),
];

test("every fs field a page template reads is part of the page key", () => {
  const allowed = [...FRAME_READS, ...PER_PAGE_READS, ...PAGE_KINDS.map((k) => PAGINATED[k].data)];
  const reads = new Set<string>();
  for (const file of pageTemplates) for (const m of readFileSync(file, "utf8").matchAll(/\bfs\.([A-Za-z_][\w.]*)/g)) reads.add(m[1]!);
  assert.ok(reads.size > 5, "the templates were read");
  for (const r of reads) {
    assert.ok(allowed.some((a) => r === a || r.startsWith(`${a}.`)), `templates read fs.${r}: add it to FRAME_READS in scripts/site/page-keys.ts`);
  }
  // And no template reaches fs through another name (e.g. {% set x = fs %}).
  for (const file of pageTemplates) assert.doesNotMatch(readFileSync(file, "utf8"), /\bfs\b(?!\.)/, `${file} uses fs whole`);
});

const view = loadSite(REPO, { git: false }).view!;
const digests = (v: object) => new Map(pageDigests(v).map((p) => [p.path, p.digest]));
const base = digests(view);
const diff = (v: object) => { const d = digests(v); return [...d.keys()].filter((p) => d.get(p) !== base.get(p)).sort(); };

test("a frame field gives every page a new key", () => {
  for (const field of ["site", "nav", "prefix", "absBase", "buildDate", "correctionFormUrl"] as const) {
    const changed = { ...view, [field]: field === "nav" ? [] : field === "site" ? { ...view.site, title: "x" } : "x" };
    assert.equal(diff(changed).length, base.size, `${field}: every page`);
  }
  assert.equal(diff({ ...view, reuse: { ...view.reuse, site: { ...view.reuse.site, imageAlt: "x" } } }).length, base.size);
});

test("a fact's view changes its page and the person and topic pages listing it, nothing else", () => {
  const f = view.facts.find((x) => x.people.length && x.topics.length)!;
  const edited = { ...f, summary: `${f.summary} (edited)` };
  const swap = (list: typeof view.facts) => list.map((x) => (x === f ? edited : x));
  const v = {
    ...view, facts: swap(view.facts),
    people: view.people.map((p) => ({ ...p, facts: swap(p.facts) })),
    topics: view.topics.map((t) => ({ ...t, facts: swap(t.facts) })),
  };
  const expected = [`facts/${f.slug}/index.html`, ...f.people.map((p) => `people/${p.slug}/index.html`), ...f.topics.map((t) => `topics/${t.id}/index.html`)].sort();
  assert.deepEqual(diff(v), expected);
  // Its re-use record (citations, JSON-LD) is read by its page alone.
  const reuse = { ...view.reuse, facts: { ...view.reuse.facts, [f.slug]: { ...view.reuse.facts[f.slug]!, cite: "x" } } };
  assert.deepEqual(diff({ ...view, reuse }), [`facts/${f.slug}/index.html`]);
});
