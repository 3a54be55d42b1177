/**
 * Social preview images: one 1200x630 PNG per fact and one for the site, valid PNG
 * files (signature, IHDR size and CRC, IEND), referenced by each page's og:image; text
 * really drawn (the fonts were found), hostile titles escaped in the SVG, the same
 * card always giving the same bytes, and FACTSHEET_SOCIAL_IMAGES=0 skipping them.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { cardSvg, type Card, clip, fontFiles, textWidth, wrap, writeSocialImages, SOCIAL_HEIGHT, SOCIAL_WIDTH } from "../scripts/site/social-image.ts";
import { HOSTILE, buildSite, makeHostileContent, parseXml, type Built, type XmlElement } from "./support/reuse-site.ts";

let content: ReturnType<typeof makeHostileContent> | undefined;
let built: Built | undefined;

before(() => {
  content = makeHostileContent();
  built = buildSite({ content: content.rel, socialImages: true });
});
after(() => { built?.cleanup(); content?.cleanup(); });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** Checks the PNG structure and returns its IHDR width and height. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file}: PNG signature`);
  assert.equal(png.readUInt32BE(8), 13, `${file}: IHDR length`);
  assert.equal(png.toString("latin1", 12, 16), "IHDR", `${file}: first chunk is IHDR`);
  assert.equal(png.readUInt32BE(29), crc32(png.subarray(12, 29)), `${file}: IHDR CRC`);
  assert.equal(png.toString("latin1", png.length - 8, png.length - 4), "IEND", `${file}: ends with IEND`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test("the DejaVu Sans fonts are found (install dejavu-fonts-ttf or Debian's fonts-dejavu-core)", () => {
  assert.equal(fontFiles().length, 2, "no DejaVu Sans: npm ci installs dejavu-fonts-ttf; or apt-get install fonts-dejavu-core");
});

test("one 1200x630 PNG per fact and one for the site, and nothing else", () => {
  const facts = (JSON.parse(readFileSync(join(built!.out, "data/facts.json"), "utf8")) as { facts: { slug: string }[] }).facts;
  assert.deepEqual(readdirSync(join(built!.out, "social")).sort(), facts.map((f) => `${f.slug}.png`).sort());
  for (const file of [...facts.map((f) => join(built!.out, "social", `${f.slug}.png`)), join(built!.out, "assets", "social.png")]) {
    assert.deepEqual(pngSize(file), { width: 1200, height: 630 }, file);
  }
  assert.match(built!.stdout, new RegExp(`social images: ${facts.length + 1}, \\d+ rendered \\(the rest unchanged, from the build cache\\) in [\\d.]+s`));
});

test("every page's og:image names an image the build wrote", () => {
  const pages: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(built!.out, rel), { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "pagefind") walk(join(rel, e.name));
      else if (e.name.endsWith(".html")) pages.push(join(rel, e.name));
    }
  };
  walk("");
  const base = (JSON.parse(readFileSync(join(built!.out, "data/facts.json"), "utf8")) as { facts: { url: string; slug: string }[] }).facts[0]!;
  const absBase = base.url.slice(0, base.url.indexOf(`facts/${base.slug}/`));
  for (const p of pages) {
    const image = /<meta property="og:image" content="([^"]+)">/.exec(readFileSync(join(built!.out, p), "utf8"))?.[1];
    assert.ok(image?.startsWith(absBase), `${p}: og:image ${image}`);
    assert.deepEqual(pngSize(join(built!.out, image!.slice(absBase.length))), { width: 1200, height: 630 }, p);
  }
});

const texts = (el: XmlElement): string[] => [...(el.name === "text" ? [el.text] : []), ...el.children.flatMap(texts)];

test("a hostile title is escaped in the SVG and drawn as wrapped lines", () => {
  const card = { title: HOSTILE.title, figure: "about $500 billion", kicker: "Site & <co>", footer: "15 February 2025 · reported · example.org" };
  const svg = parseXml(cardSvg(card));
  assert.equal(svg.name, "svg");
  const lines = texts(svg);
  assert.equal(lines[0], "Site & <co>");
  assert.equal(lines[1], "about $500 billion");
  const title = lines.slice(2, -1).join(" ");
  assert.ok(HOSTILE.title.replace(/\s+/g, " ").startsWith(title.replace(/…$/, "")), title);
  for (const l of lines.slice(2, -1)) assert.ok(textWidth(l, 50, true) <= SOCIAL_WIDTH - 160, l);
});

test("wrapping keeps to the width and the line limit, cutting long words and ending in …", () => {
  const lines = wrap("word ".repeat(60), 50, true, 3);
  assert.equal(lines.length, 3);
  assert.ok(lines[2]!.endsWith("…"));
  for (const l of lines) assert.ok(textWidth(l, 50, true) <= 1040);
  const long = wrap("x".repeat(200), 50, true, 10);
  assert.ok(long.length > 1 && long.every((l) => textWidth(l, 50, true) <= 1040));
  assert.equal(long.join(""), "x".repeat(200));
  assert.equal(clip("short", 28), "short");
  assert.ok(clip("example.org/".repeat(20), 28).endsWith("…"));
});

test("text is really drawn, and the same card renders to the same bytes", () => {
  const opts = { font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" } };
  const svg = cardSvg({ title: "Україна: the title is drawn", kicker: "Site", footer: "Footer" });
  const a = new Resvg(svg, opts).render();
  assert.equal(a.width, SOCIAL_WIDTH);
  assert.equal(a.height, SOCIAL_HEIGHT);
  // Title rows (y 150..400, right of the accent bar): dark pixels exist only if glyphs were drawn.
  const px = a.pixels;
  let dark = 0;
  for (let y = 150; y < 400; y++) for (let x = 60; x < SOCIAL_WIDTH; x++) { const i = (y * SOCIAL_WIDTH + x) * 4; if (px[i]! < 80 && px[i + 1]! < 80 && px[i + 2]! < 80) dark++; }
  assert.ok(dark > 2000, `only ${dark} dark pixels in the title area: were the fonts loaded?`);
  assert.ok(new Resvg(svg, opts).render().asPng().equals(a.asPng()), "same SVG, same PNG");
});

test("FACTSHEET_SOCIAL_IMAGES=0 skips the images", async () => {
  const dir = mkdtempSync(join(tmpdir(), "factsheet-social-"));
  const before = process.env.FACTSHEET_SOCIAL_IMAGES;
  process.env.FACTSHEET_SOCIAL_IMAGES = "0";
  try {
    const r = await writeSocialImages({} as never, dir);
    assert.equal(r.count, 0);
    assert.match(r.skipped ?? "", /FACTSHEET_SOCIAL_IMAGES=0/);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    if (before === undefined) delete process.env.FACTSHEET_SOCIAL_IMAGES;
    else process.env.FACTSHEET_SOCIAL_IMAGES = before;
    rmSync(dir, { recursive: true, force: true });
  }
});

// Long titles and descriptions within the schema's limits: the layout never runs out of
// room into a negative line count, and no text line crosses the rule at y=532.
const LONG_CARDS: [string, Card][] = [
  ["a 120-character site title with a description", { title: "W".repeat(119) + "x", body: "M ".repeat(150), kicker: "example.org", footer: "1 fact" }],
  ["a 90-character title of short words", { title: "Ukraine and the United States sign the minerals deal in Washington after months of talks ok", body: "A description. ".repeat(20), kicker: "k", footer: "f" }],
  ["a 120-character unbroken title with a figure", { title: "m".repeat(120), figure: "$500,000,000,000,000", kicker: "k", footer: "f" }],
  ["a title of 120 wide CJK characters", { title: "鉱".repeat(120), body: "鉱".repeat(300), kicker: "k", footer: "f" }],
];
for (const [name, card] of LONG_CARDS) {
  test(`social card layout holds for ${name}`, () => {
    const svg = cardSvg(card);
    const ys = [...svg.matchAll(/<text x="\d+" y="(-?\d+)" font-size="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    assert.ok(ys.length >= 3);
    for (const [y, size] of ys) if (size !== 28) assert.ok(y > 0 && y <= 520, `text line at y=${y} (size ${size})`);
  });
}
