/**
 * Search in a real browser, on the built site served under a path prefix: the header's
 * search box leads to /search/, typing finds the expected fact, results show title,
 * date, status and a highlighted excerpt built from text (a hostile title stays text),
 * topic and status filters narrow the results, and nothing breaks the CSP. Without
 * JavaScript the page still offers its browse lists. The feed and sitemap are parsed
 * by the browser's own XML parser too.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, watchPage, type PageWatch } from "../support/browser.ts";
import { serveFolder, type StaticServer } from "../support/server.ts";
import { HOSTILE, buildSite, makeHostileContent, type Built } from "../support/reuse-site.ts";
import { excerptNodes } from "../../scripts/client/search.ts";

const PREFIX = "/minerals-prefix/";
let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
let watch: PageWatch;

before(async () => {
  content = makeHostileContent();
  built = buildSite({ content: content.rel, prefix: PREFIX });
  server = await serveFolder(built.out, { prefix: PREFIX });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  watch = await watchPage(page);
});
after(async () => {
  await browser?.close();
  await server?.close();
  built?.cleanup();
  content?.cleanup();
});

/** The rendered results: link, meta line, excerpt, and any element in an excerpt other than <mark>. */
const results = () => page.$$eval(".search-result", (items) => items.map((li) => ({
  href: li.querySelector("a")?.getAttribute("href") ?? "",
  title: li.querySelector(".search-result-title")?.textContent ?? "",
  meta: li.querySelector(".search-result-meta")?.textContent ?? "",
  status: li.querySelector(".search-result-meta .status")?.textContent ?? "",
  excerpt: li.querySelector(".search-result-excerpt")?.textContent ?? "",
  marks: li.querySelectorAll(".search-result-excerpt mark").length,
  foreign: [...li.querySelectorAll(".search-result-excerpt *, .search-result-title *")].map((e) => e.tagName).filter((t) => t !== "MARK" && t !== "A"),
})));

async function waitForResults(text: RegExp) {
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector("[data-search-status]")?.textContent ?? ""), text.source, { timeout: 15_000 });
}

async function assertClean() {
  assert.deepEqual(watch.problems, [], "console errors or failed requests");
  assert.deepEqual(await watch.cspViolations(), [], "CSP violations");
}

test("excerpts become text nodes and <mark> elements only, whatever markup they hold", () => {
  // A stand-in document: enough to see which nodes the function creates.
  type Fake = { kind: string; text: string };
  const doc = {
    createTextNode: (text: string): Fake => ({ kind: "#text", text }),
    createElement: (tag: string) => { const n = { kind: tag.toUpperCase(), text: "" }; return Object.defineProperty(n, "textContent", { set(v: string) { n.text = v; } }); },
  } as unknown as Document;
  const nodes = excerptNodes(`a &lt;b&gt; &amp;amp; <mark>x &quot;y&quot;</mark> <img src=x onerror=alert(1)>z<mark><i>w</i></mark>`, doc) as unknown as Fake[];
  assert.deepEqual(nodes.map((n) => [n.kind, n.text]), [
    ["#text", "a <b> &amp; "], ["MARK", `x "y"`], ["#text", " z"], ["MARK", "w"],
  ]);
});

test("the header search box takes a query to /search/, which finds the expected fact", async () => {
  watch.reset();
  await page.goto(server!.url);
  await page.fill("#site-search-q", "ratified");
  await Promise.all([page.waitForURL(/\/search\/\?q=ratified/), page.press("#site-search-q", "Enter")]);
  // Requests the home page still had in flight are cancelled by leaving it: not this page's problems.
  watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !p.includes("ERR_ABORTED")));
  assert.ok(new URL(page.url()).pathname.startsWith(PREFIX), page.url());
  await waitForResults(/results? for “ratified”/);
  const list = await results();
  const hit = list.find((r) => r.href === `${PREFIX}facts/rada-ratifies-338-votes/`);
  assert.ok(hit, `no result links to the Rada fact under the prefix: ${JSON.stringify(list.map((r) => r.href))}`);
  assert.match(hit.meta, /\b\d{1,2} [A-Z][a-z]+ \d{4}\b/, "the result shows the fact's date");
  assert.equal(hit.status, "confirmed");
  assert.ok(hit.marks > 0 && /ratif/i.test(hit.excerpt), `excerpt: ${hit.excerpt}`);
  assert.deepEqual(hit.foreign, []);
  await assertClean();
});

