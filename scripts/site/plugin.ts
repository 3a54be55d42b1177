/**
 * The only code that sees eleventyConfig. Content never enters Eleventy as templates:
 * the site view (plain data, built by our loader) is global data, and templates/
 * holds our own Nunjucks layouts that paginate over it.
 */
import { loadSite, type Loaded } from "../io/load.ts";
import { formatProblem } from "../lib/problem.ts";
import { writeOutputs } from "./outputs.ts";
import { writeSocialImages, type SocialResult } from "./social-image.ts";
import { BuildCache } from "../io/build-cache.ts";
import { makeHref } from "./site-view.ts";
import { stalePaths } from "./stale-pages.ts";
import { pagesToRender, type PageSubset } from "./page-subset.ts";
import { cacheCompiledTemplates } from "./njk-compile-cache.ts";
import { PageCache, templatesHash } from "./page-cache.ts";
import { ViewMemo } from "./view-memo.ts";
import { memoryMark } from "../io/memory-log.ts";
import { writeSavedPage, readOnlyMemo, type Njk } from "./saved-page.ts";
import { WrittenFiles } from "./written-files.ts";
import { rmSync } from "node:fs";
import { join } from "node:path";

export interface SitePluginOptions {
  root?: string;
  /** The content folder, relative to root (the dev server's --content). */
  contentDir?: string;
  /** A view the caller already loaded and checked (the build); else the plugin loads one per build (dev server). */
  loaded?: Loaded;
  prefix?: string;
  /** Where Eleventy is writing this build (the build's temporary folder). */
  outputDir?: string;
  /** Set by the plugin once it has written the outputs, so the build can tell it ran with these options. */
  wrote?: boolean;
  /** The build cache (social cards); the plugin opens the project's own when none is given. */
  cache?: BuildCache;
  /**
   * Which one-per-entry pages (facts, people, topics, prose pages, embeds) this run renders;
   * read at the start of every run, so a caller may change it between runs. Unset: all.
   * See scripts/site/page-subset.ts; the listing pages always render.
   */
  pages?: PageSubset;
  /** Set by the plugin after each run: how many entry pages came from the cache. */
  pageSummary?: string;
  /** Called after each run with pageSummary (the dev server prints it: what a save cost). */
  onWrite?: (summary: string) => void;
  /** Called with each fresh load (the dev server prints problems from here). */
  onLoad?: (loaded: Loaded) => void;
  /** Set by the plugin for the dev server: writes a saved fact's page before the run it starts (saved-page.ts). */
  writeSaved?: (absPath: string) => Promise<string>;
  /**
   * A build in several Eleventy runs (scripts/site/batches.ts), set by the build before each
   * run, with `pages` naming the run's batch. The first run writes the data files, plans the
   * page cache and starts the social cards; the last writes the other outputs. Unset: one run.
   */
  batch?: { index: number; count: number; shared: BatchShared };
}

/** What the runs of one batched build share (each run calls the plugin afresh). */
export interface BatchShared { pageCache?: PageCache; plan?: PageSubset; social?: Promise<SocialResult> }

/** `plan` (the pages the cache left to render) within the caller's subset, kind by kind. */
function within(plan: PageSubset, only: PageSubset = {}): PageSubset {
  return Object.fromEntries(Object.entries(plan).map(([k, keys]) => {
    const also = only[k as keyof PageSubset];
    return [k, also ? new Set([...keys].filter((key) => also.has(key))) : keys];
  }));
}

// Eleventy's config object is untyped JavaScript; these are the calls we use.
interface Config {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  addWatchTarget(path: string): void;
  setNunjucksEnvironmentOptions(opts: object): void;
  setWatchJavaScriptDependencies(on: boolean): void;
  on(event: "eleventy.engine.njk", fn: (arg: { nunjucks: Parameters<typeof cacheCompiledTemplates>[0] & Njk["nunjucks"]; environment: object }) => unknown): void;
  on(event: string, fn: (arg: { dir: { output: string }; results?: { outputPath?: string | false; content?: string }[] }) => unknown): void;
  setServerOptions?(opts: object): void;
}

/**
 * Set by the build script before it starts Eleventy: .eleventy.js passes this object to
 * the plugin, so the content loaded and checked by the build is the content rendered.
 */
export const handoff: SitePluginOptions = {};

/** The site view as Eleventy global data, passed by reference (see addGlobalData below). */
class SiteData {
  constructor(view: object, pages: Record<string, unknown[]>) { Object.assign(this, view, pages); }
}

