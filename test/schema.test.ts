import { test } from "node:test";
import assert from "node:assert/strict";
import { isRealDate, factSchema, sourceSchema, SLUG } from "../scripts/lib/schema.ts";
import { loadWith, fact } from "./support/content.ts";

test("isRealDate accepts real calendar dates only", () => {
  for (const d of ["2025-02-28", "2024-02-29", "2000-02-29", "2025-12-31"]) assert.ok(isRealDate(d), d);
  for (const d of ["2025-02-30", "2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-2-1", "25-02-01", "2025-02-01T00:00", ""]) assert.ok(!isRealDate(d), d);
});

test("slugs are lowercase words joined by single hyphens", () => {
  for (const s of ["a", "nbc-2025-02-15", "x1"]) assert.ok(SLUG.test(s), s);
  for (const s of ["A", "a--b", "-a", "a-", "a b", "../a", "a_b", "а"]) assert.ok(!SLUG.test(s), s);
});

test("a fact with every key from DESIGN section 1 parses", () => {
  const r = factSchema.safeParse({
    title: "t", summary: "s", date: "2025-02-12", date_precision: "day", status: "reported", topics: ["deal-terms"],
    people: ["scott-bessent"],
    figures: { "a-b": { label: "l", value: 50, unit: "percent", approximate: false, date_precision: "day", source: "s", quote: "q", attribution: "a" } },
    charts: { c: { type: "doughnut", title: "t", data: [{ label: "x", figure: "a-b" }, { label: "y", value: 50, unit: "percent", source: "s" }] } },
  });
  assert.ok(r.success, JSON.stringify(r.error?.issues));
});

test("sources: url must be http(s)", () => {
  assert.ok(sourceSchema.safeParse({ title: "t", publisher: "p", url: "https://x.org/a" }).success);
  for (const url of ["javascript:alert(1)", "ftp://x.org", "x.org", "https://"]) {
    assert.equal(sourceSchema.safeParse({ title: "t", publisher: "p", url }).success, false, url);
  }
});

// Each row: a front-matter fragment, the expected problem (rule and position).
const rows: [string, string, string][] = [
  ["unknown key", "colour: red\n", "content/facts/x.md:7:1  error  [unknown-key]"],
  ["permalink", "permalink: ../../etc/x.html\n", "content/facts/x.md:7:1  error  [unknown-key]  \"permalink\" is an Eleventy setting"],
  ["layout", "layout: evil.njk\n", "content/facts/x.md:7:1  error  [unknown-key]  \"layout\" is an Eleventy setting"],
  ["templateEngineOverride", "templateEngineOverride: njk\n", "content/facts/x.md:7:1  error  [unknown-key]  \"templateEngineOverride\""],
  ["impossible date", "figures:\n  f:\n    label: l\n    value: 2025-02-30\n    unit: date\n    source: politico-2025-02-15\n", "content/facts/x.md:10:12  error  [bad-date]  \"figures.f.value\": \"2025-02-30\" is not a day: February has 28 days in 2025"],
  ["number as string", "figures:\n  f:\n    label: l\n    value: \"500\"\n    unit: usd\n    source: politico-2025-02-15\n", "content/facts/x.md:10:12  error  [invalid-value]"],
  ["non-finite .inf", "figures:\n  f:\n    label: l\n    value: .inf\n    unit: usd\n    source: politico-2025-02-15\n", "content/facts/x.md:10:12  error  [invalid-value]  \"figures.f.value\" must be a finite number"],
  ["1e999", "figures:\n  f:\n    label: l\n    value: 1e999\n    unit: usd\n    source: politico-2025-02-15\n", "content/facts/x.md:10:12  error  [invalid-value]"],
  ["unknown unit", "figures:\n  f:\n    label: l\n    value: 5\n    unit: gbp\n    source: politico-2025-02-15\n", "content/facts/x.md:11:11  error  [invalid-value]  \"figures.f.unit\" must be one of: percent, usd, eur, uah, count, tonnes, date"],
  ["uppercase figure id", "figures:\n  Bad-Id:\n    label: l\n    value: 5\n    unit: usd\n    source: politico-2025-02-15\n", "content/facts/x.md:8:3  error  [bad-id]"],
  ["missing label", "figures:\n  f:\n    value: 5\n    unit: usd\n    source: politico-2025-02-15\n", "content/facts/x.md:8:3  error  [missing-key]  \"figures.f.label\" is required"],
  ["bad status", "", ""],
];

for (const [name, fm, expected] of rows.filter((r) => r[2])) {
  test(`fact front matter: ${name} -> ${expected.split("  ")[2] ?? ""}`, () => {
    const { lines } = loadWith({ "content/facts/x.md": fact(fm) });
    assert.ok(lines.some((l) => l.startsWith(expected)), `expected a line starting with\n  ${expected}\ngot\n  ${lines.join("\n  ")}`);
  });
}

test("sources: a headline as title, or a neutral label for a page without one; never both, never a note", () => {
  const ok = (s: object) => sourceSchema.safeParse({ publisher: "p", ...s }).success;
  assert.ok(ok({ title: "Trump asks Zelenskyy for half of Ukraine's rare earths" }));
  assert.ok(ok({ label: "Press release on the tracker update" }));
  assert.equal(ok({}), false, "neither");
  assert.equal(ok({ title: "A headline", label: "A description" }), false, "both");
  for (const note of ["[European Pravda item relaying NBC]", "Aid gap widens (title from the page address)", "Ministry page (date not shown)"]) {
    assert.equal(ok({ title: note }), false, note);
  }
});

test("missing required keys are reported at the front matter", () => {
  const { lines } = loadWith({ "content/facts/x.md": "---\ntitle: x\n---\nbody\n" });
  for (const key of ["summary", "date", "status", "topics"]) {
    assert.ok(lines.some((l) => l.includes(`[missing-key]  "${key}" is required`)), `${key}: ${lines.join("\n")}`);
  }
});

test("people, pages, site, sources and topics are strict too", () => {
  const { lines } = loadWith({
    "content/people/p.md": "---\nname: P\nrole: R\nbirthday: 1970-01-01\n---\n",
    "content/pages/about.md": "---\ntitle: About\ndescription: D\nlayout: x\n---\n",
    "content/topics.yaml": "deal-terms:\n  title: D\n  description: d\n  colour: red\nus-aid:\n  title: A\n  description: a\n",
  });
  assert.ok(lines.some((l) => l.startsWith("content/people/p.md:4:1  error  [unknown-key]")), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("content/pages/about.md:4:1  error  [unknown-key]")), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("content/topics.yaml:4:3  error  [unknown-key]")), lines.join("\n"));
});

test("a value of the wrong type is not reported as missing", () => {
  const { lines } = loadWith({ "content/facts/x.md": fact("people: scott-bessent\n") });
  assert.ok(lines.some((l) => l.startsWith("content/facts/x.md:7:9  error  [invalid-type]  \"people\" must be a list, even of one: write people: [scott-bessent]")), lines.join("\n"));
});
