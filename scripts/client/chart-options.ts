/**
 * How an island becomes a Chart.js configuration: colours from the page's CSS custom
 * properties, wrapped category labels, short axis ticks, tooltips that show exactly
 * the table's formatted values. Pure apart from reading computed styles and media
 * queries; imports no Chart.js value, only types.
 */
import type { Chart, ChartConfiguration, ChartOptions, ChartDataset, Scale, TooltipItem } from "chart.js";
import type { ChartIsland, ChartType } from "../lib/chart-types.ts";
import { CHART_TYPES, CHART_ORIENTATIONS } from "../lib/chart-types.ts";
import { UNITS, formatNumber, formatValue } from "../lib/units.ts";


/** Chart types whose chart shows a legend; the bundle registers Legend only for these. */
export const LEGEND_TYPES: readonly ChartType[] = ["doughnut"];

export type ChartClass = typeof Chart;
export type AnyChart = Chart<ChartType, number[], string>;

export interface Theme {
  series: string[];
  text: string;
  grid: string;
  surface: string;
  font: string;
}

/** Okabe–Ito, used only if the stylesheet did not load (the CSS variables win). */
const FALLBACK_SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];
const SERIES_COUNT = 6;

export function readTheme(root: Element = document.documentElement): Theme {
  const css = getComputedStyle(root);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const series: string[] = [];
  for (let i = 1; i <= SERIES_COUNT; i++) series.push(read(`--chart-${i}`, FALLBACK_SERIES[i - 1]!));
  return {
    series,
    text: read("--chart-text", "#1f1f1f"),
    grid: read("--chart-grid", "rgba(0, 0, 0, 0.15)"),
    surface: read("--chart-surface", "#ffffff"),
    font: getComputedStyle(document.body ?? root).fontFamily || "system-ui, sans-serif",
  };
}

/** The island as the server wrote it, or null when it is not one (the table still shows). */
export function parseIsland(text: string | null): ChartIsland | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
  const numbers = (v: unknown): v is number[] =>
    Array.isArray(v) && v.every((n) => typeof n === "number" && Number.isFinite(n));
  if (typeof o.type !== "string" || !Object.prototype.hasOwnProperty.call(CHART_TYPES, o.type)) return null;
  if (typeof o.unit !== "string" || !Object.prototype.hasOwnProperty.call(UNITS, o.unit)) return null;
  if (!strings(o.labels) || !numbers(o.values) || !strings(o.displays)) return null;
  if (o.labels.length !== o.values.length || o.displays.length !== o.values.length) return null;
  const orientation = (CHART_ORIENTATIONS as readonly unknown[]).includes(o.orientation) ? o.orientation : "vertical";
  return {
    id: typeof o.id === "string" ? o.id : "",
    type: o.type as ChartType,
    orientation: orientation as ChartIsland["orientation"],
    title: typeof o.title === "string" ? o.title : "",
    unit: o.unit as ChartIsland["unit"],
    labels: o.labels,
    values: o.values,
    displays: o.displays,
    sources: strings(o.sources) ? o.sources : [],
  };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Colours of the one dataset each chart has. */
export function datasetColours(island: ChartIsland, theme: Theme): Partial<ChartDataset<ChartType, number[]>> {
  const first = theme.series[0]!;
  if (island.type === "doughnut") {
    return {
      backgroundColor: island.values.map((_, i) => theme.series[i % theme.series.length]!),
      borderColor: theme.surface,
      borderWidth: 2,
      hoverBorderColor: theme.surface,
    } as Partial<ChartDataset<"doughnut", number[]>>;
  }
  if (island.type === "line") {
    return {
      borderColor: first,
      backgroundColor: first,
      pointBackgroundColor: first,
      pointBorderColor: theme.surface,
      pointRadius: 4,
      pointHoverRadius: 6,
      borderWidth: 2,
      fill: false,
    } as Partial<ChartDataset<"line", number[]>>;
  }
  return { backgroundColor: first, borderColor: first, borderWidth: 0 } as Partial<ChartDataset<"bar", number[]>>;
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.floor(n)));

/** Average glyph width and line height at the 13px tick font, to turn pixels into text. */
const CHAR_PX = 7;
const LINE_PX = 16;

/**
 * Splits a label on spaces into lines of at most `width` characters (a longer word
 * keeps its own line) and at most `maxLines` lines, the last ending in "…" if cut.
 * Chart.js draws a string[] tick as several lines; table and tooltip keep the full label.
 */
export function wrapLabel(label: string, width = 18, maxLines = 4): string | string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = Math.max(1, maxLines);
    lines.push(`${lines.pop()} …`);
  }
  return lines.length <= 1 ? (lines[0] ?? label) : lines;
}

const SHORT_SCALES: [number, string][] = [[1e12, "tn"], [1e9, "bn"], [1e6, "m"]];

/**
 * An axis tick: "$500bn", "€20bn", "40%". Ticks are round steps Chart.js picks, not
 * figures from content, so they may be short; tooltips and the table show each value
 * exactly as formatValue writes it. Full words ("$500 billion") made the ticks of a
 * phone-width chart overlap or tilt.
 */
