/**
 * Fork guard: fails a pull request from a fork that changes anything a contributor's
 * content may not (see scripts/lib/guard.ts for the rule).
 *
 *   IS_FORK=true tsx scripts/cli/guard.ts --base <commit> --head <commit>
 *
 * Compares the pull request's own changes (from the merge base of <base> and <head> to
 * <head>, as GitHub's "Files changed" tab does), so commits that landed on main after
 * the branch was cut are not blamed on it. CI runs this file from the base commit, never
 * from the pull request, so a fork cannot edit the guard that judges it.
 */
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { checkChangedPaths, type Change } from "../lib/guard.ts";
import { formatProblem, githubAnnotation, problem } from "../lib/problem.ts";

const USAGE = `usage: guard --base <commit> --head <commit> [--repo <dir>]

Refuses changes outside content/ in a pull request from a fork. Applies only when the
environment variable IS_FORK is "true" (CI sets it); otherwise it says so and exits 0.`;

/**
 * Parses `git diff --raw -z`: for each file a header
 * `:<old mode> <new mode> <old sha> <new sha> <status>` then NUL, then the path (two
 * paths for renames and copies, which --no-renames turns off), each ending in NUL.
 */
export function parseRawDiff(raw: string): Change[] {
  const fields = raw.split("\0");
  const changes: Change[] = [];
  let i = 0;
  while (i < fields.length) {
    const header = fields[i++]!;
    if (header === "") continue;
    const m = /^:(\d{6}) (\d{6}) [0-9a-f]+ [0-9a-f]+ ([A-Z])(\d*)$/.exec(header);
    if (!m) throw new Error(`unexpected line in git diff --raw output: ${JSON.stringify(header)}`);
    const [, oldMode, newMode, status] = m as unknown as [string, string, string, string];
    const paths = status === "R" || status === "C" ? 2 : 1;
    for (let p = 0; p < paths; p++) {
      const path = fields[i++];
      if (path === undefined) throw new Error("git diff --raw output ended in the middle of an entry");
      // A deleted file has mode 000000 after the change: judge the file that was there.
      changes.push({ path, status, mode: status === "D" ? oldMode : newMode });
    }
  }
  return changes;
}

function git(repo: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A path from a fork may hold newlines or `::`; never let it reach the log raw. */
const printable = (path: string) =>
  /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;

export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  let values: { base?: string; head?: string; repo?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        repo: { type: "string", default: "." },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`guard: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (env.IS_FORK !== "true") {
    console.log("fork guard: this pull request is not from a fork (IS_FORK is not \"true\"), so the guard does not apply");
    return 0;
  }
  const { base, head, repo = "." } = values;
  if (!base || !head) {
    console.error(`guard: --base and --head are required\n\n${USAGE}`);
    return 2;
  }
  for (const rev of [base, head]) {
    if (rev.startsWith("-")) {
      console.error(`guard: "${rev}" is not a commit`);
      return 2;
    }
  }

  let raw: string;
  try {
    raw = git(repo, ["diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--end-of-options", `${base}...${head}`, "--"]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    console.error(`guard: git diff ${base}...${head} failed${stderr ? `: ${stderr}` : ""}`);
    console.error("guard: both commits must be present: check out with fetch-depth: 0");
    return 2;
  }

  const changes = parseRawDiff(raw);
  const result = checkChangedPaths(changes);
  const annotate = env.GITHUB_ACTIONS === "true";
  for (const p of result.problems) {
    const located = problem(printable(p.path), 1, 1, "fork-guard", p.message);
    console.log(formatProblem(located));
    if (annotate) console.log(githubAnnotation(located));
  }
  if (!result.ok) {
    const n = result.problems.length;
    console.error(`fork guard: ${n} path${n === 1 ? "" : "s"} refused`);
    return 1;
  }
  console.log(`fork guard: ${changes.length} changed path${changes.length === 1 ? "" : "s"}, all Markdown or YAML under content/`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
