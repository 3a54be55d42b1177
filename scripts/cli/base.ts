/**
 * `check --base <ref>`: content/ at that revision against the work tree. Adds the
 * [correction-needed], [fact-removed] and [correction-removed] rules, and prints what
 * the change means for readers; under GitHub Actions the same summary, as Markdown, is
 * appended to the job summary ($GITHUB_STEP_SUMMARY).
 */
import { appendFileSync } from "node:fs";
import { loadContent } from "../lib/loader.ts";
import { diffContent } from "../lib/content-diff.ts";
import { baseProblems } from "../lib/base-check.ts";
import { summaryMarkdown, summaryText } from "../lib/change-summary.ts";
import { sortProblems, type Problem } from "../lib/problem.ts";
import { printable } from "../lib/yaml-safe.ts";
import { readRevision, resolveRevision } from "../io/git-content.ts";
import type { Loaded } from "../io/load.ts";
import { today } from "../io/clock.ts";

export function compareWithBase(root: string, dir: string, ref: string, loaded: Loaded): Problem[] {
  const commit = resolveRevision(root, ref);
  if (!commit) {
    process.stderr.write(`check: --base "${printable(ref)}" is not a commit in this clone: fetch it first (in GitHub Actions, actions/checkout with fetch-depth: 0)\n`);
    process.exit(2);
  }
  const old = loadContent(readRevision(root, commit, dir));
  const broken = new Set(old.problems.filter((p) => p.severity === "error").map((p) => p.file));
  if (broken.size) process.stdout.write(`note: ${broken.size} file${broken.size === 1 ? "" : "s"} at ${printable(ref)} did not load; facts in them count as new\n`);
  const changes = diffContent(old.content, loaded.content!);
  const problems = baseProblems(changes, old.content, loaded.content!, new Set((loaded.files ?? []).map((f) => f.path)), today());
  process.stdout.write(summaryText(changes, ref));
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFileSync(summaryFile, summaryMarkdown(changes, ref));
  return sortProblems([...loaded.problems, ...problems]);
}
