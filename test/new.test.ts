/** `npm run new`: creates skeletons, refuses to overwrite, and the filled result passes the checker. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { runCli, tempDir, REPO } from "./support/build.ts";
import { slugify } from "../scripts/lib/scaffold.ts";

test("slugify makes file names from titles", () => {
  assert.equal(slugify("Trump asks for $500 billion"), "trump-asks-for-500-billion");
  assert.equal(slugify("  Zelenskyy: «Ми не продаємо» — Ünïcode! "), "zelenskyy-unicode");
  assert.equal(slugify("!!!"), "");
  // An apostrophe joins a word: not "zelenskyy-s-plan".
  assert.equal(slugify("Zelenskyy's plan"), "zelenskyys-plan");
  assert.equal(slugify("Ukraine\u2019s minerals"), "ukraines-minerals");
  assert.equal(slugify("'quoted' words"), "quoted-words");
});

test("new fact and new source write skeletons that the checker accepts once filled", () => {
  const root = tempDir("new");
  try {
    cpSync(join(REPO, "test/fixtures/site-min/content"), join(root, "content"), { recursive: true });
    const r = runCli("new.ts", ["--root", root, "--date", "2025-03-01", "fact", "Cabinet approves the agreement"]);
    assert.equal(r.status, 0, r.stderr);
    const path = join(root, "content/facts/cabinet-approves-the-agreement.md");
    const text = readFileSync(path, "utf8");
    assert.match(text, /^title: "Cabinet approves the agreement"/m);
    // The date is a placeholder, never today: a fact's date is when it happened.
    assert.match(text, /^date: TODO-YYYY-MM-DD /m);
    // Unfilled placeholders are errors, so a skeleton cannot be published by accident.
    const unfilled = runCli("check.ts", ["--root", root]);
    assert.equal(unfilled.status, 1);
    assert.match(unfilled.stderr, /cabinet-approves-the-agreement\.md:\d+:\d+  error  \[placeholder\]  "TODO-choose" is a placeholder: choose one of: proposed, /);

    const again = runCli("new.ts", ["--root", root, "fact", "Cabinet approves the agreement"]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);

    const src = runCli("new.ts", ["--root", root, "--date", "2025-03-01", "source", "unn-2025-03-04"]);
    assert.equal(src.status, 0, src.stderr);
    assert.equal(runCli("new.ts", ["--root", root, "source", "unn-2025-03-04"]).status, 1);
    assert.equal(runCli("new.ts", ["--root", root, "source", "Bad Id"]).status, 1);

    // Fill in the placeholders the way CONTRIBUTING.md says, and the checker passes.
    writeFileSync(path, text.replace("TODO-YYYY-MM-DD", "2025-02-26").replace("TODO-choose", "confirmed").replace("[TODO-topic]", "[deal-terms]")
      .replace(/TODO one or two[^\n]*\n[^\n]*\n/, "The Cabinet approved signing the agreement.\n")
      .replace("[@source-id]", "[@unn-2025-03-04]").replace(/Show a figure[^\n]*\n/, ""));
    const sources = readFileSync(join(root, "content/sources.yaml"), "utf8")
      .replace('"TODO the headline exactly as the page gives it"', "Ukraine is ready to sign")
      .replace("TODO Publisher", "UNN").replace("TODO-copy-the-address-from-the-browser", "https://unn.ua/en/news/x");
    writeFileSync(join(root, "content/sources.yaml"), sources);
    const filled = runCli("check.ts", ["--root", root]);
    assert.equal(filled.status, 0, filled.stderr + relative(REPO, root));
  } finally { rmSync(root, { recursive: true, force: true }); }
});
