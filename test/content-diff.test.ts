/** The content diff as a table of cases: an edit to the fixture site -> the changes, located in the newer version. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtureFiles, loadWith } from "./support/content.ts";
import { diffContent, type Change } from "../scripts/lib/content-diff.ts";
import { changeText } from "../scripts/lib/change-text.ts";

const T = "content/facts/trump-500-billion.md";
const U = "content/facts/us-proposed-50-percent.md";
const S = "content/sources.yaml";
const base = fixtureFiles();
const edit = (path: string, from: string, to: string) => {
  const text = base.get(path)!;
  assert.ok(text.includes(from), `${path} lacks ${from}`);
  return text.replace(from, to);
};
const newFact = "---\ntitle: A new fact\nsummary: S.\ndate: 2025-03-01\nstatus: reported\ntopics: [deal-terms]\n---\nBody [@kyivpost-2025-02-11].\n";

/** One line per change: `file:line kind [field]: text`. */
const show = (c: Change) => `${c.file}:${c.line} ${c.kind}${c.field ? ` ${c.field}` : ""}${c.needsCorrection ? " !" : ""}: ${changeText(c)}`;

const cases: [string, Record<string, string | null>, string[]][] = [
  ["nothing", {}, []],
  ["whitespace only in the body", { [T]: edit(T, "Trump said he wanted {{<", "Trump  said\nhe wanted {{<") }, []],
  ["value", { [T]: edit(T, "value: 500000000000", "value: 400000000000") },
    [`${T}:10 figure-changed value !: figure Value of rare earths Trump said he wanted changed from about $500 billion to about $400 billion`,
     `${T}:21 chart-changed: chart "The ask" data changed`]],
  ["unit", { [T]: edit(T, "unit: usd", "unit: eur") },
    [`${T}:11 figure-changed unit !: figure Value of rare earths Trump said he wanted changed from about $500 billion to about €500 billion`,
     `${T}:21 chart-changed: chart "The ask" data changed`]],
  ["approximate removed", { [T]: edit(T, "    approximate: true\n", "") },
    [`${T}:8 figure-changed approximate: figure Value of rare earths Trump said he wanted changed from about $500 billion to $500 billion`]],
  ["source", { [T]: edit(T, "source: kyivpost-2025-02-11", "source: politico-2025-02-15") },
    [`${T}:13 figure-changed source !: figure Value of rare earths Trump said he wanted: source changed from "Trump wants $500 billion in rare earths" to "Trump asks Zelenskyy for half of Ukraine's rare earths: NBC News"`]],
  ["quote", { [T]: edit(T, "like $500 billion", "$500 billion") },
    [`${T}:14 figure-changed quote !: figure Value of rare earths Trump said he wanted: quote changed from "I told them that I want the equivalent of like $500 billion worth of rare earth" to "I told them that I want the equivalent of $500 billion worth of rare earth"`]],
  ["attribution removed", { [T]: edit(T, "    attribution: Donald Trump\n", "") },
    [`${T}:8 figure-changed attribution: figure Value of rare earths Trump said he wanted: attribution changed from "Donald Trump" (removed)`]],
  ["label", { [T]: edit(T, "label: Value of rare earths", "label: Worth of rare earths") },
    [`${T}:9 figure-changed label: figure Worth of rare earths Trump said he wanted: label changed from "Value of rare earths Trump said he wanted" to "Worth of rare earths Trump said he wanted"`]],
  ["status", { [T]: edit(T, "status: confirmed", "status: disputed") }, [`${T}:5 fact-changed status !: status changed from confirmed to disputed`]],
  ["title", { [T]: edit(T, "title: Trump said", "title: Trump says") },
    [`${T}:2 fact-changed title: title changed from "Trump said he wanted $500 billion in rare earths" to "Trump says he wanted $500 billion in rare earths"`]],
  ["summary", { [T]: edit(T, "told Fox News", "told Fox") }, [`${T}:3 fact-changed summary: summary changed from "Trump told Fox News he wanted the equivalent of $500 billion worth of rare earths." to "Trump told Fox he wanted the equivalent of $500 billion worth of rare earths."`]],
  ["date and precision", { [T]: edit(T, "date: 2025-02-10", "date: 2025-02-01\ndate_precision: month") }, [`${T}:4 fact-changed date: date changed from 10 February 2025 to February 2025`]],
  ["body wording, at the first changed line", { [U]: edit(U, "## Context", "## Background") }, [`${U}:29 wording body: text reworded`]],
  ["figure added", { [T]: edit(T, "charts:", "  trump-two:\n    label: Two\n    value: 2\n    unit: count\n    source: kyivpost-2025-02-11\n    quote: \"two\"\ncharts:") },
    [`${T}:16 figure-added: figure Two added: 2`]],
  ["figure removed (and the chart datum with it)", { [T]: edit(T, "  trump-ask:", "  trump-asked:").replace("figure: trump-ask }", "figure: trump-asked }").replace("fig trump-ask", "fig trump-asked") },
    [`${T}:8 figure-added: figure Value of rare earths Trump said he wanted added: about $500 billion`, `${T}:7 figure-removed: figure Value of rare earths Trump said he wanted removed (was about $500 billion)`,
     `${T}:24 wording body: text reworded`]],
  ["chart datum label", { [U]: edit(U, "label: Ukraine,", "label: Kyiv,") }, [`${U}:22 chart-changed: chart "Proposed ownership of Ukraine's rare earth resources" data changed`]],
  ["chart type only", { [T]: edit(T, "type: bar\n    orientation: horizontal", "type: doughnut") }, [`${T}:20 chart-changed: chart "The ask" data changed`]],
  ["chart removed", { [T]: edit(T, /charts:[\s\S]*?---/.exec(base.get(T)!)![0], "---") }, [`${T}:2 chart-removed: chart "The ask" removed`]],
  ["correction added", { [T]: edit(T, "charts:", "corrections:\n  - date: 2026-11-30\n    note: It was $400 billion.\ncharts:") },
    [`${T}:18 correction-added 2026-11-30: correction added, dated 2026-11-30: It was $400 billion.`]],
  ["fact added", { "content/facts/new-one.md": newFact }, [`content/facts/new-one.md:2 fact-added: fact "A new fact" added`]],
  ["fact removed", { [T]: null, [U]: edit(U, "title: US", "title: The US") },
    [`${U}:2 fact-changed title: title changed from "US proposed owning 50% of Ukraine's rare earth resources" to "The US proposed owning 50% of Ukraine's rare earth resources"`,
     `${T}:1 fact-removed: fact "Trump said he wanted $500 billion in rare earths" removed`]],
  ["renamed, same figures", { [T]: null, "content/facts/trump-wants-500-billion.md": base.get(T)!.replace("status: confirmed", "status: disputed") },
    ["content/facts/trump-wants-500-billion.md:2 fact-renamed: fact \"Trump said he wanted $500 billion in rare earths\" moved from /facts/trump-500-billion/ to /facts/trump-wants-500-billion/",
     "content/facts/trump-wants-500-billion.md:5 fact-changed status !: status changed from confirmed to disputed"]],
  ["renamed, same title, no figures", { "content/facts/a.md": null, "content/facts/b.md": newFact }, []],
  ["source added", { [S]: base.get(S)! + "new-2025-01-01:\n  title: New <b>one</b>\n  publisher: P\n  url: https://example.org/a\n" },
    [`${S}:19 source-added: source "New <b>one</b>" added`]],
  ["source url and date changed", { [S]: edit(S, "post/46923", "post/46924").replace("published: 2025-02-11", "published: 2025-02-12") },
    [`${S}:17 source-changed url: source "Trump wants $500 billion in rare earths": address changed from "https://www.kyivpost.com/post/46923" to "https://www.kyivpost.com/post/46924"`,
     `${S}:16 source-changed published: source "Trump wants $500 billion in rare earths": publication date changed from "2025-02-11" to "2025-02-12"`]],
  ["source title changed", { [S]: edit(S, "title: Trump wants $500", "title: Trump wants 500") },
    [`${S}:14 source-changed title: source "Trump wants 500 billion in rare earths": title changed from "Trump wants $500 billion in rare earths" to "Trump wants 500 billion in rare earths"`]],
];

for (const [name, overrides, expected] of cases) {
  test(`diff: ${name}`, () => {
    // "renamed, same title" starts from a version that already has a.md.
    const olderOverrides: Record<string, string> = name.startsWith("renamed, same title") ? { "content/facts/a.md": newFact } : {};
    const older = loadWith(olderOverrides);
    const newer = loadWith(overrides);
    assert.deepEqual(older.lines, []);
    assert.deepEqual(newer.lines, [], "the edited version must be valid content");
    const renamed = name.startsWith("renamed, same title")
      ? ["content/facts/b.md:2 fact-renamed: fact \"A new fact\" moved from /facts/a/ to /facts/b/"] : expected;
    assert.deepEqual(diffContent(older.content, newer.content).map(show), renamed);
  });
}

test("diff: a fact that no longer loads is absent, not a crash", () => {
  const older = loadWith();
  const newer = loadWith({ [T]: "---\ntitle: [unclosed\n---\n" });
  const kinds = diffContent(older.content, newer.content).map((c) => c.kind);
  assert.deepEqual(kinds, ["fact-removed"]);
});
