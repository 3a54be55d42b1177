/**
 * Citation and figure previews (popover, no script), in Chromium with JavaScript OFF:
 * every [n] and inline figure on a fact page opens its box at 390 and 1280 px, with a
 * working text-fragment link to the quoted words and a link to the full reference, below
 * or above the line it explains and inside the screen; keyboard, one open at a time,
 * Escape and focus return; 24 x 24 px targets that keep the line's height; dark mode; the
 * fallback link where popover is unknown; the figures table and key figures; page weight.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser, newContext, inPage } from "../support/browser.ts";
import { buildAndServe, builtPages, pageFile, type BuiltSite } from "../support/site.ts";

const FACT = "facts/us-proposed-50-percent-ownership/";
let site: BuiltSite | undefined;
let browser: Browser | undefined;

before(async () => {
  site = await buildAndServe({ socialImages: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await newContext(browser!, { javaScriptEnabled: false, ...options })).newPage();
  await page.goto(new URL(path, site!.server.url).href);
  return page;
}

/** Clicks each control in main and reports what its box shows and where. */
const tapAll = (page: Page, selector: string) =>
  inPage(page, async (selector) => {
    const out: { control: string; problems: string[] }[] = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>(selector));
    for (const [i, b] of buttons.entries()) {
      b.scrollIntoView({ block: "center" });
      await frame();
      b.click();
      await frame();
      const problems: string[] = [];
      const id = b.getAttribute("popovertarget")!;
      const pop = document.getElementById(id);
      if (!pop || !pop.matches(":popover-open")) { out.push({ control: `${i} ${b.textContent}`, problems: [`#${id} did not open`] }); continue; }
      const r = pop.getBoundingClientRect();
      const t = b.getBoundingClientRect();
      if (r.left < 0 || r.right > innerWidth + 0.5 || r.top < 0 || r.bottom > innerHeight + 0.5) problems.push(`box outside the screen ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      if (!(r.bottom <= t.top + 1 || r.top >= t.bottom - 1)) problems.push(`box covers its control (control ${Math.round(t.top)}..${Math.round(t.bottom)}, box ${Math.round(r.top)}..${Math.round(r.bottom)})`);
      const more = pop.querySelector<HTMLAnchorElement>(".pv-more a");
      if (!more) problems.push("no link to the full reference");
      else if (more.hash && more.getAttribute("href")!.startsWith("#") && !document.getElementById(more.hash.slice(1))) problems.push(`${more.getAttribute("href")} leads nowhere`);
      const quote = pop.querySelector<HTMLAnchorElement>("a.ref-quote");
      if ((b.classList.contains("fig") || id.startsWith("pv-fig-")) && !quote) problems.push("a figure's box has no quote link");
      if (quote && !/#:~:text=./.test(quote.href)) problems.push(`quote link ${quote.href} is not a text-fragment link`);
      if (quote && !quote.dataset.verified) problems.push("quote link has no verification state");
      if (!pop.getAttribute("aria-label")) problems.push("box has no accessible name");
      out.push({ control: `${i} ${b.textContent} -> #${id}`, problems });
      pop.hidePopover();
    }
    return out;
  }, selector);

