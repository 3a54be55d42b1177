/**
 * Runs one command and measures what it cost: CPU seconds (user + sys of the child and
 * everything it waited for, so tsx's inner node process and Hugo's threads count),
 * wall seconds and peak RSS. GNU time gives all three; without it, Linux's
 * /proc/self/stat still gives the CPU of waited-for children; elsewhere wall time only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Sample { cpu: number; user: number; sys: number; wall: number; rssMiB: number | null }
export type Method = "gnu-time" | "proc-stat" | "wall-only";

export interface RunSpec { cmd: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv; label: string }

const GNU_TIME = "/usr/bin/time";

export function measureMethod(): Method {
  if (existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%U", "true"]).status === 0) return "gnu-time";
  if (existsSync("/proc/self/stat")) return "proc-stat";
  return "wall-only";
}

/** cutime and cstime (fields 16 and 17) of this process, in seconds. */
function childCpu(): { user: number; sys: number } {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields after the command name start at field 3; clock ticks are 100 Hz on Linux.
  return { user: Number(fields[16 - 3]) / 100, sys: Number(fields[17 - 3]) / 100 };
}

export class RunFailed extends Error {}

/** Runs `spec` once; throws RunFailed with the tail of its output when it exits non-zero. */
export function run(spec: RunSpec, method: Method): { sample: Sample; out: string } {
  const env = { ...process.env, ...spec.env };
  const opts = { cwd: spec.cwd, env, encoding: "utf8" as const, maxBuffer: 256 * 1024 * 1024 };
  let out = "";
  let cpu = { user: NaN, sys: NaN };
  let rssMiB: number | null = null;
  const started = performance.now();
  if (method === "gnu-time") {
    const dir = mkdtempSync(join(tmpdir(), "bench-time-"));
    const file = join(dir, "t");
    try {
      const r = spawnSync(GNU_TIME, ["-f", "%U %S %M", "-o", file, spec.cmd, ...spec.args], opts);
      out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
      if (r.status !== 0) throw new RunFailed(failure(spec, r.status, r.error, out));
      const [u, s, m] = readFileSync(file, "utf8").trim().split(/\s+/).slice(-3).map(Number);
      cpu = { user: u!, sys: s! };
      rssMiB = m! / 1024;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const before = method === "proc-stat" ? childCpu() : undefined;
    const r = spawnSync(spec.cmd, spec.args, opts);
    out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    if (r.status !== 0) throw new RunFailed(failure(spec, r.status, r.error, out));
    if (before) { const after = childCpu(); cpu = { user: after.user - before.user, sys: after.sys - before.sys }; }
  }
  const wall = (performance.now() - started) / 1000;
  return { sample: { cpu: cpu.user + cpu.sys, user: cpu.user, sys: cpu.sys, wall, rssMiB }, out };
}

function failure(spec: RunSpec, status: number | null, error: Error | undefined, out: string): string {
  const tail = out.trim().split("\n").slice(-25).join("\n");
  return `${spec.label} failed (exit ${status ?? "none"}${error ? `, ${error.message}` : ""}): ${spec.cmd} ${spec.args.join(" ")}\n${tail}`;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Summary { runs: number; cpu: number; wall: number; rssMiB: number | null; cpuPerEntryMs: number; samples: Sample[] }

export function summarize(samples: Sample[], entries: number): Summary {
  const cpu = median(samples.map((s) => s.cpu));
  const rss = samples.map((s) => s.rssMiB).filter((x): x is number => x !== null);
  return {
    runs: samples.length, cpu, wall: median(samples.map((s) => s.wall)),
    rssMiB: rss.length ? Math.max(...rss) : null, cpuPerEntryMs: (cpu / entries) * 1000, samples,
  };
}
