/** "Suggest a correction": the prefilled issue-form address, and the repository it points at. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { CORRECTION_FORM, CORRECTION_PAGE_FIELD, correctionUrl, effectiveRepository, isPlaceholderRepository } from "../scripts/lib/correction-link.ts";

const REPO = join(import.meta.dirname, "..");

test("the form the link names exists and has the field the link fills", () => {
  const form = parseYaml(readFileSync(join(REPO, ".github/ISSUE_TEMPLATE", CORRECTION_FORM), "utf8")) as { body: { id?: string; type: string }[] };
  const ids = form.body.filter((b) => b.type !== "markdown").map((b) => b.id);
  assert.ok(ids.includes(CORRECTION_PAGE_FIELD), `${CORRECTION_FORM} has no field with id "${CORRECTION_PAGE_FIELD}" (ids: ${ids.join(", ")})`);
});

test("the link opens the correction form with the fact's title and address, encoded", () => {
  const url = new URL(correctionUrl("https://github.com/org/sheet/", { title: "50% & \"more\"\n  #1", page: "https://org.github.io/sheet/facts/x/" }));
  assert.equal(url.origin + url.pathname, "https://github.com/org/sheet/issues/new");
  assert.equal(url.searchParams.get("template"), "correction.yml");
  assert.equal(url.searchParams.get("title"), "Correction: 50% & \"more\" #1");
  assert.equal(url.searchParams.get("page"), "https://org.github.io/sheet/facts/x/");
  assert.deepEqual([...url.searchParams.keys()], ["template", "title", "page"]);
  assert.equal(correctionUrl("https://github.com/org/sheet"), "https://github.com/org/sheet/issues/new?template=correction.yml");
});

test("the deploy's repository replaces only the placeholder", () => {
  assert.equal(isPlaceholderRepository("https://github.com/example/us-ukraine-minerals"), true);
  assert.equal(isPlaceholderRepository("https://github.com/kyiv-desk/us-ukraine-minerals"), false);
  assert.equal(effectiveRepository("https://github.com/example/x", "https://github.com/real/x"), "https://github.com/real/x");
  assert.equal(effectiveRepository("https://github.com/chosen/x", "https://github.com/real/x"), "https://github.com/chosen/x");
  assert.equal(effectiveRepository("https://github.com/example/x", ""), "https://github.com/example/x");
  assert.equal(effectiveRepository("https://github.com/example/x", undefined), "https://github.com/example/x");
  // Not a repository address: ignored rather than written into every page.
  assert.equal(effectiveRepository("https://github.com/example/x", "javascript:alert(1)"), "https://github.com/example/x");
});
