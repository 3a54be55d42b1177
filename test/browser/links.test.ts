/**
 * The site as GitHub Pages serves a project site: built with --prefix /us-ukraine-minerals/
 * and served only under that prefix, crawled from the prefixed root in Chromium with
 * JavaScript off (so this is also the no-JavaScript reading of every page: full text
 * and chart tables). Every internal link and asset answers 200, nothing escapes the
 * prefix, links with a fragment land on an id, every built page is reachable; pages
 * that run scripts are loaded again with JavaScript on, and request nothing outside
 * the prefix; the feed and sitemap are well-formed XML (Chromium's DOMParser) with the
 * elements Atom and sitemaps require, all under the prefix.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, watchPage, inPage, drawCharts } from "../support/browser.ts";
import {
  buildAndServe, builtPages, pageFile, crawl, report, checkReferences, collectIds, type BuiltSite, type Visit,
} from "../support/site.ts";

const PREFIX = "/us-ukraine-minerals/";
const findings = { links: [] as string[], requests: [] as string[], anchors: [] as string[], nojs: [] as string[] };
let site: BuiltSite | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let visits: Visit[] = [];

/** Without JavaScript: main has text, and every chart's table is rendered. */
const noJsProblems = (tab: Page) =>
  inPage(tab, () => {
    const out: string[] = [];
    const main = document.querySelector("main");
    if (!main || main.innerText.trim().length < 20) out.push("main  [no-js]  shows no text");
    document.querySelectorAll("figure.chart").forEach((f, i) => {
      const table = f.querySelector("table.chart-table");
      if (!table || !(table as HTMLElement).checkVisibility() || table.getBoundingClientRect().height === 0) {
        out.push(`figure.chart#${f.id || i} table.chart-table  [no-js]  is missing or not visible`);
      }
    });
    return out;
  }, undefined);

/** Requests to this server outside the prefix (stylesheets, CSS url(), scripts' fetches...). */
const escaping = (path: string, requests: string[], origin: string) =>
  requests
    .filter((url) => url.startsWith(origin) && !new URL(url).pathname.startsWith(PREFIX))
    .map((url) => `${path}  request ${url}  [link-prefix]  escapes the path prefix ${PREFIX}`);

