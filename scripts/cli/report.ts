/** Prints problems the same way everywhere: located lines, plus GitHub annotations in Actions. */
import { formatProblem, githubAnnotation, hasErrors, type Problem } from "../lib/problem.ts";

export function printProblems(problems: Problem[], out: (s: string) => void = (s) => process.stderr.write(s + "\n")): boolean {
  for (const p of problems) {
    out(formatProblem(p));
    if (process.env.GITHUB_ACTIONS === "true") out(githubAnnotation(p));
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length) out(`\n${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return hasErrors(problems);
}
