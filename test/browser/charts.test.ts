/**
 * Charts in a real browser (issue 3): on every page with a chart, the bundle draws
 * each figure (data-chart-drawn, set by scripts/client/charts.ts) as it scrolls into
 * view, onto a canvas with real pixels, without console errors or CSP violations; the
 * colours follow the reader's colour scheme; and without JavaScript the table shows.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, watchPage, drawCharts, inPage, type PageWatch } from "../support/browser.ts";
import { buildAndServe, builtPages, pageFile, report, type BuiltSite } from "../support/site.ts";

let site: BuiltSite | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;
let chartPages: string[] = [];

before(async () => {
  site = await buildAndServe({ socialImages: false });
  chartPages = builtPages(site.dir).filter((p) => fs.readFileSync(pageFile(site!.dir, p), "utf8").includes('<figure class="chart '));
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  watch = await watchPage(page);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const url = (path: string) => new URL(path.slice(1), site!.server.url).href;

/** Per canvas: how many pixels are painted, and how many distinct colours they use. */
const paint = (tab: Page) =>
  inPage(tab, () =>
    Array.from(document.querySelectorAll("figure.chart"), (f) => {
      const canvas = f.querySelector("canvas");
      if (!canvas || canvas.width === 0 || canvas.height === 0) return { id: f.id, size: "0x0", painted: 0, colours: 0, hash: "" };
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      const colours = new Set<number>();
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        painted++;
        const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        if (colours.size < 64) colours.add(rgb);
        hash = (hash * 31 + rgb) | 0;
      }
      return { id: f.id, size: `${canvas.width}x${canvas.height}`, painted: painted / (data.length / 4), colours: colours.size, hash: String(hash) };
    }), undefined);

test("the sample site has chart pages: the home page and fact pages", () => {
  assert.ok(chartPages.includes("/"), `the home page has no chart; chart pages: ${chartPages.join(", ")}`);
  assert.ok(chartPages.some((p) => p.startsWith("/facts/")), "no fact page has a chart");
});

test("every chart is drawn when scrolled into view, onto a canvas with real pixels", async () => {
  const problems: string[] = [];
  for (const path of chartPages) {
    watch!.reset();
    await page!.goto(url(path));
    const undrawn = await drawCharts(page!);
    problems.push(...undrawn.map((id) => `${path}  figure.chart#${id}  [drawn]  no data-chart-drawn after scrolling into view`));
    for (const c of await paint(page!)) {
      // A drawn chart paints a fair share of its canvas in more than one colour (bars or
      // slices, axes, labels); a blank or failed one paints nothing or one flat colour.
      if (c.painted < 0.02 || c.colours < 3) {
        problems.push(`${path}  figure.chart#${c.id} canvas  [pixels]  ${c.size}, ${(c.painted * 100).toFixed(1)}% painted in ${c.colours} colour(s)`);
      }
    }
    problems.push(...(await watch!.cspViolations()).map((v) => `${path}  document  [csp]  ${v}`));
    problems.push(...watch!.problems.map((p) => `${path}  document  [runtime]  ${p}`));
  }
  assert.equal(report(problems), "");
});

test("charts are redrawn in the dark scheme's colours when the reader switches", async () => {
  const path = chartPages.find((p) => p.startsWith("/facts/"))!;
  await page!.emulateMedia({ colorScheme: "light" });
  await page!.goto(url(path));
  await drawCharts(page!);
  const light = await paint(page!);
  await page!.emulateMedia({ colorScheme: "dark" });
  await inPage(page!, () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))), undefined);
  const dark = await paint(page!);
  await page!.emulateMedia({ colorScheme: "light" });
  for (const [i, c] of dark.entries()) {
    assert.ok(c.painted >= 0.02, `${path}  figure.chart#${c.id} canvas  [dark]  blank after switching to dark`);
    assert.notEqual(c.hash, light[i]!.hash, `${path}  figure.chart#${c.id} canvas  [dark]  pixels unchanged after switching to dark`);
  }
});

test("without JavaScript every chart's table is visible and no chart claims to be drawn", async () => {
  const context = await newContext(browser!, { javaScriptEnabled: false });
  const plain = await context.newPage();
  const problems: string[] = [];
  for (const path of chartPages) {
    await plain.goto(url(path));
    const figures = await plain.locator("figure.chart").all();
    for (const figure of figures) {
      const id = await figure.getAttribute("id");
      if (!(await figure.locator("table.chart-table").isVisible())) problems.push(`${path}  figure.chart#${id} table.chart-table  [no-js]  not visible`);
      if ((await figure.getAttribute("data-chart-drawn")) !== null) problems.push(`${path}  figure.chart#${id}  [no-js]  drawn without JavaScript?`);
    }
  }
  await context.close();
  assert.equal(report(problems), "");
});
