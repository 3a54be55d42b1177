/**
 * Browser code: draws every `figure.chart` on the page with Chart.js.
 *
 * This module registers nothing and imports no Chart.js value, only types: the bundle
 * entry that scripts/site/bundle.ts generates imports exactly the components the site's
 * chart types need (from CHART_TYPES), registers them, and hands the Chart class to
 * `start`. So a page with only bar charts never ships the doughnut controller.
 *
 * Nothing here runs on import (bundle.ts imports LEGEND_TYPES from Node), and nothing
 * writes a style attribute or a <style> element: colours come from the CSS custom
 * properties --chart-1..6, --chart-text, --chart-grid, --chart-surface.
 */
import type { ChartIsland } from "../lib/chart-types.ts";
import { addPngButton } from "./chart-png.ts";
import { readTheme, parseIsland, buildConfig, buildOptions, datasetColours, type ChartClass, type AnyChart, type Theme } from "./chart-options.ts";

export { LEGEND_TYPES, readTheme, parseIsland, wrapLabel, tickLabel, buildOptions, buildConfig } from "./chart-options.ts";
export type { Theme } from "./chart-options.ts";

interface Drawn {
  chart: AnyChart;
  island: ChartIsland;
}

/**
 * Finds every chart figure and draws each as it nears the viewport. Safe to call before
 * the DOM is parsed (it waits). Returns the live list of drawn charts (for tests).
 */
export function start(ChartJs: ChartClass, root: ParentNode = document): Drawn[] {
  const drawn: Drawn[] = [];
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => run(ChartJs, root, drawn), { once: true });
  } else {
    run(ChartJs, root, drawn);
  }
  return drawn;
}

function run(ChartJs: ChartClass, root: ParentNode, drawn: Drawn[]): void {
  const figures = Array.from(root.querySelectorAll<HTMLElement>("figure.chart"));
  if (figures.length === 0) return;
  let theme: Theme | null = null;

  const draw = (figure: HTMLElement): void => {
    if (figure.hasAttribute("data-chart-drawn")) return;
    const canvas = figure.querySelector<HTMLCanvasElement>(".chart-canvas canvas, canvas");
    const island = parseIsland(figure.querySelector("script.chart-data")?.textContent ?? null);
    if (!canvas || !island) return;
    theme ??= readTheme();
    try {
      const chart = new ChartJs(canvas, buildConfig(island, theme)) as unknown as AnyChart;
      drawn.push({ chart, island });
      figure.setAttribute("data-chart-drawn", "");
      addPngButton(figure, canvas, island, () => (theme ??= readTheme()));
    } catch (err) {
      // A chart that fails to draw leaves its table; it must not stop the others.
      console.error(`chart ${island.id}:`, err);
    }
  };

  if (typeof IntersectionObserver === "function") {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          draw(entry.target as HTMLElement);
        }
      },
      { rootMargin: "200px 0px" },
    );
    for (const figure of figures) observer.observe(figure);
  } else {
    for (const figure of figures) draw(figure);
  }

  if (typeof matchMedia !== "function") return;
  const restyle = (): void => {
    theme = readTheme();
    for (const { chart, island } of drawn) {
      const dataset = chart.data.datasets[0];
      if (dataset) Object.assign(dataset, datasetColours(island, theme));
      chart.options = buildOptions(island, theme) as AnyChart["options"];
      // Not update("none"): in that mode Chart.js keeps the bar controller's cached
      // shared element options, so bars would keep their old colour.
      chart.update();
    }
  };
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", restyle);
  matchMedia("(prefers-reduced-motion: reduce)").addEventListener("change", restyle);
}
