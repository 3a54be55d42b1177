/**
 * Phone-first pages, no-JS charts, print, embeds, PNG download and the correction link,
 * in headless Chromium: the sizes issue 17 sets (header at 390 px, desktop navigation on
 * one line, the figures table's columns on a phone), the menu by keyboard, what shows
 * without JavaScript and on paper, the embed page's height reaching a host page, and the
 * prefilled correction form. One build, one browser.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser, newContext, inPage, drawCharts } from "../support/browser.ts";
import { buildAndServe, builtPages, pageFile, type BuiltSite } from "../support/site.ts";

const PHONE = { width: 390, height: 844 };
const REPOSITORY = "https://github.com/readers-test/sheet";
let FACT = "";
let site: BuiltSite | undefined;
let browser: Browser | undefined;

before(async () => {
  // site.yaml holds the placeholder repository, so the deploy's SITE_REPOSITORY takes its place.
  site = await buildAndServe({ socialImages: false, env: { SITE_REPOSITORY: REPOSITORY } });
  browser = await launchBrowser();
  // The first fact page with a chart (content changes; the checks should not depend on one slug).
  const found = builtPages(site.dir).find((p) => p.startsWith("/facts/") && fs.readFileSync(pageFile(site!.dir, p), "utf8").includes('class="chart '));
  if (!found) throw new Error("no fact page in the sample content has a chart");
  FACT = found.slice(1);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const url = (path: string) => new URL(path, site!.server.url).href;
async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(browser!, options);
  const page = await context.newPage();
  await page.goto(url(path));
  return page;
}

test("header: at most 110 px tall at 390 px with search in reach; the desktop navigation is one line", async () => {
  for (const scheme of ["light", "dark"] as const) {
    const phone = await open("", { viewport: PHONE, colorScheme: scheme });
    const h = await phone.locator(".site-header").boundingBox();
    assert.ok(h && h.height <= 110, `${scheme}: the header is ${h?.height} px tall at 390 px`);
    assert.ok(await phone.locator("#site-search-q").isVisible(), "the search box is not visible on a phone");
    assert.ok(await phone.locator(".nav-toggle").isVisible(), "no Menu button on a phone");
    assert.equal(await phone.locator(".site-nav").isVisible(), false, "the navigation is open before Menu is pressed");
    await phone.context().close();
  }
  const desk = await open("", { viewport: { width: 1280, height: 800 } });
  const tops = await inPage(desk, () => Array.from(document.querySelectorAll(".site-nav li"), (li) => Math.round(li.getBoundingClientRect().top)), undefined);
  assert.ok(tops.length >= 5, `only ${tops.length} navigation items`);
  assert.equal(new Set(tops).size, 1, `navigation items sit on ${new Set(tops).size} lines at 1280 px: tops ${tops.join(", ")}`);
  assert.equal(await desk.locator(".nav-toggle").isVisible(), false, "the Menu button shows on a desktop");
  const h = await desk.locator(".site-header").boundingBox();
  assert.ok(h && h.height <= 110, `the desktop header is ${h?.height} px tall`);
  await desk.context().close();
});

test("menu on a phone: keyboard opens it, its links are reachable, Escape closes it and focus returns", async () => {
  const page = await open("", { viewport: PHONE });
  await page.locator(".nav-toggle").focus();
  await page.keyboard.press("Enter");
  assert.ok(await page.locator(".site-nav").isVisible(), "Enter on Menu did not open the navigation");
  await page.keyboard.press("Tab");
  const first = await inPage(page, () => document.activeElement?.closest(".site-nav") !== null && document.activeElement?.tagName, undefined);
  assert.equal(first, "A", "Tab after opening the menu does not move into its links");
  const box = await page.locator(".site-nav").boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the open menu sticks out of the screen: ${JSON.stringify(box)}`);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".site-nav").isVisible(), false, "Escape did not close the menu");
  assert.equal(await inPage(page, () => document.activeElement?.className, undefined), "nav-toggle", "focus did not return to Menu");
  await page.context().close();
});

test("figures table at 390 px: one card per figure with every column visible, no sideways scroll", async () => {
  const page = await open("figures/", { viewport: PHONE });
  const r = await inPage(page, (w) => {
    const box = document.querySelector(".table-scroll")!;
    const rows = Array.from(document.querySelectorAll(".figures-table tbody tr"));
    const hidden: string[] = [];
    for (const [i, tr] of rows.entries()) {
      for (const cell of Array.from(tr.children)) {
        const b = cell.getBoundingClientRect();
        if (!(cell as HTMLElement).checkVisibility() || b.width === 0 || b.left < 0 || b.right > w + 0.5) hidden.push(`row ${i + 1} ${cell.className || cell.tagName}: ${Math.round(b.left)}..${Math.round(b.right)}`);
      }
    }
    const label = getComputedStyle(document.querySelector(".figures-table td.src")!, "::before").content;
    return { scroll: box.scrollWidth - box.clientWidth, hidden, rows: rows.length, label };
  }, PHONE.width);
  assert.ok(r.rows > 5, `${r.rows} rows`);
  assert.equal(r.scroll, 0, `the table scrolls sideways by ${r.scroll} px`);
  assert.deepEqual(r.hidden, []);
  assert.match(r.label, /Source/, "stacked cells carry no column label");
  // The sort controls are still there to use.
  assert.ok(await page.locator(".figures-table thead button").first().isVisible(), "no sort control on a phone");
  await page.context().close();
});

test("without JavaScript no chart leaves an empty box: each table shows in its place, home's folded ones too", async () => {
  for (const path of ["", FACT]) {
    const page = await open(path, { viewport: PHONE, javaScriptEnabled: false });
    const r = await inPage(page, () => Array.from(document.querySelectorAll("figure.chart"), (f) => ({
      canvas: (f.querySelector(".chart-canvas") as HTMLElement).getBoundingClientRect().height,
      table: (f.querySelector("table.chart-table") as HTMLElement).getBoundingClientRect().height,
    })), undefined);
    assert.ok(r.length > 0, `/${path}: no chart`);
    for (const [i, c] of r.entries()) {
      assert.equal(c.canvas, 0, `/${path} chart ${i + 1}: a ${c.canvas} px canvas box shows without JavaScript`);
      assert.ok(c.table > 40, `/${path} chart ${i + 1}: its table is not shown (${c.table} px)`);
    }
    await page.context().close();
  }
});

test("home with JavaScript: chart tables fold behind a control that opens them; the table stays in the HTML", async () => {
  const page = await open("", { viewport: { width: 1280, height: 800 } });
  const toggles = page.locator(".chart-data-toggle");
  assert.ok(await toggles.count() > 0, "no folded table on the home page");
  const table = toggles.first().locator("table.chart-table");
  assert.equal(await table.count(), 1);
  assert.equal(await table.isVisible(), false, "the folded table shows");
  const folded = await page.evaluate(() => document.documentElement.scrollHeight);
  await toggles.first().locator("summary").click();
  assert.ok(await table.isVisible(), "opening the control does not show the table");
  await inPage(page, () => document.querySelectorAll("details.chart-data-toggle").forEach((d) => d.setAttribute("open", "")), undefined);
  const unfolded = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(unfolded - folded > 300, `folding the tables saves only ${unfolded - folded} px (${folded} px folded)`);
  await page.context().close();
});

test("print: no controls (CSV, embed, PNG, menu, previews) and headings kept with what follows", async () => {
  const page = await open(FACT);
  await drawCharts(page);
  await page.emulateMedia({ media: "print" });
  const r = await inPage(page, () => ({
    shown: Array.from(document.querySelectorAll(".chart-actions, .chart-embed, .chart-png, .nav-toggle, .chart-data-toggle > summary"))
      .filter((e) => (e as HTMLElement).checkVisibility()).map((e) => e.className),
    headings: Array.from(document.querySelectorAll("main h2, main h3")).map((h) => getComputedStyle(h).breakAfter)
      .filter((v) => v !== "avoid" && v !== "avoid-page"),
  }), undefined);
  assert.deepEqual(r.shown, [], "controls print");
  assert.deepEqual(r.headings, [], "headings may be left alone at the foot of a page");
  await page.context().close();
});

test("Download PNG saves the drawn chart as a PNG with room for its title and credit", async () => {
  const page = await open(FACT, { acceptDownloads: true });
  await drawCharts(page);
  const button = page.locator("figure.chart .chart-png").first();
  assert.ok(await button.isVisible(), "no Download PNG button on a drawn chart");
  const size = await page.locator("figure.chart canvas").first().evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  assert.match(download.suggestedFilename(), /^[a-z0-9-]+\.png$/);
  const bytes = fs.readFileSync((await download.path())!);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "not a PNG");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.ok(width > size.w && height > size.h + 40, `PNG ${width}x${height} for a ${size.w}x${size.h} canvas: no room for title and credit`);
  await page.context().close();
  // Without JavaScript there is no button that could not work.
  const nojs = await open(FACT, { javaScriptEnabled: false });
  assert.equal(await nojs.locator(".chart-png").count(), 0);
  await nojs.context().close();
});

test("embed: noindex, the site's CSP, title, sources, licence and link back; the snippet sizes its iframe", async () => {
  const fact = await open(FACT);
  const snippet = await fact.locator(".chart-embed textarea").first().inputValue();
  const csp = await fact.locator("meta[http-equiv=Content-Security-Policy]").getAttribute("content");
  const embedHref = await fact.locator(".chart-embed a").first().getAttribute("href");
  // The snippet names the public address; here that site is served from loopback.
  const publicBase = (await fact.locator("link[rel=canonical]").getAttribute("href"))!.replace(/facts\/.*$/, "");
  await fact.context().close();
  assert.match(snippet, new RegExp(`^<iframe src="${publicBase.replace(/[.?/]/g, "\\$&")}embed/charts/[a-z0-9-]+/"`));
  const local = snippet.replaceAll(publicBase, site!.server.url).replaceAll(JSON.stringify(new URL(publicBase).origin), JSON.stringify(site!.server.origin));
  const embed = await open(embedHref!.replace(/^\//, ""), { viewport: { width: 600, height: 800 } });
  assert.equal(await embed.locator("meta[name=robots]").getAttribute("content"), "noindex");
  assert.equal(await embed.locator("meta[http-equiv=Content-Security-Policy]").getAttribute("content"), csp);
  assert.equal(await embed.locator("h1").count(), 1);
  assert.equal(await embed.locator(".site-header, .site-footer").count(), 0, "the embed shows the site's chrome");
  const credit = await embed.locator(".embed-credit").innerText();
  assert.match(credit, /CC BY 4\.0/);
  assert.match(await embed.locator("figcaption").innerText(), /^Sources: \(.+\)/);
  // Links go back to the public site, absolute, since the frame sits on someone else's page.
  assert.ok((await embed.locator(".embed-credit a").first().getAttribute("href"))!.startsWith(`${publicBase}facts/`));
  await drawCharts(embed);
  await embed.context().close();
  // A host page on another origin pastes the snippet as given; the frame's height follows its content.
  const host = await (await newContext(browser!, { viewport: { width: 500, height: 900 } })).newPage();
  await host.setContent(`<!doctype html><title>host</title><p>Story</p>${local}`);
  await host.waitForFunction(() => document.querySelector("iframe")?.getAttribute("height") !== "480", undefined, { timeout: 10_000 });
  const frameHeight = Number(await host.locator("iframe").getAttribute("height"));
  const content = await host.frames()[1]!.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(Math.abs(frameHeight - content) <= 2, `iframe height ${frameHeight} for content ${content} px`);
  await host.context().close();
});

test("Suggest a correction opens this repository's correction form with the fact's title and address", async () => {
  const page = await open(FACT);
  const href = await page.locator("a.suggest-correction").getAttribute("href");
  const title = (await page.locator("h1").innerText()).trim();
  const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
  const u = new URL(href!);
  assert.equal(`${u.origin}${u.pathname}`, `${REPOSITORY}/issues/new`);
  assert.equal(u.searchParams.get("template"), "correction.yml");
  assert.equal(u.searchParams.get("title"), `Correction: ${title}`);
  assert.equal(u.searchParams.get("page"), canonical);
  await page.context().close();
});
