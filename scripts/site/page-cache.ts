/**
 * Cached pages: before Eleventy runs, every one-per-entry page whose key (page-keys.ts)
 * is in the build cache is written from it into the output folder, and only the others
 * are left for Eleventy to render (the page subset, page-subset.ts); after the run the
 * pages Eleventy rendered are stored under their keys. An entry is used only when the
 * cache verifies it (header, key, length, content hash), so a garbage or planted entry
 * never reaches a page: it is rendered instead, and the build says so once.
 * Pages are written straight away rather than held: a site of tens of thousands of
 * pages never keeps them in memory.
 * The dev server keeps one PageCache across rebuilds: a page it wrote in an earlier run
 * with the same key is still on disk and is not touched at all.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildCache } from "../io/build-cache.ts";
import { CACHED_KINDS, pageDigests } from "./page-keys.ts";
import type { PageKind, PageSubset } from "./page-subset.ts";

const STAGE = "page";

export interface PagePlanStats { pages: number; fromCache: number; kept: number; rendered: number; first: number }

export class PageCache {
  /** Output path -> key of what was last written there (the dev server's earlier runs). */
  private written = new Map<string, string>();
  /** Output path -> key, for the pages this run leaves to Eleventy. */
  private pending = new Map<string, string>();
  private made = new Set<string>();
  /** Pages written apart since the last run (wroteApart). */
  private apart = new Set<string>();
  stats: PagePlanStats = { pages: 0, fromCache: 0, kept: 0, rendered: 0, first: 0 };
  /** Whether the last run planned its pages by key (see the constructor). */
  private planned = true;

  /**
   * `remember`: keep what each run wrote (the dev server). A one-shot build with the cache
   * off has no use for page keys: hashing every view cost a fifth of a cold build's CPU at
   * 4,000 entries, so it plans nothing and Eleventy renders every page.
   */
  constructor(private readonly cache: BuildCache, private readonly remember = true) {}

  /**
   * Writes the cached pages of `view` into `out` and returns the subset Eleventy must
   * render: the pages without a usable entry, within `only` (the caller's own subset).
   */
  before(view: object, out: string, only: PageSubset = {}, templates = ""): PageSubset {
    const render: Record<PageKind, Set<string>> = Object.fromEntries(CACHED_KINDS.map((k) => [k, new Set<string>()])) as Record<PageKind, Set<string>>;
    this.pending.clear();
    this.made.clear();
    this.stats = { pages: 0, fromCache: 0, kept: 0, rendered: 0, first: 0 };
    this.planned = this.cache.enabled || this.remember;
    if (!this.planned) return only;
    for (const p of pageDigests(view, templates)) {
      if (only[p.kind] && !only[p.kind]!.has(p.key)) continue;
      this.stats.pages++;
      const key = this.cache.key(STAGE, p.digest);
      if (this.written.get(p.path) === key && existsSync(join(out, p.path))) {
        this.stats.kept++;
        if (this.apart.has(p.path)) this.stats.first++;
        continue;
      }
      const hit = this.cache.get(STAGE, key);
      if (hit) {
        this.write(out, p.path, hit);
        this.written.set(p.path, key);
        this.stats.fromCache++;
      } else {
        this.pending.set(p.path, key);
        render[p.kind]!.add(p.key);
        this.stats.rendered++;
      }
    }
    this.apart.clear();
    return render;
  }

  /**
   * Stores what Eleventy rendered for the pages left to it; checks it wrote them where
   * page-subset.ts says. A batched build calls this after each of its runs, `complete`
   * only after the last (the earlier runs leave pages for the later ones).
   */
  after(results: { outputPath?: string | false; content?: string }[], out: string, complete = true): void {
    for (const r of results) {
      if (!r.outputPath || typeof r.content !== "string") continue;
      const path = relative(out, r.outputPath);
      const key = this.pending.get(path);
      if (!key) continue;
      this.pending.delete(path);
      this.cache.put(STAGE, key, r.content);
      this.written.set(path, key);
    }
    if (!complete) return;
    const missing = [...this.pending.keys()];
    if (missing.length) throw new Error(`page cache: Eleventy did not write ${missing[0]} (${missing.length} pages): a template's permalink no longer matches scripts/site/page-subset.ts`);
    this.pending.clear();
  }

  /**
   * A page written apart from a run (the dev server's saved fact, saved-page.ts), with the
   * digest it was rendered from: the next run leaves it alone when its own key is the same.
   */
  wroteApart(out: string, path: string, digest: string, bytes: string): void {
    const key = this.cache.key(STAGE, digest);
    this.write(out, path, Buffer.from(bytes));
    this.cache.put(STAGE, key, bytes);
    this.written.set(path, key);
    this.apart.add(path);
  }

  /** Whether the page at `path` was last written from this digest. */
  holds(path: string, digest: string): boolean {
    return this.written.get(path) === this.cache.key(STAGE, digest);
  }

  /** Forgets what it wrote (after a run that failed part-way, or when the output folder is replaced). */
  forget(): void { this.written.clear(); }

  summary(): string {
    const s = this.stats;
    if (!this.planned) return "pages: cache off, every entry page rendered";
    return `pages: ${s.pages} entry pages, ${s.fromCache} from the cache, ${s.rendered} rendered${s.kept ? `, ${s.kept} unchanged` : ""}${s.first ? ` (${s.first} as written at the save)` : ""}`;
  }

  private write(out: string, path: string, bytes: Buffer) {
    const full = join(out, path);
    const dir = dirname(full);
    if (!this.made.has(dir)) { mkdirSync(dir, { recursive: true }); this.made.add(dir); }
    writeFileSync(full, bytes);
  }
}

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** The bytes of every file under templates/ (the dev server's templates change while it runs). */
export function templatesHash(dir = TEMPLATES): string {
  const h = createHash("sha256");
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = join(dir, name);
    if (statSync(full).isFile()) h.update(`${name}\0`).update(readFileSync(full));
  }
  return h.digest("hex");
}
