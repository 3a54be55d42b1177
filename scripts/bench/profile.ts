/**
 * Reads a V8 .cpuprofile (written by `node --cpu-prof`) and says where the time went:
 * self time by function, inclusive time by function, and self time by area (our code,
 * Eleventy, Nunjucks, markdown-it, zod, GC...). Node forbids --cpu-prof in
 * NODE_OPTIONS, so the bench runs the build as `node --cpu-prof --import tsx build.ts`:
 * the same code as `tsx build.ts`, in one process.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export interface FunctionCost { name: string; where: string; ms: number; pct: number }
export interface ProfileSummary {
  file: string; totalMs: number;
  topSelf: FunctionCost[]; topInclusive: FunctionCost[]; areas: { area: string; ms: number; pct: number }[];
}

const AREAS: [RegExp, string][] = [
  [/\/scripts\/site\//, "scripts/site (our Eleventy glue)"],
  [/\/scripts\/markdown\//, "scripts/markdown (our markdown-it plugins)"],
  [/\/scripts\/lib\//, "scripts/lib (loader, checker, markup)"],
  [/\/scripts\/(io|cli)\//, "scripts/io + cli"],
  [/node_modules\/nunjucks\//, "nunjucks"],
  [/node_modules\/@11ty\/eleventy\//, "@11ty/eleventy"],
  [/node_modules\/@11ty\//, "@11ty/* helpers"],
  [/node_modules\/markdown-it/, "markdown-it"],
  [/node_modules\/zod\//, "zod"],
  [/node_modules\/(yaml|js-yaml|gray-matter)\//, "yaml / gray-matter"],
  [/node_modules\/(esbuild|tsx)\//, "tsx / esbuild"],
  [/node_modules\/([^/]+)\//, "other packages"],
  [/^node:|^$/, "node internals"],
];

function areaOf(f: CallFrame): string {
  if (f.functionName === "(garbage collector)") return "garbage collector";
  if (f.functionName === "(idle)" || f.functionName === "(program)") return f.functionName;
  for (const [re, name] of AREAS) if (re.test(f.url)) return name;
  return "other";
}

function where(f: CallFrame): string {
  const url = f.url.replace(/^file:\/\//, "").replace(/^.*?\/(node_modules|scripts)\//, "$1/");
  // tsx hands V8 its output on one line: the column is what tells two closures apart.
  return url ? `${url}:${f.lineNumber + 1}:${f.columnNumber + 1}` : "(native)";
}

/** The largest .cpuprofile in `dir`: the process that did the work. */
export function largestProfile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(dir, f));
  if (!files.length) throw new Error(`no .cpuprofile written in ${dir}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) => `${f.functionName || "(anonymous)"}\t${where(f)}`;

  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    // timeDeltas[i + 1] is the time until the next sample: the time spent at this one.
    const us = p.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") return;
    total += us;
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + us);
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const ck = key(byId.get(cur)!.callFrame);
      if (seen.has(ck)) continue;
      seen.add(ck);
      incl.set(ck, (incl.get(ck) ?? 0) + us);
    }
  });
  const list = (m: Map<string, number>, filter: (name: string, at: string) => boolean = () => true) =>
    [...m].map(([k, us]) => { const [name, at] = k.split("\t") as [string, string]; return { name, where: at, ms: us / 1000, pct: (100 * us) / total }; })
      .filter((f) => filter(f.name, f.where)).sort((a, b) => b.ms - a.ms).slice(0, top);
  return {
    file, totalMs: total / 1000,
    topSelf: list(self),
    // Inclusive time is only telling for named code, not for the root or anonymous glue.
    topInclusive: list(incl, (name, at) => !name.startsWith("(") && at !== "(native)" && name !== "(anonymous)"),
    areas: [...areas].map(([area, us]) => ({ area, ms: us / 1000, pct: (100 * us) / total })).sort((a, b) => b.ms - a.ms),
  };
}
