/**
 * Issue 18's four budgets, read off one `npm run bench -- --only budgets` run: the cache
 * section (4,000 entries: cold without extras, warm one-edit, bare Eleventy and Hugo built
 * in turn), the dev loop, and the build table (peak RSS per size with Node's default heap,
 * search index measured apart). Kept only when all three come from the same invocation,
 * so the summary never mixes runs.
 */
import type { BuildSection, Results, Stamp } from "./results.ts";
import { COLD_BUDGET, WARM_BUDGET } from "./cache.ts";
import { DEV_LOOP_BUDGET_MS } from "./devloop.ts";
import { median } from "./measure.ts";
import { cell, num } from "./table-text.ts";

export const RSS_BUDGET_MIB = 1024;
/** The size the memory budget is about. */
export const RSS_SIZE = 32_000;
/** "Linear": peak RSS per entry at the largest size at most this × that at the smallest. */
export const RSS_LINEAR = 1.0;

export interface BudgetRow {
  name: string; budget: string; measured: string; vsEleventy?: number; vsHugo?: number;
  /** null when the run could not measure it (a failed build, a skipped section). */
  met: boolean | null; note?: string;
}
export interface BudgetsSection extends Stamp { rows: BudgetRow[] }

const f = num;

function memoryRows(b: BuildSection | undefined): BudgetRow[] {
  const sizes = (b?.sizes ?? []).slice().sort((x, y) => x.entries - y.entries);
  const at = sizes.find((s) => s.entries === RSS_SIZE);
  const p = at?.tools.project;
  const failed = at?.failed?.project;
  const heap = b?.projectHeapMb ? ` (run with --max-old-space-size=${b.projectHeapMb}: not the budget's default heap)` : "";
  const rss: BudgetRow = {
    name: `peak RSS at ${RSS_SIZE.toLocaleString("en-US")} entries, Node's default heap`, budget: `< ${RSS_BUDGET_MIB} MiB`,
    measured: failed ? "build failed" : p?.rssMiB ? `${f(p.rssMiB, 0)} MiB` : "not measured",
    vsEleventy: p?.rssMiB && at?.tools.eleventy?.rssMiB ? p.rssMiB / at.tools.eleventy.rssMiB : undefined,
    vsHugo: p?.rssMiB && at?.tools.hugo?.rssMiB ? p.rssMiB / at.tools.hugo.rssMiB : undefined,
    met: failed ? false : p?.rssMiB && !b?.projectHeapMb ? p.rssMiB < RSS_BUDGET_MIB : null,
    note: `${failed ? failed.split("\n")[0] : `search index apart: Pagefind ${f(at?.searchCpuSec, 1)} s CPU, ${f(at?.searchRssMiB, 0)} MiB`}${heap}`,
  };
  const ok = sizes.filter((s) => s.tools.project?.rssMiB);
  const lo = ok[0], hi = ok.at(-1);
  const per = (s: typeof lo) => s!.tools.project!.rssMiB! / s!.entries;
  const growth = lo && hi && lo !== hi ? per(hi) / per(lo) : undefined;
  const linear: BudgetRow = {
    name: `peak RSS grows linearly${lo && hi && lo !== hi ? ` (${lo.entries.toLocaleString("en-US")} → ${hi.entries.toLocaleString("en-US")} entries)` : ""}`,
    budget: `RSS per entry × ≤ ${RSS_LINEAR}`, measured: growth === undefined ? "not measured" : `${f(growth)} ×`,
    met: growth === undefined ? null : growth <= RSS_LINEAR,
    note: ok.map((s) => `${s.entries.toLocaleString("en-US")}: ${f(s.tools.project!.rssMiB, 0)} MiB`).join("; "),
  };
  return [rss, linear];
}

/** Median user CPU (no kernel time): sys time on this VM swings with page allocation (BENCHMARKS.md). */
const userCpu = (x: { samples: { user: number }[] }) => median(x.samples.map((s) => s.user));
const userRatio = (a: { samples: { user: number }[] }, b: { samples: { user: number }[] }) => `${f(userCpu(a) / userCpu(b))} × in user CPU alone`;

/** The rows, from the sections of one run. */
export function budgetRows(r: Results): BudgetRow[] {
  const c = r.cache?.result;
  const d = r.devloop?.result;
  const e = c?.eleventy.cpu, h = c?.hugo?.cpu;
  const rows: BudgetRow[] = [
    {
      name: `warm rebuild after editing one fact, ${c ? c.entries.toLocaleString("en-US") : "?"} entries (cards on, cache present, search apart)`,
      budget: `≤ ${WARM_BUDGET} × bare Eleventy`, measured: c ? `${f(c.warmEdit.cpu)} s CPU` : "not measured",
      vsEleventy: c?.ratios.warmVsEleventy, vsHugo: c?.ratios.warmVsHugo, met: c ? c.ratios.warmVsEleventy <= WARM_BUDGET : null,
      note: c ? `${userRatio(c.warmEdit, c.eleventy)}; bare Eleventy ${f(e)} s, Hugo ${f(h)} s CPU; cards rendered ${c.warmRendered.join(", ")}` : undefined,
    },
    {
      name: `cold build without social cards and search index, ${c ? c.entries.toLocaleString("en-US") : "?"} entries`,
      budget: `≤ ${COLD_BUDGET} × bare Eleventy`, measured: c ? `${f(c.coldBare.cpu)} s CPU` : "not measured",
      vsEleventy: c?.ratios.coldBareVsEleventy, vsHugo: c?.ratios.coldBareVsHugo, met: c ? c.ratios.coldBareVsEleventy <= COLD_BUDGET : null,
      note: c ? `${userRatio(c.coldBare, c.eleventy)}; cold default build (cards on): ${f(c.coldDefault.cpu)} s CPU, ${f(c.coldDefault.rssMiB, 0)} MiB` : undefined,
    },
    {
      name: `dev loop, save to served page${d && !("skipped" in d) ? `, ${d.entries.toLocaleString("en-US")} entries` : ""}`,
      budget: `< ${DEV_LOOP_BUDGET_MS} ms median`,
      measured: !d ? "not measured" : "skipped" in d ? "skipped" : `${f(d.medianMs, 0)} ms median`,
      met: !d || "skipped" in d ? null : d.medianMs < DEV_LOOP_BUDGET_MS,
      note: d && !("skipped" in d) ? `edits ${d.editsMs.map((m) => m.toFixed(0)).join(", ")} ms; first build served after ${f(d.initialBuildSec, 1)} s` : undefined,
    },
    ...memoryRows(r.build),
  ];
  return rows;
}

export function budgetsMarkdown(s: BudgetsSection | undefined, stampLine: (x: Stamp) => string): string[] {
  if (!s) return ["_Not measured in one run yet: `npm run bench -- --only budgets`._"];
  return [
    stampLine(s), "",
    "| budget | target | measured | ÷ bare Eleventy | ÷ Hugo | | notes |", "|---|---|---:|---:|---:|---|---|",
    ...s.rows.map((r) => `| ${cell(r.name)} | ${cell(r.budget)} | ${cell(r.measured)} | ${f(r.vsEleventy)} | ${f(r.vsHugo)} | ${r.met === null ? "not measured" : r.met ? "**met**" : "**missed**"} | ${cell(r.note)} |`),
    "", "CPU = user + sys (GNU time), medians; the builds of one row ran in turn. Peak RSS ratios compare peak RSS, not CPU. Details: the sections below.",
  ];
}
