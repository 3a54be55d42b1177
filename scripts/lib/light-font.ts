/**
 * A lighter copy of a TrueType font for social cards. resvg-js 2.6 re-reads the whole
 * font file for every glyph it lays out or draws (fontdb's Source::File): ~180 reads of
 * DejaVu Sans' 740 KB per card, about a third of a card's CPU. The copy keeps every
 * table and every glyph id (so shaping, kerning and advances are the same), drops the glyph
 * names, and empties only the outlines of glyphs mapped solely from scripts a card rarely shows (Arabic,
 * box drawing, Braille, ...): about half the bytes. A card whose text needs one of those
 * glyphs is drawn with the original font; either way the pixels are the same.
 */

export interface LightFont {
  bytes: Uint8Array;
  /** Code points whose glyph was emptied: a text containing one needs the original. */
  dropped: Set<number>;
}

/** Blocks whose glyphs stay: Latin, Greek, Cyrillic, punctuation, currency, letterlike, arrows, maths, ligatures. */
export const KEEP_BLOCKS: [number, number][] = [[0x0000, 0x052f], [0x1e00, 0x1eff], [0x2000, 0x22ff], [0xfb00, 0xfb06], [0xfffd, 0xfffd]];
const keepCodePoint = (cp: number) => KEEP_BLOCKS.some(([a, b]) => cp >= a && cp <= b);

interface Table { tag: string; offset: number; length: number }

/** Undefined when the font is not a TrueType font with a format-12 cmap (then the original is used). */
export function lightFont(font: Uint8Array): LightFont | undefined {
  const b = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  if (b.readUInt32BE(0) !== 0x00010000) return undefined;
  const tables = new Map<string, Table>();
  for (let i = 0, n = b.readUInt16BE(4); i < n; i++) {
    const o = 12 + 16 * i;
    const tag = b.toString("latin1", o, o + 4);
    tables.set(tag, { tag, offset: b.readUInt32BE(o + 8), length: b.readUInt32BE(o + 12) });
  }
  const head = tables.get("head"), maxp = tables.get("maxp"), loca = tables.get("loca"), glyf = tables.get("glyf"), cmap = tables.get("cmap");
  if (!head || !maxp || !loca || !glyf || !cmap) return undefined;
  const glyphs = b.readUInt16BE(maxp.offset + 4);
  const longLoca = b.readInt16BE(head.offset + 50) === 1;
  const at = (g: number) => (longLoca ? b.readUInt32BE(loca.offset + 4 * g) : 2 * b.readUInt16BE(loca.offset + 2 * g));

  // Every code point of the format-12 (full Unicode) subtable, by glyph.
  const codePoints = new Map<number, number[]>();
  let found = false;
  for (let i = 0, n = b.readUInt16BE(cmap.offset + 2); i < n; i++) {
    const sub = cmap.offset + b.readUInt32BE(cmap.offset + 4 + 8 * i + 4);
    if (b.readUInt16BE(sub) !== 12) continue;
    found = true;
    for (let k = 0, groups = b.readUInt32BE(sub + 12); k < groups; k++) {
      const g0 = sub + 16 + 12 * k;
      const start = b.readUInt32BE(g0), end = b.readUInt32BE(g0 + 4), glyph = b.readUInt32BE(g0 + 8);
      for (let cp = start; cp <= end; cp++) {
        const list = codePoints.get(glyph + cp - start) ?? [];
        list.push(cp);
        codePoints.set(glyph + cp - start, list);
      }
    }
  }
  if (!found) return undefined;

  // Kept: .notdef, glyphs no code point maps to (ligatures, alternates: reached by
  // substitution), glyphs of a kept code point, and the parts of kept composite glyphs.
  const keep = new Set<number>([0]);
  for (let g = 0; g < glyphs; g++) {
    const cps = codePoints.get(g);
    if (!cps || cps.some(keepCodePoint)) keep.add(g);
  }
  for (const g of keep) {
    const start = glyf.offset + at(g);
    if (at(g + 1) === at(g) || b.readInt16BE(start) >= 0) continue;
    // Composite glyph: flags and component ids follow the 10-byte header.
    for (let o = start + 10, more = true; more;) {
      const flags = b.readUInt16BE(o);
      keep.add(b.readUInt16BE(o + 2)); // the Set iteration visits added parts too
      o += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      more = (flags & 0x0020) !== 0;
    }
  }
  const dropped = new Set<number>();
  for (const [g, cps] of codePoints) if (!keep.has(g)) for (const cp of cps) dropped.add(cp);

  // New glyf and long-format loca; every other table byte for byte.
  const offsets = new Uint32Array(glyphs + 1);
  const parts: Buffer[] = [];
  let size = 0;
  for (let g = 0; g < glyphs; g++) {
    offsets[g] = size;
    if (!keep.has(g)) continue;
    const data = b.subarray(glyf.offset + at(g), glyf.offset + at(g + 1));
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    parts.push(padded);
    size += padded.length;
  }
  offsets[glyphs] = size;
  const newLoca = Buffer.alloc(4 * (glyphs + 1));
  offsets.forEach((v, i) => newLoca.writeUInt32BE(v, 4 * i));
  const body = new Map<string, Buffer>([...tables.values()].map((t) => [t.tag, b.subarray(t.offset, t.offset + t.length)]));
  const newHead = Buffer.from(b.subarray(head.offset, head.offset + head.length));
  newHead.writeInt16BE(1, 50); // indexToLocFormat: long
  newHead.writeUInt32BE(0, 8); // checksumAdjustment: not recomputed (resvg does not check it)
  const post = tables.get("post");
  if (post && post.length >= 32) {
    // Glyph names (a tenth of the file) are never drawn: post format 3 keeps the header only.
    const header = Buffer.from(b.subarray(post.offset, post.offset + 32));
    header.writeUInt32BE(0x00030000, 0);
    body.set("post", header);
  }
  body.set("glyf", Buffer.concat(parts));
  body.set("loca", newLoca);
  body.set("head", newHead);
  return { bytes: assemble(b.subarray(0, 12), body), dropped };
}

/** An sfnt file of these tables, in tag order, each 4-byte aligned, with their checksums. */
function assemble(header: Buffer, body: Map<string, Buffer>): Uint8Array {
  const tags = [...body.keys()].sort();
  const dir = Buffer.alloc(12 + 16 * tags.length);
  header.copy(dir, 0, 0, 12);
  const chunks: Buffer[] = [dir];
  let offset = dir.length;
  tags.forEach((tag, i) => {
    const data = body.get(tag)!;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    let sum = 0;
    for (let o = 0; o < padded.length; o += 4) sum = (sum + padded.readUInt32BE(o)) >>> 0;
    const e = 12 + 16 * i;
    dir.write(tag, e, "latin1");
    dir.writeUInt32BE(sum, e + 4);
    dir.writeUInt32BE(offset, e + 8);
    dir.writeUInt32BE(data.length, e + 12);
    chunks.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(chunks);
}
