/**
 * Builds the one chart bundle, `<outDir>/assets/charts.js`, holding only the Chart.js
 * components the site's chart types need. CHART_TYPES (scripts/lib/chart-types.ts) names
 * them; the entry is generated in memory from that list, so adding a chart type there is
 * the only change needed here. Pages without charts get no bundle at all.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { CHART_TYPES, type ChartType } from "../lib/chart-types.ts";
import { LEGEND_TYPES } from "../client/chart-options.ts";

const CLIENT_DIR = fileURLToPath(new URL("../client/", import.meta.url));
/** Plugins every chart uses; Legend only where a chart type shows one. */
const ALWAYS_PLUGINS = ["Tooltip"] as const;
const IDENTIFIER = /^[A-Z][A-Za-z0-9]*$/;

export interface BundleResult {
  /** Absolute path written, or "" when there was nothing to bundle. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The Chart.js export names to register for these chart types, deduplicated, in a stable order. */
export function componentsFor(types: readonly ChartType[]): string[] {
  const wanted = new Set(types);
  const names = new Set<string>();
  for (const type of Object.keys(CHART_TYPES) as ChartType[]) {
    if (!wanted.has(type)) continue;
    const spec = CHART_TYPES[type];
    for (const name of [...spec.controllers, ...spec.elements, ...spec.scales]) names.add(name);
  }
  if (names.size === 0) return [];
  for (const name of ALWAYS_PLUGINS) names.add(name);
  if (types.some((t) => LEGEND_TYPES.includes(t))) names.add("Legend");
  return [...names];
}

/** The in-memory entry module: import the components, register them, start drawing. */
export function entrySource(types: readonly ChartType[]): string {
  const names = componentsFor(types);
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new Error(`chart-types.ts: "${name}" is not a Chart.js export name`);
  }
  return [
    `import { Chart, ${names.join(", ")} } from "chart.js";`,
    `import { start } from "./charts.ts";`,
    `Chart.register(${names.join(", ")});`,
    `start(Chart);`,
    "",
  ].join("\n");
}

export async function bundleClient(opts: {
  outDir: string;
  types: readonly ChartType[];
  minify?: boolean;
}): Promise<BundleResult> {
  for (const t of opts.types) {
    if (!Object.prototype.hasOwnProperty.call(CHART_TYPES, t)) throw new Error(`unknown chart type "${t}"`);
  }
  if (opts.types.length === 0) return { file: "", bytes: 0, gzipBytes: 0 };

  const result = await build({
    stdin: {
      contents: entrySource(opts.types),
      resolveDir: CLIENT_DIR,
      sourcefile: "charts-entry.ts",
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2020",
    minify: opts.minify ?? true,
    sourcemap: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    outfile: "charts.js",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the chart bundle");

  const file = path.resolve(opts.outDir, "assets", "charts.js");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, output.contents);
  return {
    file,
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
  };
}
