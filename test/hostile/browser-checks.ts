/**
 * Registered by build.test.ts on its build (one build serves both, to keep the suite
 * fast). The built hostile pages in headless Chromium, served from 127.0.0.1: nothing runs
 * (no dialog, no window.__pwned, no CSP violation, no uncaught error), the DOM holds no
 * handler attributes, foreign scripts or javascript: links, and what a reader sees is
 * exactly what the content says. Every payload in the fixtures sets window.__pwned or
 * would open a dialog if it ever ran; the CSP would block an inline script, and the
 * blocked attempt is itself reported as a violation.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.ts";
import { serveFolder, type StaticServer } from "../support/server.ts";
import { hostile } from "./cases.ts";

const PAGES = [
  "/facts/acc-contexts/", "/facts/acc-raw-html/", "/facts/acc-javascript-links/", "/facts/acc-other-schemes/",
  "/facts/acc-template-syntax/", "/facts/acc-footnotes/", "/facts/acc-headings/", "/people/hostile-person/",
  "/hostile-page/", "/topics/hostile-topic/", "/", "/figures/", "/sources/", "/timeline/",
  // Search results are built in the page from the Pagefind index, which holds every hostile string.
  "/search/?q=pwned",
];

/** Runs before any page script (added by the browser, so the page's CSP does not apply). */
const RECORDER = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));`;

interface Finding { page: string; what: string }

/** What the DOM holds that could run: handlers, foreign scripts, script URLs, embedded documents. */
const domProblems = (page: Page) => page.evaluate(() => {
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) out.push(`${el.tagName} ${a.name}`);
  }
  for (const s of Array.from(document.scripts)) {
    const ours = ["application/json", "application/ld+json"].includes(s.type) ? !s.src : s.type === "module" && new URL(s.src).origin === location.origin;
    if (!ours) out.push(`script ${s.outerHTML.slice(0, 80)}`);
  }
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>("a[href], area[href]"))) {
    if (!["http:", "https:", "mailto:"].includes(a.protocol)) out.push(`link ${a.protocol} ${a.getAttribute("href")}`);
  }
  for (const el of Array.from(document.querySelectorAll("iframe, frame, object, embed, base, meta[http-equiv=refresh]"))) out.push(`element ${el.tagName}`);
  return out;
});

/** `site.out` is read when the tests run: the caller's `before` has built it by then. */
export function browserChecks(site: { out: string }): void {
  describe("the built hostile pages in a real browser", () => {
    let server: StaticServer | undefined;
    let browser: Browser | undefined;
    const findings: Finding[] = [];
    const seen = { h1: "", title: "", description: "", chartTitle: "", chartLabels: [] as string[], figTitle: "", results: [] as string[] };

    before(async () => {
      server = await serveFolder(site.out);
      browser = await launchBrowser();
      const context = await browser.newContext();
      await context.addInitScript(RECORDER);
      const page = await context.newPage();
      let current = "";
      page.on("dialog", (d) => { findings.push({ page: current, what: `dialog: ${d.message()}` }); void d.dismiss(); });
      page.on("pageerror", (e) => findings.push({ page: current, what: `uncaught: ${e.message}` }));
      page.on("console", (m) => { if (m.type() === "error") findings.push({ page: current, what: `console error: ${m.text()}` }); });
      for (const path of PAGES) {
        current = path;
        const res = await page.goto(server.url + path.slice(1), { waitUntil: "load" });
        if (res?.status() !== 200) findings.push({ page: path, what: `HTTP ${res?.status()}` });
        if (path.includes("?q=")) {
          await page.waitForFunction(() => /results? for/.test(document.querySelector("[data-search-status]")?.textContent ?? ""), undefined, { timeout: 15_000 });
          seen.results = await page.locator(".search-result-title a").allTextContents();
        }
        // Hovering and focusing every element would fire mouseover/focus handlers, had any survived.
        await page.evaluate(() => {
          for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
            el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
            el.focus?.();
          }
        });
        await page.waitForTimeout(50);
        const state = await page.evaluate(() => ({ pwned: (window as { __pwned?: unknown }).__pwned, violations: (window as unknown as { __violations: string[] }).__violations }));
        if (state.pwned !== undefined) findings.push({ page: path, what: `window.__pwned = ${String(state.pwned)}` });
        for (const v of state.violations) findings.push({ page: path, what: `CSP violation: ${v}` });
        for (const p of await domProblems(page)) findings.push({ page: path, what: p });
        if (path === "/facts/acc-contexts/") {
          Object.assign(seen, await page.evaluate(() => {
            const island = JSON.parse(document.querySelector("#chart-hostile-chart script.chart-data")!.textContent!) as { title: string; labels: string[] };
            return {
              h1: document.querySelector("h1")!.textContent!, title: document.title,
              description: document.querySelector<HTMLMetaElement>('meta[name="description"]')!.content,
              chartTitle: island.title, chartLabels: island.labels, figTitle: document.querySelector("a.fig")!.getAttribute("aria-label")!,
            };
          }));
        }
      }
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it("nothing runs: no dialog, no window.__pwned, no CSP violation, no error, on any page", () => {
      assert.deepEqual(findings.map((f) => `${f.page}: ${f.what}`), []);
    });

    it("the reader sees every hostile string exactly as written", () => {
      assert.equal(seen.h1, hostile("Title"));
      assert.ok(seen.title.startsWith(hostile("Title")), seen.title);
      assert.equal(seen.description, hostile("Summary"));
      assert.ok(seen.figTitle.includes(`: ${hostile("Label")}. Show source`), JSON.stringify(seen.figTitle));
      assert.equal(seen.chartTitle, hostile("Chart"));
      assert.equal(seen.chartLabels[1], hostile("Datum"));
      // Pagefind folds whitespace (U+2028 and U+2029 included); every other character must survive.
      const folded = (t: string) => t.replace(/\s+/g, " ");
      assert.ok(seen.results.map(folded).includes(folded(hostile("Title"))), `search results: ${seen.results.join(" | ")}`);
    });
  });
}
