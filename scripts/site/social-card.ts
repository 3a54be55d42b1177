/**
 * What a social card says and how it is laid out: one card per fact (its key figure and
 * title) and one for the site, drawn as SVG text. resvg does not wrap text, so lines are
 * broken here by an estimate of DejaVu Sans' advance widths. All text is escaped.
 */
import { escapeXml } from "../lib/html.ts";
import type { SiteView } from "./site-view.ts";

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

export function socialCards(view: SiteView): Map<string, Card> {
  const host = view.absBase.replace(/^https?:\/\//, "").replace(/\/$/, "");
  const cards = new Map<string, Card>();
  cards.set(SOCIAL_SITE_IMAGE, { title: view.site.title, body: view.site.description, kicker: host, footer: `${view.facts.length} facts · ${view.figures.length} figures · ${view.sources.length} sources`, origin: "content/site.yaml" });
  for (const f of view.facts) {
    cards.set(socialImagePath(f.slug), { title: f.title, figure: f.figures[0]?.display, kicker: view.site.title, footer: `${f.dateDisplay} · ${f.status} · ${host}`, origin: `content/facts/${f.slug}.md` });
  }
  return cards;
}
