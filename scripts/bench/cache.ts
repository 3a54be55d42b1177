/**
 * The build cache's budgets at one size, side by side with bare Eleventy and Hugo:
 *   cold default    the default build (social cards on), empty cache, search index apart
 *   cold no extras  social cards and search index off, cache off
 *   warm edit       one fact edited, rebuilt with the cache of a default build (cards on)
 *   search index    Pagefind's CLI over the project's output, on its own (CPU and memory)
 * Rounds run in turn (project cold, Eleventy, Hugo, warm, ...); medians are reported.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTool, clean, searchSpec, type Tool } from "./tools.ts";
import { median, run, summarize, type Method, type Summary } from "./measure.ts";
import type { SynthSite } from "./synth.ts";
import { num } from "./table-text.ts";

export interface CacheBench {
  entries: number; loadavg: number[];
  coldDefault: Summary; coldBare: Summary; warmEdit: Summary; eleventy: Summary; hugo?: Summary;
  search: Summary;
  /** Social cards rendered in the warm builds (1 each: the edited fact's card). */
  warmRendered: number[];
  ratios: { coldBareVsEleventy: number; warmVsEleventy: number; coldBareVsHugo?: number; warmVsHugo?: number };
}

export const WARM_BUDGET = 0.5;
export const COLD_BUDGET = 2.0;

export function measureCache(dir: string, site: SynthSite, runs: number, method: Method, log: (s: string) => void, loadavg: number[]): CacheBench {
  const project = makeTool("project", dir, site);
  const others = (["eleventy", "hugo"] as const).map((t) => { try { return makeTool(t, dir, site); } catch { return undefined; } }).filter((t): t is Tool => !!t);
  const root = join(dir, "project");
  const cacheDir = join(root, ".cache");
  const env = (extra: Record<string, string>) => ({ ...project.spec, env: { ...project.spec.env, FACTSHEET_SEARCH_INDEX: "0", ...extra } });
  const coldDefault = env({ FACTSHEET_SOCIAL_IMAGES: "1", FACTSHEET_CACHE: "1" });
  const coldBare = env({ FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_CACHE: "0" });
  const warm = env({ FACTSHEET_SOCIAL_IMAGES: "1", FACTSHEET_CACHE: "1" });
  const factFile = join(root, "content/facts", `${site.factSlugs[0]}.md`);
  const original = readFileSync(factFile, "utf8");

  // The default build costs minutes at 4,000 entries (a card each): measured once, and it
  // leaves the cache that the warm rebuilds use.
  rmSync(cacheDir, { recursive: true, force: true });
  clean(project);
  const cd = run(coldDefault, method).sample;
  project.verify();
  log(`  cold default build (cards on, empty cache): ${cd.cpu.toFixed(2)} s CPU, ${cd.wall.toFixed(2)} s wall, ${cd.rssMiB?.toFixed(0)} MiB`);
  const s = run(searchSpec(project.out), method).sample;
  log(`  search index (Pagefind CLI): ${s.cpu.toFixed(2)} s CPU, ${s.rssMiB?.toFixed(0)} MiB`);

  const bare: typeof cd[] = [], warmS: typeof cd[] = [], rendered: number[] = [];
  const other = new Map<string, typeof cd[]>(others.map((t) => [t.name, []]));
  try {
    for (let r = 0; r < runs; r++) {
      clean(project);
      bare.push(run(coldBare, method).sample);
      project.verify();
      log(`  run ${r + 1} cold, no extras: ${bare.at(-1)!.cpu.toFixed(2)} s CPU, ${bare.at(-1)!.rssMiB?.toFixed(0)} MiB`);
      for (const t of others) {
        clean(t);
        other.get(t.name)!.push(run(t.spec, method).sample);
        t.verify();
        log(`  run ${r + 1} ${t.name}: ${other.get(t.name)!.at(-1)!.cpu.toFixed(2)} s CPU`);
      }
      // One fact edited (a new title each round), rebuilt over the cache of the last build.
      writeFileSync(factFile, original.replace(/^title: "(.*)"$/m, `title: "$1 (edit ${r + 1})"`));
      clean(project);
      const w = run(warm, method);
      project.verify();
      warmS.push(w.sample);
      rendered.push(Number(/social images: \d+, (\d+) rendered/.exec(w.out)?.[1] ?? NaN));
      log(`  run ${r + 1} warm after one edit: ${w.sample.cpu.toFixed(2)} s CPU, ${w.sample.wall.toFixed(2)} s wall, ${rendered.at(-1)} cards rendered`);
    }
  } finally {
    writeFileSync(factFile, original);
  }
  const n = site.counts.facts;
  const eleventy = summarize(other.get("eleventy") ?? [], n);
  const hugo = other.get("hugo")?.length ? summarize(other.get("hugo")!, n) : undefined;
  const coldB = summarize(bare, n);
  const warmE = summarize(warmS, n);
  return {
    entries: n, loadavg,
    coldDefault: summarize([cd], n), coldBare: coldB, warmEdit: warmE, eleventy, hugo, search: summarize([s], n), warmRendered: rendered,
    ratios: {
      coldBareVsEleventy: coldB.cpu / eleventy.cpu, warmVsEleventy: warmE.cpu / eleventy.cpu,
      coldBareVsHugo: hugo ? coldB.cpu / hugo.cpu : undefined, warmVsHugo: hugo ? warmE.cpu / hugo.cpu : undefined,
    },
  };
}

