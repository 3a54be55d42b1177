/**
 * The one matching rule shared by `npm run verify` and the `#:~:text=` links: the text
 * fragment spec's rules plus typographic folding, word-bounded, never across blocks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { BLOCK_BREAK, containsWords, normalizeQuote, normalizeText, quoteFound, textDirectiveParts, textFragmentUrl } from "../scripts/lib/text-match.ts";
import { visibleText } from "../scripts/lib/page-text.ts";

const QUOTE = "half of Ukraine's rare earths";

test("typographic variants of the same words match", () => {
  for (const page of [
    "Trump wants half of Ukraine's rare earths now",
    "Trump wants HALF of Ukraine’s rare earths now",
    "Trump wants half\u00a0of Ukraine\u2019s rare\u00adearths".replace("rare\u00adearths", "rare \u00adearths"),
    "half of  Ukraine’s\n\trare   earths",
    "half of Ukr\u200baine's rare earths",
  ]) assert.ok(quoteFound(page, QUOTE), page);
  assert.ok(quoteFound("the 2025–2026 plan", "the 2025-2026 plan"), "en dash and hyphen are one dash");
  assert.ok(quoteFound("“a deal”", '"a deal"'), "curly and straight double quotes");
  assert.ok(quoteFound("ﬁnal text", "final text"), "NFKC folds the ligature");
});

test("matches are word-bounded and never cross a block boundary", () => {
  assert.ok(!quoteFound("behalf of Ukraine's rare earths", QUOTE), "a word's tail is not the word");
  assert.ok(!quoteFound("half of Ukraine's rare earthsome", QUOTE), "a word's head is not the word");
  assert.ok(!quoteFound(`half of Ukraine's${BLOCK_BREAK}rare earths`, QUOTE), "two paragraphs are not one quote");
  assert.ok(quoteFound("(half of Ukraine's rare earths)", QUOTE), "punctuation is a boundary");
  assert.ok(quoteFound("said: \u201chalf\u201d", '"half"'), "a quote starting with punctuation needs no boundary there");
  assert.ok(!quoteFound("anything", ""), "an empty quote is never found");
});

test("visible text joins inline elements and separates blocks", () => {
  const text = visibleText(`<p>half of <em>Ukr</em>aine&rsquo;s <a href="#">rare</a><br>earths</p><p>x</p>`);
  assert.ok(quoteFound(text, "half of Ukraine's rare earths"), JSON.stringify(text));
  assert.ok(!quoteFound(visibleText("<p>half of</p><p>Ukraine</p>"), "half of Ukraine"));
  for (const hidden of [
    "<script>var s = \"half of Ukraine's rare earths\"</script>", "<!-- half of Ukraine's rare earths -->",
    "<div hidden><p>half of Ukraine's rare earths</p></div>", "<style>/* half of Ukraine's rare earths */</style>",
    "<template>half of Ukraine's rare earths</template>", "<span style=\"display: none\">half of Ukraine's rare earths</span>",
  ]) assert.ok(!quoteFound(visibleText(`<p>Page</p>${hidden}<p>more</p>`), QUOTE), hidden);
  assert.ok(quoteFound(visibleText(`<div hidden="until-found">half of Ukraine's rare earths</div>`), QUOTE), "until-found is findable");
});

test("the KMP search agrees with a naive search on any text", () => {
  const naive = (hay: string, needle: string) => {
    const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
    for (let i = hay.indexOf(needle); needle && i >= 0; i = hay.indexOf(needle, i + 1)) {
      const okStart = !word(needle[0]) || !word(hay[i - 1]);
      const okEnd = !word(needle[needle.length - 1]) || !word(hay[i + needle.length]);
      if (okStart && okEnd) return true;
    }
    return false;
  };
  const alphabet = fc.constantFrom("a", "b", " ", "'", "-", "é");
  fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }), fc.array(alphabet, { minLength: 1, maxLength: 5 }), (h, n) => {
    const hay = h.join(""); const needle = n.join("");
    assert.equal(containsWords(hay, needle), naive(hay, needle), JSON.stringify([hay, needle]));
  }), { numRuns: 2000 });
});

test("normalising is one pass: output never grows beyond the input", () => {
  const input = "A\u00ad\u200b’“”–— \u00a0\t\nB".repeat(1000);
  assert.ok(normalizeText(input).length <= input.length);
  assert.equal(normalizeQuote("  Ukraine’s\u00a0rare  "), "ukraine's rare");
});

test("the text directive is the quote, or a range around words a page may typeset differently", () => {
  assert.deepEqual(textDirectiveParts("signed the deal on 30 April"), ["signed the deal on 30 April"]);
  assert.deepEqual(textDirectiveParts(QUOTE), ["half of", "rare earths"]);
  assert.deepEqual(textDirectiveParts("Ukraine's share"), ["share"]);
  assert.deepEqual(textDirectiveParts("Ukraine's"), ["Ukraine's"]);
  assert.equal(textFragmentUrl("https://x.example/a?b=1#top", QUOTE), "https://x.example/a?b=1#:~:text=half%20of,rare%20earths");
  assert.equal(textFragmentUrl("https://x.example/", "a, b & c"), "https://x.example/#:~:text=a%2C%20b%20%26%20c");
  // Every part of the directive is itself found wherever the whole quote is found.
  const page = "Trump wants half of Ukraine’s rare earths now";
  for (const part of textDirectiveParts(QUOTE)) assert.ok(quoteFound(page, part));
});
