/**
 * Previews and structured data on every built page, under a path prefix with SITE_URL
 * set (as the GitHub Pages deploy builds): title, description, canonical, Open Graph and
 * Twitter tags with absolute URLs, and JSON-LD (Article with citations on facts, WebSite
 * on the home page, Dataset on /data/). One fact, source and topic carry hostile
 * strings, which must read back exactly from attributes and JSON-LD.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HOSTILE, buildSite, kid, kids, makeHostileContent, parseXml, type Built } from "./support/reuse-site.ts";

const ORIGIN = "https://reuse.example.org";
const PREFIX = "/reuse-prefix/";
const BASE = ORIGIN + PREFIX;
let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;
const pages = new Map<string, string>();

before(() => {
  content = makeHostileContent();
  built = buildSite({ content: content.rel, prefix: PREFIX, env: { SITE_URL: ORIGIN } });
  const walk = (rel: string) => {
    for (const e of readdirSync(join(built!.out, rel), { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "pagefind") walk(`${rel}${e.name}/`);
      else if (e.name.endsWith(".html")) pages.set(`/${rel}${e.name}`.replace(/index\.html$/, ""), readFileSync(join(built!.out, rel, e.name), "utf8"));
    }
  };
  walk("");
});
after(() => { built?.cleanup(); content?.cleanup(); });

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#(\d+));/g, (_, e: string, n?: string) =>
  n ? String.fromCodePoint(Number(n)) : ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" } as Record<string, string>)[e]!);

/** The head's meta tags by name or property (decoded), plus title and canonical. */
function head(html: string) {
  const h = html.slice(0, html.indexOf("</head>"));
  const meta = new Map<string, string[]>();
  for (const m of h.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)">/g)) meta.set(m[1]!, [...(meta.get(m[1]!) ?? []), decode(m[2]!)]);
  const one = (k: string) => { const v = meta.get(k); assert.equal(v?.length, 1, `exactly one meta ${k}`); return v![0]!; };
  const title = decode(/<title>([^<]*)<\/title>/.exec(h)?.[1] ?? "");
  const canonical = decode(/<link rel="canonical" href="([^"]*)">/.exec(h)?.[1] ?? "");
  const ld = [...h.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => m[1]!);
  return { one, title, canonical, ld, raw: h };
}

test("every page has a title, description, canonical, Open Graph and Twitter tags, all URLs absolute under the prefix", () => {
  assert.ok(pages.size > 40, `${pages.size} pages`);
  for (const [path, html] of pages) {
    const h = head(html);
    assert.ok(h.title.trim(), `${path}: <title>`);
    assert.ok(h.one("description").trim(), `${path}: description`);
    assert.equal(h.canonical, BASE + path.slice(1), `${path}: canonical`);
    assert.equal(h.one("og:url"), h.canonical, `${path}: og:url`);
    for (const k of ["og:title", "og:description", "og:site_name", "og:type", "twitter:title", "twitter:description", "og:image:alt"]) assert.ok(h.one(k).trim(), `${path}: ${k}`);
    const image = h.one("og:image");
    const fact = /^\/facts\/([a-z0-9-]+)\/$/.exec(path)?.[1];
    assert.equal(image, fact ? `${BASE}social/${fact}.png` : `${BASE}assets/social.png`, `${path}: og:image`);
    assert.equal(h.one("og:image:width"), "1200");
    assert.equal(h.one("og:image:height"), "630");
    assert.equal(h.one("twitter:card"), "summary_large_image", path);
    assert.equal(h.one("twitter:image"), image, path);
    assert.equal(h.one("og:type"), fact ? "article" : "website", path);
  }
});

