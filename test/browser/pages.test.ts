/**
 * Every page of the built sample site, crawled from / in headless Chromium the way a
 * phone reader meets it (375 px wide, JavaScript on): no console errors, failed
 * requests or CSP violations, charts drawn, in-page anchors that land, a heading
 * outline, no sideways scroll, zero axe-core violations (WCAG 2.2 A and AA), every
 * internal link and asset answering 200. (The crawl without JavaScript is in
 * links.test.ts, on the build under a path prefix.)
 *
 * One build, one browser, one visit per page per crawl: `before` records findings per
 * check; each test asserts on its own list, one line per problem naming page, element
 * and rule. Colour contrast in the dark scheme is checked on the first page of each
 * section (one per template: colours come from the stylesheet, not from content).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, watchPage, drawCharts, runAxe, inPage, headingOutline } from "../support/browser.ts";
import { buildAndServe, crawl, report, checkReferences, collectIds, type BuiltSite, type Visit } from "../support/site.ts";

const PHONE = { width: 375, height: 800 };
const CHECKS = ["runtime", "csp", "anchors", "links", "headings", "overflow", "axe"] as const;
const findings: Record<(typeof CHECKS)[number], string[]> = Object.fromEntries(CHECKS.map((c) => [c, []])) as never;
let site: BuiltSite | undefined;
let browser: Browser | undefined;
let visits: Visit[] = [];

/** In-page links whose target id is missing: `href="#x"` and links to this page's own path with a hash. */
const brokenAnchors = (page: Page) =>
  inPage(page, () => {
    const here = location.origin + location.pathname;
    const broken: string[] = [];
    for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href*='#']"))) {
      const raw = a.getAttribute("href")!;
      if (!raw.startsWith("#") && a.href.split("#")[0] !== here) continue;
      const id = decodeURIComponent(a.hash.slice(1));
      if (id === "" || id.startsWith(":~:")) continue;
      if (!document.getElementById(id)) broken.push(`a[href="${raw}"] ("${a.textContent?.trim()}")  [anchor]  no element has id "${id}"`);
    }
    return broken;
  }, undefined);

/** Sideways scroll on a phone, naming the outermost elements that stick out. */
const overflow = (page: Page) =>
  inPage(page, () => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const sticksOut = (el: Element | null) => !!el && el.getBoundingClientRect().right > root.clientWidth + 0.5;
    // Content inside a scroll container (e.g. .table-scroll) does not widen the page.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const name = (el: Element) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + Array.from(el.classList, (c) => `.${c}`).join("");
    const wide = Array.from(document.body.querySelectorAll("*"))
      .filter((el) => sticksOut(el) && !clipped(el) && !sticksOut(el.parentElement))
      .slice(0, 5)
      .map((el) => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
    return [`document  [overflow-x]  scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ${wide.join(", ") || "?"}`];
  }, undefined);

before(async () => {
  site = await buildAndServe();
  browser = await launchBrowser();
  const add = (check: keyof typeof findings, path: string, lines: string[]) =>
    findings[check].push(...lines.map((l) => `${path}  ${l}`));
  const server = site.server;

  const context = await newContext(browser, { viewport: PHONE });
  const page = await context.newPage();
  const watch = await watchPage(page);
  const statuses = new Map<string, number>();
  const ids = new Map<string, Set<string>>();
  const fragments: { from: string; raw: string; path: string; id: string }[] = [];
  const darkChecked = new Set<string>();
  let publicUrl: string | undefined;
  visits = await crawl(page, server, async ({ path, status, refs }) => {
    if (status !== 200) add("runtime", path, [`document  [status]  HTTP ${status}`]);
    const undrawn = await drawCharts(page);
    add("runtime", path, undrawn.map((id) => `figure.chart#${id}  [charts]  was not drawn within 5 s`));
    // CSP violations are read before axe runs, so only the page's own behaviour counts.
    add("csp", path, (await watch.cspViolations()).map((v) => `document  [csp]  ${v}`));
    add("anchors", path, await brokenAnchors(page));
    add("headings", path, await headingOutline(page));
    add("overflow", path, await overflow(page));
    ids.set(path, new Set(await collectIds(page)));
    // The home page's canonical address is the public base that absolute URLs start with.
    publicUrl ??= (await page.locator("link[rel=canonical]").getAttribute("href")) ?? undefined;
    const checked = await checkReferences(refs, { ...server, publicUrl }, statuses);
    add("links", path, checked.problems);
    fragments.push(...checked.fragments.map((f) => ({ from: path, ...f })));
    add("axe", path, await runAxe(page));
    const section = path.split("/")[1] ?? "";
    if (!darkChecked.has(section)) {
      darkChecked.add(section);
      await page.emulateMedia({ colorScheme: "dark" });
      add("axe", path, (await runAxe(page, { rules: ["color-contrast", "link-in-text-block"] })).map((l) => `(dark) ${l}`));
      await page.emulateMedia({ colorScheme: "light" });
    }
    add("runtime", path, watch.problems.map((p) => `document  [runtime]  ${p}`));
    watch.reset();
  });
  await context.close();
  for (const f of fragments) {
    const target = ids.get(f.path);
    if (target && !target.has(f.id)) add("anchors", f.from, [`a[href="${f.raw}"]  [anchor]  ${f.path} has no element with id "${f.id}"`]);
  }
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("the crawl from / reaches the site's pages", () => {
  assert.ok(visits.length >= 10, `only ${visits.length} pages were reached from /: ${visits.map((v) => v.path).join(", ")}`);
});

test("no page logs a console error, throws, fails a request or leaves a chart undrawn", () => {
  assert.equal(report(findings.runtime), "");
});

test("no page violates its Content-Security-Policy", () => {
  assert.equal(report(findings.csp), "");
});

test("every anchor resolves to an element id, on the page and across pages", () => {
  assert.equal(report(findings.anchors), "");
});

test("every internal link and asset answers 200; external links are well-formed", () => {
  assert.equal(report(findings.links), "");
});

test("every page has exactly one h1 and skips no heading level going down", () => {
  assert.equal(report(findings.headings), "");
});

test("no page has axe-core violations (WCAG 2.2 A and AA; contrast also in dark mode)", () => {
  assert.equal(report(findings.axe), "");
});

test("no page scrolls sideways at 375 px", () => {
  assert.equal(report(findings.overflow), "");
});

