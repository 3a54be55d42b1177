/**
 * The chart types a contributor may declare. The schema accepts exactly these keys and
 * the client bundle registers exactly the Chart.js components listed here, so adding a
 * type means adding one entry (and the components it needs). Names only: this file must
 * stay importable from both Node and the browser bundle.
 */
export const CHART_TYPES = {
  bar: { controllers: ["BarController"], elements: ["BarElement"], scales: ["CategoryScale", "LinearScale"] },
  doughnut: { controllers: ["DoughnutController"], elements: ["ArcElement"], scales: [] },
  line: { controllers: ["LineController"], elements: ["LineElement", "PointElement"], scales: ["CategoryScale", "LinearScale"] },
} as const;

export type ChartType = keyof typeof CHART_TYPES;
export const CHART_TYPE_NAMES = Object.keys(CHART_TYPES) as [ChartType, ...ChartType[]];
export const CHART_ORIENTATIONS = ["vertical", "horizontal"] as const;
export type ChartOrientation = (typeof CHART_ORIENTATIONS)[number];
/** More points than this is a checker error: a chart that dense is unreadable. */
export const MAX_CHART_POINTS = 200;

/** What travels to the browser in each chart's JSON island. */
export interface ChartIsland {
  id: string;
  type: ChartType;
  orientation: ChartOrientation;
  title: string;
  unit: import("./units.ts").Unit;
  labels: string[];
  values: number[];
  /** Pre-formatted by the server's formatter: tooltips show exactly what the table shows. */
  displays: string[];
  /** Publishers of the chart's sources, for the credit line of a downloaded PNG. */
  sources?: string[];
}
