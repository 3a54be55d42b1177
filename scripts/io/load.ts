/**
 * One call that the checker, the build and the dev server share: read content/, load
 * and cross-check it, render every body (which finds the body problems), and return
 * the site view with every problem, sorted. Nothing is written.
 */
import { readContent } from "./read-content.ts";
import { loadContent, type ContentFile } from "../lib/loader.ts";
import type { Content } from "../lib/model.ts";
import type { Problem } from "../lib/problem.ts";
import { foldProblems, editorialAsWarnings } from "../lib/fold.ts";
import { checkBodies } from "../markdown/check.ts";
import { today } from "./clock.ts";
import { buildSiteView, type SiteView } from "../site/site-view.ts";
import { gitDates } from "./git-dates.ts";
import { reuseView } from "../site/reuse-view.ts";
import { factHistory, type FactHistory } from "./git-history.ts";
import type { FactHistoryInput } from "../site/fact-view.ts";
import type { BuildCache } from "./build-cache.ts";
import type { YamlMemo } from "../lib/yaml-memo.ts";
import type { Site } from "../lib/model.ts";
import type { ViewMemo } from "../site/view-memo.ts";
import type { TextSpill } from "./text-spill.ts";

export type LoadedView = SiteView & { reuse: ReturnType<typeof reuseView> };
/**
 * `site` is there whenever site.yaml itself is sound, so a problems page can still show the site's title and footer.
 * `content` and `files` are what was loaded (possibly partial), for `check --base`.
 */
export interface Loaded {
  view?: LoadedView; problems: Problem[]; site?: Site; content?: Content; files?: ContentFile[]; notes?: string[];
  /** What git said about each file (its last date, a fact's history): the dev server renders a saved fact with it. */
  git?: { dates: Map<string, string>; perFact: Map<string, FactHistoryInput> };
}

/** A path prefix always starts and ends with "/" ("/", "/us-ukraine-minerals/"). */
export function normalizePrefix(raw = "/"): string {
  const trimmed = raw.trim().replace(/^\/+|\/+$/g, "");
  if (trimmed && !/^[A-Za-z0-9._~\-/]+$/.test(trimmed)) throw new Error(`PATH_PREFIX "${raw}" may contain only letters, digits, "-", "_", ".", "~" and "/"`);
  return trimmed ? `/${trimmed}/` : "/";
}

export interface LoadMemos {
  /** Parsed YAML kept in memory between loads (the dev server), in front of the build cache's. */
  yaml?: Map<string, string>;
  /** Fact views kept between loads (the dev server). */
  views?: ViewMemo;
}

/** `spill`: the build's store for the view's long rendered strings (scripts/io/text-spill.ts); the dev server keeps them. */
export function loadSite(root: string, opts: { prefix?: string; contentDir?: string; git?: boolean; cache?: BuildCache; memos?: LoadMemos; spill?: TextSpill } = {}): Loaded {
  const read = readContent(root, opts.contentDir ?? "content");
  const disk = opts.cache?.enabled ? yamlMemo(opts.cache) : undefined;
  const { content, problems, broken } = loadContent(read.files, opts.memos?.yaml ? memoryMemo(opts.memos.yaml, disk) : disk, { today: today() });
  const all = [...read.problems, ...problems];
  // A view of broken content could crash on a missing reference: only build it when sound.
  // The loader leaves the blank placeholder site (no title) when site.yaml is missing or invalid.
  const site = content.site.title ? content.site : undefined;
  if (all.some((p) => p.severity === "error")) {
    // Bodies are still checked, so one run reports every problem, not the rest after a fix.
    const bodies = editorialAsWarnings(checkBodies(content, broken.bodies, normalizePrefix(opts.prefix)));
    return { problems: foldProblems([...all, ...bodies], broken), site, content, files: read.files };
  }
  const day = today();
  const dates = opts.git === false ? new Map<string, string>() : gitDates(root, opts.contentDir ?? "content");
  // A commit's date is whatever its author set: never later than the build.
  for (const [file, date] of dates) if (date > day) dates.set(file, day);
  const history = opts.git === false ? undefined : factHistory(root, opts.contentDir ?? "content", day);
  const perFact = new Map([...(history?.facts ?? new Map<string, FactHistory>())].map(([file, h]) => [file, { ...h, version: history!.versions.get(file) }]));
  for (const [file, version] of history?.versions ?? []) if (!perFact.has(file)) perFact.set(file, { changes: [], minor: 0, version });
  const spill = opts.spill && (<T extends object>(o: T, names: readonly string[]) => opts.spill!.move(o, names));
  const base = buildSiteView(content, normalizePrefix(opts.prefix), dates, perFact, history?.renames, opts.memos?.views, spill);
  // Citations, JSON-LD and social image addresses for the templates, in every mode.
  const view = Object.assign(base, { reuse: reuseView(base) });
  // Each fact's JSON-LD is about 2 KB, read by its own page only.
  if (opts.spill) for (const [slug, r] of Object.entries(view.reuse.facts)) view.reuse.facts[slug] = opts.spill.move(r, ["ldHtml"]);
  return { view, site, problems: foldProblems([...all, ...editorialAsWarnings(view.problems)], broken), content, files: read.files, notes: history?.notes ?? [], git: { dates, perFact } };
}

/** Safe YAML parses in the build cache, keyed by the code and the exact text. */
function yamlMemo(cache: BuildCache): YamlMemo {
  return {
    get(text) {
      const key = cache.key("yaml", text);
      const hit = cache.get("yaml", key);
      if (!hit) return undefined;
      try { return JSON.parse(hit.toString("utf8")) as unknown; } catch { cache.reject("yaml", key, "not JSON"); return undefined; }
    },
    put(text, data) { cache.put("yaml", cache.key("yaml", text), JSON.stringify(data)); },
  };
}

/**
 * Parses remembered in memory by exact text (as JSON, so no load shares objects with
 * another), in front of `inner`. Texts not asked for by a load are forgotten at the next.
 */
function memoryMemo(mem: Map<string, string>, inner?: YamlMemo): YamlMemo {
  const used = new Set<string>();
  queueMicrotask(() => { for (const t of mem.keys()) if (!used.has(t)) mem.delete(t); });
  return {
    get(text) {
      used.add(text);
      const hit = mem.get(text);
      if (hit !== undefined) return JSON.parse(hit) as unknown;
      const data = inner?.get(text);
      if (data !== undefined) mem.set(text, JSON.stringify(data));
      return data;
    },
    put(text, data) { used.add(text); mem.set(text, JSON.stringify(data)); inner?.put(text, data); },
  };
}
