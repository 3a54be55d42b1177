/**
 * Citations readers copy (scripts/lib/cite.ts) and the JSON-LD the pages carry
 * (scripts/lib/jsonld.ts): exact formats, TeX specials escaped so an entry's braces
 * always balance, and JSON-LD that survives `</script>` and line separators.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { bibtexKey, citeBibtex, citeText, escapeBibtex, type CiteInput } from "../scripts/lib/cite.ts";
import { articleLd, datasetLd, ldScript, websiteLd, type LdSite } from "../scripts/lib/jsonld.ts";

const fact: CiteInput = {
  siteTitle: "The minerals deal: a fact sheet", author: "The contributors", title: "Rada ratified the agreement",
  updated: "2025-05-08", url: "https://example.org/deal/facts/rada/", key: "deal:rada",
};

test("the plain-text citation: author, “title.”, site, date, URL", () => {
  assert.equal(citeText(fact),
    "The contributors. “Rada ratified the agreement.” The minerals deal: a fact sheet. Last updated 8 May 2025. https://example.org/deal/facts/rada/");
  // A title that ends a sentence gets no second period; line breaks become spaces.
  assert.equal(citeText({ ...fact, author: undefined, title: "Did it\npass?" }),
    "“Did it pass?” The minerals deal: a fact sheet. Last updated 8 May 2025. https://example.org/deal/facts/rada/");
  assert.equal(citeText({ ...fact, figureLabel: "Votes in favour", url: "https://example.org/deal/facts/rada/#fig-votes" }),
    "The contributors. “Rada ratified the agreement.” Figure: Votes in favour. The minerals deal: a fact sheet. Last updated 8 May 2025. https://example.org/deal/facts/rada/#fig-votes");
  assert.equal(citeText({ ...fact, title: undefined, url: "https://example.org/deal/" }),
    "The contributors. The minerals deal: a fact sheet. Last updated 8 May 2025. https://example.org/deal/");
});

test("the BibTeX entry for a fact", () => {
  assert.equal(citeBibtex({ ...fact, url: "https://example.org/deal/facts/rada/#fig-votes" }), [
    "@misc{deal:rada,",
    "  author = {{The contributors}},",
    "  title = {{Rada ratified the agreement}},",
    "  organization = {The minerals deal: a fact sheet},",
    "  year = {2025},",
    "  month = {5},",
    "  url = {https://example.org/deal/facts/rada/#fig-votes},",
    "  howpublished = {\\url{https://example.org/deal/facts/rada/\\#fig-votes}},",
    "  note = {Last updated 2025-05-08}",
    "}",
    "",
  ].join("\n"));
});

test("TeX specials are escaped, each exactly once", () => {
  assert.equal(escapeBibtex(`50% & {x} $5 #1 a_b ^ ~ \\ "q"`),
    `50\\% \\& \\{x\\} \\$5 \\#1 a\\_b \\textasciicircum{} \\textasciitilde{} \\textbackslash{} "q"`);
  assert.equal(escapeBibtex("Україна\n乌克兰"), "Україна 乌克兰");
  assert.equal(bibtexKey("Site Name!", "a b/c"), "site-name-:a-b-c");
  assert.equal(bibtexKey("%%%"), "factsheet");
});

/** Braces balance when `\{` and `\}` (escaped, literal) are not counted. */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") { i++; continue; }
    if (s[i] === "{") depth++;
    if (s[i] === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

test("any title, author or URL gives an entry whose braces balance and that holds no raw TeX special", () => {
  fc.assert(fc.property(fc.string({ unit: "binary" }), fc.string(), fc.string({ unit: "grapheme" }), fc.string(), (title, author, site, tail) => {
    const bib = citeBibtex({ ...fact, title: title || "t", author: author || undefined, siteTitle: site || "s", url: `https://example.org/${tail}` });
    assert.ok(balanced(bib), bib);
    const fields = bib.split("\n").slice(1, -2);
    for (const line of fields.filter((l) => /^ {2}(title|author|organization) = /.test(l))) {
      assert.doesNotMatch(line.replace(/\\[\\{}$&%#_^~]|\\text\w+\{\}/g, ""), /[\\$&%#_^~]/, line);
    }
    assert.equal(bib.split("\n").length, fields.length + 3, "no field spills over a line break");
  }), { numRuns: 300 });
});

const site: LdSite = { title: "Site </script>", description: "D", url: "https://example.org/x/", language: "en", license: "CC BY 4.0", licenseUrl: "https://creativecommons.org/licenses/by/4.0/" };

test("JSON-LD elements cannot be closed by content, and parse back to the same data", () => {
  const hostile = `</script><script>alert(1)</script> <!-- & \u2028 \u2029 "q" Україна`;
  const data = articleLd(site, {
    title: hostile, summary: hostile, url: "https://example.org/x/facts/a/", image: "https://example.org/x/social/a.png",
    date: "2025-02-15", updated: "2025-03-01", topics: [hostile],
    sources: [{ title: hostile, publisher: "P & Co", url: "https://news.example/a?b=1&c=2", published: "2025-02-15", authors: ["A <b>"] }],
  });
  const html = ldScript(data);
  const inner = html.slice('<script type="application/ld+json">'.length, -"</script>".length);
  assert.ok(html.startsWith('<script type="application/ld+json">') && html.endsWith("</script>"));
  assert.doesNotMatch(inner, /[<>\u2028\u2029]/);
  assert.deepEqual(JSON.parse(inner), data);
  assert.equal(data["@type"], "Article");
  assert.equal(data.citation[0]!.name, hostile);
  assert.equal(data.citation[0]!.url, "https://news.example/a?b=1&c=2");
  assert.equal(data.license, site.licenseUrl);
});

test("WebSite carries a working search action; Dataset lists its downloads", () => {
  const w = websiteLd(site);
  assert.equal(w.potentialAction.target.urlTemplate, "https://example.org/x/search/?q={search_term_string}");
  const d = datasetLd(site, {
    url: "https://example.org/x/data/", description: "Every figure.", updated: "2025-05-08", keywords: ["Deal terms"],
    downloads: [{ name: "figures.csv", format: "text/csv", url: "https://example.org/x/data/figures.csv" }],
  });
  assert.equal(d["@type"], "Dataset");
  assert.deepEqual(d.distribution, [{ "@type": "DataDownload", name: "figures.csv", encodingFormat: "text/csv", contentUrl: "https://example.org/x/data/figures.csv" }]);
  assert.equal(d.isAccessibleForFree, true);
});
