/** `corrections:` on facts: the schema, the date rules, the clock, the scaffold and the History section. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadWith, fact } from "./support/content.ts";
import { today } from "../scripts/io/clock.ts";
import { factSkeleton } from "../scripts/lib/scaffold.ts";
import { newestFirst } from "../scripts/lib/corrections.ts";
import { makeProject } from "./support/project.ts";

const TODAY = "2026-12-02";
// The fixture fact x.md is dated 2025-02-12; its front matter starts on line 2, so
// `corrections:` is on line 7 and the first entry's date on line 8.
const rows: [string, string, string][] = [
  ["a valid correction", "corrections:\n  - date: 2026-11-30\n    note: The figure was 40%, not 50%.\n", ""],
  ["dated today", `corrections:\n  - date: ${TODAY}\n    note: Fixed.\n`, ""],
  ["dated the fact's own day", "corrections:\n  - date: 2025-02-12\n    note: Fixed.\n", ""],
  ["in the future", "corrections:\n  - date: 2026-12-03\n    note: Fixed.\n", "content/facts/x.md:8:11  error  [correction-date]  correction dated 2026-12-03 is in the future (today is 2026-12-02)"],
  ["in 2099", "corrections:\n  - date: 2026-11-01\n    note: A.\n  - date: 2099-01-01\n    note: B.\n", "content/facts/x.md:10:11  error  [correction-date]"],
  ["before the fact", "corrections:\n  - date: 2025-02-11\n    note: Fixed.\n", "content/facts/x.md:8:11  error  [correction-date]  correction dated 2025-02-11 is before the fact's own date (2025-02-12)"],
  ["impossible date", "corrections:\n  - date: 2026-02-30\n    note: Fixed.\n", "content/facts/x.md:8:11  error  [bad-date]"],
  ["year 10000", "corrections:\n  - date: 10000-01-01\n    note: Fixed.\n", "content/facts/x.md:8:11  error  [bad-date]"],
  ["unknown key", "corrections:\n  - date: 2026-11-30\n    note: Fixed.\n    by: me\n", "content/facts/x.md:10:5  error  [unknown-key]  unknown key \"by\" in \"corrections.0\"; allowed here: date, note"],
  ["missing note", "corrections:\n  - date: 2026-11-30\n", "content/facts/x.md:8:5  error  [missing-key]  \"corrections.0.note\" is required"],
  ["empty note", "corrections:\n  - date: 2026-11-30\n    note: \"  \"\n", "content/facts/x.md:9:11  error  [invalid-value]"],
  ["not a list", "corrections:\n  date: 2026-11-30\n  note: Fixed.\n", "content/facts/x.md:8:3  error  [invalid-type]  \"corrections\" must be array"],
  ["control characters in the note", "corrections:\n  - date: 2026-11-30\n    note: \"a\\u001b[31m\"\n", "content/facts/x.md:9:11  error  [invalid-value]"],
];

for (const [name, fm, expected] of rows) {
  test(`corrections: ${name} -> ${expected.split("  ")[2] ?? "ok"}`, () => {
    const { lines } = loadWith({ "content/facts/x.md": fact(fm) }, { today: TODAY });
    if (!expected) assert.deepEqual(lines, []);
    else assert.ok(lines.some((l) => l.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${lines.join("\n  ")}`);
  });
}

test("without a clock the loader still rejects a correction before the fact, and never guesses today", () => {
  const future = loadWith({ "content/facts/x.md": fact("corrections:\n  - date: 2099-01-01\n    note: Fixed.\n") });
  assert.deepEqual(future.lines, []);
  const early = loadWith({ "content/facts/x.md": fact("corrections:\n  - date: 2024-01-01\n    note: Fixed.\n") });
  assert.equal(early.lines.length, 1);
});

test("the clock: FACTSHEET_TODAY sets it, a bad value is refused, otherwise the system date", () => {
  assert.equal(today({ FACTSHEET_TODAY: "2030-01-05" }), "2030-01-05");
  assert.throws(() => today({ FACTSHEET_TODAY: "2030-02-30" }), /FACTSHEET_TODAY/);
  assert.equal(today({}), new Date().toISOString().slice(0, 10));
});

test("corrections are shown newest first; same-day entries keep file order", () => {
  const list = [{ date: "2026-01-02", note: "a" }, { date: "2026-03-01", note: "b" }, { date: "2026-01-02", note: "c" }];
  assert.deepEqual(newestFirst(list).map((c) => c.note), ["b", "a", "c"]);
});

test("the fact scaffold documents corrections, and uncommented it is valid", () => {
  const text = factSkeleton("T");
  assert.match(text, /^# corrections:/m);
  const block = text.match(/^# corrections:[^\n]*\n(#[^\n]*\n)+/m)![0]
    .replace(/^# ?/gm, "").replace(/\s+#.*$/gm, "").replace("YYYY-MM-DD", "2026-11-30");
  const { lines, content } = loadWith({ "content/facts/x.md": fact(block) }, { today: TODAY });
  assert.deepEqual(lines, []);
  assert.equal(content.facts.find((f) => f.slug === "x")!.corrections[0]!.date, "2026-11-30");
});

test("the built fact page has a History section listing corrections newest first, escaped", () => {
  const p = makeProject();
  try {
    p.edit("content/facts/us-proposed-50-percent.md", "charts:", [
      "corrections:",
      "  - date: 2026-11-01",
      "    note: \"The first correction <b>bold</b> & more.\"",
      "  - date: 2026-11-20",
      "    note: The second correction.",
      "charts:",
    ].join("\n"));
    const r = p.run("build", ["--output", "_site", "--quiet"], { FACTSHEET_TODAY: TODAY });
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(join(p.root, "_site/facts/us-proposed-50-percent/index.html"), "utf8");
    const section = html.match(/<section class="history" id="history"[\s\S]*?<\/section>/)?.[0] ?? "";
    assert.match(section, /<h2 id="history-title">History<\/h2>/);
    const items = [...section.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    assert.equal(items.length, 2);
    assert.match(items[0]!, /<time datetime="2026-11-20">20 November 2026<\/time>.*The second correction\./);
    assert.match(items[1]!, /The first correction &lt;b&gt;bold&lt;\/b&gt; &amp; more\./);
    // A fact without corrections has no History section (yet).
    const other = readFileSync(join(p.root, "_site/facts/trump-500-billion/index.html"), "utf8");
    assert.doesNotMatch(other, /id="history"/);
  } finally { p.close(); }
});