export function tickLabel(value: number, unit: ChartIsland["unit"]): string {
  if (unit === "percent" || unit === "date") return formatValue(value, unit);
  const abs = Math.abs(value);
  const [size, suffix] = SHORT_SCALES.find(([s]) => abs >= s) ?? [1, ""];
  const n = formatNumber(abs / size, 1) + suffix;
  const sign = value < 0 ? "-" : "";
  if (unit === "count") return sign + n;
  if (unit === "tonnes") return `${sign}${n} t`;
  const symbol = formatValue(0, unit).replace(/0/g, "");
  return sign + symbol + n;
}

export function buildOptions(island: ChartIsland, theme: Theme): ChartOptions<ChartType> {
  const font = { family: theme.font, size: 13 };
  // Inverted surface and text: as readable as body text in either scheme, and the
  // tooltip stands out from the chart behind it (Chart.js' default is a fixed
  // translucent black that disappears on a dark page).
  const tooltip = {
    backgroundColor: theme.text,
    titleColor: theme.surface,
    bodyColor: theme.surface,
    borderColor: theme.surface,
    borderWidth: 1,
    padding: 8,
    callbacks: {
      // Wrapped, or a long label runs off the canvas of a phone-width chart.
      title: (items: TooltipItem<ChartType>[]) => {
        const item = items[0];
        return item ? wrapLabel(island.labels[item.dataIndex] ?? "", clamp(item.chart.width / 9, 16, 48), 6) : "";
      },
      label: (item: TooltipItem<ChartType>) => island.displays[item.dataIndex] ?? "",
    },
    titleFont: { ...font, weight: "bold" as const },
    bodyFont: { ...font, size: 14 },
    // One series: a colour swatch says nothing. Slices: it says which slice.
    displayColors: island.type === "doughnut",
    boxPadding: 4,
  };
  const legend = {
    display: LEGEND_TYPES.includes(island.type),
    position: "bottom" as const,
    // Clicking a legend item would hide a slice and redraw the rest as if it were the
    // whole: a misleading picture of the data, so the legend is a key only.
    onClick: () => undefined,
    labels: { color: theme.text, font, boxWidth: 14, boxHeight: 14, padding: 12 },
  };
  const options: ChartOptions<ChartType> = {
    responsive: true,
    maintainAspectRatio: false,
    color: theme.text,
    borderColor: theme.grid,
    plugins: { tooltip, legend },
  } as ChartOptions<ChartType>;
  // Chart.js has no reduced-motion handling of its own; false also stops hover tweens.
  if (prefersReducedMotion()) options.animation = false;
  if (island.type === "doughnut") return options;

  const horizontal = island.type === "bar" && island.orientation === "horizontal";
  const valueAxis = {
    type: "linear" as const,
    beginAtZero: island.type === "bar",
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ticks: {
      color: theme.text,
      font,
      maxTicksLimit: horizontal ? 5 : 6,
      // Never tilt: a level label is read at a glance; Chart.js drops ticks instead.
      maxRotation: 0,
      autoSkipPadding: 12,
      // Counts are whole: no "2.5" seats between 2 and 3.
      precision: island.unit === "count" ? 0 : undefined,
      callback: (value: number | string) => tickLabel(Number(value), island.unit),
    },
  };
  const categoryAxis = {
    type: "category" as const,
    grid: { display: false },
    border: { color: theme.grid },
    ticks: {
      color: theme.text,
      font,
      maxRotation: 0,
      // Chart.js would drop every other label once they crowd; the wrap below sizes
      // them to fit instead, so it only skips when there are too many to print at all.
      autoSkipPadding: 2,
      // Wrap to the room there is: a horizontal chart's labels may take up to ~40% of
      // its width and share its height; a vertical chart's labels share its width.
      callback(this: Scale, value: number | string): string | string[] {
        const label = island.labels[Number(value)] ?? String(value);
        const n = Math.max(1, island.labels.length);
        const { width, height } = this.chart;
        const chars = horizontal ? (width * 0.4) / CHAR_PX : (width * 0.85) / n / CHAR_PX;
        const lines = horizontal ? (height * 0.8) / n / LINE_PX - 0.5 : 3;
        return wrapLabel(label, clamp(chars, horizontal ? 12 : 8, 30), clamp(lines, 1, 4));
      },
    },
  };
  return Object.assign(options, {
    indexAxis: horizontal ? "y" : "x",
    scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
  }) as ChartOptions<ChartType>;
}

export function buildConfig(island: ChartIsland, theme: Theme): ChartConfiguration<ChartType, number[], string> {
  return {
    type: island.type,
    data: {
      labels: island.labels,
      datasets: [{ label: island.title, data: island.values, ...datasetColours(island, theme) }],
    },
    options: buildOptions(island, theme),
  } as ChartConfiguration<ChartType, number[], string>;
}

