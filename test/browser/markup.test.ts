/**
 * Valid HTML for every page the build writes, checked with html-validate and the
 * repository's .htmlvalidate.json: the `html-validate:recommended` preset with two
 * adjustments, for these reasons:
 *
 * - `doctype-style` is set to lowercase, not turned off: `<!doctype html>` is what the
 *   layout writes; the HTML standard makes the keyword case-insensitive, and the rule
 *   still requires one consistent spelling.
 * - `long-title` (a search-engine heuristic: <title> over 70 characters) is off: a
 *   page's title is its fact's title (up to 120 characters, DESIGN §1) followed by the
 *   site's name, so readers can tell tabs and bookmarks apart. Shortening it is an SEO
 *   choice for Lighthouse to weigh, not a validity problem.
 *
 * Everything else in the preset applies, including no-inline-style, no-dup-id,
 * prefer-native-element and the ARIA rules. Each problem is reported as
 * `page  line:column  selector  [rule]  message`.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { ROOT, buildAndServe, builtPages, pageFile, report, type BuiltSite } from "../support/site.ts";

let site: BuiltSite | undefined;

before(async () => {
  site = await buildAndServe({ socialImages: false });
});

after(async () => {
  await site?.close();
});

test(".htmlvalidate.json extends the recommended preset and adjusts only the two justified rules", () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
  assert.deepEqual(config.extends, ["html-validate:recommended"]);
  assert.deepEqual(Object.keys(config.rules ?? {}).sort(), ["doctype-style", "long-title"]);
});

test("every built page is valid HTML (html-validate:recommended)", async () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  const pages = builtPages(site!.dir);
  assert.ok(pages.length >= 10, `only ${pages.length} pages were built`);
  const problems: string[] = [];
  for (const page of pages) {
    const html = fs.readFileSync(pageFile(site!.dir, page), "utf8");
    const result = await validator.validateString(html, page);
    for (const m of result.results.flatMap((r) => r.messages)) {
      problems.push(`${page}  ${m.line}:${m.column}  ${m.selector ?? "document"}  [${m.ruleId}]  ${m.message}`);
    }
  }
  assert.equal(report(problems), "");
});

test("the validator is live: it rejects a page with a duplicate id and an inline style", async () => {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".htmlvalidate.json"), "utf8")) as ConfigData;
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  const html = fs.readFileSync(pageFile(site!.dir, "/"), "utf8").replace(/<main\b[^>]*>/, '$&<p id="main" style="color: red">x</p>');
  const result = await validator.validateString(html, "broken.html");
  const rules = new Set(result.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
  assert.ok(rules.has("no-dup-id") && rules.has("no-inline-style"), `got ${[...rules].join(", ")}`);
});
