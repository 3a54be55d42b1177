/**
 * Social preview images (Open Graph, Twitter cards): one 1200x630 PNG per fact showing
 * its key figure and title, and one for the site. Drawn as SVG and rendered by resvg
 * with font files we name, never system fonts, so the same content gives the same PNG.
 * Set FACTSHEET_SOCIAL_IMAGES=0 to skip them (the bench measures the generator).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { escapeXml } from "../lib/html.ts";
import { ContentError } from "../lib/problem.ts";
import type { SiteView } from "./site-view.ts";
import type { BuildCache } from "../io/build-cache.ts";

export const SOCIAL_WIDTH = 1200;
export const SOCIAL_HEIGHT = 630;
/** The site's own card lives among the assets, where no fact slug can collide with it. */
export const SOCIAL_SITE_IMAGE = "/assets/social.png";
export const socialImagePath = (slug: string) => `/social/${slug}.png`;

export interface Card { title: string; figure?: string; kicker: string; footer: string; body?: string; origin?: string }

const PAD = 80;
const TEXT_WIDTH = SOCIAL_WIDTH - 2 * PAD;

/**
 * Advance width in em of a character in DejaVu Sans (bold when asked), by class. resvg
 * does not wrap text, so lines are broken here; the estimate errs wide so text fits.
 */
