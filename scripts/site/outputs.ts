/** Files written after Eleventy renders the pages: data downloads and the chart bundle. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dataFiles } from "./data-files.ts";
import { bundleClient, type BundleResult } from "./bundle.ts";
import type { SiteView } from "./site-view.ts";

export async function writeOutputs(view: SiteView, outDir: string): Promise<BundleResult> {
  for (const [path, text] of dataFiles(view)) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  // Only the chart types this site uses are registered in the bundle.
  return bundleClient({ outDir, types: view.chartTypes });
}
