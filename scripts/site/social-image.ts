/**
 * Social preview images (Open Graph, Twitter cards): one 1200x630 PNG per fact showing
 * its key figure and title, and one for the site (the text: social-card.ts; the drawing:
 * social-render.ts). Set FACTSHEET_SOCIAL_IMAGES=0 to skip them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { ContentError } from "../lib/problem.ts";
import type { SiteView } from "./site-view.ts";
import type { BuildCache } from "../io/build-cache.ts";
import { cardSvg, socialCards } from "./social-card.ts";
import { CardError, fontFiles, renderCards, rendererIdentity, type RenderStats } from "./social-render.ts";

export { SOCIAL_HEIGHT, SOCIAL_SITE_IMAGE, SOCIAL_WIDTH, cardSvg, clip, socialCards, socialImagePath, textWidth, wrap, type Card } from "./social-card.ts";
export { fontFiles } from "./social-render.ts";

export interface SocialResult { count: number; rendered: number; ms: number; skipped?: string; render?: RenderStats }

/**
 * Every card, each rendered only when its SVG (its text) differs from every card the
 * cache holds; the rest are rendered on `width` worker threads beside the page build.
 */
export async function writeSocialImages(view: SiteView, outDir: string, cache?: BuildCache, width = availableParallelism()): Promise<SocialResult> {
  if (process.env.FACTSHEET_SOCIAL_IMAGES === "0") return { count: 0, rendered: 0, ms: 0, skipped: "FACTSHEET_SOCIAL_IMAGES=0" };
  const fonts = fontFiles();
  if (!fonts.length) return { count: 0, rendered: 0, ms: 0, skipped: "no DejaVu Sans font found: install the dejavu-fonts-ttf package (npm ci) or Debian's fonts-dejavu-core" };
  const started = performance.now();
  const identity = cache?.enabled ? rendererIdentity(fonts) : "";
  const made = new Set<string>();
  const write = (path: string, png: Uint8Array) => {
    const file = join(outDir, path);
    const dir = dirname(file);
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    writeFileSync(file, png);
  };
  const queue: { path: string; svg: string; key: string; origin?: string }[] = [];
  let count = 0;
  for (const [path, card] of socialCards(view)) {
    count++;
    const svg = cardSvg(card);
    const key = cache?.enabled ? cache.inputKey("social", identity, svg) : "";
    const hit = cache?.get("social", key);
    if (hit) write(path, hit);
    else queue.push({ path, svg, key, origin: card.origin });
  }
  let render: RenderStats;
  try {
    render = await renderCards(queue.map((j) => j.svg), fonts, (i, png) => {
      const job = queue[i]!;
      cache?.put("social", job.key, png);
      write(job.path, png);
    }, width);
  } catch (e) {
    const job = e instanceof CardError ? queue[e.index] : undefined;
    const what = job ? `the social image ${job.path}` : "the social images";
    throw new ContentError(job?.origin ?? "content/site.yaml", "social-image", `${what} could not be made: ${(e as Error).message}`);
  }
  return { count, rendered: queue.length, ms: performance.now() - started, render };
}
