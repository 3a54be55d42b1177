/**
 * FACTSHEET_MEMORY_LOG=1 prints the process's memory at each build stage to stderr
 * ("memory: <stage>: rss ... heap ..."), so a contributor can see which stage holds what
 * at scale without a profiler. Off by default: it reads process.memoryUsage(), which is cheap
 * but not free, and its lines are not part of a build's output.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const on = process.env.FACTSHEET_MEMORY_LOG === "1";
const mib = (b: number) => `${Math.round(b / 1048576)} MiB`;

// The highest RSS and heap seen since the last mark, sampled while a stage runs.
let peak = { rss: 0, heap: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, m.rss), heap: Math.max(peak.heap, m.heapUsed) };
  return m;
};
if (on) setInterval(sample, 100).unref();

export function memoryMark(stage: string): void {
  if (!on) return;
  const m = sample();
  process.stderr.write(`memory: ${stage}: rss ${mib(m.rss)} (peak ${mib(peak.rss)}), heap ${mib(m.heapUsed)} (peak ${mib(peak.heap)}), external ${mib(m.external + m.arrayBuffers)}\n`);
  peak = { rss: 0, heap: 0 };
}

let gc: (() => void) | undefined;
/**
 * A full garbage collection, between the build's Eleventy runs: each run's pages are garbage
 * once written, but V8 grows its heap toward the default limit (several GiB) before it
 * collects, so without this the batches' garbage piles up and the peak is no lower. One
 * collection per batch costs a fraction of a second. V8 exposes gc() only behind a flag; it
 * can be set at run time and the function taken from a fresh context.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}
