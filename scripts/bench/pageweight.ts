/**
 * Page weight of a built site: for each page type, the bytes of HTML, CSS and JS it
 * loads (raw and gzip -9) and its requests; then two rules over every page: HTML + CSS
 * under 30 KB gzip, and no JavaScript on a page that draws no chart (the search page
 * needs its script and is the one exception).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export const HTML_CSS_BUDGET_GZIP = 30 * 1024;
// Pages with one small script of their own: search (Pagefind UI) and the sortable figures table (0.8 KB).
export const JS_EXEMPT = new Set(["search/index.html", "figures/index.html"]);

export interface Bytes { raw: number; gzip: number }
export interface PageWeight {
  type: string; path: string; html: Bytes; css: Bytes; js: Bytes; htmlCssGzip: number;
  /** The document plus every stylesheet, script, image and icon it links. */
  requests: number; charts: number; scripts: string[];
}
export interface WeightReport {
  pages: PageWeight[]; checked: number; heaviest: PageWeight;
  /** Broken rules: JavaScript on a page without a chart, inline scripts. The bench fails on these. */
  failures: string[];
  /** Pages over the HTML + CSS budget. */
  overBudget: string[];
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).byteLength;
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([a-zA-Z:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)].map((m) => [m[1]!.toLowerCase(), m[3] ?? m[4] ?? ""]));

/** Site-relative file for an href in the page, or undefined for another origin. */
function fileFor(site: string, prefix: string, href: string): string | undefined {
  if (/^(https?:)?\/\//i.test(href) || href.startsWith("data:")) return undefined;
  const path = href.split(/[?#]/)[0]!.replace(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`), "/").replace(/^\//, "");
  return join(site, path.endsWith("/") || path === "" ? `${path}index.html` : path);
}

export function weighPage(site: string, rel: string, type: string, prefix = "/"): PageWeight {
  const html = readFileSync(join(site, rel));
  const text = html.toString("utf8");
  const sum = (files: string[]) => files.reduce((acc, f) => {
    if (!existsSync(f)) throw new Error(`${rel} links ${relative(site, f)}, which the build did not write`);
    const b = readFileSync(f);
    return { raw: acc.raw + b.byteLength, gzip: acc.gzip + gz(b) };
  }, { raw: 0, gzip: 0 });
  const css: string[] = [];
  const js: string[] = [];
  let other = 0;
  for (const m of text.matchAll(/<(link|script|img)\b[^>]*>/gi)) {
    const a = attrs(m[0]);
    const tag = m[1]!.toLowerCase();
    const rels = (a.rel ?? "").toLowerCase().split(/\s+/);
    if (tag === "link" && rels.includes("stylesheet")) { const f = fileFor(site, prefix, a.href ?? ""); if (f) css.push(f); }
    else if (tag === "link" && (rels.includes("icon") || rels.includes("apple-touch-icon") || rels.includes("manifest") || rels.includes("modulepreload") || rels.includes("preload"))) other++;
    else if (tag === "script" && a.src) { const f = fileFor(site, prefix, a.src); if (f) js.push(f); else other++; }
    else if (tag === "img") other++;
  }
  const h = { raw: html.byteLength, gzip: gz(html) };
  const c = sum(css);
  return {
    type, path: rel, html: h, css: c, js: sum(js), htmlCssGzip: h.gzip + c.gzip,
    requests: 1 + css.length + js.length + other, charts: (text.match(/<canvas\b/gi) ?? []).length,
    scripts: js.map((f) => relative(site, f)),
  };
}

function htmlFiles(site: string): string[] {
  return readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => relative(site, join(e.parentPath, e.name))).sort();
}

/** The page types the budget names, picked from the built site. */
export function pageTypes(site: string): { type: string; path: string }[] {
  const facts = htmlFiles(site).filter((p) => /^facts\/[^/]+\/index\.html$/.test(p));
  const hasChart = (p: string) => /<canvas\b/i.test(readFileSync(join(site, p), "utf8"));
  const withChart = facts.find(hasChart);
  const without = facts.find((p) => !hasChart(p));
  const list = [
    { type: "home", path: "index.html" },
    { type: "fact with chart", path: withChart },
    { type: "fact without chart", path: without },
    { type: "figures", path: "figures/index.html" },
    { type: "timeline", path: "timeline/index.html" },
    { type: "search", path: "search/index.html" },
  ];
  const missing = list.filter((p) => !p.path || !existsSync(join(site, p.path)));
  if (missing.length) throw new Error(`page weight: the built site has no ${missing.map((m) => m.type).join(", ")} page`);
  return list as { type: string; path: string }[];
}

export function weighSite(site: string, prefix = "/"): WeightReport {
  const pages = pageTypes(site).map((p) => weighPage(site, p.path, p.type, prefix));
  const failures: string[] = [];
  const overBudget: string[] = [];
  let heaviest: PageWeight | undefined;
  const all = htmlFiles(site);
  for (const rel of all) {
    const w = weighPage(site, rel, "any", prefix);
    if (!heaviest || w.htmlCssGzip > heaviest.htmlCssGzip) heaviest = w;
    if (w.htmlCssGzip >= HTML_CSS_BUDGET_GZIP) overBudget.push(`${rel}: HTML + CSS is ${(w.htmlCssGzip / 1024).toFixed(1)} KB gzip, over the 30 KB budget`);
    if (w.charts === 0 && w.js.raw > 0 && !JS_EXEMPT.has(rel)) failures.push(`${rel}: draws no chart but loads JavaScript (${w.scripts.join(", ")})`);
    // Inline scripts are forbidden by the CSP; JSON islands (type="application/json"...) are data.
    const inline = [...readFileSync(join(site, rel), "utf8").matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>/gi)].filter((m) => !/type\s*=\s*["']application\/(ld\+)?json["']/i.test(m[1]!));
    if (inline.length) failures.push(`${rel}: has ${inline.length} inline <script> element(s)`);
  }
  return { pages, checked: all.length, heaviest: heaviest!, failures, overBudget };
}
