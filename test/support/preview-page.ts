/**
 * Pages for the previews browser test: which fact page to read, a context per page with every
 * wait bounded and closed in `finally` (so a stuck page fails its test instead of hanging the
 * run), and how a reader's finger or mouse reaches a control.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { newContext, inPage } from "./browser.ts";
import { builtPages, pageFile } from "./site.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Any one wait (an action, a locator); navigation gets twice this. */
const WAIT = 20_000;

export type Mode = { width: number; js: boolean; scheme?: "light" | "dark" };

/** A fact page with a `[n]` and an inline figure whose boxes both quote their source. */
export function pickFact(dir: string): string {
  const quoted = (html: string, kind: string) =>
    [...html.matchAll(new RegExp(`<div popover id="(pv-${kind}-[^"]+)"[^>]*>((?:(?!</div>).)*)</div>`, "g"))]
      .some((m) => m[2]!.includes('class="ref-quote"') && html.includes(`popovertarget="${m[1]}"`));
  const found = builtPages(dir).find((p) => {
    if (!p.startsWith("/facts/")) return false;
    const html = fs.readFileSync(pageFile(dir, p), "utf8");
    return html.includes('class="pv-b fig"') && quoted(html, "ref") && quoted(html, "fig");
  });
  if (!found) throw new Error("no fact page in the sample content cites a quoted source and places a quoted figure");
  return found.slice(1);
}

/** A fresh context for one page (a phone has touch), every wait in it bounded, closed however `fn` ends. */
export async function openPage(browser: Browser, url: string, mode: Mode, fn: (page: Page) => Promise<void>): Promise<void> {
  const phone = mode.width < 600;
  const context = await newContext(browser, {
    viewport: phone ? PHONE : DESKTOP, javaScriptEnabled: mode.js, colorScheme: mode.scheme ?? "light", hasTouch: phone, isMobile: phone,
  });
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(WAIT * 2);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await fn(page);
  } finally {
    await context.close();
  }
}

/** The first control matching `selector` whose box quotes its source. */
export async function quotedControl(page: Page, selector: string, where: string): Promise<{ control: Locator; id: string }> {
  const i = await inPage(page, (sel) => Array.from(document.querySelectorAll(sel))
    .findIndex((b) => document.getElementById(b.getAttribute("popovertarget") ?? "")?.querySelector("a.ref-quote")), selector);
  assert.ok(i >= 0, `/${where}: no ${selector} opens a box with a quote`);
  const control = page.locator(selector).nth(i);
  return { control, id: (await control.getAttribute("popovertarget"))! };
}

/** A tap on a phone, a click elsewhere. */
export const press = (page: Page, control: Locator) => (page.viewportSize()!.width < 600 ? control.tap() : control.click());
