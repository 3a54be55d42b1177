/**
 * Geometry of the preview controls and boxes, measured in the page: WCAG 2.5.8 target
 * size (site.css claims the box form: every control at least 24 x 24 CSS px, hit by a
 * pointer anywhere in that box, overlapping no other control), the line box kept as it
 * was, and an open box that stays on screen clear of the line it explains.
 */
import type { Locator, Page } from "playwright-core";
import { inPage } from "./browser.ts";

/** One line per control that is smaller than 24 x 24, overlaps another, or is covered. */
export const targetProblems = (page: Page): Promise<string[]> =>
  inPage(page, () => {
    const problems: string[] = [];
    const controls = Array.from(document.querySelectorAll<HTMLElement>(".pv-b")).filter((b) => b.checkVisibility());
    if (!controls.length) return ["no visible preview controls"];
    const name = (b: Element, i: number) => `control ${i + 1} ("${b.textContent}", ${b.getAttribute("popovertarget")})`;
    const rects = controls.map((b) => {
      b.scrollIntoView({ block: "center" });
      const r = b.getBoundingClientRect();
      if (r.width < 23.99 || r.height < 23.99) problems.push(`${name(b, controls.indexOf(b))}: ${r.width.toFixed(1)} x ${r.height.toFixed(1)} px`);
      // A pointer anywhere in the box reaches this control: its centre and corners, 2 px in
      // (the corners are rounded by 3 px, and boxes at fractional positions snap to pixels).
      const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x!, y!);
        if (hit?.closest(".pv-b") !== b) problems.push(`${name(b, controls.indexOf(b))}: the point ${Math.round(x! - r.left)},${Math.round(y! - r.top)} of its box hits ${hit?.tagName.toLowerCase()}.${hit?.className}`);
      }
      return { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
    });
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i]!, b = rects[j]!;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) problems.push(`${name(controls[i]!, i)} and ${name(controls[j]!, j)} overlap by ${w.toFixed(1)} x ${h.toFixed(1)} px`);
      }
    }
    window.scrollTo(0, 0);
    return problems;
  }, undefined);

/**
 * One line per paragraph, list item or table cell whose controls change its line height. Each paragraph is
 * measured on one line (nowrap), as it is and with every control replaced by its bare
 * text: the two heights must be equal, and equal to a line of plain words.
 */
export const lineBoxProblems = (page: Page): Promise<string[]> =>
  inPage(page, () => {
    const problems: string[] = [];
    const blocks = Array.from(document.querySelectorAll("main p, main li, main td")).filter((p) => !p.closest(".pv-pop") && Array.from(p.querySelectorAll<HTMLElement>(".pv-b")).some((b) => b.checkVisibility()));
    if (!blocks.length) return ["no paragraph holds a visible preview control"];
    // The copy goes inside the block, so it inherits the block's font and line height
    // without becoming another paragraph, list item or table cell of the page.
    const oneLine = (p: Element, edit: (c: HTMLElement) => void) => {
      const c = document.createElement("div");
      c.append(...Array.from(p.childNodes, (n) => n.cloneNode(true)));
      for (const e of Array.from(c.querySelectorAll("[id]"))) e.removeAttribute("id");
      c.style.whiteSpace = "nowrap";
      c.style.width = "max-content";
      edit(c);
      p.append(c);
      const h = c.getBoundingClientRect().height;
      c.remove();
      return h;
    };
    for (const [i, p] of blocks.entries()) {
      const held = oneLine(p, () => {});
      const bare = oneLine(p, (c) => c.querySelectorAll(".pv").forEach((s) => s.replaceWith(document.createTextNode(s.querySelector(".pv-b")?.textContent ?? ""))));
      // A paragraph is one line when unwrapped: it must be as tall as a line of plain words.
      const plain = p.tagName === "P" ? oneLine(p, (c) => { c.textContent = "Plain words"; }) : held;
      if (Math.abs(held - bare) > 0.5 || Math.abs(held - plain) > 0.5) {
        problems.push(`${p.tagName.toLowerCase()} ${i + 1} ("${(p.textContent ?? "").trim().slice(0, 40)}..."): a line is ${held.toFixed(1)} px with its controls, ${bare.toFixed(1)} px without, ${plain.toFixed(1)} px of plain words`);
      }
    }
    return problems;
  }, undefined);

/** Problems with an open box: off screen, or over the line of the control that opened it. */
export async function coversLine(page: Page, control: Locator, box: { top: number; bottom: number; left: number; right: number }): Promise<string[]> {
  const c = await control.boundingBox();
  const v = page.viewportSize()!;
  if (!c) return ["the control has no box"];
  const problems: string[] = [];
  if (box.left < -0.5 || box.right > v.width + 0.5 || box.top < -0.5 || box.bottom > v.height + 0.5) {
    problems.push(`the box (${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}) leaves the ${v.width} x ${v.height} screen`);
  }
  if (box.top < c.y + c.height - 0.5 && box.bottom > c.y + 0.5) {
    problems.push(`the box (${Math.round(box.top)}..${Math.round(box.bottom)}) covers the line of its control (${Math.round(c.y)}..${Math.round(c.y + c.height)})`);
  }
  return problems;
}
