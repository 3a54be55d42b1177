/**
 * The cache key of each one-per-entry page: a hash of exactly what its template can read.
 * A page template (templates/_includes/pages/<kind>.njk, with layouts/base.njk and the
 * partials) reads three things:
 *   - its own view object (`fact`, `person`, ...), which holds every cross-file datum the
 *     page shows already rendered: other facts' figures in the body, sources' titles in
 *     References and previews, people's names, topics' titles; a person's or topic's
 *     fact cards are the facts' own views (hashed whole, once each);
 *   - for a fact, its re-use record `fs.reuse.facts[slug]` (citations, JSON-LD, card);
 *   - the site-wide frame: the `fs` fields in FRAME_READS, the prefix and absolute base
 *     (the `href` and `absolute` filters), and its own URL (`page.url`).
 * FRAME_READS is the list of every `fs.<field>` a page template may read; the test
 * test/page-cache.test.ts fails when a template reads one that is not listed, so no
 * dependency can be missed silently. The code hash (scripts/, templates/, lockfile) is
 * part of every key through BuildCache.key.
 */
import { createHash } from "node:crypto";
import { PAGE_KINDS, pagesOf, type PageKind } from "./page-subset.ts";

/** Every `fs.<path>` that layouts/base.njk, the partials and the page includes read. */
export const FRAME_READS = [
  "site", "nav", "prefix", "absBase", "correctionFormUrl", "buildDate", "chartTypes",
  "reuse.site.image", "reuse.site.imageAlt", "reuse.site.ldHtml", "reuse.site.datasetLdHtml", "reuse.citeFormats",
] as const;
/**
 * Kinds the page cache leaves alone: a listing page (timeline, sources, figures) reads
 * site-wide lists beyond the frame, so it is rendered on every build, never cached.
 */
export const UNCACHED: ReadonlySet<PageKind> = new Set<PageKind>(["listing"]);
export const CACHED_KINDS = PAGE_KINDS.filter((k) => !UNCACHED.has(k));
/** Read per page, by the page's own key: folded into that page's key, not the frame. */
export const PER_PAGE_READS = ["reuse.facts"] as const;

const hash = (text: string) => createHash("sha256").update(text).digest("hex");
/**
 * A fact view's hash, by object: views are never changed once built, and the dev
 * server's memo (view-memo.ts) hands the same objects to every load that reuses them.
 */
const factHash = new WeakMap<object, string>();

const at = (view: object, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), view);

/** The frame every page shares; any change to it gives every page a new key. */
export function frameDigest(view: object, templates = ""): string {
  return hash(JSON.stringify([templates, ...FRAME_READS.map((p) => [p, at(view, p) ?? null])]));
}

export interface PagePlanItem { kind: PageKind; key: string; path: string; digest: string }

const ofFact = (f: object) => {
  let h = factHash.get(f);
  if (!h) factHash.set(f, (h = hash(JSON.stringify(f))));
  return h;
};
const digestOf = (frame: string, kind: PageKind, path: string, body: string) => hash(`${frame}\0${kind}\0${path}\0${body}`);

/** One fact page's digest, as pageDigests makes it: for a page rendered apart (the dev server's saved fact). */
export function factPageDigest(frame: string, fact: object, reuse: unknown, path: string): string {
  return digestOf(frame, "fact", path, ofFact(fact) + JSON.stringify(reuse ?? null));
}

/**
 * Every page of the view with its content digest (not yet the cache key: BuildCache.key
 * adds the code hash). A fact's view is hashed once; people and topics fold in the
 * hashes of the facts they list (cards and listing page 1 alike) instead of copying them.
 */
export function pageDigests(view: object, templates = ""): PagePlanItem[] {
  const frame = frameDigest(view, templates);
  const reuse = (at(view, "reuse.facts") ?? {}) as Record<string, unknown>;
  const facts = new Set<unknown>((at(view, "facts") ?? []) as object[]);
  const out: PagePlanItem[] = [];
  for (const kind of CACHED_KINDS) {
    for (const { key, path, item } of pagesOf(view, kind)) {
      const own = item as Record<string, unknown>;
      if (kind === "fact") { out.push({ kind, key, path, digest: factPageDigest(frame, own, reuse[key], path) }); continue; }
      // A fact listed anywhere in the page (its cards, page 1 of its listing) counts by its hash.
      const body = JSON.stringify(own, (_k, v: unknown) => (v !== null && typeof v === "object" && facts.has(v) ? ofFact(v) : v));
      out.push({ kind, key, path, digest: digestOf(frame, kind, path, body) });
    }
  }
  return out;
}
