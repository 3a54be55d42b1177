/** The generated tables of BENCHMARKS.md, from bench/results.json. */
import type { Results, Stamp } from "./results.ts";
import { TOOL_NAMES } from "./tools.ts";
import { cacheMarkdown } from "./cache.ts";
import { budgetsMarkdown } from "./budgets.ts";
import { cell, num } from "./table-text.ts";
import { median } from "./measure.ts";

const n = num;
const kb = (b: number) => (b / 1024).toFixed(1);
const int = (x: number) => x.toLocaleString("en-US");
const TOOL_LABEL = { project: "project (full build)", eleventy: "bare Eleventy", hugo: "Hugo" } as const;

/** The line of a failed build's output that says why (Node's fatal error, else the exit code). */
function reason(failure: string): string {
  const fatal = /FATAL ERROR: (.*)/.exec(failure)?.[1];
  const exit = /\(exit [^)]*\)/.exec(failure)?.[0] ?? "";
  return (fatal ? `${fatal} ${exit}` : failure.split("\n")[0]!).slice(0, 200);
}

function stamp(s: Stamp): string {
  const m = s.machine;
  return `Measured ${s.measuredAt} on ${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, ${m.os}; load average at start ${m.loadavg.join(" / ")}.` +
    `${s.note ? ` ${s.note}` : ""}`;
}

function build(r: Results): string[] {
  const b = r.build;
  if (!b) return ["_No build measurement yet: run `npm run bench`._"];
  const v = b.versions;
  const out = [
    stamp(b), "",
    `Versions: Node ${v.node}, Eleventy ${v.eleventy}, Nunjucks ${v.nunjucks}, markdown-it ${v["markdown-it"]}, tsx ${v.tsx}, Pagefind ${v.pagefind}, Hugo ${v.hugo}. ` +
    `CPU = user + sys of the child and its children (${b.method}); medians of the runs shown, run in turn (project, Eleventy, Hugo, project, ...), after ${b.warmup} warm-up round(s) of every build before the first size. ` +
    `${b.projectHeapMb ? `The project's builds ran with \`--max-old-space-size=${b.projectHeapMb}\` (Node's default heap is about 4 GiB here). ` : ""}` +
    `Search index: ${b.searchMode === "flag" ? "the build ran with FACTSHEET_SEARCH_INDEX=0 (and FACTSHEET_CACHE=0: every build cold); Pagefind's CLI over its output is timed apart"
      : b.searchMode === "inline" ? "build.ts runs Pagefind itself but does not wait for Pagefind's process, so GNU time misses that CPU; Pagefind's CLI over the same output is timed apart" : "none"}` +
    `${b.searchMode !== "none" ? ", shown in the last column, and added to the project's CPU for the ratios (project ÷ this = (build + search index) ÷ this)" : ""}.`, "",
    "| entries | build | runs | CPU s | wall s | peak RSS MiB | CPU ms / entry | project ÷ this |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of b.sizes) {
    for (const t of TOOL_NAMES) {
      const x = s.tools[t];
      const failed = s.failed?.[t];
      if (failed) out.push(`| ${int(s.entries)} | ${TOOL_LABEL[t]} | | **failed**: ${cell(reason(failed))} | | | | |`);
      if (!x) continue;
      const ratio = t !== "project" ? n(s.ratios[t])
        : s.searchCpuSec !== undefined ? `+ search index ${n(s.searchCpuSec, 1)} s CPU`
        : s.searchWallSec !== undefined ? `incl. search ${n(s.searchWallSec, 1)} s wall` : "";
      out.push(`| ${int(s.entries)} | ${TOOL_LABEL[t]} | ${x.runs} | ${n(x.cpu)} | ${n(x.wall)} | ${n(x.rssMiB, 0)} | ${n(x.cpuPerEntryMs, 3)} | ${ratio} |`);
    }
  }
  out.push("", `Load average (1 min) when each size started: ${b.sizes.map((s) => `${int(s.entries)}: ${n(s.loadavg[0], 1)}`).join("; ")}.`);
  const bud = b.budget;
  out.push("", "Budgets (DESIGN.md section 4):", "");
  for (const [name, ok] of Object.entries(bud.passed)) out.push(`- ${ok === null ? "not measured" : ok ? "**met**" : "**missed**"}: ${name}`);
  out.push(`- figures: project ÷ Eleventy at 4,000 = ${n(bud.ratioAt4000)}; per-entry growth = ${n(bud.perEntryGrowth)}×; highest peak RSS = ${n(bud.maxRssMiB, 0)} MiB`);
  return out;
}