for (const width of [390, 1280]) {
  test(`JS off at ${width} px: every [n] and inline figure opens its preview, with the quote link and the full reference`, async () => {
    const page = await open(FACT, { viewport: { width, height: 800 } });
    const results = await tapAll(page, "main .pv-b");
    const kinds = await inPage(page, () => ({
      cites: document.querySelectorAll("main .cite .pv-b").length, figs: document.querySelectorAll("main .body .pv-b.fig").length,
    }), undefined);
    assert.ok(kinds.cites >= 3 && kinds.figs >= 1, `the page has ${kinds.cites} citation and ${kinds.figs} figure controls`);
    assert.equal(results.length, await page.locator("main .pv-b").count());
    const bad = results.filter((r) => r.problems.length).map((r) => `${r.control}: ${r.problems.join("; ")}`);
    assert.deepEqual(bad, []);
    // A quote link in a box opens the source at the words (the text fragment is in the URL).
    await page.locator("main .body .pv-b.fig").first().click();
    const quote = page.locator(".pv-pop:popover-open a.ref-quote");
    assert.ok(await quote.isVisible(), "the open figure box shows no quote link");
    assert.match((await quote.getAttribute("href"))!, /^https:\/\/[^#]+#:~:text=/);
    await page.context().close();
  });
}

test("keyboard and one at a time: Enter opens, Tab enters the box, Escape closes and focus returns; a second closes the first", async () => {
  const page = await open(FACT);
  const buttons = page.locator("main .body .cite .pv-b");
  await buttons.first().focus();
  await page.keyboard.press("Enter");
  const target = (await buttons.first().getAttribute("popovertarget"))!;
  assert.ok(await page.locator(`#${target}`).isVisible(), "Enter did not open the box");
  await page.keyboard.press("Tab");
  assert.equal(await inPage(page, (id) => document.activeElement?.closest(".pv-pop")?.id ?? document.activeElement?.tagName, target), target, "Tab did not move into the box");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(`#${target}`).isVisible(), false, "Escape did not close the box");
  assert.equal(await inPage(page, () => document.activeElement?.getAttribute("popovertarget"), undefined), target, "focus did not return to the control");
  const other = page.locator(`main .pv-b:not([popovertarget="${target}"])`).first();
  await buttons.first().click();
  await other.click();
  assert.equal(await page.locator(".pv-pop:popover-open").count(), 1, "two boxes open at once");
  assert.equal(await page.locator(`#${target}`).isVisible(), false);
  await page.context().close();
});

test("targets are at least 24 x 24 px and do not change the height of the lines they sit in", async () => {
  const page = await open(FACT, { viewport: { width: 390, height: 800 } });
  const small = await inPage(page, () => Array.from(document.querySelectorAll("main .pv-b"), (b) => b.getBoundingClientRect())
    .filter((r) => r.width < 24 || r.height < 24).map((r) => `${r.width}x${r.height}`), undefined);
  assert.deepEqual(small, [], "targets smaller than 24 x 24 px");
  const heights = async () => inPage(page, () => Array.from(document.querySelectorAll(".body p"), (p) => Math.round(p.getBoundingClientRect().height)), undefined);
  const withButtons = await heights();
  // The same text with plain links in place of the buttons: the line boxes must not grow.
  await page.addStyleTag({ content: ".pv-b { display: none !important } .pv-a { display: inline !important }" });
  assert.deepEqual(withButtons, await heights());
  await page.context().close();
});

test("dark mode: the box takes the dark background and its text keeps contrast", async () => {
  const page = await open(FACT, { colorScheme: "dark" });
  await page.locator("main .cite .pv-b").first().click();
  const c = await inPage(page, () => {
    const pop = document.querySelector(".pv-pop:popover-open")!;
    return { bg: getComputedStyle(pop).backgroundColor, fg: getComputedStyle(pop).color };
  }, undefined);
  assert.equal(c.bg, "rgb(15, 20, 25)");
  assert.equal(c.fg, "rgb(230, 237, 243)");
  await page.context().close();
});

test("where popover is unknown, the control is a link to the reference", async () => {
  const context = await newContext(browser!, { javaScriptEnabled: false });
  // Strip the @supports block that swaps link for button, as a browser without popover would skip it.
  await context.route("**/assets/site.css", async (route) => {
    const css = (await (await route.fetch()).text()).replace(/@supports selector\(:popover-open\) \{ \.pv-a[^\n]*\n/, "");
    await route.fulfill({ body: css, contentType: "text/css" });
  });
  const page = await context.newPage();
  await page.goto(new URL(FACT, site!.server.url).href);
  assert.equal(await page.locator("main .pv-b").first().isVisible(), false, "the button shows without popover support");
  const link = page.locator("main .body .cite .pv-a").first();
  assert.ok(await link.isVisible(), "no link shows without popover support");
  const href = (await link.getAttribute("href"))!;
  assert.match(href, /^#ref-\d+$/);
  await link.click();
  assert.equal(new URL(page.url()).hash, href);
  await context.close();
});

test("figures table and key figures: the source opens the figure's preview with its quote", async () => {
  for (const [path, selector] of [["figures/", ".figures-table .pv-b"], ["", ".key-figure .pv-b"]] as const) {
    for (const width of [390, 1280]) {
      const page = await open(path, { viewport: { width, height: 800 } });
      const results = await tapAll(page, selector);
      assert.ok(results.length >= 4, `/${path}: ${results.length} controls`);
      assert.deepEqual(results.filter((r) => r.problems.length).map((r) => `/${path} ${width}px ${r.control}: ${r.problems.join("; ")}`), []);
      await page.context().close();
    }
  }
});

test("HTML + CSS of every page stays under 30 KB gzip", () => {
  const css = fs.readFileSync(`${site!.dir}/assets/site.css`);
  const sizes = builtPages(site!.dir).map((p) => ({ p, kb: (gzipSync(fs.readFileSync(pageFile(site!.dir, p))).length + gzipSync(css).length) / 1024 }));
  const over = sizes.filter((s) => s.kb >= 30).map((s) => `${s.p} ${s.kb.toFixed(1)} KB`);
  assert.deepEqual(over, []);
});
