/**
 * A throwaway checkout of the project for hostile tests: the sample site's content and
 * templates copied into a temporary folder (as a fork's pull request would arrive), with
 * the project's own scripts and node_modules linked in, so the real `check` and `build`
 * commands run on it exactly as CI runs them. Hostile fixtures are then placed in it.
 * Node resolves the linked scripts to their real paths, so build.ts and .eleventy.js
 * share one plugin module, as in a real checkout.
 */
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtureBytes } from "./fixture.ts";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
/** Every exploit in the fixtures writes a file whose name starts with this. */
export const CANARY_DIR = "/tmp";
export const CANARY_PREFIX = "factsheet-pwned-";

/** How one fixture enters the site: where it goes, and how its bytes are written. */
export interface Placement {
  /** `group/name` under test/hostile/fixtures/; omit for a symlink. */
  fixture?: string;
  /** Path under content/, e.g. "facts/x.md". */
  to: string;
  eol?: "lf" | "crlf";
  /** Append to the file already at `to` (sources.yaml, topics.yaml) instead of adding one. */
  append?: boolean;
  /** Create `to` as a symbolic link to this target instead. */
  symlink?: string;
}

/** The sample content as git tracks it: other tests may leave files in content/ for a while. */
function trackedContent(): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z", "content"], { cwd: REPO, encoding: "utf8" }).split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

export function makeSite(placements: Placement[] = []): string {
  const root = mkdtempSync(join(tmpdir(), "factsheet-hostile-"));
  // Templates and config as they are now, to match the scripts linked in below.
  for (const f of ["templates", ".eleventy.js", "package.json"]) cpSync(join(REPO, f), join(root, f), { recursive: true });
  const content = trackedContent();
  if (content.length === 0) cpSync(join(REPO, "content"), join(root, "content"), { recursive: true });
  for (const f of content) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    cpSync(join(REPO, f), join(root, f));
  }
  symlinkSync(join(REPO, "scripts"), join(root, "scripts"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  for (const p of placements) place(root, p);
  return root;
}

export function place(root: string, p: Placement): void {
  const target = join(root, "content", p.to);
  mkdirSync(dirname(target), { recursive: true });
  if (p.symlink) symlinkSync(p.symlink, target);
  else if (p.append) appendFileSync(target, fixtureBytes(p.fixture!, p.eol));
  else writeFileSync(target, fixtureBytes(p.fixture!, p.eol));
}

export function removeSite(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface Run { code: number | null; stdout: string; stderr: string }

/**
 * Runs `scripts/cli/<command>.ts` in the site, as `npm run <command>` would. The timeout
 * is generous on purpose: it only turns a hang (pathological input) into a failure.
 */
export function runCli(root: string, command: "check" | "build", args: string[] = [], timeoutMs = 120_000): Promise<Run> {
  // The full build, whatever the caller's environment: every output a reader gets is under test.
  const env = { ...process.env };
  for (const name of ["GITHUB_ACTIONS", "PATH_PREFIX", "SITE_URL", "FACTSHEET_SOCIAL_IMAGES", "FACTSHEET_SEARCH_INDEX"]) delete env[name];
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", `scripts/cli/${command}.ts`, "--root", root, ...args],
      { cwd: root, env, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

/** `path:line:col  severity  [rule]` of every problem line a command printed (message dropped). */
export function locatedProblems(output: string): string[] {
  return output.split("\n").map((l) => /^(\S.*?:\d+:\d+  (?:error|warning)  \[[a-z0-9-]+\])  /.exec(l)?.[1]).filter((l): l is string => !!l);
}

/** Every file and link under `dir` (not following links) with a content hash, for before/after comparison. */
export function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      if (skip(child)) continue;
      const full = join(dir, child);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.set(child, `link:${readlinkSync(full)}`);
      else if (st.isDirectory()) { out.set(child + "/", "dir"); walk(child); }
      else out.set(child, createHash("sha256").update(readFileSync(full)).digest("hex"));
    }
  };
  walk("");
  return out;
}

/** Canary files that a successful exploit would have left behind. */
export function canaries(): string[] {
  if (!existsSync(CANARY_DIR)) return [];
  return readdirSync(CANARY_DIR).filter((n) => n.startsWith(CANARY_PREFIX)).map((n) => join(CANARY_DIR, n));
}

export function clearCanaries(): void {
  for (const c of canaries()) rmSync(c, { force: true, recursive: true });
}
