/**
 * A throwaway project for history tests: the fixture site's content and the templates
 * copied into a temporary folder that is its own git repository, with the project's
 * scripts and node_modules linked in (only content/ is ever committed). Commits take
 * explicit dates, so back-dated and forward-dated history is easy to make.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));

export interface Project {
  root: string;
  read(path: string): string;
  write(path: string, text: string): void;
  /** Replaces the first occurrence of `from` in a file (fails loudly when it is absent). */
  edit(path: string, from: string, to: string): void;
  move(from: string, to: string): void;
  remove(path: string): void;
  /** Commits everything under content/ with this date (ISO, e.g. 2026-11-01T12:00:00Z). */
  commit(message: string, date: string): string;
  git(...args: string[]): string;
  /** Runs scripts/cli/<name>.ts in the project. */
  run(name: "check" | "build", args?: string[], env?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
  close(): void;
}

export function makeProject(): Project {
  const root = mkdtempSync(join(tmpdir(), "factsheet-history-"));
  for (const f of ["templates", ".eleventy.js", "package.json"]) cpSync(join(REPO, f), join(root, f), { recursive: true });
  cpSync(join(REPO, "test/fixtures/site-min/content"), join(root, "content"), { recursive: true });
  symlinkSync(join(REPO, "scripts"), join(root, "scripts"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  const git = (...args: string[]) => execFileSync("git", args, {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
  });
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Test");
  git("config", "user.email", "test@example.org");
  const abs = (p: string) => join(root, p);
  const p: Project = {
    root,
    read: (path) => readFileSync(abs(path), "utf8"),
    write(path, text) { mkdirSync(dirname(abs(path)), { recursive: true }); writeFileSync(abs(path), text); },
    edit(path, from, to) {
      const text = p.read(path);
      if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
      p.write(path, text.replace(from, to));
    },
    move(from, to) { mkdirSync(dirname(abs(to)), { recursive: true }); renameSync(abs(from), abs(to)); },
    remove(path) { rmSync(abs(path)); },
    commit(message, date) {
      git("add", "-A", "content");
      execFileSync("git", ["commit", "-q", "--allow-empty", "-m", message], {
        cwd: root, stdio: "ignore",
        env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git("rev-parse", "HEAD").trim();
    },
    git,
    run(name, args = [], env = {}) {
      const clean = { ...process.env };
      for (const k of ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PATH_PREFIX", "SITE_URL", "FACTSHEET_TODAY"]) delete clean[k];
      const r = spawnSync(process.execPath, ["--import", "tsx", `scripts/cli/${name}.ts`, "--root", root, ...args], {
        cwd: root, encoding: "utf8", timeout: 180_000,
        env: { ...clean, FACTSHEET_SOCIAL_IMAGES: "0", FACTSHEET_SEARCH_INDEX: "0", ...env },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    close() { rmSync(root, { recursive: true, force: true }); },
  };
  return p;
}
