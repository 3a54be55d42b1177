/**
 * `/sitemap.xml` and `/robots.txt`. The sitemap lists every page the build wrote (so a
 * new template needs no change here), with `lastmod` from the content: a fact's last
 * change, a person's or topic's newest fact, else the site's newest change.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { escapeXml } from "../lib/html.ts";
import { makeHref, type SiteView } from "./site-view.ts";

export interface SitemapEntry { url: string; lastmod: string }

/** Site paths ("/facts/x/") of the HTML pages under outDir; 404.html is not a page to list. */
export function pagePaths(outDir: string): string[] {
  const paths: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
      else if (e.name === "index.html") paths.push(rel);
    }
  };
  walk(outDir, "/");
  return paths.sort();
}

export function lastModified(view: SiteView): (path: string) => string {
  const newest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a), "");
  const dates = new Map<string, string>();
  for (const f of view.facts) dates.set(f.url, f.updated);
  for (const p of view.people) dates.set(p.url, newest(p.facts.map((f) => f.updated)));
  for (const t of view.topics) dates.set(t.url, newest(t.facts.map((f) => f.updated)));
  return (path) => dates.get(path) || view.buildDate;
}

export function sitemapXml(entries: SitemapEntry[]): string {
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...entries.map((e) => `<url><loc>${escapeXml(e.url)}</loc>${e.lastmod ? `<lastmod>${escapeXml(e.lastmod)}</lastmod>` : ""}</url>`),
    `</urlset>`,
    "",
  ].join("\n");
}

export function sitemapFor(view: SiteView, outDir: string): string {
  const lastmod = lastModified(view);
  // Embeds and a renamed fact's old address (a redirect page) are noindex: a sitemap lists only pages meant to be found.
  const moved = new Set(view.redirects.map((r) => `/facts/${r.from}/`));
  return sitemapXml(pagePaths(outDir).filter((p) => !p.startsWith("/embed/") && !moved.has(p)).map((p) => ({ url: makeHref(view.absBase)(p), lastmod: lastmod(p) })));
}

/**
 * Crawlers read robots.txt only at a host's root: under a path prefix this file is
 * for whoever serves the root to merge; the Sitemap line is what matters.
 */
export function robotsTxt(view: SiteView): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${view.absBase}sitemap.xml\n`;
}