test("fact pages carry one Article with citations, matching the page", () => {
  const facts = (JSON.parse(readFileSync(join(built!.out, "data/facts.json"), "utf8")) as { facts: { slug: string; title: string; sources: string[] }[] }).facts;
  const sources = new Map((JSON.parse(readFileSync(join(built!.out, "data/sources.json"), "utf8")) as { sources: { id: string; title: string | null; label: string | null }[] }).sources.map((s) => [s.id, s]));
  for (const f of facts) {
    const h = head(pages.get(`/facts/${f.slug}/`)!);
    assert.equal(h.ld.length, 1, f.slug);
    assert.doesNotMatch(h.ld[0]!, /[<>]/, `${f.slug}: raw < or > in JSON-LD`);
    const a = JSON.parse(h.ld[0]!) as Record<string, unknown> & { citation: { name?: string; description?: string }[] };
    assert.equal(a["@type"], "Article");
    assert.equal(a.headline, f.title);
    assert.equal(a.url, h.canonical);
    assert.deepEqual(a.image, [h.one("og:image")]);
    // A headline is the citation's name; a label (a page with no headline) is only its description.
    assert.deepEqual(a.citation.map((c) => [c.name ?? null, c.description ?? null]),
      f.sources.map((s) => [sources.get(s)!.title, sources.get(s)!.title === null ? sources.get(s)!.label : null]), `${f.slug}: one citation per source cited, in order`);
  }
});

test("the home page has WebSite JSON-LD and /data/ has a Dataset whose downloads exist", () => {
  const home = head(pages.get("/")!);
  assert.equal(home.ld.length, 1);
  const w = JSON.parse(home.ld[0]!) as { "@type": string; url: string };
  assert.equal(w["@type"], "WebSite");
  assert.equal(w.url, BASE);
  const data = head(pages.get("/data/")!);
  assert.equal(data.ld.length, 1);
  const d = JSON.parse(data.ld[0]!) as { "@type": string; distribution: { contentUrl: string }[] };
  assert.equal(d["@type"], "Dataset");
  assert.ok(d.distribution.length >= 4);
  for (const dl of d.distribution) {
    assert.ok(dl.contentUrl.startsWith(`${BASE}data/`), dl.contentUrl);
    assert.ok(existsSync(join(built!.out, dl.contentUrl.slice(BASE.length))), `${dl.contentUrl} was not written`);
  }
  for (const p of ["/timeline/", "/search/", "/sources/"]) assert.equal(head(pages.get(p)!).ld.length, 0, p);
});

test("hostile strings read back exactly from meta tags and JSON-LD", () => {
  const html = pages.get(`/facts/${HOSTILE.slug}/`)!;
  const h = head(html);
  assert.equal(h.one("og:title"), HOSTILE.title);
  assert.equal(h.one("twitter:title"), HOSTILE.title);
  assert.equal(h.one("description"), HOSTILE.summary);
  assert.ok(h.title.startsWith(HOSTILE.title));
  assert.ok(h.one("og:image:alt").includes(HOSTILE.title));
  assert.doesNotMatch(h.raw, /<b>bold|<script>alert|<\/script><!--/);
  const a = JSON.parse(h.ld[0]!) as { headline: string; description: string; keywords: string; citation: { name: string }[] };
  assert.equal(a.headline, HOSTILE.title);
  assert.equal(a.description, HOSTILE.summary);
  assert.equal(a.keywords, HOSTILE.topic);
  assert.ok(a.citation.some((c) => c.name === HOSTILE.source));
});

test("the feed, sitemap and robots.txt use the public address with the prefix", () => {
  const feed = parseXml(readFileSync(join(built!.out, "feed.xml"), "utf8"));
  assert.equal(kid(feed, "id")!.text, BASE);
  assert.equal(kids(feed, "link").find((l) => l.attrs.rel === "self")!.attrs.href, `${BASE}feed.xml`);
  for (const e of kids(feed, "entry")) assert.ok(kid(e, "link")!.attrs.href!.startsWith(`${BASE}facts/`));
  const map = parseXml(readFileSync(join(built!.out, "sitemap.xml"), "utf8"));
  for (const u of kids(map, "url")) assert.ok(kid(u, "loc")!.text.startsWith(BASE), kid(u, "loc")!.text);
  assert.match(readFileSync(join(built!.out, "robots.txt"), "utf8"), new RegExp(`^Sitemap: ${BASE}sitemap\\.xml$`, "m"));
});
