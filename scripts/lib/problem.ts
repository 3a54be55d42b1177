/**
 * A located problem in content. Every check in the project reports through this one
 * shape, so the checker, the build and the dev server print the same lines.
 */
import { printable } from "./yaml-safe.ts";

export type Severity = "error" | "warning";

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function problem(
  file: string, line: number, column: number, rule: string, message: string,
  severity: Severity = "error",
): Problem {
  return { file, line, column, severity, rule, message };
}

/**
 * `content/facts/x.md:12:5  error  [unknown-source]  message`. Control characters are
 * escaped once more here: one problem is one line, and CI treats "::" lines as commands.
 */
export function formatProblem(p: Problem): string {
  return `${printable(p.file)}:${p.line}:${p.column}  ${p.severity}  [${p.rule}]  ${printable(p.message)}`;
}

/** GitHub workflow command, so the problem shows on the pull request's line. */
export function githubAnnotation(p: Problem): string {
  const esc = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const prop = (s: string) => esc(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return `::${p.severity} file=${prop(printable(p.file))},line=${p.line},col=${p.column},title=${prop(p.rule)}::${esc(printable(p.message))}`;
}

/** An output step that failed because of one content file: the build prints it as a problem. */
export class ContentError extends Error {
  constructor(readonly file: string, readonly rule: string, message: string) { super(message); }
}

export function sortProblems(list: Problem[]): Problem[] {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
}

export const hasErrors = (list: Problem[]) => list.some((p) => p.severity === "error");

/** Hints are computed only for ids up to this length; ids are slugs of at most 100 characters. */
export const HINT_MAX_LENGTH = 100;
/** At most this many known ids are compared per hint (those of a similar length only). */
export const HINT_MAX_CANDIDATES = 2000;
/** At most this many different wrong ids get a hint per list of known ids; repeats are remembered. */
export const HINT_MAX_PER_LIST = 200;

/** Cells of the distance table filled so far, for tests that count work. */
export const hintStats = { cells: 0 };

/** Levenshtein distance, for "did you mean" hints; gives up (Infinity) once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      low = Math.min(low, row[j]!);
      prev = cur;
    }
    hintStats.cells += b.length;
    if (low > limit) return Infinity;
  }
  return row[b.length]!;
}

const memo = new WeakMap<object, Map<string, string>>();

/**
 * ` (did you mean "x"?)` when a known id is close, else "". Bounded whatever the input:
 * long ids get no hint, only ids of a similar length are compared and at most
 * HINT_MAX_CANDIDATES of them, and a list (pass the Map or Set itself, so answers are
 * remembered per run) answers at most HINT_MAX_PER_LIST different ids.
 */
export function didYouMean(wrong: string, known: Iterable<string> | ReadonlyMap<string, unknown> | ReadonlySet<string>): string {
  if (wrong.length === 0 || wrong.length > HINT_MAX_LENGTH) return "";
  const list = known instanceof Map || known instanceof Set ? known : undefined;
  const cache = list ? memo.get(list) ?? new Map<string, string>() : undefined;
  if (list && cache) {
    memo.set(list, cache);
    const seen = cache.get(wrong);
    if (seen !== undefined) return seen;
    if (cache.size >= HINT_MAX_PER_LIST) return "";
  }
  const limit = Math.max(2, Math.floor(wrong.length / 3));
  let best = "";
  let bestScore = Infinity;
  let compared = 0;
  const ids = known instanceof Map ? known.keys() : (known as Iterable<string>);
  for (const k of ids) {
    // A prefix of a known id ("nbc-2025" for "nbc-2025-02-15") is the likeliest slip.
    if (k.startsWith(wrong) || wrong.startsWith(k)) { if (1 < bestScore) { bestScore = 1; best = k; } continue; }
    if (Math.abs(k.length - wrong.length) > limit) continue;
    if (++compared > HINT_MAX_CANDIDATES) break;
    const d = distance(wrong, k, Math.min(limit, bestScore));
    if (d < bestScore) { bestScore = d; best = k; }
  }
  const hint = best && bestScore <= limit ? ` (did you mean "${best}"?)` : "";
  cache?.set(wrong, hint);
  return hint;
}
