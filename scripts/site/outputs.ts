/**
 * Files written after Eleventy renders the pages: data downloads, the feed, the sitemap
 * and robots.txt, social preview images, and the client bundles (charts, search).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { feedXml, correctionsXml } from "./feed.ts";
import { robotsTxt, sitemapFor } from "./sitemap.ts";
import { writeSocialImages, type SocialResult } from "./social-image.ts";
import { bundleClient, type BundleResult } from "./bundle.ts";
import type { SiteView } from "./site-view.ts";
import { redirectHtml } from "./redirect-page.ts";
import { citationFiles } from "./citation-files.ts";
import type { Reuse } from "./reuse-view.ts";
import { fileWriter, type WrittenFiles } from "./written-files.ts";

export interface OutputsResult extends BundleResult {
  social: SocialResult;
  searchBytes: number;
}

/**
 * `socialJob`: the social images, started beside the page build (see plugin.ts); else made here.
 * `written`: the dev server's memory of what it wrote (unchanged files are not written again).
 */
export async function writeOutputs(view: SiteView & { reuse: Reuse }, outDir: string, socialJob?: Promise<SocialResult>, written?: WrittenFiles): Promise<OutputsResult> {
  // Usually written already, before the pages (plugin.ts); else now.
  view.reuse.data.writeTo(outDir, written);
  const files = new Map<string, string>();
  files.set("feed.xml", feedXml(view));
  files.set("corrections.xml", correctionsXml(view));
  files.set("sitemap.xml", sitemapFor(view, outDir));
  files.set("robots.txt", robotsTxt(view));
  const page = { prefix: view.prefix, absBase: view.absBase, language: view.site.language ?? "en", siteTitle: view.site.title };
  for (const r of view.redirects) files.set(`facts/${r.from}/index.html`, redirectHtml(r, page));
  const write = fileWriter(outDir, written);
  for (const [path, text] of files) write(path, text);
  for (const [path, text] of citationFiles(view)) write(path, text);
  const social = await (socialJob ?? writeSocialImages(view, outDir));
  if (social.skipped) process.stdout.write(`social images skipped: ${social.skipped}\n`);
  else process.stdout.write(`social images: ${social.count}, ${social.rendered} rendered (the rest unchanged, from the build cache) in ${(social.ms / 1000).toFixed(2)}s\n`);
  const searchBytes = await bundleScript(outDir, "search");
  await bundleScript(outDir, "sort-table");
  await bundleScript(outDir, "embed");
  // Only the chart types this site uses are registered in the bundle.
  const charts = await bundleClient({ outDir, types: view.chartTypes });
  return { ...charts, social, searchBytes };
}

/**
 * A one-page script from scripts/client/<name>.ts to /assets/<name>.js: search.ts for
 * /search/ (Pagefind itself loads at run time), sort-table.ts for /figures/, embed.ts for /embed/charts/<id>/.
 */
async function bundleScript(outDir: string, name: string): Promise<number> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../client/${name}.ts`, import.meta.url))],
    bundle: true, write: false, format: "esm", platform: "browser", target: "es2020",
    minify: true, legalComments: "none", charset: "utf8", logLevel: "silent", outfile: `${name}.js`,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for scripts/client/${name}.ts`);
  const file = join(outDir, "assets", `${name}.js`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, output.contents);
  return output.contents.byteLength;
}
