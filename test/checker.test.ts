/**
 * Checker fixtures: each test/fixtures/checker/<case>/ holds content files that are laid
 * over the fixture site (an optional delete.txt lists base files to remove first), and
 * expected.txt with the exact lines the checker prints for the case, errors and warnings,
 * in order (the base site's own warning is left out). Adding a case is adding a folder.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSite } from "../scripts/io/load.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
import { FIXTURE_ROOT } from "./support/content.ts";
import { tempDir } from "./support/build.ts";

const DIR = fileURLToPath(new URL("./fixtures/checker/", import.meta.url));
// One clock for every case: "after today" means after this day.
process.env.FACTSHEET_TODAY = "2026-12-02";

function check(root: string): string[] {
  return loadSite(root, { git: false }).problems.map(formatProblem);
}

const baseRoot = tempDir("check-base");
cpSync(join(FIXTURE_ROOT, "content"), join(baseRoot, "content"), { recursive: true });
const base = new Set(check(baseRoot));
rmSync(baseRoot, { recursive: true, force: true });

for (const name of readdirSync(DIR).sort()) {
  test(`checker fixture: ${name}`, () => {
    const root = tempDir(`check-${name}`);
    try {
      cpSync(join(FIXTURE_ROOT, "content"), join(root, "content"), { recursive: true });
      const del = join(DIR, name, "delete.txt");
      if (existsSync(del)) for (const f of readFileSync(del, "utf8").split("\n").filter(Boolean)) rmSync(join(root, f));
      cpSync(join(DIR, name, "content"), join(root, "content"), { recursive: true });
      const actual = check(root).filter((l) => !base.has(l));
      const expected = readFileSync(join(DIR, name, "expected.txt"), "utf8").trim().split("\n");
      assert.deepEqual(actual, expected);
      assert.ok(!existsSync("/tmp/factsheet-canary"), "front matter code ran");
    } finally { rmSync(root, { recursive: true, force: true }); }
  });
}
