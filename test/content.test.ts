/**
 * The fact sheet itself (content/): honest by construction. Every figure names its source
 * and the words that support it, every source is cited, every fact cites something, and
 * the checker is clean apart from the one flagged source that has no address.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { loadSite } from "../scripts/io/load.ts";
import { NOTE_AS_TITLE } from "../scripts/lib/schema.ts";
import { REPO } from "./support/build.ts";
import { quoteStates } from "./support/quote-states.ts";

const { view, problems } = loadSite(REPO, { git: false });
const raw = view!.rawSources;

interface RawFigure { value: number | string; unit: string; quote?: string; date_precision?: string }
interface RawFact { date?: string; figures?: Record<string, RawFigure>; corrections?: { date?: string; note?: string }[] }
/** Each fact file's front matter as written, for the rules that look at what the author typed. */
const written = readdirSync(join(REPO, "content", "facts")).filter((f) => f.endsWith(".md")).map((file) => ({
  file, fm: (parseYaml(readFileSync(join(REPO, "content", "facts", file), "utf8").split(/^---$/m)[1] ?? "") ?? {}) as RawFact,
}));

test("npm run check is clean: no errors, and warnings only for sources without an address", () => {
  assert.deepEqual(problems.filter((p) => p.severity === "error"), []);
  for (const w of problems) assert.equal(w.rule, "source-without-url", w.message);
  for (const s of raw.values()) if (!s.url) assert.ok(problems.some((p) => p.message.includes(`"${s.id}"`)), `${s.id} must be flagged`);
});

test("every figure has a source with an address, a quote, and an attribution where the source gives one", () => {
  for (const f of view!.figures) {
    const s = raw.get(f.sourceId)!;
    assert.ok(s.url || s.reports_on, `${f.id}: its source ${s.id} has no url`);
    assert.ok(f.quote && f.quote.length <= 500, `${f.id}: quote`);
    // Money and shares in this story are always somebody's claim or estimate; dates and vote
    // counts are stated by the publisher itself, with no speaker to attribute.
    if (["percent", "usd", "eur", "uah"].includes(f.unit)) assert.ok(f.attribution, `${f.id}: attribution`);
  }
});

test("every source is cited at least once, and every fact cites at least one source", () => {
  for (const s of view!.sources) assert.ok(s.facts.length > 0, `${s.id} is cited by no fact`);
  for (const f of view!.facts) assert.ok(f.cited.length > 0, `${f.slug} cites nothing`);
});

test("the seed report's claims are covered, attributed as NBC attributes them", () => {
  const text = view!.facts.map((f) => `${f.title} ${f.summary} ${f.bodyHtml}`).join("\n").toLowerCase();
  for (const phrase of ["four U.S. officials", "eight U.S. officials", "two U.S. officials", "three U.S. officials", "Ukrainian officials",
    "Victory Plan", "Munich", "Kristen Welker", "Hegseth", "Vance", "Rubio", "Bessent", "salesman", "$100 billion", "February 2022"]) {
    assert.ok(text.includes(phrase.toLowerCase()), `no fact mentions ${phrase}`);
  }
});

test("what followed is covered: the White House meeting, the signing, ratification, the fund's board", () => {
  const dates = new Set(view!.facts.map((f) => f.date));
  for (const d of ["2025-02-28", "2025-04-30", "2025-05-08"]) assert.ok(dates.has(d), `no fact dated ${d}`);
  const ids = new Set(view!.figures.map((f) => f.id));
  for (const id of view!.site.key_figures ?? []) assert.ok(ids.has(id), id);
  assert.equal(view!.site.key_figures?.length, 4);
});

test("the people the story names each have a page with a role", () => {
  const slugs = new Set(view!.people.map((p) => p.slug));
  for (const s of ["donald-trump", "volodymyr-zelenskyy", "scott-bessent", "jd-vance", "marco-rubio", "pete-hegseth", "yulia-svyrydenko", "kristen-welker"]) {
    assert.ok(slugs.has(s), s);
  }
  for (const p of view!.people) assert.ok(p.role.length > 3 && p.facts.length > 0, `${p.slug}: role and facts`);
});

test("no chart mixes units, and charts of unlike measures say so in a note", () => {
  for (const c of view!.rawCharts) {
    assert.equal(new Set(c.data.map((d) => d.unit)).size, 1, c.id);
    const distinctSources = new Set(c.data.map((d) => d.source)).size;
    if (c.type === "bar" && distinctSources > 1) assert.ok(c.note, `${c.id} compares figures from different sources without a note`);
  }
});

test("titles are headlines: no bracketed description, no title taken from the address, no date note", () => {
  for (const s of raw.values()) {
    if (s.title !== undefined) assert.doesNotMatch(s.title, NOTE_AS_TITLE, `${s.id}: title is a note; give the headline, or a label`);
    assert.ok((s.title === undefined) !== (s.label === undefined), `${s.id}: exactly one of title and label`);
  }
});

test("no source is credited with a figure or chart datum its quoted words do not state", () => {
  for (const { fm } of written) for (const [id, fig] of Object.entries(fm.figures ?? {})) {
    assert.ok(quoteStates(fig.value, fig.unit, fig.quote, fig.date_precision), `${id}: ${JSON.stringify(fig.quote)} does not state ${fig.value} (${fig.unit})`);
  }
  for (const c of view!.rawCharts) for (const d of c.data) {
    if (d.figure) continue; // checked above, with its own quote
    assert.doesNotMatch(d.label, /remainder|difference|\bsum\b|\brest\b/i, `${c.id}/${d.label}: a derived value credited to ${d.source}`);
    assert.ok(quoteStates(d.value, d.unit, d.quote), `${c.id}/${d.label}: credited to ${d.source} with no quote stating ${d.value}`);
  }
});

test("every correction is dated on or after the day of the fact it corrects", () => {
  let seen = 0;
  for (const { file, fm } of written) {
    for (const c of fm.corrections ?? []) {
      seen++;
      assert.ok(String(c.date) >= String(fm.date), `${file}: correction of ${c.date} is dated before the fact (${fm.date})`);
      assert.ok(c.note && c.note.length > 10, `${file}: correction of ${c.date} says what changed`);
    }
  }
  // The audit of December 2026 corrected the sheet; its corrections must stay on record.
  assert.ok(seen >= 15, `only ${seen} corrections recorded`);
});

test("the value check itself: a share, a scale word, a number word, a date at its precision", () => {
  assert.ok(quoteStates(50, "percent", "50 percent ownership of Ukraine's rare earth minerals"));
  assert.ok(quoteStates(100000000000, "usd", "he walks away with a hundred billion dollars"));
  assert.ok(quoteStates(179000000, "usd", "at least $179-million in capital investment"));
  assert.ok(quoteStates(150000000, "usd", "из совокупных $150 млн"));
  assert.ok(quoteStates(3, "count", "three managers from the Ukrainian side"));
  assert.equal(quoteStates(5000000000000, "usd", "at $14.8 trillion, published by Forbes"), false);
  assert.equal(quoteStates(50, "percent", undefined), false, "no quote states nothing");
  assert.ok(quoteStates("2025-02-12", "date", "in Kyiv on Feb. 12"));
  assert.equal(quoteStates("2025-02-12", "date", "their meeting on 13 February"), false);
  assert.ok(quoteStates("2022-02-01", "date", "began in February 2022", "month"));
});
