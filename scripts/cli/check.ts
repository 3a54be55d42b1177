/**
 * `npm run check`: every problem in content/, in one run, located; exit 1 on errors.
 * Usage: npm run check [-- --content <dir>] [--strict]
 * --strict: a quote not found at its source, or a dead source, is an error, not a warning.
 */
import { parseArgs } from "node:util";
import { loadSite } from "../io/load.ts";
import { printProblems } from "./report.ts";
import { strictProblems } from "../lib/verification-checks.ts";

const { values } = parseArgs({ options: { content: { type: "string", default: "content" }, root: { type: "string", default: process.cwd() }, strict: { type: "boolean", default: false } } });
const { view, problems } = loadSite(values.root!, { contentDir: values.content, git: false });
const failed = printProblems(values.strict ? strictProblems(problems) : problems);
if (failed) process.exit(1);
process.stdout.write(`content ok: ${view!.facts.length} facts, ${view!.figures.length} figures, ${view!.rawCharts.length} charts, ${view!.sources.length} sources\n`);
