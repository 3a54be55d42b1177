/**
 * `npm run build`: check content (the same checks and messages as `npm run check`),
 * then render the site into a temporary folder and swap it in for _site/.
 * Environment: PATH_PREFIX (e.g. /us-ukraine-minerals/), SITE_URL (public address);
 * FACTSHEET_SOCIAL_IMAGES=0 and FACTSHEET_SEARCH_INDEX=0 skip the two costly extras;
 * FACTSHEET_CACHE=0 builds without the build cache in .cache/factsheet/.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import Eleventy from "@11ty/eleventy";
import { loadSite } from "../io/load.ts";
import { writeAtomically } from "../io/atomic-dir.ts";
import { printProblems } from "./report.ts";
import { ContentError, problem } from "../lib/problem.ts";
import { handoff, type BatchShared } from "../site/plugin.ts";
import { batchesOf, batchSize } from "../site/batches.ts";
import { writeSearchIndex } from "../site/search-index.ts";
import { BuildCache } from "../io/build-cache.ts";
import { collectGarbage, memoryMark } from "../io/memory-log.ts";
import { TextSpill } from "../io/text-spill.ts";

const { values } = parseArgs({ options: {
  content: { type: "string", default: "content" },
  output: { type: "string", default: "_site" },
  root: { type: "string", default: process.cwd() },
  prefix: { type: "string", default: process.env.PATH_PREFIX ?? "/" },
  quiet: { type: "boolean", default: false },
} });

const root = resolve(values.root!);
const started = performance.now();
const cache = BuildCache.open(root);
// The view's long rendered strings wait in a temporary file, not on the heap (text-spill.ts).
// Rendering the bodies makes garbage much faster than V8 collects it at this heap size, so
// the load collects after every 200 MB of spilled text (about 8,000 entries) too.
const spill = new TextSpill({ bytes: 200 * 1024 * 1024, run: collectGarbage });
process.on("exit", () => spill.close());
const loaded = loadSite(root, { contentDir: values.content, prefix: values.prefix, cache, spill });
memoryMark("content loaded and checked");
if (printProblems(loaded.problems)) {
  process.stderr.write("build stopped: fix the errors above; _site/ was left as it was\n");
  process.exit(1);
}
// What was read and parsed is in the view now; the files' texts need not wait for the last page.
loaded.files = undefined;
loaded.content = undefined;
// Once each, even with --quiet: a shallow clone or a forward-dated commit changes what readers see.
for (const note of loaded.notes ?? []) process.stdout.write(`${note}\n`);
const output = resolve(root, values.output!);
let written = 0;
let search = "";
// Hand the plugin the content we already loaded and checked, so it is parsed once.
Object.assign(handoff, { root, loaded, prefix: values.prefix, cache });
try {
await writeAtomically(output, async (tmp) => {
  handoff.outputDir = tmp;
  // One Eleventy run per batch of pages (scripts/site/batches.ts): each run's pages are let
  // go once written, so memory holds one batch, not the site. Listing pages are in batches too.
  const batches = batchesOf(loaded.view!, batchSize());
  const shared: BatchShared = {};
  // The pages every run renders (home, /data/...) are counted once.
  const paths = new Set<string>();
  for (const [index, pages] of batches.entries()) {
    Object.assign(handoff, { pages, batch: batches.length > 1 ? { index, count: batches.length, shared } : undefined });
    const elev = new Eleventy(resolve(root, "templates"), tmp, {
      quietMode: true,
      configPath: resolve(root, ".eleventy.js"),
    });
    const result = (await elev.write()) as unknown as [unknown[], { outputPath?: string | false }[]];
    for (const r of Array.isArray(result?.[1]) ? result[1] : []) if (r.outputPath) paths.add(r.outputPath);
    if (batches.length > 1) collectGarbage();
    memoryMark(`pages written (run ${index + 1} of ${batches.length})`);
  }
  written = paths.size;
  // The plugin in .eleventy.js must be the one that received this build's content and folder.
  if (!handoff.wrote) throw new Error(".eleventy.js did not run the site plugin with the build's settings: is it loaded as an ES module (package.json type: module)?");
  // Last step, still inside the temporary folder: a failed index leaves _site/ as it was.
  // FACTSHEET_SEARCH_INDEX=0 skips it, so the bench can time the generator and Pagefind apart.
  if (process.env.FACTSHEET_SEARCH_INDEX === "0") {
    search = "search index skipped: FACTSHEET_SEARCH_INDEX=0";
  } else {
    const indexed = await writeSearchIndex(loaded.view!, tmp);
    search = `search index: ${indexed.pages} pages and ${indexed.records} sources in ${(indexed.ms / 1000).toFixed(2)}s`;
  }
});
} catch (e) {
  // One located line, never a stack trace; the temporary folder is already gone.
  const err = e as Error;
  const located = err instanceof ContentError
    ? problem(err.file, 1, 1, err.rule, err.message)
    : problem(values.content === "content" ? "content" : values.content!, 1, 1, "build-failed", `the build failed: ${err.message.split("\n")[0]}`);
  printProblems([located]);
  process.stderr.write("build stopped: _site/ was left as it was\n");
  process.exit(1);
}
// A complete build: entries it did not use belong to content that no longer exists.
cache.prune(["yaml", "social", "page"]);
const notice = cache.notice();
if (notice) process.stderr.write(`${notice}\n`);
const secs = ((performance.now() - started) / 1000).toFixed(2);
if (!values.quiet) process.stdout.write(`${search}\n${cache.summary()}\n${handoff.pageSummary ?? ""}\nbuilt ${written} pages into ${values.output} in ${secs}s (prefix ${loaded.view!.prefix})\n`);