function profile(r: Results): string[] {
  const p = r.profile;
  if (!p) return ["_No profile yet: run `npm run bench -- --only profile`._"];
  const s = p.summary;
  const out = [stamp(p), "", `One project build of ${int(p.entries)} entries under \`node --cpu-prof --import tsx\`: ${n(s.totalMs / 1000)} s of samples.`, "",
    "| area | self % |", "|---|---:|"];
  for (const a of s.areas.slice(0, 12)) out.push(`| ${cell(a.area)} | ${n(a.pct, 1)} |`);
  out.push("", "| function (self time) | where | self % | ms |", "|---|---|---:|---:|");
  for (const f of s.topSelf.slice(0, 20)) out.push(`| ${cell(f.name)} | ${cell(f.where)} | ${n(f.pct, 1)} | ${n(f.ms, 0)} |`);
  out.push("", "| function (inclusive time) | where | incl. % |", "|---|---|---:|");
  for (const f of s.topInclusive.slice(0, 15)) out.push(`| ${cell(f.name)} | ${cell(f.where)} | ${n(f.pct, 1)} |`);
  return out;
}

function weight(r: Results): string[] {
  const w = r.pageweight;
  if (!w) return ["_No page weight yet._"];
  const out = [stamp(w), "", "Sample site (content/). Bytes in KB; gzip at level 9. Requests = the document + stylesheets + scripts + images + icons it links.", "",
    "| page | file | HTML | HTML gz | CSS | CSS gz | JS | JS gz | HTML+CSS gz | requests |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const p of w.pages) {
    out.push(`| ${p.type} | ${p.path} | ${kb(p.html.raw)} | ${kb(p.html.gzip)} | ${kb(p.css.raw)} | ${kb(p.css.gzip)} | ${kb(p.js.raw)} | ${kb(p.js.gzip)} | ${kb(p.htmlCssGzip)} | ${p.requests} |`);
  }
  out.push("", `Checked all ${w.checked} HTML pages: heaviest HTML + CSS is ${w.heaviest.path} at ${kb(w.heaviest.htmlCssGzip)} KB gzip (budget 30 KB).`);
  out.push(w.overBudget.length ? `**Over budget:**\n\n${w.overBudget.map((f) => `- ${f}`).join("\n")}` : "No page is over the HTML + CSS budget.", "");
  out.push(w.failures.length ? `**Failures:**\n\n${w.failures.map((f) => `- ${f}`).join("\n")}` : "No page without a chart loads JavaScript (search excepted), and no page has an inline script.");
  return out;
}

function lighthouse(r: Results): string[] {
  const l = r.lighthouse;
  if (!l) return ["_No Lighthouse run yet: run `npm run bench -- --lighthouse`._"];
  const out = [stamp(l), "", "| page | preset | performance | accessibility | best practices | SEO |", "|---|---|---:|---:|---:|---:|"];
  for (const x of l.runs) out.push(`| ${x.page} | ${x.preset} | ${x.scores.performance} | ${x.scores.accessibility} | ${x.scores["best-practices"]} | ${x.scores.seo} |`);
  const held = l.runs.flatMap((x) => x.holdbacks.map((h) => ({ ...h, where: `${x.page} (${x.preset})` })));
  out.push("", held.length ? "Audits that cost points:" : "No audit cost any points.", "");
  for (const h of held) out.push(`- ${h.where}, ${h.category}: **${cell(h.title)}** (${h.audit}, score ${h.score}${h.display ? `, ${cell(h.display)}` : ""})${h.items.length ? `: ${h.items.map(cell).join("; ")}` : ""}`);
  return out;
}

function devloop(r: Results): string[] {
  const d = r.devloop;
  if (!d) return ["_No dev-loop measurement yet._"];
  const x = d.result;
  if ("skipped" in x) return [stamp(d), "", `Skipped: ${x.skipped}.`];
  return [stamp(d), "", `${int(x.entries)} entries: first build served after ${n(x.initialBuildSec, 1)} s; an edit to one fact file reached the served page in ` +
    `median ${n(x.medianMs, 0)} ms, worst ${n(x.maxMs, 0)} ms over ${x.editsMs.length} edits (${x.editsMs.map((m) => m.toFixed(0)).join(", ")} ms). ` +
    `Budget ${x.budgetMs} ms: **${x.medianMs < x.budgetMs ? "met" : "missed"}**.` +
    (x.settledMs ? ` The whole rebuild after each save (listings, data files, every other output) was done after median ${n(median(x.settledMs), 0)} ms; each save waited for the previous one's.` : "")];
}

export function renderMarkdown(r: Results): string {
  return [
    "## Issue 18's four budgets, measured in one run", "", ...budgetsMarkdown(r.budgets, stamp), "",
    "## Build: project vs bare Eleventy vs Hugo", "", ...build(r), "",
    "## Build cache and the cold path: cold, warm and search index at one size", "", ...(r.cache ? [stamp(r.cache), ""] : []), ...cacheMarkdown(r.cache?.result), "",
    "## Profile of the project build", "", ...profile(r), "",
    "## Page weight", "", ...weight(r), "",
    "## Lighthouse", "", ...lighthouse(r), "",
    "## Dev loop", "", ...devloop(r),
  ].join("\n");
}
