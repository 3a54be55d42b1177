/**
 * Fork guard: fails a pull request from a fork that changes anything a contributor's
 * content may not (see scripts/lib/guard.ts for the rule).
 *
 *   IS_FORK=true tsx scripts/cli/guard.ts --base <commit> --head <commit>
 *
 * Judges what the merge would really change: the tree `git merge-tree --write-tree`
 * makes from <base> and <head>, compared with <base>. A history with more than one merge
 * base (criss-cross merges) is refused outright: `base...head` would silently pick one
 * base, and a merge that reverts a maintainer's code could pass as "content only".
 * Commits dated after the guard's clock are refused too: history dates are not trusted.
 * Every path is printed JSON-quoted, so no name can start a line with "::" (GitHub trims
 * leading spaces before it looks for workflow commands). CI runs this file from the base
 * branch (guard.yml, pull_request_target), so a fork cannot edit the guard that judges it.
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

/**
 * Any string from a fork (a path, a commit's date) printed as JSON: it starts with `"`,
 * and control and invisible characters are escaped, so it never starts or splits a line.
 */
export const quoted = (s: string) => JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Allowance for clock drift between the contributor's machine and the runner. */
export const FUTURE_SLACK_SECONDS = 15 * 60;

/** Commits of head not in base whose author or committer date is after `now` (seconds). */
export function futureCommits(log: string, now: number): { sha: string; date: number }[] {
  const out: { sha: string; date: number }[] = [];
  for (const line of log.split("\n")) {
    const m = /^([0-9a-f]{40}) (\d+) (\d+)$/.exec(line.trim());
    if (!m) continue;
    const date = Math.max(Number(m[2]), Number(m[3]));
    if (date > now + FUTURE_SLACK_SECONDS) out.push({ sha: m[1]!, date });
  }
  return out;
}

function gitError(what: string, error: unknown): number {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  console.error(`guard: ${what} failed${stderr ? `: ${quoted(stderr.split("\n")[0]!)}` : ""}`);
  console.error("guard: both commits must be present: check out with fetch-depth: 0 and fetch the pull request's head");
  return 2;
}

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

  let bases: string[];
  let tree: string;
  let raw: string;
  let log: string;
  try {
    bases = git(repo, ["merge-base", "--all", "--end-of-options", base, head]).split("\n").filter(Boolean);
  } catch (error) {
    return gitError(`git merge-base ${base} ${head}`, error);
  }
  if (bases.length !== 1) {
    const why = bases.length === 0 ? "shares no history with the base branch" : `has ${bases.length} merge bases with the base branch (criss-cross merges)`;
    console.log(formatProblem(problem(quoted(head), 1, 1, "fork-guard", `the pull request ${why}, so what it changes cannot be judged reliably: rebase it onto the base branch (git rebase) and push again`)));
    return 1;
  }
  try {
    // What main would hold after the merge; a conflict (exit 1) is refused below.
    tree = git(repo, ["merge-tree", "--write-tree", "--no-messages", base, head]).split("\n")[0]!.trim();
  } catch (error) {
    if ((error as { status?: number }).status === 1) {
      console.log(formatProblem(problem(quoted(head), 1, 1, "fork-guard", "the pull request does not merge cleanly with the base branch: rebase it and resolve the conflicts")));
      return 1;
    }
    return gitError(`git merge-tree ${base} ${head}`, error);
  }
  try {
    raw = git(repo, ["diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--end-of-options", base, tree, "--"]);
    log = git(repo, ["log", "--format=%H %at %ct", "--end-of-options", `${base}..${head}`, "--"]);
  } catch (error) {
    return gitError(`git diff ${base} ${tree}`, error);
  }

  const changes = parseRawDiff(raw);
  const result = checkChangedPaths(changes);
  const annotate = env.GITHUB_ACTIONS === "true";
  for (const p of result.problems) {
    console.log(formatProblem(problem(quoted(p.path), 1, 1, "fork-guard", p.message)));
    // An annotation line starts with our "::"; its file property is escaped by githubAnnotation.
    if (annotate) console.log(githubAnnotation(problem(p.path, 1, 1, "fork-guard", p.message)));
  }
  const now = Math.floor(Number(env.GUARD_NOW_SECONDS ?? Date.now() / 1000));
  const future = futureCommits(log, now);
  for (const c of future) {
    const located = problem(quoted(c.sha), 1, 1, "future-date", `commit ${c.sha.slice(0, 12)} is dated ${new Date(c.date * 1000).toISOString()}, after the guard's clock (${new Date(now * 1000).toISOString()}): fix the computer's clock and recommit (git commit --amend --reset-author --no-edit)`);
    console.log(formatProblem(located));
    if (annotate) console.log(githubAnnotation(located));
  }
  if (future.length && result.ok) {
    console.error(`fork guard: ${future.length} commit${future.length === 1 ? "" : "s"} dated in the future`);
    return 1;
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
