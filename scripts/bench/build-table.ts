/**
 * The build table: synthetic sites of each size built by the project, bare Eleventy and
 * Hugo in turn (a slow spell on the machine hits every tool alike), Pagefind's CLI timed
 * apart over the project's output, medians per size. A failed build is recorded and
 * reported, and the other builds still run.
 */
import os from "node:os";
import { rmSync } from "node:fs";
import { synthesize } from "./synth.ts";
import { TOOL_NAMES, buildSearchMode, clean, hugoVersion, makeTool, searchSpec, type ToolName } from "./tools.ts";
import { median, run, summarize, type Method, type Sample } from "./measure.ts";
import { budgetOf, type Results, type SizeResult, type Stamp } from "./results.ts";

export interface BuildTableOptions {
  tools: string[]; sizes: number[]; runs: number; warmup: number; method: Method;
  /** Add these sizes to the table already in `results` instead of starting a new one. */
  append: boolean;
  /** --max-old-space-size for the project's builds; undefined = Node's default heap. */
  heapMb?: number;
  keep: boolean;
  results: Results; failures: string[];
  stamp: () => Stamp; tempDir: (tag: string) => string; log: (s: string) => void; save: () => void;
}

export function measureBuilds(o: BuildTableOptions): void {
  const { sizes, runs, warmup, method, log, tempDir, save } = o;
  const results = o.results;
  const wanted = o.tools as ToolName[];
  for (const t of wanted) if (!TOOL_NAMES.includes(t)) throw new Error(`--tools: unknown tool "${t}"`);
  const tools = wanted.filter((t) => t !== "hugo" || hugoVersion() !== null);
  if (tools.length < wanted.length) log("Hugo is not installed (apt-get install -y hugo): measured without it");
  const searchMode = buildSearchMode();
  const kept = o.append ? (results.build?.sizes ?? []).filter((s) => !sizes.includes(s.entries)) : [];
  const heapMb = o.heapMb;
  const section = { ...(o.append && results.build ? results.build : o.stamp()), method, runs, warmup, searchMode, projectHeapMb: heapMb, sizes: kept, budget: budgetOf(kept) };
  results.build = section;
  for (const [k, entries] of sizes.entries()) {
    const dir = tempDir(`build-${entries}`);
    const site = synthesize(entries);
    const made = tools.map((t) => makeTool(t, dir, site));
    const project = made.find((t) => t.name === "project");
    if (project && heapMb) project.spec.env = { ...project.spec.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${heapMb}`.trim() };
    const loadavg = os.loadavg().map((x) => Math.round(x * 100) / 100);
    log(`${entries} entries (${site.counts.people} people, ${site.counts.topics} topics, ${site.counts.sources} sources), load ${loadavg.join(" ")}`);
    const samples = new Map<ToolName, Sample[]>(tools.map((t) => [t, []]));
    const search: number[] = [];
    const searchCpu: number[] = [];
    const searchRss: number[] = [];
    const failed = new Map<ToolName, string>();
    // Warm-up rounds (tsx's compile cache, the OS file cache) before the first size only:
    // at 32,000 entries one more round of every build would cost a quarter of an hour.
    for (let r = k === 0 ? -warmup : 0; r < runs; r++) {
      // In turn, so a slow spell on the machine hits every tool alike.
      for (const tool of made) {
        if (failed.has(tool.name)) continue;
        clean(tool);
        let sample: Sample;
        let out: string;
        try {
          ({ sample, out } = run(tool.spec, method));
          tool.verify();
        } catch (e) {
          // Recorded and reported, and the bench exits non-zero; the other builds still run.
          const msg = `${entries} entries: ${(e as Error).message}`;
          failed.set(tool.name, msg);
          o.failures.push(msg);
          log(`  FAILED ${tool.name}: ${msg.split("\n")[0]}`);
          continue;
        }
        const s = /search index: .* in ([\d.]+)s/.exec(out);
        if (r >= 0) { samples.get(tool.name)!.push(sample); if (tool.name === "project" && s) search.push(Number(s[1])); }
        // Pagefind's own process is not waited for by the build (so GNU time misses its CPU),
        // and with --no-search it does not run: time Pagefind's CLI over the same output.
        if (r >= 0 && tool.name === "project" && searchMode !== "none") {
          const idx = run(searchSpec(tool.out), method).sample;
          searchCpu.push(idx.cpu);
          if (idx.rssMiB !== null) searchRss.push(idx.rssMiB);
          log(`  run ${r + 1} search index (Pagefind CLI): ${idx.cpu.toFixed(2)} s CPU, ${idx.rssMiB?.toFixed(0) ?? "?"} MiB`);
        }
        log(`  ${r < 0 ? "warm-up" : `run ${r + 1}`} ${tool.name}: ${sample.cpu.toFixed(2)} s CPU, ${sample.wall.toFixed(2)} s wall, ${sample.rssMiB?.toFixed(0) ?? "?"} MiB`);
      }
    }
    const ok = tools.filter((t) => !failed.has(t));
    const summaries = Object.fromEntries(ok.map((t) => [t, summarize(samples.get(t)!, entries)])) as SizeResult["tools"];
    // The full build's CPU: the build as measured plus its search index.
    const full = summaries.project ? summaries.project.cpu + (searchCpu.length ? median(searchCpu) : 0) : NaN;
    const ratios = Object.fromEntries(ok.filter((t) => t !== "project" && summaries.project).map((t) => [t, full / summaries[t]!.cpu]));
    section.sizes.push({ entries, counts: site.counts, loadavg, tools: summaries, ratios, failed: Object.fromEntries(failed), searchWallSec: search.length ? median(search) : undefined, searchCpuSec: searchCpu.length ? median(searchCpu) : undefined, searchRssMiB: searchRss.length ? Math.max(...searchRss) : undefined });
    section.sizes.sort((a, b) => a.entries - b.entries);
    section.budget = budgetOf(section.sizes);
    save();
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
}
