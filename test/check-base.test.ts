/**
 * `npm run check -- --base <ref>` on temporary git repositories: a published figure
 * changed without a correction fails at the value's line; a correction passes; a
 * deleted fact fails; a rename does not; the job summary says it in readers' terms,
 * escaped; git work is bounded.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { makeProject } from "./support/project.ts";
import { readRevision, gitRuns } from "../scripts/io/git-content.ts";
import { markdownText } from "../scripts/lib/markdown-escape.ts";

const U = "content/facts/us-proposed-50-percent.md";
const T = "content/facts/trump-500-billion.md";
const TODAY = { FACTSHEET_TODAY: "2026-12-02" };
const p = makeProject();
after(() => p.close());
p.commit("initial", "2026-11-01T10:00:00Z");
const located = (out: string) => out.split("\n").filter((l) => /^\S+:\d+:\d+  error  \[/.test(l)).map((l) => l.split("  ").slice(0, 3).join("  "));

/** Runs one scenario from the initial commit, then puts the work tree back. */
function scenario(change: () => void, env: Record<string, string> = {}) {
  change();
  const summary = join(p.root, `summary-${Math.random().toString(36).slice(2)}.md`);
  const r = p.run("check", ["--base", "HEAD"], { ...TODAY, GITHUB_STEP_SUMMARY: summary, ...env });
  p.git("checkout", "-q", "--", "content");
  p.git("clean", "-fdq", "content");
  return { ...r, errors: located(r.stderr), summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
}

test("changing a published figure without a correction fails at the value's line", () => {
  const r = scenario(() => p.edit(U, "    value: 50\n", "    value: 40\n"));
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.errors, [`${U}:13:12  error  [correction-needed]`]);
  assert.match(r.stderr, /figure Proposed US ownership of Ukraine's rare earth resources changed from 50% to 40%, on a published fact: add a corrections entry \(date: 2026-12-02/);
  assert.match(r.stdout, /Facts changed \(1\):\n    - US proposed owning 50% of Ukraine's rare earth resources \(\/facts\/us-proposed-50-percent\/\)\n        figure Proposed US ownership of Ukraine's rare earth resources changed from 50% to 40%/);
  assert.match(r.summary, /^## What this pull request changes for readers$/m);
  assert.match(r.summary, /^### Facts changed \(1\)$/m);
  assert.match(r.summary, /^  - figure Proposed US ownership of Ukraine\\'s rare earth resources changed from 50\\% to 40\\%$/m);
});

test("adding a correction passes; status, source and quote changes need one too", () => {
  const ok = scenario(() => {
    p.edit(U, "    value: 50\n", "    value: 40\n");
    p.edit(U, "charts:", "corrections:\n  - date: 2026-12-02\n    note: The proposal was 40%, not 50%.\ncharts:");
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(ok.summary.includes("  - correction added\\, dated 2026\\-12\\-02\\: The proposal was 40\\%\\, not 50\\%\\.\n"), ok.summary);
  const more = scenario(() => {
    p.edit(T, "status: confirmed", "status: disputed");
    p.edit(T, "source: kyivpost-2025-02-11", "source: politico-2025-02-15");
    p.edit(T, "like $500 billion", "$500 billion");
    p.edit(T, "attribution: Donald Trump", "attribution: President Trump");
  });
  assert.deepEqual(more.errors, [`${T}:5:9  error  [correction-needed]`, `${T}:13:13  error  [correction-needed]`, `${T}:14:12  error  [correction-needed]`]);
});

test("a correction in the future or before the fact fails at its date", () => {
  const r = scenario(() => p.edit(U, "charts:", "corrections:\n  - date: 2026-12-03\n    note: Later.\n  - date: 2025-01-01\n    note: Earlier.\ncharts:"));
  assert.deepEqual(r.errors, [`${U}:19:11  error  [correction-date]`, `${U}:21:11  error  [correction-date]`]);
});

test("deleting a published fact fails; renaming it does not; deleting a correction fails", () => {
  const gone = scenario(() => p.remove(T));
  assert.deepEqual(gone.errors, [`${T}:1:1  error  [fact-removed]`]);
  assert.match(gone.stderr, /\/facts\/trump-500-billion\/.*set status: superseded/);
  assert.match(gone.summary, /^### Facts removed \(1\)$/m);
  const moved = scenario(() => p.move(T, "content/facts/trump-wants-500-billion.md"));
  assert.equal(moved.status, 0, moved.stderr);
  assert.match(moved.stdout, /Facts moved \(1\):\n    - Trump said he wanted \$500 billion in rare earths \(\/facts\/trump-wants-500-billion\/\)\n        was \/facts\/trump-500-billion\//);
  // Across folders: no longer a fact at all, so the address is gone.
  const across = scenario(() => { p.move(T, "content/people/trump-500-billion.md"); });
  assert.ok(across.errors.includes(`${T}:1:1  error  [fact-removed]`), across.stderr);
});

test("a published fact's correction may not be deleted", () => {
  p.edit(U, "charts:", "corrections:\n  - date: 2026-11-15\n    note: First.\ncharts:");
  p.commit("with a correction", "2026-11-15T10:00:00Z");
  try {
    const r = scenario(() => p.edit(U, "corrections:\n  - date: 2026-11-15\n    note: First.\n", ""));
    assert.deepEqual(r.errors, [`${U}:2:1  error  [correction-removed]`]);
  } finally { p.git("reset", "-q", "--hard", "HEAD~1"); }
});

test("hostile text in the summary is escaped: no Markdown, no HTML, no line of its own", () => {
  const evil = "<img src=x onerror=alert(1)> **bold** [link](https://evil.example) \\u000a::error::forged";
  const r = scenario(() => {
    p.edit(U, "label: Proposed US ownership of Ukraine's rare earth resources", `label: "${evil}"`);
    p.write("content/facts/zz-new.md", `---\ntitle: "| a | b |\\n# heading"\nsummary: S.\ndate: 2025-03-01\nstatus: reported\ntopics: [deal-terms]\n---\nB [@kyivpost-2025-02-11].\n`);
  });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.summary, /<img|\*\*bold|\]\(https|^::|^#+ heading|^\|/m);
  assert.match(r.summary, /&lt;img src\\=x onerror\\=alert\\\(1\\\)&gt;/);
  for (const line of [...r.summary.split("\n"), ...r.stdout.split("\n")]) assert.doesNotMatch(line, /^\s*::/, line);
  assert.equal(markdownText("a\nb\r\n::x"), "a b \\:\\:x");
});

test("a base the clone does not have is a clear error; an option-like ref is refused", () => {
  const r = p.run("check", ["--base", "origin/nope"], TODAY);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--base "origin\/nope" is not a commit in this clone: fetch it first/);
  assert.equal(p.run("check", ["--base=--output=/tmp/x"], TODAY).status, 2);
});

test("a base whose content no longer loads is noted, not a crash", () => {
  const bad = makeProject();
  try {
    bad.edit(T, "title: Trump", "title: [Trump");
    bad.commit("broken", "2026-11-01T10:00:00Z");
    bad.edit(T, "title: [Trump", "title: Trump");
    const r = bad.run("check", ["--base", "HEAD"], TODAY);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^note: 1 file at HEAD did not load; facts in them count as new$/m);
    assert.match(r.stdout, /Facts added \(1\)/);
  } finally { bad.close(); }
});

test("reading a revision takes two git processes however many files it has", () => {
  const count = (n: number) => {
    for (let i = 0; i < n; i++) p.write(`content/facts/extra-${i}.md`, `---\ntitle: Extra ${i}\nsummary: S.\ndate: 2025-03-01\nstatus: reported\ntopics: [deal-terms]\n---\nB.\n`);
    const commit = p.commit(`extra ${n}`, "2026-11-20T10:00:00Z");
    const before = gitRuns.count;
    const files = readRevision(p.root, commit);
    assert.ok(files.some((f) => f.path === `content/facts/extra-${n - 1}.md`));
    return gitRuns.count - before;
  };
  try {
    assert.equal(count(5), 2);
    assert.equal(count(40), 2);
  } finally { p.git("reset", "-q", "--hard", "HEAD~2"); p.git("clean", "-fdq", "content"); }
});
