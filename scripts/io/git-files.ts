/**
 * Whether git tracks anything under .cache/ in the project at `root`. Without git (a
 * tarball, no repository) nothing is tracked, so the answer is false.
 */
import { execFileSync } from "node:child_process";

export function trackedCacheFiles(root: string): boolean {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--", ".cache"], {
      cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 16 * 1024 * 1024,
    });
    return out.length > 0;
  } catch {
    return false;
  }
}
