/**
 * /feed.xml (Atom, RFC 4287), /sitemap.xml and /robots.txt of the sample site with
 * hostile strings in one fact: well-formed XML, the required elements, absolute URLs,
 * entries newest first, and the hostile title and topic read back exactly.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HOSTILE, buildSite, kid, kids, makeHostileContent, parseXml, type Built, type XmlElement } from "./support/reuse-site.ts";

let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;
const read = (p: string) => readFileSync(join(built!.out, p), "utf8");
const facts = () => (JSON.parse(read("data/facts.json")) as { facts: { slug: string; url: string; title: string; updated: string }[] }).facts;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABS = /^https?:\/\/[^/\s]+\/\S*$/;

before(() => {
  content = makeHostileContent();
  built = buildSite({ content: content.rel });
});
after(() => { built?.cleanup(); content?.cleanup(); });

test("the XML checker rejects what a feed reader would", () => {
  assert.equal(parseXml(`<?xml version="1.0"?><a x="1 &amp; 2"><b/>t &lt; u</a>`).attrs.x, "1 & 2");
  for (const bad of ["<a>&</a>", "<a><b></a></b>", `<a x="<">`, "<a>", "<a/><b/>", `<a x="1" x="2"/>`, "<a>\u0001</a>", "<a>&bogus;</a>", "text<a/>"]) {
    assert.throws(() => parseXml(bad), /^Error: XML: /, bad);
  }
});

test("feed.xml is a well-formed Atom feed with the required feed elements", () => {
  const feed = parseXml(read("feed.xml"));
  assert.equal(feed.name, "feed");
  assert.equal(feed.attrs.xmlns, "http://www.w3.org/2005/Atom");
  for (const name of ["id", "title", "updated", "author"]) assert.equal(kids(feed, name).length, 1, `one <${name}>`);
  assert.match(kid(feed, "id")!.text, ABS);
  assert.match(kid(feed, "updated")!.text, RFC3339);
  assert.ok(kid(kid(feed, "author")!, "name")!.text.trim(), "author has a name");
  const links = kids(feed, "link");
  const self = links.find((l) => l.attrs.rel === "self");
  const alt = links.find((l) => l.attrs.rel === "alternate");
  assert.ok(self && alt, "rel=self and rel=alternate links");
  assert.match(self.attrs.href!, /^https?:\/\/.+\/feed\.xml$/);
  assert.match(alt.attrs.href!, ABS);
  // The feed's updated is its newest entry's.
  const newest = kids(feed, "entry").map((e) => kid(e, "updated")!.text).sort().pop();
  assert.equal(kid(feed, "updated")!.text, newest);
});

test("one entry per fact, newest change first, each with id, title, updated, link and summary", () => {
  const entries = kids(parseXml(read("feed.xml")), "entry");
  const all = facts();
  assert.equal(entries.length, all.length);
  const bySlug = new Map(all.map((f) => [f.url, f]));
  const ids = new Set<string>();
  let previous = "9999";
  for (const e of entries) {
    for (const name of ["id", "title", "updated", "link", "summary"]) assert.equal(kids(e, name).length, 1, `entry has one <${name}>`);
    const id = kid(e, "id")!.text;
    assert.match(id, ABS);
    assert.ok(!ids.has(id), `duplicate entry id ${id}`);
    ids.add(id);
    const href = kid(e, "link")!.attrs.href!;
    assert.equal(href, id);
    const fact = bySlug.get(href);
    assert.ok(fact, `entry link ${href} is no fact's URL in facts.json`);
    const updated = kid(e, "updated")!.text;
    assert.match(updated, RFC3339);
    assert.equal(updated.slice(0, 10), fact.updated);
    assert.ok(updated <= previous, "entries are sorted newest first");
    previous = updated;
    assert.ok(kid(e, "summary")!.text.trim().length > 0);
  }
});

test("hostile titles, summaries and topics read back exactly from the feed", () => {
  const xml = read("feed.xml");
  const entry = kids(parseXml(xml), "entry").find((e) => kid(e, "link")!.attrs.href!.endsWith(`/facts/${HOSTILE.slug}/`))!;
  assert.equal(kid(entry, "title")!.text, HOSTILE.title);
  assert.ok(kid(entry, "summary")!.text.includes(HOSTILE.summary));
  assert.ok(kids(entry, "category").some((c) => c.attrs.term === HOSTILE.topicId && c.attrs.label === HOSTILE.topic));
  assert.ok(!xml.includes("<b>bold") && !xml.includes("<script>"), "no raw markup from content");
});

/** Site paths of the pages written, as the sitemap should list them. */
function builtPages(dir: string, rel = "/"): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? builtPages(dir, `${rel}${e.name}/`) : e.name === "index.html" ? [rel] : []);
}

test("sitemap.xml lists every page once, absolute, with lastmod", () => {
  const set = parseXml(read("sitemap.xml"));
  assert.equal(set.name, "urlset");
  assert.equal(set.attrs.xmlns, "http://www.sitemaps.org/schemas/sitemap/0.9");
  const urls = kids(set, "url");
  const locs = urls.map((u: XmlElement) => kid(u, "loc")!.text);
  assert.equal(new Set(locs).size, locs.length, "no URL twice");
  const base = kid(parseXml(read("feed.xml")), "id")!.text;
  const paths = locs.map((l) => { assert.ok(l.startsWith(base), `${l} is not under ${base}`); return `/${l.slice(base.length)}`; });
  // Embed pages are noindex (a chart alone, for an iframe), so the sitemap leaves them out.
  assert.deepEqual(paths.sort(), builtPages(built!.out).filter((p) => !p.startsWith("/embed/")).sort());
  assert.ok(!locs.some((l) => l.endsWith("404.html")));
  for (const u of urls) assert.match(kid(u, "lastmod")!.text, /^\d{4}-\d{2}-\d{2}$/);
  for (const f of facts()) {
    const u = urls.find((x) => kid(x, "loc")!.text === f.url);
    assert.equal(kid(u!, "lastmod")!.text, f.updated, f.slug);
  }
});

test("robots.txt points at the sitemap by absolute URL", () => {
  const robots = read("robots.txt");
  const base = kid(parseXml(read("feed.xml")), "id")!.text;
  assert.match(robots, /^User-agent: \*$/m);
  assert.ok(robots.split("\n").includes(`Sitemap: ${base}sitemap.xml`), robots);
});
