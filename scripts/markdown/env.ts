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
  /** Figures placed inline with {{< fig >}}, so the page adds their preview boxes. */
  usedFigures?: string[];
  /** Line range of the block being parsed inline (set by our inline core rule). */
  map?: [number, number] | null;
  /** markdown-it-footnote prefixes its ids with this. */
  docId?: string;
  /** Set by `report`: the body's lines (split once per body) and where the last problem was found. */
  locator?: Locator;
}

/**
 * Finds problems' places in one body. Inline rules report in reading order, so each
 * search starts where the previous one in the same block ended: the body is split once
 * and scanned about once, however many problems it has (one split per problem, or a
 * search from the block's start each time, made a body of many problems quadratic).
 * A needle not found from the cursor (it is not in the source as written, or was
 * reported out of order) is looked for once more from the block's start, for the first
 * MAX_MISSES misses of a body; after that a problem is placed at the cursor unsearched.
 */
export interface Locator { lines: string[]; block: number; line: number; column: number; misses: number }
export const MAX_MISSES = 50;

/** Lines of the body compared against needles by `report`, for tests that count work. */
export const locatorStats = { linesScanned: 0 };

function locator(env: BodyEnv): Locator {
  return (env.locator ??= { lines: env.body.split("\n"), block: -1, line: 0, column: 0, misses: 0 });
}

function scan(loc: Locator, needle: string, fromLine: number, fromColumn: number, to: number): [number, number] | undefined {
  for (let i = fromLine; i < to; i++) {
    locatorStats.linesScanned++;
    const c = loc.lines[i]!.indexOf(needle, i === fromLine ? fromColumn : 0);
    if (c >= 0) return [i, c];
  }
  return undefined;
}

/** Reports a problem at `needle` inside the current block, as a line:column of the file. */
export function report(env: BodyEnv, needle: string, rule: string, message: string): void {
  const loc = locator(env);
  const from = Math.min(env.map?.[0] ?? 0, loc.lines.length);
  const to = Math.min(env.map?.[1] ?? loc.lines.length, loc.lines.length);
  if (loc.block !== from || loc.line < from) Object.assign(loc, { block: from, line: from, column: 0 });
  let hit = loc.misses < MAX_MISSES ? scan(loc, needle, loc.line, loc.column, to) : undefined;
  if (!hit && loc.misses < MAX_MISSES) {
    loc.misses++;
    if (loc.line > from || loc.column > 0) hit = scan(loc, needle, from, 0, to);
  }
  const [line, column] = hit ?? [loc.line, loc.column];
  if (hit) Object.assign(loc, { line, column: column + needle.length });
  env.problems.push(problem(env.file, env.bodyLine + line, column + 1, rule, message));
}

/** markdown-it types `env` loosely; ours is always a BodyEnv. */
export const asEnv = (env: unknown) => env as BodyEnv;