test("typing on the search page updates the results and the address", async () => {
  watch.reset();
  await page.fill("#search-q", "Bessent Kyiv draft");
  await waitForResults(/for “Bessent Kyiv draft”/);
  const list = await results();
  assert.ok(list.some((r) => r.href === `${PREFIX}facts/bessent-brings-draft-to-kyiv/`), JSON.stringify(list.map((r) => r.href)));
  assert.match(page.url(), /\?q=Bessent\+Kyiv\+draft$/);
  await assertClean();
});

test("status and topic filters narrow the results to matching facts", async () => {
  watch.reset();
  const facts = (await (await fetch(`${server!.url}data/facts.json`)).json()) as { facts: { slug: string; status: string; topics: string[] }[] };
  await page.goto(`${server!.url}search/?status=disputed`);
  const disputed = facts.facts.filter((f) => f.status === "disputed");
  await waitForResults(new RegExp(`^${disputed.length} results?$`));
  const list = await results();
  assert.deepEqual(list.map((r) => r.href).sort(), disputed.map((f) => `${PREFIX}facts/${f.slug}/`).sort());
  assert.ok(list.every((r) => r.status === "disputed"));
  await page.selectOption("#search-topic", "security-guarantees");
  const both = disputed.filter((f) => f.topics.includes("security-guarantees"));
  await waitForResults(new RegExp(`^${both.length} results?$`));
  assert.match(page.url(), /status=disputed/);
  assert.match(page.url(), /topic=security-guarantees/);
  await assertClean();
});

test("a hostile title is shown as text in results, never as markup", async () => {
  watch.reset();
  await page.goto(`${server!.url}search/?q=bold`);
  await waitForResults(/for “bold”/);
  const hit = (await results()).find((r) => r.href === `${PREFIX}facts/${HOSTILE.slug}/`);
  assert.ok(hit, "the hostile fact is found");
  assert.ok(hit.title.includes("<b>bold</b>"), hit.title);
  assert.deepEqual(hit.foreign, [], "no element but <mark> inside titles and excerpts");
  assert.equal(await page.locator(".search-results b, .search-results script").count(), 0);
  await assertClean();
});

test("sources are found too, linked to their entry on /sources/", async () => {
  watch.reset();
  await page.goto(`${server!.url}search/?q=Politico`);
  await waitForResults(/for “Politico”/);
  const list = await results();
  assert.ok(list.some((r) => r.href === `${PREFIX}sources/#src-${HOSTILE.sourceId}` && r.meta.startsWith("Source")), JSON.stringify(list.map((r) => r.href)));
  await assertClean();
});

test("without JavaScript the search page offers the browse lists and the header form still submits", async () => {
  const ctx = await newContext(browser!, { javaScriptEnabled: false });
  try {
    const p = await ctx.newPage();
    await p.goto(server!.url);
    await p.fill("#site-search-q", "fund");
    const [response] = await Promise.all([p.waitForNavigation(), p.press("#site-search-q", "Enter")]);
    assert.equal(response?.status(), 200);
    assert.match(p.url(), new RegExp(`${PREFIX}search/\\?q=fund$`));
    assert.equal(await p.locator("form[data-search]").isVisible(), false, "the JS-only form stays hidden");
    assert.equal(await p.locator("[data-search-nojs]").isVisible(), true);
    assert.ok(await p.locator(`a[href="${PREFIX}topics/deal-terms/"]`).count() > 0, "topic links listed");
  } finally {
    await ctx.close();
  }
});

test("the browser's XML parser accepts the feed and the sitemap", async () => {
  await page.goto(server!.url);
  for (const file of ["feed.xml", "sitemap.xml"]) {
    const verdict = await page.evaluate(async (url) => {
      const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "application/xml");
      return doc.getElementsByTagName("parsererror").length ? doc.documentElement.textContent : doc.documentElement.localName;
    }, `${server!.url}${file}`);
    assert.equal(verdict, file === "feed.xml" ? "feed" : "urlset", `${file}: ${verdict}`);
  }
});
