/**
 * `npm run bench`: the budgets of DESIGN.md section 4, measured (never part of npm test).
 *   build       synthetic sites of each size, built by the project, bare Eleventy and Hugo in turn
 *   pageweight  bytes and requests per page type of the sample site; JS only on chart pages
 *   cache       4,000 entries: cold default, cold without extras, warm rebuild after one edit, search index apart
 *   devloop     npm start on 4,000 entries: one fact edit until the served page shows it
 *   profile     one project build under --cpu-prof: where the time goes
 *   lighthouse  four category scores for three pages, mobile and desktop
 *   adversarial single content files at the size limit built to be slow (printed only)
 * Usage: npm run bench [-- --sizes 1000,4000 --runs 3 --only build,pageweight --lighthouse --profile]
 * Writes bench/results.json and the generated part of BENCHMARKS.md. Exits non-zero when a
 * build fails, a build's output is incomplete, or a page breaks the JavaScript rule;
 * with --strict, also when a budget is missed.
 */
import { parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { synthesize } from "../bench/synth.ts";
import { REPO, TOOL_NAMES, TSX, buildSearchMode, clean, hugoVersion, makeTool, projectRoot, searchSpec, type ToolName } from "../bench/tools.ts";
import { measureMethod, median, run, summarize, type Sample } from "../bench/measure.ts";
import { largestProfile, summarizeProfile } from "../bench/profile.ts";
import { pageTypes, weighSite } from "../bench/pageweight.ts";
import { runLighthouse } from "../bench/lighthouse.ts";
import { measureDevLoop } from "../bench/devloop.ts";
import { measureCache } from "../bench/cache.ts";
import { machine, versions } from "../bench/machine.ts";
import { budgetOf, readResults, writeMarkdown, writeResults, type Results, type SizeResult, type Stamp } from "../bench/results.ts";
import { renderMarkdown } from "../bench/markdown.ts";

const SECTIONS = ["build", "cache", "pageweight", "devloop", "profile", "lighthouse"] as const;
const { values } = parseArgs({ options: {
  sizes: { type: "string", default: "1000,4000,16000,32000" },
  runs: { type: "string", default: "3" },
  warmup: { type: "string", default: "1" },
  tools: { type: "string", default: TOOL_NAMES.join(",") },
  only: { type: "string", default: "build,cache,pageweight,devloop" },
  lighthouse: { type: "boolean", default: false },
  profile: { type: "boolean", default: false },
  "profile-size": { type: "string", default: "4000" },
  "devloop-size": { type: "string", default: "4000" },
  "cache-size": { type: "string", default: "4000" },
  /** Node heap for the project's builds (--max-old-space-size); by default Node's own (4 GiB here). */
  "project-heap-mb": { type: "string" },
  note: { type: "string" },
  strict: { type: "boolean", default: false },
  keep: { type: "boolean", default: false },
  /** Add these sizes to the build table already in results.json instead of starting a new one. */
  append: { type: "boolean", default: false },
  results: { type: "string", default: "bench/results.json" },
  markdown: { type: "string", default: "BENCHMARKS.md" },
} });

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const positive = (s: string, name: string) => {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number, got "${s}"`);
  return v;
};
const sections = new Set(list(values.only!));
// Adversarial single files (SECURITY.md's check budget): printed, not saved, and quick.
if (sections.delete("adversarial")) {
  const { measureAdversarial } = await import("../bench/adversarial.ts");
  for (const r of measureAdversarial()) process.stdout.write(`adversarial  ${r.name.padEnd(36)} ${String(r.chars).padStart(7)} chars  ${(r.ms / 1000).toFixed(2)} s  ${r.problems} problems\n`);
  if (!sections.size) process.exit(0);
}
if (values.lighthouse) sections.add("lighthouse");
if (values.profile) sections.add("profile");
for (const s of sections) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}"; choose from ${SECTIONS.join(", ")}`);
const sizes = list(values.sizes!).map((s) => positive(s, "sizes"));
const runs = positive(values.runs!, "runs");
const warmup = positive(values.warmup!, "warmup");
if (runs < 3) process.stderr.write(`warning: --runs ${runs}: medians of fewer than 3 runs are noisy\n`);
const resultsFile = resolve(REPO, values.results!);
const markdownFile = resolve(REPO, values.markdown!);
const results: Results = readResults(resultsFile);
const method = measureMethod();
if (method !== "gnu-time") process.stderr.write(`warning: GNU time (/usr/bin/time) is missing: ${method === "proc-stat" ? "CPU from /proc, no peak RSS" : "wall time only"}; apt-get install -y time\n`);
const stampNow = (): Stamp => ({ measuredAt: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC", machine: machine(), versions: versions(), note: values.note });
// Re-read before writing and replace only this run's sections: two runs may overlap.
const save = () => {
  const merged: Results = { ...readResults(resultsFile) };
  for (const s of SECTIONS) if (sections.has(s) && results[s]) Object.assign(merged, { [s]: results[s] });
  writeResults(resultsFile, merged);
  writeMarkdown(markdownFile, renderMarkdown(merged));
};
const log = (s: string) => process.stdout.write(s + "\n");
const temps: string[] = [];
const tempDir = (tag: string) => { const d = mkdtempSync(join(os.tmpdir(), `bench-${tag}-`)); temps.push(d); return d; };
const hardFailures: string[] = [];

async function main() {
  if (sections.has("build")) measureBuilds();
  if (sections.has("cache")) {
    const n = positive(values["cache-size"]!, "cache-size");
    const site = synthesize(n);
    const loadavg = os.loadavg().map((x) => Math.round(x * 100) / 100);
    log(`cache: ${n} entries, load ${loadavg.join(" ")}`);
    results.cache = { ...stampNow(), result: measureCache(tempDir("cache"), site, runs, method, log, loadavg) };
    save();
  }
  if (sections.has("profile")) measureProfile(positive(values["profile-size"]!, "profile-size"));
  if (sections.has("pageweight") || sections.has("lighthouse")) await measureSampleSite();
  if (sections.has("devloop")) {
    const n = positive(values["devloop-size"]!, "devloop-size");
    const site = synthesize(n);
    const root = projectRoot(tempDir("devloop"), site);
    results.devloop = { ...stampNow(), result: await measureDevLoop(root, site.factSlugs[0]!, n) };
    save();
  }
}

function measureBuilds() {
  const wanted = list(values.tools!) as ToolName[];
  for (const t of wanted) if (!TOOL_NAMES.includes(t)) throw new Error(`--tools: unknown tool "${t}"`);
  const tools = wanted.filter((t) => t !== "hugo" || hugoVersion() !== null);
  if (tools.length < wanted.length) log("Hugo is not installed (apt-get install -y hugo): measured without it");
  const searchMode = buildSearchMode();
  const kept = values.append ? (results.build?.sizes ?? []).filter((s) => !sizes.includes(s.entries)) : [];
  const heapMb = values["project-heap-mb"] ? positive(values["project-heap-mb"], "project-heap-mb") : undefined;
  const section = { ...(values.append && results.build ? results.build : stampNow()), method, runs, warmup, searchMode, projectHeapMb: heapMb, sizes: kept, budget: budgetOf(kept) };
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
          hardFailures.push(msg);
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
    section.sizes.push({ entries, counts: site.counts, loadavg, tools: summaries, ratios, failed: Object.fromEntries(failed), searchWallSec: search.length ? median(search) : undefined, searchCpuSec: searchCpu.length ? median(searchCpu) : undefined });
    section.sizes.sort((a, b) => a.entries - b.entries);
    section.budget = budgetOf(section.sizes);
    save();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function measureProfile(entries: number) {
  const dir = tempDir("profile");
  const root = projectRoot(dir, synthesize(entries));
  const profDir = join(dir, "profiles");
  // --cpu-prof is refused in NODE_OPTIONS, so run the same build in one process with tsx as a loader.
  // The cold build without extras: the one the 2.0 x budget is about.
  const env = { FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0", FACTSHEET_CACHE: "0" };
  const { sample } = run({ label: "profiled project build", cmd: process.execPath, cwd: root, env,
    args: ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--import", "tsx", "scripts/cli/build.ts", "--root", root, "--output", join(root, "_out"), "--quiet"] }, method);
  const summary = summarizeProfile(largestProfile(profDir), 30);
  log(`profile of ${entries} entries: ${sample.cpu.toFixed(2)} s CPU; top: ${summary.topSelf.slice(0, 3).map((f) => `${f.name} ${f.pct.toFixed(1)}%`).join(", ")}`);
  results.profile = { ...stampNow(), entries, summary };
  save();
}

async function measureSampleSite() {
  const site = join(tempDir("sample"), "site");
  run({ label: "sample site build", cmd: process.execPath, args: [TSX, "scripts/cli/build.ts", "--root", REPO, "--output", site, "--quiet"], cwd: REPO, env: { FACTSHEET_SOCIAL_IMAGES: "0" } }, method);
  if (sections.has("pageweight")) {
    const w = weighSite(site);
    results.pageweight = { ...stampNow(), ...w };
    for (const p of w.pages) log(`${p.type}: HTML+CSS ${(p.htmlCssGzip / 1024).toFixed(1)} KB gzip, JS ${(p.js.gzip / 1024).toFixed(1)} KB gzip, ${p.requests} requests`);
    hardFailures.push(...w.failures);
    save();
  }
  if (sections.has("lighthouse")) {
    const types = pageTypes(site);
    const pick = (type: string) => types.find((t) => t.type === type)!.path.replace(/index\.html$/, "");
    const pages = [{ page: "home", path: pick("home") }, { page: "fact with chart", path: pick("fact with chart") }, { page: "figures", path: pick("figures") }];
    results.lighthouse = { ...stampNow(), runs: await runLighthouse(site, pages) };
    save();
  }
}

let code = 0;
try {
  await main();
  const missed = Object.entries(results.build?.budget.passed ?? {}).filter(([, ok]) => ok === false).map(([name]) => name);
  if (sections.has("build")) for (const name of missed) log(`budget missed: ${name}`);
  for (const f of hardFailures) process.stderr.write(`FAIL ${f}\n`);
  code = hardFailures.length || (values.strict && (missed.length || results.pageweight?.overBudget.length)) ? 1 : 0;
  log(`wrote ${resultsFile} and ${markdownFile}`);
} catch (e) {
  process.stderr.write(`bench failed: ${(e as Error).message}\n`);
  code = 1;
} finally {
  if (!values.keep) for (const d of temps) { try { rmSync(d, { recursive: true, force: true, maxRetries: 3 }); } catch { log(`could not remove ${d}`); } }
  else if (temps.length) log(`kept ${temps.join(", ")}`);
}
process.exit(code);
