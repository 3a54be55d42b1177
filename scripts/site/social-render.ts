/**
 * Social cards from SVG to PNG. resvg draws each card with font files we name (never
 * system fonts) and scripts/lib/png.ts encodes the pixels, so the same SVG gives the same
 * bytes. Cards are independent: they render on worker threads, one card per worker at a
 * time, at most one worker per core, while Eleventy builds pages on the main thread.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { encodeOpaquePng, PNG_ENCODER } from "../lib/png.ts";
import { lightFont } from "../lib/light-font.ts";

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

let resvg: typeof import("@resvg/resvg-js") | undefined;

/**
 * resvg-js, loaded on first use. Its allocator (mimalloc, read once when the native
 * module loads) hands freed pages back to the kernel after 10 ms, so every card's 3 MB
 * of pixels page-faulted in afresh: on this VM that was ~10 ms of kernel time per card,
 * half its cost. A one-second delay lets the next card reuse them (still returned when
 * idle). A value the user set is left alone; the variable is not passed on to children.
 * Only the main thread can set it (a worker's process.env is its own copy), so the main
 * thread loads the module before it starts any worker.
 */
function loadResvg(): typeof import("@resvg/resvg-js") {
  if (resvg) return resvg;
  const set = process.env.MIMALLOC_PURGE_DELAY === undefined;
  if (set) process.env.MIMALLOC_PURGE_DELAY = "1000";
  try { return (resvg = createRequire(import.meta.url)("@resvg/resvg-js") as typeof import("@resvg/resvg-js")); } finally { if (set) delete process.env.MIMALLOC_PURGE_DELAY; }
}

/** One options object for every card (resvg-js 2.6 reads the two font files per render: ~0.2 ms). */
export const renderOptions = (fonts: string[]): ResvgRenderOptions =>
  ({ font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" }, logLevel: "off" });

/** A card's PNG. Our encoder (a palette image) when every pixel is opaque, as a card's are; else resvg's. */
export function renderCard(svg: string, fonts: string[]): Buffer {
  const image = new (loadResvg().Resvg)(svg, renderOptions(fonts)).render();
  return encodeOpaquePng(image.pixels, image.width, image.height) ?? image.asPng();
}

/** The fonts a worker draws with: the light copies (scripts/lib/light-font.ts) unless a card needs a glyph they lack. */
export interface CardFonts { full: string[]; light?: string[]; dropped?: number[] }

/** The light copies of `fonts`, written into `dir` (resvg-js reads fonts from files only). */
export function lightFonts(fonts: string[], dir: string): CardFonts {
  const copies = fonts.map((f) => lightFont(readFileSync(f)));
  if (copies.some((c) => !c)) return { full: fonts };
  const light = fonts.map((f, i) => {
    const file = join(dir, basename(f));
    writeFileSync(file, copies[i]!.bytes);
    return file;
  });
  return { full: fonts, light, dropped: [...new Set(copies.flatMap((c) => [...c!.dropped]))] };
}

/** The fonts for one card: the same pixels either way, the light copies being cheaper to read. */
export function fontsFor(svg: string, fonts: CardFonts, dropped = new Set(fonts.dropped)): string[] {
  if (!fonts.light) return fonts.full;
  for (const ch of svg) if (dropped.has(ch.codePointAt(0)!)) return fonts.full;
  return fonts.light;
}

/** What a card's PNG is made from besides its SVG: renderer version, options, encoder, font bytes. */
export function rendererIdentity(fonts: string[]): string {
  let version = "unknown";
  try { version = (createRequire(import.meta.url)("@resvg/resvg-js/package.json") as { version: string }).version; } catch { /* keyed as unknown */ }
  const fontHashes = fonts.map((f) => createHash("sha256").update(readFileSync(f)).digest("hex"));
  const { font, ...rest } = renderOptions(fonts);
  return JSON.stringify({ version, platform: `${process.platform}-${process.arch}`, options: { ...rest, font: { ...font, fontFiles: undefined } }, encoder: PNG_ENCODER, fontHashes });
}

export interface RenderStats { workers: number; peakInFlight: number }

/** Up to this many cards (a dev-server save, a warm build) are drawn here: a worker costs ~0.3 s CPU to start. */
const INLINE_MAX = 8;

/**
 * A worker's first code. Node 20 does not apply the parent's --import tsx to a worker's
 * .ts entry, so the worker registers tsx's loader itself and then imports it; no flags
 * are inherited (a worker rejects V8 flags such as --max-old-space-size).
 */
const BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => tsx.register())` +
  `.then(() => import(${JSON.stringify(new URL("./social-worker.ts", import.meta.url).href)}))`;

/**
 * Renders every SVG and hands each PNG to `done` (in no fixed order). At most `width`
 * cards are in flight at once, so resvg's native memory is bounded by the width, not
 * by the number of cards. A card that fails rejects the whole run with its index.
 */
export async function renderCards(svgs: string[], fonts: string[], done: (index: number, png: Buffer) => void, width = availableParallelism()): Promise<RenderStats> {
  const stats: RenderStats = { workers: 0, peakInFlight: 0 };
  if (svgs.length <= INLINE_MAX) {
    svgs.forEach((svg, i) => {
      stats.peakInFlight = 1;
      try { done(i, renderCard(svg, fonts)); } catch (e) { throw new CardError(i, (e as Error).message); }
    });
    return stats;
  }
  loadResvg();
  const fontDir = mkdtempSync(join(tmpdir(), "factsheet-card-fonts-"));
  const workerData: CardFonts = lightFonts(fonts, fontDir);
  const workers = Array.from({ length: Math.max(1, Math.min(width, svgs.length)) }, () =>
    new Worker(BOOT, { eval: true, execArgv: [], workerData }));
  stats.workers = workers.length;
  let next = 0, inFlight = 0;
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= svgs.length) return resolve();
        inFlight++;
        stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
        worker.postMessage({ index: next, svg: svgs[next++] });
      };
      worker.on("message", (m: { index: number; png?: Uint8Array; error?: string }) => {
        inFlight--;
        if (m.error !== undefined || !m.png) return reject(new CardError(m.index, m.error ?? "no image"));
        done(m.index, Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
        send();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`the social card worker stopped (exit ${code})`)));
      send();
    })));
  } finally {
    await Promise.all(workers.map((w) => { w.removeAllListeners("exit"); return w.terminate(); }));
    rmSync(fontDir, { recursive: true, force: true });
  }
  return stats;
}

/** A card that could not be rendered: `index` into the SVGs given to renderCards. */
export class CardError extends Error {
  constructor(readonly index: number, message: string) { super(message); }
}