export default function sitePlugin(eleventyConfig: Config, options: SitePluginOptions = handoff) {
  const root = options.root ?? process.cwd();
  const prefix = options.prefix ?? process.env.PATH_PREFIX ?? "/";
  let loaded = options.loaded;
  // The dev server has no preloaded content: read it once at the start of each build.
  const contentDir = options.contentDir ?? "content";
  const cache = (options.cache ??= BuildCache.open(root));
  // The dev server loads again on every save: parsed files and fact views are kept in
  // memory between loads, so a save re-parses and re-renders only what it touched.
  const memos = options.loaded ? undefined : { yaml: new Map<string, string>(), views: new ViewMemo() };
  // And it writes the same outputs again and again: unchanged ones are skipped.
  const written = memos && new WrittenFiles();
  const current = (): Loaded => (loaded ??= loadSite(root, { prefix, contentDir, cache, memos }));
  // Social cards render on libuv's threads while Eleventy renders pages on this one.
  // A batched build's runs share the cards, the page cache and its plan.
  const shared: BatchShared = options.batch?.shared ?? {};
  const first = !options.batch || options.batch.index === 0;
  const last = !options.batch || options.batch.index === options.batch.count - 1;
  // Entry pages whose key is cached are written from the cache; Eleventy renders the rest.
  // One instance for the dev server's whole session: it also remembers what it wrote.
  const pageCache = (shared.pageCache ??= new PageCache(cache, !options.loaded));
  let render: PageSubset | undefined;
  // When each run started and when its content was loaded, for the dev server's "rebuilt:" line.
  const timing = { start: 0, loaded: 0, planned: 0 };
  eleventyConfig.on("eleventy.before", () => {
    timing.start = performance.now();
    if (!options.loaded) {
      loaded = loadSite(root, { prefix, contentDir, cache, memos });
      options.onLoad?.(loaded);
    }
    const view = current().view;
    timing.loaded = performance.now();
    const out = options.outputDir;
    // The data files and their ZIP, written and let go before the pages render (data-export.ts).
    if (view) view.reuse.data.cache = cache;
    if (view && out) view.reuse.data.writeTo(out, written);
    memoryMark("data files written");
    // The dev server's templates may change under it: their hash joins the page keys there.
    // The cache plans the kinds it caches; the caller's subset still holds for the others (listing pages).
    // A batched build plans every page once, in its first run; each run renders its batch of the plan.
    if (first) shared.plan = view && out ? pageCache.before(view, out, options.batch ? undefined : options.pages, options.loaded ? "" : templatesHash()) : undefined;
    render = shared.plan ? { ...options.pages, ...within(shared.plan, options.pages) } : options.pages;
    timing.planned = performance.now();
    if (first) shared.social = view && out ? writeSocialImages(view, out, cache) : undefined;
    // Awaited in eleventy.after; a failure there must not also surface as unhandled here.
    shared.social?.catch(() => {});
  });

  // One compile per paginated template, not one per page (see njk-compile-cache.ts).
  let njk: Njk | undefined;
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks, environment }) => { cacheCompiledTemplates(nunjucks); njk = { nunjucks, environment }; });
  // The dev server's first answer to a save: that fact's page, through this environment, before the run.
  if (memos) options.writeSaved = async (absPath) => {
    const out = options.outputDir;
    if (!njk || !loaded?.view || !out) return "no finished run yet";
    return writeSavedPage(absPath, {
      root, contentDir, out, loaded, pageCache, njk, templates: templatesHash(), memo: readOnlyMemo(memos.yaml),
      frame: (v) => new SiteData(v, {}),
    });
  };
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addGlobalData("fs", () => {
    const l = current();
    // A class instance, not a plain object: Eleventy deep-copies plain objects into every
    // template's data, which for a site of thousands of facts costs seconds and gigabytes.
    if (l.view) return new SiteData(l.view, pagesToRender(l.view, render));
    // The dev server shows problems as a page instead of crashing (see templates/index.njk).
    // The site's own title and footer when site.yaml is sound, so the page looks like the site.
    const empty = { facts: [], people: [], topics: [], pages: [], embeds: [] };
    return { problems: l.problems.map(formatProblem), broken: true, ...empty, ...pagesToRender(empty), site: l.site ?? { title: "Fact sheet" }, nav: [] };
  });
  eleventyConfig.addFilter("href", (path: string) => makeHref(loaded?.view?.prefix ?? "/")(String(path)));
  eleventyConfig.addFilter("absolute", (path: string) => makeHref(loaded?.view?.absBase ?? "/")(String(path)));
  eleventyConfig.addPassthroughCopy({ "templates/assets/static": "assets" });
  eleventyConfig.addWatchTarget(join(root, contentDir) + "/");
  eleventyConfig.addWatchTarget("scripts/client/");
  // Eleventy cannot parse our TypeScript imports to watch them; content and templates are watched instead.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  eleventyConfig.on("eleventy.after", async ({ dir, results }) => {
    const view = current().view;
    if (!view) return;
    // Eleventy reports its configured folder here, not the one the build passed in.
    // A build hands over its temporary folder; without one (e.g. .eleventy.js loaded as a
    // separate CommonJS copy of this module) files would land in the wrong place.
    if (options.loaded && !options.outputDir) throw new Error("the build did not pass its output folder to the site plugin");
    const out = options.outputDir ?? dir.output;
    memoryMark("pages rendered");
    // Each run stores its own pages; only the last can tell whether one went missing.
    if (options.outputDir) pageCache.after(results ?? [], out, last);
    if (!last) return;
    // The dev server builds over the same folder again and again: drop pages of entries that
    // are gone, before the sitemap lists the folder's pages (outputs.ts).
    if (!options.loaded) for (const stale of stalePaths(view, out)) { rmSync(join(out, stale), { recursive: true, force: true }); written?.forget(join(out, stale)); }
    const bundle = await writeOutputs(view, out, shared.social, written);
    shared.social = undefined;
    memoryMark("outputs written");
    options.wrote = true;
    options.pageSummary = pageCache.summary() + (memos ? `; fact views: ${memos.views.hits} kept, ${memos.views.misses} built` : "");
    const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
    if (memos) options.pageSummary += ` (load ${ms(timing.start, timing.loaded)}, data files and plan ${ms(timing.loaded, timing.planned)}, render and write ${ms(timing.planned, performance.now())})`;
    options.onWrite?.(options.pageSummary);
    if (bundle.bytes) process.stdout.write(`chart bundle: ${(bundle.bytes / 1024).toFixed(1)} KB, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip (${view.chartTypes.join(", ")})\n`);
  });
}