export function cacheMarkdown(c: CacheBench | undefined): string[] {
  if (!c) return ["_No cache measurement yet: run `npm run bench -- --only cache`._"];
  const f = num;
  const row = (label: string, s: Summary | undefined, vsE?: number, vsH?: number) =>
    s ? `| ${label} | ${s.runs} | ${f(s.cpu)} | ${f(s.wall)} | ${f(s.rssMiB ?? undefined, 0)} | ${f(vsE)} | ${f(vsH)} |` : undefined;
  const e = c.eleventy.cpu, h = c.hugo?.cpu;
  const vs = (s: Summary) => [s.cpu / e, h ? s.cpu / h : undefined] as const;
  return [
    `${c.entries.toLocaleString("en-US")} entries; load average (1 min) at start ${f(c.loadavg[0], 1)}. CPU = user + sys (GNU time), medians.`, "",
    "| build | runs | CPU s | wall s | peak RSS MiB | ÷ bare Eleventy | ÷ Hugo |", "|---|---:|---:|---:|---:|---:|---:|",
    row("project, cold default build (social cards on, empty cache, search index apart)", c.coldDefault, ...vs(c.coldDefault)),
    row("project, cold without social cards and search index (cache off)", c.coldBare, ...vs(c.coldBare)),
    row(`project, warm rebuild after editing one fact (cards on, cache present; cards rendered: ${c.warmRendered.join(", ")})`, c.warmEdit, ...vs(c.warmEdit)),
    row("search index alone (Pagefind CLI over the output)", c.search, ...vs(c.search)),
    row("bare Eleventy, cold", c.eleventy, 1, h ? e / h : undefined),
    row("Hugo, cold", c.hugo, h ? h / e : undefined, 1),
    "", "Budgets:", "",
    `- warm rebuild ≤ ${WARM_BUDGET} × bare Eleventy's cold CPU: **${c.ratios.warmVsEleventy <= WARM_BUDGET ? "met" : "missed"}** (${f(c.ratios.warmVsEleventy)} ×)`,
    `- cold build without social cards and search ≤ ${COLD_BUDGET} × bare Eleventy: **${c.ratios.coldBareVsEleventy <= COLD_BUDGET ? "met" : "missed"}** (${f(c.ratios.coldBareVsEleventy)} ×)`,
  ].filter((l): l is string => l !== undefined);
}

export { median };
