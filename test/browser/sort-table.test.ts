/** The figures table sorts by any column in a real browser, and keeps server order without JavaScript. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, watchPage } from "../support/browser.ts";
import { buildAndServe, type BuiltSite } from "../support/site.ts";

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

const url = () => new URL("figures/", site!.server.url).href;
const column = (n: number) => `table.figures-table tbody tr > :nth-child(${n})`;

test("column headings become sort buttons that reorder rows and set aria-sort", async () => {
  const page = await (await newContext(browser!)).newPage();
  const watch = await watchPage(page);
  await page.goto(url());
  const dates = async () => page.$$eval(column(3), (cells) => cells.map((c) => (c as HTMLElement).dataset.sort ?? ""));
  const before = await dates();
  assert.deepEqual(before, [...before].sort(), "server order is by date");

  await page.locator("table.figures-table th button.sort-button", { hasText: "Value" }).click();
  const values = await page.$$eval(column(2), (cells) => cells.map((c) => (c as HTMLElement).dataset.sort).filter((v) => v !== undefined).map(Number));
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  assert.equal(await page.getAttribute("table.figures-table th:nth-child(2)", "aria-sort"), "ascending");

  await page.locator("table.figures-table th button.sort-button", { hasText: "Date" }).click();
  await page.locator("table.figures-table th button.sort-button", { hasText: "Date" }).click();
  assert.deepEqual(await dates(), [...before].sort().reverse());
  assert.equal(await page.getAttribute("table.figures-table th:nth-child(3)", "aria-sort"), "descending");
  assert.equal(await page.getAttribute("table.figures-table th:nth-child(2)", "aria-sort"), null);
  assert.deepEqual(watch.problems, []);
  assert.deepEqual(await watch.cspViolations(), []);
});

test("without JavaScript the headings stay plain text and the table is complete", async () => {
  const page = await (await newContext(browser!, { javaScriptEnabled: false })).newPage();
  await page.goto(url());
  // The sort buttons come from script; the Source column's preview buttons are HTML.
  assert.equal(await page.locator("table.figures-table th button").count(), 0);
  assert.ok((await page.locator("table.figures-table tbody tr").count()) > 10);
});
