/**
 * The dev server writes into the same _site/ build after build, and Eleventy never
 * removes a page it no longer renders: a deleted fact would still be served. These are
 * the files under _site/ that belong to entries the current view no longer has. The list
 * comes from the view (not from what the last build wrote), so it holds for incremental
 * builds too.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { RESERVED_SLUGS } from "../lib/crosscheck.ts";

export interface ViewEntries {
  facts: { slug: string }[];
  people: { slug: string }[];
  topics: { id: string }[];
  pages: { slug: string }[];
  rawCharts: { id: string }[];
  /** Old addresses of renamed facts: their redirect pages are current output. */
  redirects?: { from: string }[];
  /** Listing pages past page 1 live under `<listing>/page/<n>/` (scripts/site/listings.ts). */
  listing?: { url: string }[];
}

const list = (dir: string) => readdirSync(dir, { withFileTypes: true });
const has = (dir: string) => { try { return list(dir); } catch { return []; } };

/** Paths (relative to outDir) to remove: folders of gone entries, their embed pages, social card and chart CSV. */
export function stalePaths(view: ViewEntries, outDir: string): string[] {
  const out: string[] = [];
  const folders: [string, Set<string>][] = [
    ["facts", new Set([...view.facts.map((f) => f.slug), ...(view.redirects ?? []).map((r) => r.from)])],
    ["people", new Set(view.people.map((p) => p.slug))],
    ["topics", new Set(view.topics.map((t) => t.id))],
    // One embed page per chart (templates/embed.njk).
    ["embed/charts", new Set(view.rawCharts.map((c) => c.id))],
  ];
  for (const [folder, keep] of folders) {
    for (const e of has(join(outDir, folder))) if (e.isDirectory() && !keep.has(e.name)) out.push(`${folder}/${e.name}`);
  }
  const facts = new Set(view.facts.map((f) => f.slug));
  for (const e of has(join(outDir, "social"))) {
    const slug = e.name.replace(/\.png$/, "");
    if (e.name.endsWith(".png") && !facts.has(slug)) out.push(`social/${e.name}`);
  }
  const charts = new Set(view.rawCharts.map((c) => c.id));
  for (const e of has(join(outDir, "data", "charts"))) {
    if (e.name.endsWith(".csv") && !charts.has(e.name.slice(0, -4))) out.push(`data/charts/${e.name}`);
  }
  // A listing that shrank leaves its last pages behind.
  const listed = new Set((view.listing ?? []).map((l) => l.url));
  const bases = ["/timeline/", "/sources/", "/figures/", ...view.people.map((p) => `/people/${p.slug}/`), ...view.topics.map((t) => `/topics/${t.id}/`)];
  for (const base of bases) {
    for (const e of has(join(outDir, base, "page"))) if (e.isDirectory() && !listed.has(`${base}page/${e.name}/`)) out.push(`${base.slice(1)}page/${e.name}`);
  }
  // A prose page is a top-level folder; the generator's own routes are the reserved slugs.
  const pages = new Set(view.pages.map((p) => p.slug));
  for (const e of has(outDir)) {
    if (!e.isDirectory() || RESERVED_SLUGS.has(e.name) || pages.has(e.name)) continue;
    if (has(join(outDir, e.name)).some((f) => f.name === "index.html")) out.push(e.name);
  }
  return out.sort();
}
