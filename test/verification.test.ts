/**
 * Verification records as content: validated strictly, tied to the source's current
 * address and the quote's current words, shown to readers on every quote link, and
 * reported by the checker at the quote's and the source's own lines.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadWith, fixtureFiles } from "./support/content.ts";
import { buildSiteView } from "../scripts/site/site-view.ts";
import { formatProblem } from "../scripts/lib/problem.ts";
import { strictProblems } from "../scripts/lib/verification-checks.ts";
import { dataFiles } from "../scripts/site/data-files.ts";

const POLITICO = "https://www.politico.eu/article/us-donald-trump-asks-zelenskyy-half-ukraine-rare-minerals-military-support/";
const KYIV = "https://www.kyivpost.com/post/46923";
const found = `url: ${POLITICO}\nchecked: 2026-12-01\nstatus: live\nhttp_status: 200\nfinal_url: ${POLITICO}\nquotes:\n  - text: "half of Ukraine's rare earths"\n    found: true\n    where: live\n`;
const notFound = `url: ${KYIV}\nchecked: 2026-11-30\nstatus: dead\nhttp_status: 404\ndead_since: 2026-11-20\narchive_url: https://web.archive.org/web/20250211000000/${KYIV}\nquotes:\n  - text: "I told them that I want the equivalent of like $500 billion worth of rare earth"\n    found: false\n`;

const records = { "content/verification/politico-2025-02-15.yaml": found, "content/verification/kyivpost-2025-02-11.yaml": notFound };
const lineOf = (path: string, needle: string) => fixtureFiles().get(path)!.split("\n").findIndex((l) => l.includes(needle)) + 1;

test("records are validated strictly, with located errors", () => {
  const { lines } = loadWith({ "content/verification/politico-2025-02-15.yaml": found.replace("status: live", "status: fine") + "extra: 1\n" });
  assert.ok(lines.some((l) => /^content\/verification\/politico-2025-02-15\.yaml:3:9  error  \[invalid-value\]  "status" must be one of: live, redirected, dead, unreachable, blocked$/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("content/verification/politico-2025-02-15.yaml:10:1  error  [unknown-key]")), lines.join("\n"));
  const alias = loadWith({ "content/verification/politico-2025-02-15.yaml": "a: &x 1\nurl: *x\n" });
  assert.ok(alias.lines.some((l) => l.includes("content/verification/politico-2025-02-15.yaml") && /alias|anchor/i.test(l)), alias.lines.join("\n"));
  assert.ok(loadWith({ "content/verification/Bad_Name.yaml": found }).lines.some((l) => l.includes("[bad-filename]")));
});

test("the checker warns at the quote's line and the source's line; --strict makes them errors", () => {
  const { problems } = loadWith(records);
  const lines = problems.map(formatProblem);
  const quoteLine = lineOf("content/facts/trump-500-billion.md", "quote:");
  const sourceLine = lineOf("content/sources.yaml", "kyivpost-2025-02-11:");
  assert.ok(lines.some((l) => l.startsWith(`content/facts/trump-500-billion.md:${quoteLine}:12  warning  [quote-not-found]  these words were not found at ${KYIV} when checked on 30 November 2026`)), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith(`content/sources.yaml:${sourceLine}:1  warning  [source-dead]  source "kyivpost-2025-02-11" has not answered since 20 November 2026`)), lines.join("\n"));
  assert.ok(!lines.some((l) => l.includes("politico") && l.includes("quote-not-found")), "a found quote is not reported");
  const strict = strictProblems(problems).filter((p) => p.rule === "quote-not-found" || p.rule === "source-dead");
  assert.equal(strict.length, 2);
  assert.ok(strict.every((p) => p.severity === "error"));
});

test("a record whose source is gone is reported, and one for an old address no longer counts", () => {
  const stale = loadWith({ ...records, "content/verification/gone-source.yaml": found });
  assert.ok(stale.problems.map(formatProblem).includes('content/verification/gone-source.yaml:1:1  warning  [stale-verification]  source "gone-source" is no longer in content/sources.yaml: the next npm run verify removes this record (do not edit it by hand)'));
  const moved = loadWith({ "content/verification/kyivpost-2025-02-11.yaml": notFound.replace(`url: ${KYIV}`, "url: https://www.kyivpost.com/post/1") });
  assert.ok(!moved.problems.some((p) => p.rule === "quote-not-found" || p.rule === "source-dead"), "a check of another address says nothing about this one");
});

test("quote links carry data-verified and say so in words; a dead source leads with its archived copy", () => {
  const { content, problems } = loadWith(records);
  assert.deepEqual(problems.filter((p) => p.severity === "error"), []);
  const view = buildSiteView(content, "/");
  const politico = view.facts.find((f) => f.slug === "us-proposed-50-percent")!.referencesHtml;
  assert.match(politico, /class="ref-quote" data-verified="found">“half of Ukraine&#39;s rare earths”<\/a> <span class="attribution">\(four U\.S\. officials\)<\/span> <span class="verified verified-found">found at the source on 1 December 2026<\/span>/);
  const kyiv = view.facts.find((f) => f.slug === "trump-500-billion")!.referencesHtml;
  assert.match(kyiv, /<a href="https:\/\/web\.archive\.org\/web\/20250211000000\/https:\/\/www\.kyivpost\.com\/post\/46923" class="ref-title">/, "the title links to the archived copy");
  assert.match(kyiv, /<a href="https:\/\/www\.kyivpost\.com\/post\/46923" class="ref-original">the original address<\/a> <span class="source-state" data-status="dead">dead since 20 November 2026/);
  assert.match(kyiv, /href="https:\/\/web\.archive\.org\/web\/20250211000000\/https:\/\/www\.kyivpost\.com\/post\/46923#:~:text=[^"]+" class="ref-quote" data-verified="not-found">/);
  assert.match(kyiv, /not found at the source when checked on 30 November 2026/);
  // The quote's words changed after the check: not yet checked, never "found".
  const edited = loadWith({ ...records, "content/facts/us-proposed-50-percent.md": fixtureFiles().get("content/facts/us-proposed-50-percent.md")!.replace(`quote: "half of Ukraine's rare earths"`, `quote: "half of Ukraine's rare earth minerals"`) });
  const html = buildSiteView(edited.content, "/").facts.find((f) => f.slug === "us-proposed-50-percent")!.referencesHtml;
  assert.match(html, /data-verified="unchecked">“half of Ukraine&#39;s rare earth minerals”<\/a>.*<span class="verified verified-unchecked">not yet checked<\/span>/);
});

test("the site view exposes quoteVerification, a summary, and the data files carry the status", () => {
  const { content } = loadWith(records);
  const view = buildSiteView(content, "/");
  assert.equal(view.quoteVerification("politico-2025-02-15", "half of Ukraine's rare earths").state, "found");
  assert.equal(view.quoteVerification("politico-2025-02-15", "other words").state, "unchecked");
  assert.equal(view.quoteVerification("no-such-source", "x").state, "unchecked");
  assert.deepEqual(view.verificationSummary, { sources: 3, live: 1, dead: 1, unreachable: 0, blocked: 0, unchecked: 1, quotes: 2, quotesFound: 1, quotesNotFound: 1 });
  const files = dataFiles(view);
  const sources = JSON.parse(files.get("data/sources.json")!).sources as { id: string; verification: unknown; quotes: unknown }[];
  const kyiv = sources.find((s) => s.id === "kyivpost-2025-02-11")!;
  assert.deepEqual(kyiv.verification, { status: "dead", checked: "2026-11-30", http_status: 404, final_url: null, dead_since: "2026-11-20", archive_url: `https://web.archive.org/web/20250211000000/${KYIV}` });
  assert.deepEqual(kyiv.quotes, [{ text: "I told them that I want the equivalent of like $500 billion worth of rare earth", verified: "not-found", where: null }]);
  assert.equal(sources.find((s) => s.id === "nbc-2025-02-15")!.verification, null);
  const figures = JSON.parse(files.get("data/figures.json")!).figures as { id: string; quote_verified: string }[];
  assert.equal(figures.find((f) => f.id === "us-ownership-proposed")!.quote_verified, "found");
  assert.equal(figures.find((f) => f.id === "trump-ask")!.quote_verified, "not-found");
});

test("the workflow's summary lists new failures first and escapes page text", async () => {
  const { summaryTable } = await import("../scripts/lib/verify-summary.ts");
  const live = { url: "https://a.example/", checked: "2026-12-01", status: "live" as const, quotes: [{ text: "ok", found: true, where: "live" as const }] };
  const table = summaryTable([
    { id: "a-source", before: live, after: live },
    { id: "b-source", before: live, after: { ...live, status: "unreachable", http_status: 500, quotes: undefined } },
    { id: "c-source", before: live, after: { ...live, quotes: [{ text: "x | <b>`y`</b>", found: false }] } },
  ]);
  const rows = table.split("\n").filter((l) => l.startsWith("| new failure") || l.startsWith("|  |"));
  assert.deepEqual(rows.map((r) => r.split("|")[2]!.trim()), ["`b-source`", "`c-source`", "`a-source`"]);
  assert.ok(table.startsWith("2 new failures among 3 sources checked."));
  assert.ok(table.includes("not found: “x \\| \\<b\\>\\`y\\`\\</b\\>”"), table);
});
