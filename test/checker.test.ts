/**
 * Checker fixtures: each test/fixtures/checker/<case>/ holds content files that are laid
 * over the fixture site, and expected.txt with the exact error lines the checker prints.
 * Adding a case is adding a folder.
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

for (const name of readdirSync(DIR).sort()) {
  test(`checker fixture: ${name}`, () => {
    const root = tempDir(`check-${name}`);
    try {
      cpSync(join(FIXTURE_ROOT, "content"), join(root, "content"), { recursive: true });
      cpSync(join(DIR, name, "content"), join(root, "content"), { recursive: true });
      const { problems } = loadSite(root, { git: false });
      const actual = problems.filter((p) => p.severity === "error").map(formatProblem);
      const expected = readFileSync(join(DIR, name, "expected.txt"), "utf8").trim().split("\n");
      assert.deepEqual(actual, expected);
      assert.ok(!existsSync("/tmp/factsheet-canary"), "front matter code ran");
    } finally { rmSync(root, { recursive: true, force: true }); }
  });
}
