/** Per-document state for the Markdown plugins: lives in markdown-it's `env`, never in modules. */
import type { Content } from "../lib/model.ts";
import type { Citer } from "../lib/citer.ts";
import { problem, type Problem } from "../lib/problem.ts";

export interface BodyEnv {
  [key: string]: unknown;
  file: string;
  /** Line of the file where the body starts, so problems point at file lines. */
  bodyLine: number;
  body: string;
  content: Content;
  citer: Citer;
  href: (path: string) => string;
  /** Absolute address maker (public base), for embed snippets; absent in tests that need none. */
  abs?: (path: string) => string;
  problems: Problem[];
  placedCharts: string[];
  /** Line range of the block being parsed inline (set by our inline core rule). */
  map?: [number, number] | null;
  /** markdown-it-footnote prefixes its ids with this. */
  docId?: string;
}

/** Reports a problem at `needle` inside the current block, as a line:column of the file. */
export function report(env: BodyEnv, needle: string, rule: string, message: string): void {
  const lines = env.body.split("\n");
  const from = env.map?.[0] ?? 0;
  const to = env.map?.[1] ?? lines.length;
  let line = from;
  let column = 1;
  for (let i = from; i < to; i++) {
    const c = lines[i]?.indexOf(needle) ?? -1;
    if (c >= 0) { line = i; column = c + 1; break; }
  }
  env.problems.push(problem(env.file, env.bodyLine + line, column, rule, message));
}

/** markdown-it types `env` loosely; ours is always a BodyEnv. */
export const asEnv = (env: unknown) => env as BodyEnv;
