/**
 * Builds go to a fresh sibling folder that replaces the output only on success, so a
 * failed build leaves the previous site exactly as it was.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export async function writeAtomically(target: string, build: (tmpDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(target);
  const tmp = mkdtempSync(join(parent, `${basename(target)}.tmp-`));
  // `finally`, not `catch`: whatever happens (an exception, a rejected child process),
  // the temporary folder goes; after a successful swap it no longer exists.
  try {
    await build(tmp);
    const old = `${target}.old-${process.pid}`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
