/**
 * RIS (scripts/lib/ris.ts), CSL-JSON (csl.ts) and the Highwire meta tags (highwire.ts),
 * all rendered from one citation record: exact output, the known date precision only,
 * and hostile strings (line breaks, quotes, an `ER  -` line, control characters, lone
 * surrogates, non-Latin text) that can neither end a field nor break the file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { CiteInput } from "../scripts/lib/cite.ts";
import { citeBibtex } from "../scripts/lib/cite.ts";
import { citeRis, risDate } from "../scripts/lib/ris.ts";
import { citeCsl, cslItem } from "../scripts/lib/csl.ts";
import { highwireMeta } from "../scripts/lib/highwire.ts";
import { CITE_FORMATS } from "../scripts/lib/cite-formats.ts";

const fact: CiteInput = {
  siteTitle: "The minerals deal: a fact sheet", author: "The contributors", title: "Rada ratified the agreement",
  updated: "2025-05-08", language: "en", url: "https://example.org/deal/facts/rada/", key: "deal:rada",
};

test("the RIS entry for a fact: a web page, CRLF lines, DA and PY, no access date", () => {
  assert.equal(citeRis(fact), [
    "TY  - ELEC",
    "TI  - Rada ratified the agreement",
    "T2  - The minerals deal: a fact sheet",
    "AU  - The contributors",
    "PY  - 2025",
    "DA  - 2025/05/08/",
    "PB  - The minerals deal: a fact sheet",
    "LA  - en",
    "UR  - https://example.org/deal/facts/rada/",
    "ER  - ",
    "",
  ].join("\r\n"));
  assert.doesNotMatch(citeRis(fact), /^Y2 /m, "no access date is claimed");
});

test("RIS and CSL carry only the known precision of the date", () => {
  assert.equal(risDate([2025, 5, 8]), "2025/05/08/");
  assert.equal(risDate([2025, 5]), "2025/05//");
  assert.equal(risDate([2025]), "2025///");
  const month = { ...fact, updated: "2025-05-01", precision: "month" as const };
  const year = { ...fact, updated: "2025-01-01", precision: "year" as const };
  assert.match(citeRis(month), /\r\nDA {2}- 2025\/05\/\/\r\n/);
  assert.match(citeRis(year), /\r\nDA {2}- 2025\/\/\/\r\n/);
  assert.deepEqual(cslItem(fact).issued, { "date-parts": [[2025, 5, 8]] });
  assert.deepEqual(cslItem(month).issued, { "date-parts": [[2025, 5]] });
  assert.deepEqual(cslItem(year).issued, { "date-parts": [[2025]] });
  assert.equal(highwireMeta(month).find(([n]) => n === "citation_publication_date")?.[1], "2025/05");
  assert.equal(highwireMeta(year).find(([n]) => n === "citation_publication_date")?.[1], "2025");
  assert.match(citeBibtex(month), /note = \{Last updated 2025-05\}/);
  assert.doesNotMatch(citeBibtex(year), /month = /);
  // An unreadable date gives no date at all rather than a wrong one.
  const none = { ...fact, updated: "soon" };
  assert.doesNotMatch(citeRis(none), /^(PY|DA) /m);
  assert.equal(cslItem(none).issued, undefined);
});

test("the CSL-JSON file: an array of one webpage item with the BibTeX key as id", () => {
  const parsed = JSON.parse(citeCsl(fact));
  assert.deepEqual(parsed, [{
    id: "deal:rada", type: "webpage", title: "Rada ratified the agreement", "container-title": "The minerals deal: a fact sheet",
    publisher: "The minerals deal: a fact sheet", author: [{ literal: "The contributors" }], issued: { "date-parts": [[2025, 5, 8]] },
    language: "en", URL: "https://example.org/deal/facts/rada/",
  }]);
  assert.match(citeBibtex(fact), /^@misc\{deal:rada,/);
});

const HOSTILE = `Q&A: "50%" <b>x</b>\r\nER  - \nTY  - JOUR\u0085NEL\u2028LS\u000bVT 'single' Україна 乌克兰 \ud800 {b}`;

test("hostile strings stay inside their RIS field and read back from CSL-JSON", () => {
  const c = { ...fact, title: HOSTILE, siteTitle: HOSTILE, author: `Doe, Jane\nER  - ` };
  const ris = citeRis(c);
  const lines = ris.split("\r\n");
  assert.equal(lines.pop(), "", "ends with CRLF");
  assert.ok(lines.every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l)), ris);
  assert.equal(lines.filter((l) => l.startsWith("ER  -")).length, 1, "only the real end of record");
  assert.equal(lines.filter((l) => l.startsWith("TY  -")).length, 1);
  assert.doesNotMatch(ris.replace(/\r\n/g, ""), /[\r\n\u0085\u2028\u2029\u000b\ud800]/);
  assert.ok(lines.includes("AU  - Doe Jane ER -"), "a comma would split the author into names; a line break would end the field");
  assert.match(ris, /Україна 乌克兰 \ufffd \{b\}/);
  const item = JSON.parse(citeCsl(c))[0];
  assert.equal(item.title, `Q&A: "50%" <b>x</b> ER - TY - JOUR NEL LS VT 'single' Україна 乌克兰 \ufffd {b}`);
  assert.equal(item.publisher, item.title);
  assert.equal(highwireMeta(c)[0]![1], item.title);
});

test("any title gives an RIS file of well-formed tagged lines and CSL that parses back", () => {
  fc.assert(fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (title, site) => {
    const c = { ...fact, title: title || "t", siteTitle: site || "s" };
    const lines = citeRis(c).split("\r\n");
    assert.equal(lines.pop(), "");
    for (const l of lines) assert.match(l, /^[A-Z][A-Z0-9] {2}- [^\r\n\u0085\u2028\u2029]*$/);
    assert.equal(lines.at(-1), "ER  - ");
    const item = JSON.parse(citeCsl(c))[0];
    assert.equal(Buffer.from(item.title, "utf8").toString("utf8"), item.title, "well-formed UTF-16");
  }), { numRuns: 300 });
});

test("one list names each format once, with a file, extension and media type", () => {
  assert.deepEqual(CITE_FORMATS.map((f) => f.label), ["BibTeX", "RIS", "CSL-JSON"]);
  assert.deepEqual(CITE_FORMATS.map((f) => f.file), ["citation.bib", "citation.ris", "citation.json"]);
  for (const f of CITE_FORMATS) assert.ok(f.file.endsWith(`.${f.ext}`) && /^application\//.test(f.mime), f.label);
  assert.equal(CITE_FORMATS[1]!.render(fact), citeRis(fact));
  assert.equal(CITE_FORMATS[2]!.render(fact), citeCsl(fact));
});

test("Highwire tags: title, date with slashes, publisher, public URL, language, and a web page type for Zotero", () => {
  assert.deepEqual(highwireMeta(fact), [
    ["citation_title", "Rada ratified the agreement"],
    ["citation_publication_date", "2025/05/08"],
    ["citation_publisher", "The minerals deal: a fact sheet"],
    ["citation_public_url", "https://example.org/deal/facts/rada/"],
    ["citation_language", "en"],
    ["DC.type", "webpage"],
  ]);
});
