/**
 * The dev server writes a saved fact's page first, before Eleventy's whole run (which
 * takes seconds at thousands of entries): through Eleventy's own Nunjucks environment,
 * the same template text Eleventy compiles (templates/fact.njk after its front matter)
 * and exactly what the page's key says a fact page reads (page-keys.ts: its view, its
 * re-use record, the site-wide frame, its URL). One rendering path: the same templates,
 * filters and options, so the bytes are the build's (test/serve-pages.test.ts compares).
 * The page cache records the page under its key; the run that follows leaves it alone
 * when the run's own key is the same, and renders it again when it is not.
 */
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import { readContentEntry } from "../io/read-content.ts";
import { today } from "../io/clock.ts";
import type { Loaded } from "../io/load.ts";
import type { YamlMemo } from "../lib/yaml-memo.ts";
import { savedFactView } from "./saved-fact.ts";
import { factPageDigest, frameDigest } from "./page-keys.ts";
import { PAGINATED } from "./page-subset.ts";
import type { PageCache } from "./page-cache.ts";

const TEMPLATE = fileURLToPath(new URL(`../../templates/${PAGINATED.fact.template}`, import.meta.url));

interface NunjucksTemplate { render(ctx: object, cb: (err: Error | null, out?: string) => void): void }
/** What Eleventy's eleventy.engine.njk event hands the plugin. */
export interface Njk {
  nunjucks: { Template: new (src: string, env: object, path: string, eager: boolean) => NunjucksTemplate };
  environment: object;
}

export interface SavedPageDeps {
  root: string; contentDir: string; out: string; loaded: Loaded; pageCache: PageCache;
  templates: string; njk: Njk; memo?: YamlMemo;
  /** The site view as the templates see it (`fs`), for a view with one fact's re-use record replaced. */
  frame: (view: object) => object;
}

/** Renders and writes the saved file's fact page; says what it did, or why it left it to the run. */
export async function writeSavedPage(absPath: string, d: SavedPageDeps): Promise<string> {
  const rel = relative(join(d.root, d.contentDir), absPath);
  if (rel.startsWith("..")) return "not a content file";
  const entry = readContentEntry(d.root, d.contentDir, absPath, rel.split(sep).pop()!);
  if (entry === "folder" || !("text" in entry)) return "not a readable content file";
  const saved = savedFactView(d.loaded, entry, today(), d.memo);
  const view = d.loaded.view;
  if (!saved || !view) return "the run renders it (not a fact that can be viewed alone)";
  // A fact page reads only its own re-use record (page-keys.ts).
  const own = { ...view, reuse: { ...view.reuse, facts: { [saved.view.slug]: saved.reuse } } };
  const path = PAGINATED.fact.path(saved.view);
  const digest = factPageDigest(frameDigest(own, d.templates), saved.view, saved.reuse, path);
  if (d.pageCache.holds(path, digest)) return "unchanged";
  const source = matter(readFileSync(TEMPLATE, "utf8")).content;
  const template = new d.njk.nunjucks.Template(source, d.njk.environment, TEMPLATE, false);
  const html = await new Promise<string>((ok, fail) => template.render(
    { fs: d.frame(own), fact: saved.view, page: { url: saved.view.url } },
    (err, out) => (err ? fail(err) : ok(out ?? "")),
  ));
  d.pageCache.wroteApart(d.out, path, digest, html);
  return `wrote ${path}`;
}

/** Parses the full load already made, read only: a one-file load must not evict them (load.ts forgets unused texts). */
export function readOnlyMemo(mem: Map<string, string>): YamlMemo {
  return {
    get(text) { const hit = mem.get(text); return hit === undefined ? undefined : JSON.parse(hit) as unknown; },
    put() {},
  };
}
