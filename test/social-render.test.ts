/**
 * Social cards from SVG to PNG: the same card always gives the same bytes (here or on a
 * worker), the PNG encoder is lossless, at most `width` cards are in flight at once
 * (counted, not timed), the build cache renders only cards whose text changed, hostile
 * titles render, a card that cannot be drawn is named by its index, and the light
 * fonts draw exactly what the full fonts draw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import { encodeOpaquePng } from "../scripts/lib/png.ts";
import { cardSvg, type Card } from "../scripts/site/social-card.ts";
import { CardError, fontFiles, fontsFor, lightFonts, renderCard, renderCards, renderOptions } from "../scripts/site/social-render.ts";
import { writeSocialImages } from "../scripts/site/social-image.ts";
import { BuildCache } from "../scripts/io/build-cache.ts";
import { HOSTILE } from "./support/reuse-site.ts";

const fonts = fontFiles();
const card = (i: number): Card => ({ title: `Fact ${i}: a title long enough to wrap onto a second line of the card`, figure: `$${i} million`, kicker: "Site", footer: "1 March 2025 · reported · example.org" });

/** Decodes the PNGs encodeOpaquePng writes (8-bit palette or RGB, filter 0) to RGBA. */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const chunks = new Map<string, Buffer>();
  for (let o = 8; o < png.length;) {
    const len = png.readUInt32BE(o);
    const type = png.toString("latin1", o + 4, o + 8);
    chunks.set(type, Buffer.concat([chunks.get(type) ?? Buffer.alloc(0), png.subarray(o + 8, o + 8 + len)]));
    o += 12 + len;
  }
  const ihdr = chunks.get("IHDR")!;
  const width = ihdr.readUInt32BE(0), height = ihdr.readUInt32BE(4), type = ihdr[9]!;
  const bpp = type === 3 ? 1 : 3;
  const raw = inflateSync(chunks.get("IDAT")!);
  assert.equal(raw.length, (width * bpp + 1) * height);
  const plte = chunks.get("PLTE");
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * bpp + 1);
    assert.equal(raw[row], 0, "filter byte");
    for (let x = 0; x < width; x++) {
      const src = type === 3 ? plte!.subarray(3 * raw[row + 1 + x]!, 3 * raw[row + 1 + x]! + 3) : raw.subarray(row + 1 + 3 * x, row + 4 + 3 * x);
      rgba.set([src[0]!, src[1]!, src[2]!, 255], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

test("a card's PNG holds exactly resvg's pixels, as an 8-bit palette image", () => {
  const svg = cardSvg({ ...card(1), title: "Україна: the title is drawn" });
  const png = renderCard(svg, fonts);
  assert.equal(png[25], 3, "colour type 3 (palette)");
  const pixels = new Resvg(svg, renderOptions(fonts)).render().pixels;
  const d = decode(png);
  assert.deepEqual([d.width, d.height], [1200, 630]);
  assert.ok(d.rgba.equals(pixels), "decoded pixels differ from resvg's");
});

test("the encoder falls back to RGB over 256 colours and declines images that are not opaque", () => {
  const width = 40, height = 20;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([i & 0xff, (i >> 8) & 0xff, 7, 255], 4 * i);
  const png = encodeOpaquePng(rgba, width, height)!;
  assert.equal(png[25], 2, "colour type 2 (RGB)");
  assert.ok(decode(png).rgba.equals(rgba));
  const few = Buffer.alloc(width * height * 4, 255);
  assert.equal(encodeOpaquePng(few, width, height)![25], 3);
  few[4 * 37 + 3] = 128;
  assert.equal(encodeOpaquePng(few, width, height), undefined);
  // resvg's own encoder then writes it: still a valid image of the right size.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="10" height="10" fill="#f00" fill-opacity="0.5"/></svg>`;
  assert.equal(renderCard(svg, fonts).readUInt32BE(16), 30);
});

test("the same card gives the same bytes on every worker and on the main thread", async () => {
  const svg = cardSvg({ ...card(7), title: HOSTILE.title });
  const svgs = Array.from({ length: 12 }, () => svg);
  const pngs: Buffer[] = [];
  const stats = await renderCards(svgs, fonts, (i, png) => { pngs[i] = png; }, 2);
  assert.equal(stats.workers, 2);
  const here = renderCard(svg, fonts);
  assert.equal(pngs.filter(Boolean).length, 12);
  for (const png of pngs) assert.ok(png.equals(here), "a worker's PNG differs");
});

test("at most `width` cards are in flight, and each card is handed over once", async () => {
  const svgs = Array.from({ length: 20 }, (_, i) => cardSvg(card(i)));
  for (const width of [1, 3]) {
    const seen = new Map<number, number>();
    const stats = await renderCards(svgs, fonts, (i) => seen.set(i, (seen.get(i) ?? 0) + 1), width);
    assert.equal(stats.workers, width);
    assert.ok(stats.peakInFlight >= 1 && stats.peakInFlight <= width, `${stats.peakInFlight} in flight with width ${width}`);
    assert.deepEqual([...seen.keys()].sort((a, b) => a - b), svgs.map((_, i) => i));
    assert.ok([...seen.values()].every((n) => n === 1));
  }
  // A few cards (a dev-server save) are drawn without starting a worker.
  const few = await renderCards(svgs.slice(0, 2), fonts, () => {}, 2);
  assert.equal(few.workers, 0);
});

test("a card that cannot be drawn rejects the run with its index", async () => {
  const svgs = Array.from({ length: 10 }, (_, i) => (i === 6 ? "<svg" : cardSvg(card(i))));
  await assert.rejects(renderCards(svgs, fonts, () => {}, 2), (e: unknown) => e instanceof CardError && e.index === 6);
});

/** The parts of a site view that socialCards reads. */
function view(titles: string[]) {
  return {
    absBase: "https://example.org/", site: { title: "Site <&>", description: "A description." }, figures: [], sources: [],
    facts: titles.map((title, i) => ({ slug: `fact-${i}`, title, figures: [{ display: `${i} %` }], dateDisplay: "1 March 2025", status: "reported" })),
  } as never;
}

test("the build cache renders only the cards whose text changed, and cached cards are the same bytes", async () => {
  const root = mkdtempSync(join(tmpdir(), "factsheet-cards-"));
  try {
    const titles = Array.from({ length: 11 }, (_, i) => i === 3 ? HOSTILE.title : `Fact number ${i}`);
    const cache = () => new BuildCache(join(root, "cache"), "code");
    const first = await writeSocialImages(view(titles), join(root, "a"), cache(), 2);
    assert.deepEqual([first.count, first.rendered, first.render?.workers], [12, 12, 2]);
    const again = await writeSocialImages(view(titles), join(root, "b"), cache(), 2);
    assert.deepEqual([again.count, again.rendered], [12, 0]);
    for (const f of readdirSync(join(root, "a", "social"))) assert.ok(readFileSync(join(root, "a", "social", f)).equals(readFileSync(join(root, "b", "social", f))), f);
    const edited = await writeSocialImages(view(titles.map((t, i) => (i === 5 ? `${t} (edited)` : t))), join(root, "c"), cache(), 2);
    assert.deepEqual([edited.count, edited.rendered], [12, 1]);
    assert.ok(!readFileSync(join(root, "c", "social", "fact-5.png")).equals(readFileSync(join(root, "a", "social", "fact-5.png"))));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the light fonts draw a card exactly as the full fonts do, and a card needing a dropped glyph gets the full fonts", () => {
  const dir = mkdtempSync(join(tmpdir(), "factsheet-fonts-"));
  try {
    const light = lightFonts(fonts, dir);
    assert.equal(light.light?.length, 2);
    for (const [i, f] of light.light!.entries()) assert.ok(statSync(f).size < statSync(fonts[i]!).size * 0.6, `${f} is not lighter`);
    const svgs = [
      cardSvg({ ...card(3), title: HOSTILE.title }),
      cardSvg({ title: "Україна — “quotes”, fi fl ffi, ≈ −5 % → € ß Ω ʼ ё Ελλάδα Việt Nam", figure: "≈ $500 billion", kicker: "Site", footer: "1 March 2025 · reported" }),
    ];
    for (const svg of svgs) {
      assert.deepEqual(fontsFor(svg, light), light.light);
      assert.ok(renderCard(svg, light.light!).equals(renderCard(svg, fonts)), "light fonts changed the pixels");
    }
    // Box drawing and Braille are emptied in the light copies: such a card uses the originals.
    const rare = cardSvg({ ...card(4), title: "A table ┌─┐ and ⠃⠗⠁⠊⠇⠇⠑" });
    assert.deepEqual(fontsFor(rare, light), fonts);
    assert.ok(!renderCard(rare, light.light!).equals(renderCard(rare, fonts)), "the dropped glyphs were drawn anyway: the test proves nothing");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
