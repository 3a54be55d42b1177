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

export function sortProblems(list: Problem[]): Problem[] {
  return [...list].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
}

export const hasErrors = (list: Problem[]) => list.some((p) => p.severity === "error");

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** ` (did you mean "x"?)` when a known id is close, else "". */
export function didYouMean(wrong: string, known: Iterable<string>): string {
  let best = "";
  let bestScore = Infinity;
  for (const k of known) {
    // A prefix of a known id ("nbc-2025" for "nbc-2025-02-15") is the likeliest slip.
    const d = k.startsWith(wrong) || wrong.startsWith(k) ? 1 : distance(wrong, k);
    if (d < bestScore) { bestScore = d; best = k; }
  }
  const limit = Math.max(2, Math.floor(wrong.length / 3));
  return best && bestScore <= limit ? ` (did you mean "${best}"?)` : "";
}
