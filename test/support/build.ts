/** Runs the real CLI commands in a child process, as a contributor or CI would. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(REPO, "node_modules", ".bin", "tsx");

export interface Run { status: number | null; stdout: string; stderr: string }

export function runCli(script: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(TSX, [join(REPO, "scripts", "cli", script), ...args], {
    cwd: REPO, encoding: "utf8", env: { ...process.env, FACTSHEET_SOCIAL_IMAGES: "0", ...env }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `factsheet-${name}-`));
}

/** Builds the repo's content (or another content dir, relative to the repo) into a fresh folder. */
export function buildInto(out: string, args: string[] = [], env: Record<string, string> = {}): Run {
  return runCli("build.ts", ["--output", out, "--quiet", ...args], env);
}

/** Every file under a folder, path -> bytes, for comparing two outputs. */
export function snapshotDir(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}
