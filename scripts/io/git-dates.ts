/**
 * "Last updated" for each content file from git history: one `git log` for the whole
 * folder rather than one per file. Without git (a tarball, a shallow CI clone) the map
 * is empty and pages fall back to the fact's own date, so builds stay deterministic.
 */
import { execFileSync } from "node:child_process";

export function gitDates(root: string, dir = "content"): Map<string, string> {
  const dates = new Map<string, string>();
  let out = "";
  try {
    out = execFileSync("git", ["log", "--format=%x00%cs", "--name-only", "--no-renames", "--", dir], {
      cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return dates;
  }
  let current = "";
  for (const line of out.split("\n")) {
    if (line.startsWith("\u0000")) current = line.slice(1);
    else if (line && current && !dates.has(line)) dates.set(line.replace(new RegExp(`^${dir}/`), "content/"), current);
  }
  return dates;
}
