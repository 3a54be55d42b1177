import { test } from "node:test";
import assert from "node:assert/strict";
import { budgetRows, budgetsMarkdown, RSS_SIZE } from "../scripts/bench/budgets.ts";
import type { Results, SizeResult } from "../scripts/bench/results.ts";
import type { Summary } from "../scripts/bench/measure.ts";
import type { CacheBench } from "../scripts/bench/cache.ts";

const sum = (cpu: number, rssMiB: number | null = 100): Summary => ({ runs: 1, cpu, wall: cpu, rssMiB, cpuPerEntryMs: 0, samples: [{ cpu, user: cpu * 0.75, sys: cpu * 0.25, wall: cpu, rssMiB }] });
const size = (entries: number, rss: number, failed?: string): SizeResult => ({
  entries, counts: { facts: entries } as SizeResult["counts"], loadavg: [1],
  tools: failed ? { eleventy: sum(10, 500) } : { project: sum(10, rss), eleventy: sum(10, 500), hugo: sum(5, 250) },
  ratios: {}, failed: failed ? { project: failed } : {}, searchCpuSec: 3, searchRssMiB: 200,
});
const cache = (warm: number, cold: number): CacheBench => ({
  entries: 4000, loadavg: [1], coldDefault: sum(100), coldBare: sum(cold), warmEdit: sum(warm), eleventy: sum(10), hugo: sum(4), search: sum(3), warmRendered: [1],
  ratios: { warmVsEleventy: warm / 10, coldBareVsEleventy: cold / 10, warmVsHugo: warm / 4, coldBareVsHugo: cold / 4 },
});
const stamp = { measuredAt: "2026-12-03 12:00 UTC", machine: {} as never, versions: {} };
const results = (over: Partial<Results>): Results => ({
  cache: { ...stamp, result: cache(4, 30) },
  devloop: { ...stamp, result: { entries: 4000, initialBuildSec: 10, editsMs: [300, 400, 450], medianMs: 400, maxMs: 450, budgetMs: 500 } },
  build: { ...stamp, method: "gnu-time", runs: 1, warmup: 0, searchMode: "flag", sizes: [size(1000, 300), size(RSS_SIZE, 900)], budget: { passed: {} } },
  ...over,
});
const byName = (rows: ReturnType<typeof budgetRows>, part: string) => rows.find((r) => r.name.includes(part))!;

test("each budget is met or missed from the figures of the run, with ratios against bare Eleventy and Hugo", () => {
  const rows = budgetRows(results({}));
  assert.equal(rows.length, 5);
  assert.equal(byName(rows, "warm rebuild").met, true);
  assert.equal(byName(rows, "warm rebuild").vsHugo, 1);
  assert.equal(byName(rows, "cold build").met, false);
  assert.equal(byName(rows, "cold build").vsEleventy, 3);
  assert.match(byName(rows, "cold build").note!, /^3\.00 × in user CPU alone/);
  assert.equal(byName(rows, "dev loop").met, true);
  assert.equal(byName(rows, "peak RSS at").met, true);
  assert.equal(byName(rows, "peak RSS at").vsEleventy, 900 / 500);
  assert.match(byName(rows, "peak RSS at").note!, /Pagefind 3\.0 s CPU, 200 MiB/);
  // 900 MiB / 32,000 entries against 300 MiB / 1,000: far below linear.
  assert.equal(byName(rows, "linearly").met, true);
  const steep = budgetRows(results({ build: { ...results({}).build!, sizes: [size(1000, 20), size(RSS_SIZE, 900)] } }));
  assert.equal(byName(steep, "linearly").met, false, "RSS per entry grew 1.4 ×");
});

test("a failed build misses, a bigger heap or a missing section is 'not measured', never met", () => {
  const failed = budgetRows(results({ build: { ...results({}).build!, sizes: [size(1000, 300), size(RSS_SIZE, 0, "FATAL ERROR: heap out of memory")] } }));
  assert.equal(byName(failed, "peak RSS at").met, false);
  assert.equal(byName(failed, "peak RSS at").measured, "build failed");
  const heap = budgetRows(results({ build: { ...results({}).build!, projectHeapMb: 16384 } }));
  assert.equal(byName(heap, "peak RSS at").met, null);
  assert.match(byName(heap, "peak RSS at").note!, /not the budget's default heap/);
  const none = budgetRows({});
  assert.deepEqual(none.map((r) => r.met), [null, null, null, null, null]);
  const slow = budgetRows(results({ devloop: { ...stamp, result: { entries: 4000, initialBuildSec: 10, editsMs: [900], medianMs: 900, maxMs: 900, budgetMs: 500 } } }));
  assert.equal(byName(slow, "dev loop").met, false);
});

test("the Markdown table has one row per budget and escapes table syntax in notes", () => {
  const rows = budgetRows(results({ build: { ...results({}).build!, sizes: [size(1000, 300), size(RSS_SIZE, 0, "a | b\nc")] } }));
  const md = budgetsMarkdown({ ...stamp, rows }, () => "stamp line");
  const table = md.filter((l) => l.startsWith("| ") && !l.startsWith("| budget"));
  assert.equal(table.length, rows.length);
  assert.ok(md.some((l) => l.includes("a \\| b")), "a pipe in a note is escaped");
  assert.ok(table.every((l) => l.split(/(?<!\\)\|/).length === 9), "every row has 7 cells");
  assert.match(budgetsMarkdown(undefined, () => "")[0]!, /--only budgets/);
});
