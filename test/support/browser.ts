/**
 * Headless Chromium for browser tests, through playwright-core (which ships no browser):
 * finds an installed Chromium, launches it once per test file, and watches pages for
 * the things every page must be free of: console errors, uncaught exceptions, failed
 * requests and Content-Security-Policy violations.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const INSTALL_HINT =
  "no Chromium found for the browser tests: install one (apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** CHROME_PATH, then the usual system paths, then Playwright's own download cache. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist; ${INSTALL_HINT}`);
  }
  for (const candidate of CANDIDATES) if (fs.existsSync(candidate)) return candidate;
  let cached = "";
  try {
    cached = chromium.executablePath();
  } catch {
    // playwright-core throws when it knows no path for this platform
  }
  if (cached && fs.existsSync(cached)) return cached;
  throw new Error(INSTALL_HINT);
}

/** The project's launch flags (CI machines have no GPU and no sandbox); Playwright adds --headless. */
export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Headless Chromium. Playwright's `launch` gives every browser a fresh temporary
 * user-data dir and deletes it on close, so no profile leaks between test files.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), headless: true, args: LAUNCH_ARGS });
}

/**
 * page.evaluate for functions with named inner helpers. tsx compiles tests with
 * esbuild's keepNames, which wraps them in `__name(fn, "fn")`; that helper does not
 * exist in the page, so the function runs inside a scope that defines it (no global
 * is added to the page, which could hide the same bug in the site's own bundle).
 */
export function inPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg) ?? "undefined"}); })()`;
  return page.evaluate(source) as Promise<R>;
}

export const DESKTOP = { width: 1280, height: 800 };

/** A context with sane test defaults; JavaScript on and CSP enforced unless overridden. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce", ...options });
}

/**
 * Runs before any page script: records every CSP violation into window so a test can
 * read them after load. An init script is added by the browser, not the page, so it is
 * not itself subject to the page's `script-src 'self'`.
 */
const CSP_RECORDER = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
      (e.sourceFile ? " (" + e.sourceFile + ":" + e.lineNumber + ")" : "") +
      (e.sample ? " sample: " + e.sample : ""));
  });
`;

export interface PageWatch {
  /** "console error: ...", "exception: ...", "request failed: URL (reason)", "HTTP 404: URL" */
  problems: string[];
  /** Every URL the page requested, in order (for prefix-escape checks). */
  requests: string[];
  /** CSP violations recorded so far in the current document. */
  cspViolations(): Promise<string[]>;
  /** Clears problems and requests (call before navigating to the next page). */
  reset(): void;
}

export async function watchPage(page: Page): Promise<PageWatch> {
  await page.addInitScript(CSP_RECORDER);
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`exception: ${err.message}`));
  page.on("request", (req) => {
    requests.push(req.url());
  });
  page.on("requestfailed", (req) => {
    const reason = req.failure()?.errorText ?? "?";
    // ERR_ABORTED is the browser dropping a request because the test navigated on (the
    // favicon, typically). Missing files show up as HTTP errors below, CSP blocks as violations.
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    problems,
    requests,
    cspViolations: () =>
      page.evaluate(() => ((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).slice()),
    reset() {
      problems.length = 0;
      requests.length = 0;
    },
  };
}

/**
 * Scrolls every chart into view (the bundle draws them lazily, as they near the
 * viewport), waits until each figure has `data-chart-drawn`, scrolls back to the top,
 * and returns the ids of the charts that were not drawn within `timeout` ms.
 */
export function drawCharts(page: Page, timeout = 5000): Promise<string[]> {
  return inPage(page, async (timeout) => {
    const figures = Array.from(document.querySelectorAll("figure.chart"));
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const figure of figures) {
      figure.scrollIntoView({ block: "center" });
      await frame();
    }
    const deadline = Date.now() + timeout;
    while (figures.some((f) => !f.hasAttribute("data-chart-drawn")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    window.scrollTo(0, 0);
    await frame();
    return figures.filter((f) => !f.hasAttribute("data-chart-drawn")).map((f, i) => f.id || `#${i + 1}`);
  }, timeout);
}

/** Resizes the viewport and waits two frames, so ResizeObservers (Chart.js) have redrawn. */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await inPage(page, () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))), undefined);
}

/** One h1, and no heading more than one level deeper than the one before it. */
export const headingOutline = (page: Page): Promise<string[]> =>
  inPage(page, () => {
    const problems: string[] = [];
    const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).filter(
      (h) => !h.closest("[hidden], [aria-hidden='true']"),
    );
    const h1s = headings.filter((h) => h.tagName === "H1").length;
    if (h1s !== 1) problems.push(`document  [headings]  has ${h1s} h1 elements; a page has exactly one`);
    let previous = 0;
    for (const h of headings) {
      const level = Number(h.tagName[1]);
      if (level > previous + 1) {
        const text = (h.textContent ?? "").trim().slice(0, 60);
        problems.push(`${h.tagName.toLowerCase()}${h.id ? `#${h.id}` : ""} ("${text}")  [headings]  skips a level: h${previous || "(none)"} then h${level}`);
      }
      previous = level;
    }
    return problems;
  }, undefined);

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core in the page and returns one line per failing element:
 * `<selector>  [axe <rule>]  <help>: <summary>`. axe is evaluated through the DevTools
 * protocol (page.evaluate), which the page's CSP does not govern, so the same page and
 * context can be checked for CSP violations first, without `bypassCSP`.
 */
export async function runAxe(page: Page, options: { tags?: string[]; rules?: string[] } = {}): Promise<string[]> {
  axeSource ??= fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const runOnly = options.rules
    ? { type: "rule" as const, values: options.rules }
    : { type: "tag" as const, values: options.tags ?? WCAG_TAGS };
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
    }
    // Only violations are read; skipping the details of passes saves most of axe's time.
    const results = await axe.run(document, { runOnly, resultTypes: ["violations"], performanceTimer: false });
    return results.violations.flatMap((v) =>
      v.nodes.map((n) => {
        const summary = (n.failureSummary ?? "").replace(/\s+/g, " ").replace(/^Fix (any|all) of the following: /, "");
        return `${n.target.join(" ")}  [axe ${v.id}]  ${v.help}: ${summary}`;
      }),
    );
  }, runOnly);
}
