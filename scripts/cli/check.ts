/**
 * `npm run check`: every problem in content/, in one run, located; exit 1 on errors.
 * Usage: npm run check [-- --content <dir>] [--strict] [--base <git-ref>]
 * --strict: a quote not found at its source, or a dead source, is an error, not a warning.
 * --base: also compares content/ with that revision (see scripts/cli/base.ts).
 */
import { parseArgs } from "node:util";
import { loadSite } from "../io/load.ts";
import { printProblems } from "./report.ts";
import { strictProblems } from "../lib/verification-checks.ts";
import { compareWithBase } from "./base.ts";

const { values } = parseArgs({ options: {
  content: { type: "string", default: "content" }, root: { type: "string", default: process.cwd() },
  strict: { type: "boolean", default: false }, base: { type: "string" },
} });
const loaded = loadSite(values.root!, { contentDir: values.content, git: false });
const all = values.base === undefined ? loaded.problems : compareWithBase(values.root!, values.content!, values.base, loaded);
const failed = printProblems(values.strict ? strictProblems(all) : all);
if (failed) process.exit(1);
const view = loaded.view!;
process.stdout.write(`content ok: ${view.facts.length} facts, ${view.figures.length} figures, ${view.rawCharts.length} charts, ${view.sources.length} sources\n`);