before(async () => {
  site = await buildAndServe({ prefix: PREFIX });
  browser = await launchBrowser();
  const server = site.server;
  const plain = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
  const plainWatch = await watchPage(plain);
  const statuses = new Map<string, number>();
  const ids = new Map<string, Set<string>>();
  const fragments: { from: string; raw: string; path: string; id: string }[] = [];
  let publicUrl: string | undefined;
  visits = await crawl(plain, server, async ({ path, refs }) => {
    findings.nojs.push(...(await noJsProblems(plain)).map((p) => `${path}  ${p}`));
    publicUrl ??= (await plain.locator("link[rel=canonical]").getAttribute("href")) ?? undefined;
    const checked = await checkReferences(refs, { ...server, publicUrl }, statuses);
    findings.links.push(...checked.problems.map((p) => `${path}  ${p}`));
    fragments.push(...checked.fragments.map((f) => ({ from: path, ...f })));
    ids.set(path, new Set(await collectIds(plain)));
    findings.requests.push(...escaping(path, plainWatch.requests, server.origin));
    findings.requests.push(...plainWatch.problems.map((p) => `${path}  document  [runtime]  ${p}`));
    plainWatch.reset();
  });
  for (const f of fragments) {
    const target = ids.get(f.path);
    if (target && !target.has(f.id)) findings.anchors.push(`${f.from}  a[href="${f.raw}"]  [anchor]  ${f.path} has no element with id "${f.id}"`);
  }

  // Pages with scripts, with JavaScript on: what the scripts fetch must stay under the prefix too.
  page = await (await newContext(browser)).newPage();
  const watch = await watchPage(page);
  const scripted = builtPages(site.dir).filter((p) => /<script\b[^>]*\bsrc=/.test(fs.readFileSync(pageFile(site!.dir, p), "utf8")));
  for (const path of scripted) {
    watch.reset();
    await page.goto(new URL(path.slice(1), server.url).href, { waitUntil: "load" });
    // Chart pages: drawing every chart means the bundle ran. Others: wait for the network to settle.
    if ((await drawCharts(page)).length === 0 && (await page.locator("figure.chart").count()) === 0) {
      await page.waitForLoadState("networkidle");
    }
    findings.requests.push(...escaping(path, watch.requests, server.origin));
    findings.requests.push(...watch.problems.map((p) => `${path}  document  [runtime]  ${p}`));
  }
  if (scripted.length === 0) findings.requests.push("(site)  no page loads a script: expected chart pages to");
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("under a path prefix, every internal link and asset answers 200 and stays under the prefix", () => {
  assert.ok(visits.length >= 10, `only ${visits.length} pages reached from ${PREFIX}`);
  assert.equal(report(findings.links), "");
});

test("under a path prefix, pages and their scripts request nothing outside the prefix, and nothing fails", () => {
  assert.equal(report(findings.requests), "");
});

test("without JavaScript every page shows its text and its chart tables", () => {
  assert.equal(report(findings.nojs), "");
});

test("links with a fragment land on an element of the target page", () => {
  assert.equal(report(findings.anchors), "");
});

test("every built page is reachable by links from the home page", () => {
  const reached = new Set(visits.map((v) => v.path));
  const orphans = builtPages(site!.dir).filter((p) => !reached.has(p));
  assert.deepEqual(orphans, [], `built but linked from nowhere: ${orphans.join(", ")}`);
});

interface XmlCheck {
  error: string;
  root: string;
  ns: string;
  /** Per required path, how many elements matched. */
  counts: Record<string, number>;
  /** Every URL in the document (link href, loc, id). */
  urls: string[];
}

/** Fetches an XML file from the page's origin and parses it with Chromium's DOMParser. */
function parseXml(tab: Page, url: string, required: string[]): Promise<XmlCheck> {
  return inPage(tab, async ({ url, required }) => {
    const text = await (await fetch(url)).text();
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const error = doc.getElementsByTagName("parsererror")[0]?.textContent ?? "";
    const root = doc.documentElement;
    const counts: Record<string, number> = {};
    // "a > b" means every a has at least one child b: counts the a's that lack one.
    for (const path of required) {
      const [parent, child] = path.split(" > ");
      const parents = parent === root.localName ? [root] : Array.from(root.children).filter((e) => e.localName === parent);
      counts[path] = child ? parents.filter((p) => !Array.from(p.children).some((c) => c.localName === child)).length : parents.length;
    }
    const urls = Array.from(doc.querySelectorAll("link[href]"), (e) => e.getAttribute("href") ?? "").concat(
      Array.from(doc.querySelectorAll("loc"), (e) => e.textContent?.trim() ?? ""),
    );
    return { error, root: root.localName, ns: root.namespaceURI ?? "", counts, urls };
  }, { url, required });
}

test("/feed.xml is well-formed Atom with the required elements, its links under the prefix", async () => {
  const feed = await parseXml(page!, `${site!.server.url}feed.xml`, [
    "feed", "feed > id", "feed > title", "feed > updated", "feed > link", "entry", "entry > id", "entry > title", "entry > updated", "entry > link",
  ]);
  assert.equal(feed.error, "", `/feed.xml is not well-formed XML: ${feed.error}`);
  assert.equal(feed.root, "feed", "/feed.xml: root element is not <feed>");
  assert.equal(feed.ns, "http://www.w3.org/2005/Atom", "/feed.xml: <feed> is not in the Atom namespace");
  for (const path of ["feed > id", "feed > title", "feed > updated", "feed > link", "entry > id", "entry > title", "entry > updated", "entry > link"]) {
    assert.equal(feed.counts[path], 0, `/feed.xml: ${feed.counts[path]} <${path.split(" > ")[0]}> element(s) lack <${path.split(" > ")[1]}>`);
  }
  assert.ok(feed.counts.entry! > 0, "/feed.xml has no <entry>");
  for (const url of feed.urls) assert.ok(new URL(url).pathname.startsWith(PREFIX), `/feed.xml: link ${url} is outside ${PREFIX}`);
});

test("/sitemap.xml is a well-formed sitemap listing every page, under the prefix", async () => {
  const map = await parseXml(page!, `${site!.server.url}sitemap.xml`, ["urlset", "url", "url > loc"]);
  assert.equal(map.error, "", `/sitemap.xml is not well-formed XML: ${map.error}`);
  assert.equal(map.root, "urlset", "/sitemap.xml: root element is not <urlset>");
  assert.equal(map.ns, "http://www.sitemaps.org/schemas/sitemap/0.9", "/sitemap.xml: <urlset> is not in the sitemap namespace");
  assert.equal(map.counts["url > loc"], 0, `/sitemap.xml: ${map.counts["url > loc"]} <url> element(s) lack <loc>`);
  for (const url of map.urls) {
    assert.match(url, /^https?:\/\//, `/sitemap.xml: <loc>${url}</loc> is not an absolute http(s) URL`);
    assert.ok(new URL(url).pathname.startsWith(PREFIX), `/sitemap.xml: <loc>${url}</loc> is outside ${PREFIX}`);
  }
  const listed = new Set(map.urls.map((u) => `/${new URL(u).pathname.slice(PREFIX.length)}`));
  // Embeds are noindex: they must be reached by the crawl but kept out of the sitemap.
  const embeds = visits.map((v) => v.path).filter((p) => p.startsWith("/embed/"));
  assert.ok(embeds.length > 0, "the crawl reached no /embed/charts/<id>/ page");
  assert.deepEqual(embeds.filter((p) => listed.has(p)), [], "/sitemap.xml lists noindex embed pages");
  const missing = visits.map((v) => v.path).filter((p) => p !== "/404.html" && !p.startsWith("/embed/") && !listed.has(p));
  assert.deepEqual(missing, [], `/sitemap.xml does not list: ${missing.join(", ")}`);
});
