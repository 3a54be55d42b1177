/**
 * Fixture tests for the Markdown pipeline: each test/fixtures/markdown/<name>.md is
 * rendered with the fixture site's content and compared with <name>.html. A missing
 * .html is written (never when CI=true); a mismatch writes <name>-changed.html to diff.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { createMarkdown, renderBody } from "../scripts/markdown/index.ts";
import { PageCiter } from "../scripts/lib/citer.ts";
import { referencesHtml } from "../scripts/lib/references-markup.ts";
import { formatProblem, type Problem } from "../scripts/lib/problem.ts";
import { loadWith } from "./support/content.ts";

const DIR = fileURLToPath(new URL("./fixtures/markdown/", import.meta.url));
const { content } = loadWith();

function render(name: string, body: string) {
  const citer = new PageCiter();
  const problems: Problem[] = [];
  const env = { file: `${name}.md`, bodyLine: 1, body, content, citer, href: (p: string) => "/pre/" + p.slice(1), problems, placedCharts: [] as string[] };
  const out = renderBody(createMarkdown("/pre/"), env);
  const refs = referencesHtml(citer.refs.list, content.sources, new Map(), env.href);
  const problemText = problems.map((p) => `<!-- ${formatProblem(p)} -->`).join("\n");
  return [out.html, out.notesHtml, refs, problemText].filter(Boolean).join("\n");
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith(".md")).sort()) {
  const name = file.slice(0, -3);
  test(`markdown fixture: ${name}`, () => {
    const actual = render(name, readFileSync(join(DIR, file), "utf8"));
    const expectedPath = join(DIR, `${name}.html`);
    if (!existsSync(expectedPath)) {
      assert.notEqual(process.env.CI, "true", `${name}.html is missing: run the tests locally to write it, review it, commit it`);
      writeFileSync(expectedPath, actual);
      return;
    }
    const expected = readFileSync(expectedPath, "utf8");
    if (actual !== expected) writeFileSync(join(DIR, `${name}-changed.html`), actual);
    assert.equal(actual, expected, `see ${name}-changed.html`);
  });
}

test("no fixture output contains an executable script or handler", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".md"))) {
    const html = render(file, readFileSync(join(DIR, file), "utf8"));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.every((s) => s === '<script type="application/json" class="chart-data">'), `${file}: ${scripts.join(" ")}`);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, file);
    assert.doesNotMatch(html, /href="\s*(javascript|vbscript|data):/i, file);
    assert.doesNotMatch(html, /<(iframe|img|svg|object|embed)\b/i, file);
  }
});
