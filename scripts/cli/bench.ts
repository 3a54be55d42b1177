/**
 * `npm run bench`: the budgets of DESIGN.md section 4, measured (never part of npm test).
 *   build       synthetic sites of each size, built by the project, bare Eleventy and Hugo in turn
 *   pageweight  bytes and requests per page type of the sample site; JS only on chart pages
 *   cache       4,000 entries: cold default, cold without extras, warm rebuild after one edit, search index apart
 *   devloop     npm start on 4,000 entries: one fact edit until the served page shows it
 *   profile     one project build under --cpu-prof: where the time goes
 *   lighthouse  four category scores for three pages, mobile and desktop
 *   adversarial single content files at the size limit built to be slow (printed only)
 *   budgets     issue 18's four budgets in one run: build (1,000, 4,000 and 32,000 entries, Node's
 *               default heap), cache and devloop, summarized in one table
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
import { REPO, TOOL_NAMES, TSX, projectRoot } from "../bench/tools.ts";
import { measureMethod, run } from "../bench/measure.ts";
import { largestProfile, summarizeProfile } from "../bench/profile.ts";
import { pageTypes, weighSite } from "../bench/pageweight.ts";
import { runLighthouse } from "../bench/lighthouse.ts";
import { measureDevLoop } from "../bench/devloop.ts";
import { measureCache } from "../bench/cache.ts";
import { machine, versions } from "../bench/machine.ts";
import { readResults, writeMarkdown, writeResults, type Results, type Stamp } from "../bench/results.ts";
import { measureBuilds } from "../bench/build-table.ts";
import { renderMarkdown } from "../bench/markdown.ts";
import { RSS_SIZE, budgetRows } from "../bench/budgets.ts";

const SECTIONS = ["build", "cache", "pageweight", "devloop", "profile", "lighthouse", "budgets"] as const;
/** What `--only budgets` measures, and the sizes it builds unless --sizes says otherwise. */
const BUDGET_SECTIONS = ["build", "cache", "devloop"] as const;
const BUDGET_SIZES = `1000,4000,${RSS_SIZE}`;
const { values } = parseArgs({ options: {
  sizes: { type: "string" },
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
if (sections.has("budgets")) {
  for (const s of BUDGET_SECTIONS) sections.add(s);
  if (values["project-heap-mb"]) throw new Error("--only budgets measures peak RSS with Node's default heap: leave out --project-heap-mb");
}
for (const s of sections) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section "${s}"; choose from ${SECTIONS.join(", ")}`);
const sizes = list(values.sizes ?? (sections.has("budgets") ? BUDGET_SIZES : "1000,4000,16000,32000")).map((s) => positive(s, "sizes"));
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
  if (sections.has("build")) measureBuildTable();
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
  if (sections.has("budgets")) {
    results.budgets = { ...stampNow(), rows: budgetRows(results) };
    save();
  }
}

function measureBuildTable() {
  const heapMb = values["project-heap-mb"] ? positive(values["project-heap-mb"], "project-heap-mb") : undefined;
  measureBuilds({ tools: list(values.tools!), sizes, runs, warmup, method, append: !!values.append, heapMb, keep: !!values.keep,
    results, failures: hardFailures, stamp: stampNow, tempDir, log, save });
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
