/**
 * "Download PNG" for a drawn chart: the canvas as the reader sees it, on the page's
 * background, with the title above and the sources, licence and address below, so the
 * image carries its credit wherever it goes. Added by script, so it never shows where it
 * could not work.
 */
import type { ChartIsland } from "../lib/chart-types.ts";
import type { Theme } from "./chart-options.ts";

/** Greedy word wrap to `max` pixels for the current font of `ctx`. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max) { lines.push(line); line = word; } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A new canvas: title, the chart's pixels, credit lines; sized by the chart's own pixel ratio. */
export function composeChartImage(source: HTMLCanvasElement, island: ChartIsland, theme: Theme, credit: string): HTMLCanvasElement {
  const ratio = source.width / Math.max(1, source.clientWidth || source.width);
  const pad = 16 * ratio;
  const out = document.createElement("canvas");
  const ctx = out.getContext("2d")!;
  const titleFont = `700 ${18 * ratio}px ${theme.font}`;
  const creditFont = `${12 * ratio}px ${theme.font}`;
  const width = source.width + 2 * pad;
  ctx.font = titleFont;
  const title = wrap(ctx, island.title, width - 2 * pad);
  ctx.font = creditFont;
  const credits = wrap(ctx, credit, width - 2 * pad);
  const titleLine = 24 * ratio;
  const creditLine = 16 * ratio;
  out.width = width;
  out.height = pad + title.length * titleLine + pad / 2 + source.height + pad / 2 + credits.length * creditLine + pad;
  ctx.fillStyle = theme.surface;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.text;
  ctx.textBaseline = "top";
  let y = pad;
  ctx.font = titleFont;
  for (const l of title) { ctx.fillText(l, pad, y); y += titleLine; }
  y += pad / 2;
  ctx.drawImage(source, pad, y);
  y += source.height + pad / 2;
  ctx.font = creditFont;
  for (const l of credits) { ctx.fillText(l, pad, y); y += creditLine; }
  return out;
}

/** Adds the button to the figure's actions (after "Link to this chart"). */
export function addPngButton(figure: HTMLElement, canvas: HTMLCanvasElement, island: ChartIsland, theme: () => Theme): void {
  const actions = figure.querySelector(".chart-actions");
  if (!actions || actions.querySelector(".chart-png")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "chart-png";
  button.textContent = "Download PNG";
  const hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = ` of “${island.title}”`;
  button.append(hidden);
  actions.append(" · ", button);
  button.addEventListener("click", () => {
    const licence = document.querySelector("a[rel=license]")?.textContent?.trim();
    const address = `${location.origin}${location.pathname}#${figure.id}`;
    const credit = [island.sources?.length ? `Sources: ${island.sources.join("; ")}` : "", licence ?? "", address].filter(Boolean).join(" · ");
    composeChartImage(canvas, island, theme(), credit).toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${island.id || "chart"}.png`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, "image/png");
  });
}