function em(ch: string, bold: boolean): number {
  if (ch === " ") return bold ? 0.35 : 0.32;
  if (/[iljI.,:;'|!·]/.test(ch)) return bold ? 0.37 : 0.3;
  if (/[ftr()[\]"\-‘’“”]/.test(ch)) return bold ? 0.52 : 0.44;
  if (/[mwMW%@—₴€]/.test(ch)) return bold ? 1.06 : 0.98;
  if (/[\u1100-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch)) return 1.0;
  if (ch !== ch.toLowerCase()) return bold ? 0.8 : 0.74;
  return bold ? 0.7 : 0.64;
}

export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += em(ch, bold);
  return w * size;
}

/** Greedy word wrap into at most `maxLines`; the last line ends in "…" if text remains. */
export function wrap(text: string, size: number, bold: boolean, maxLines: number, width = TEXT_WIDTH): string[] {
  // No room (a long title filled the card): no lines, rather than a negative count.
  if (!(maxLines >= 1)) return [];
  maxLines = Math.floor(maxLines);
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (let word of words) {
    // A word wider than the line (a URL, a long compound) is cut by characters.
    while (!fits(word)) {
      let cut = [...word].length - 1;
      while (cut > 1 && !fits([...word].slice(0, cut).join(""))) cut--;
      if (line) { lines.push(line); line = ""; }
      lines.push([...word].slice(0, cut).join(""));
      word = [...word].slice(cut).join("");
    }
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) { line = next; continue; }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.replace(/[\s,.;:–—-]+$/, "")}…`;
  return kept;
}

/** One line, cut by characters with "…" if it is too wide (hosts and dates have few spaces). */
export function clip(text: string, size: number, bold = false, width = TEXT_WIDTH): string {
  let s = text.replace(/\s+/g, " ").trim();
  if (textWidth(s, size, bold) <= width) return s;
  while (s && textWidth(`${s}…`, size, bold) > width) s = [...s].slice(0, -1).join("");
  return `${s.trimEnd()}…`;
}

/** The largest size up to `max` at which `text` fits on one line (never below `min`). */
function fitSize(text: string, max: number, min: number, bold: boolean): number {
  const w = textWidth(text, 1, bold);
  return Math.max(min, Math.min(max, Math.floor(TEXT_WIDTH / Math.max(w, 0.01))));
}

export function cardSvg(card: Card): string {
  const parts: string[] = [];
  const text = (x: number, y: number, size: number, weight: number, fill: string, s: string) =>
    parts.push(`<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(s)}</text>`);
  text(PAD, 104, 30, 400, "#57606a", clip(card.kicker, 30));
  let y = 150;
  if (card.figure) {
    const size = fitSize(card.figure, 150, 64, true);
    const line = clip(card.figure, size, true);
    y += Math.round(size * 0.95);
    text(PAD, y, size, 700, "#0b5cad", line);
    y += 40;
  } else {
    y += 40;
  }
  const titleSize = card.figure ? 50 : 64;
  // The last baseline stays clear of the rule at y=532, descenders included.
  const room = Math.floor((520 - y) / Math.round(titleSize * 1.2));
  for (const line of wrap(card.title, titleSize, true, Math.max(1, Math.min(room, 5)))) {
    y += Math.round(titleSize * 1.2);
    text(PAD, y, titleSize, 700, "#1b1f24", line);
  }
  const bodyRoom = Math.floor((505 - y - 16) / 40);
  if (card.body && bodyRoom >= 1) {
    y += 16;
    for (const line of wrap(card.body, 30, false, bodyRoom)) {
      y += 40;
      text(PAD, y, 30, 400, "#1b1f24", line);
    }
  }
  text(PAD, 582, 28, 400, "#57606a", clip(card.footer, 28));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SOCIAL_WIDTH}" height="${SOCIAL_HEIGHT}" viewBox="0 0 ${SOCIAL_WIDTH} ${SOCIAL_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<rect width="24" height="100%" fill="#0b5cad"/>`,
    `<rect x="${PAD}" y="532" width="${TEXT_WIDTH}" height="2" fill="#d0d7de"/>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}

/**
 * The font files, in order of preference: the `dejavu-fonts-ttf` package (the same
 * bytes on every machine), else Debian's fonts-dejavu-core. None: images are skipped.
 */
export function fontFiles(): string[] {
  const dirs: string[] = [];
  try {
    dirs.push(join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf"));
  } catch { /* not installed */ }
  dirs.push("/usr/share/fonts/truetype/dejavu");
  for (const dir of dirs) {
    const files = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => join(dir, f));
    if (files.every((f) => existsSync(f))) return files;
  }
  return [];
}

export function socialCards(view: SiteView): Map<string, Card> {
  const host = view.absBase.replace(/^https?:\/\//, "").replace(/\/$/, "");
  const cards = new Map<string, Card>();
  cards.set(SOCIAL_SITE_IMAGE, { title: view.site.title, body: view.site.description, kicker: host, footer: `${view.facts.length} facts · ${view.figures.length} figures · ${view.sources.length} sources`, origin: "content/site.yaml" });
  for (const f of view.facts) {
    cards.set(socialImagePath(f.slug), { title: f.title, figure: f.figures[0]?.display, kicker: view.site.title, footer: `${f.dateDisplay} · ${f.status} · ${host}`, origin: `content/facts/${f.slug}.md` });
  }
  return cards;
}

export interface SocialResult { count: number; rendered: number; ms: number; skipped?: string }

/** What a card's PNG is made from besides its SVG: the renderer's version, options and font bytes. */
function rendererIdentity(fonts: string[], options: object): string {
  const require = createRequire(import.meta.url);
  let version = "unknown";
  try { version = (require("@resvg/resvg-js/package.json") as { version: string }).version; } catch { /* keyed as unknown */ }
  const fontHashes = fonts.map((f) => createHash("sha256").update(readFileSync(f)).digest("hex"));
  return JSON.stringify({ version, platform: `${process.platform}-${process.arch}`, options, fontHashes });
}

/**
 * Every card, each rendered only when its SVG (its text) differs from every card the
 * cache holds. resvg renders on libuv's thread pool, so cards render beside the page
 * build, one per core at a time.
 */
export async function writeSocialImages(view: SiteView, outDir: string, cache?: BuildCache, width = availableParallelism()): Promise<SocialResult> {
  if (process.env.FACTSHEET_SOCIAL_IMAGES === "0") return { count: 0, rendered: 0, ms: 0, skipped: "FACTSHEET_SOCIAL_IMAGES=0" };
  const fonts = fontFiles();
  if (!fonts.length) return { count: 0, rendered: 0, ms: 0, skipped: "no DejaVu Sans font found: install the dejavu-fonts-ttf package (npm ci) or Debian's fonts-dejavu-core" };
  const { renderAsync } = await import("@resvg/resvg-js");
  const started = performance.now();
  const options = { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" }, logLevel: "off" as const };
  const identity = cache?.enabled ? rendererIdentity(fonts, { ...options, font: { ...options.font, fontFiles: undefined } }) : "";
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
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const job = queue[next++]!;
      try {
        const png = (await renderAsync(job.svg, options)).asPng();
        cache?.put("social", job.key, png);
        write(job.path, png);
      } catch (e) {
        throw new ContentError(job.origin ?? "content/site.yaml", "social-image", `the social image ${job.path} could not be made: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, worker));
  return { count, rendered: queue.length, ms: performance.now() - started };
}
