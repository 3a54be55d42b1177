/** What the figures were measured on: they vary by machine; the ratios are what carry over. */
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { REPO, hugoVersion } from "./tools.ts";

export interface Machine { nproc: number; cpu: string; ramGiB: number; os: string; loadavg: number[] }

export function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch { /* not Linux */ }
  return {
    nproc: os.availableParallelism(), cpu, ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const pkg = (name: string) => {
  try { return (JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string }).version; } catch { return "missing"; }
};

export function versions(): Record<string, string> {
  return {
    node: process.version, eleventy: pkg("@11ty/eleventy"), nunjucks: pkg("nunjucks"), "markdown-it": pkg("markdown-it"),
    tsx: pkg("tsx"), pagefind: pkg("pagefind"), lighthouse: pkg("lighthouse"),
    hugo: hugoVersion()?.replace(/^hugo v?/, "").split(" ")[0] ?? "not installed",
  };
}
