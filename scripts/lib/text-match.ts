/**
 * The one rule for "are these words on that page": used by `npm run verify` to check a
 * quote, and by the References lists to build the `#:~:text=` link that makes the
 * reader's browser highlight it. It follows the URL Fragment Text Directive's matching
 * (case-insensitive, whitespace collapsed, across inline element boundaries but not
 * across blocks, word-bounded) and adds typographic folding, because a contributor
 * types "Ukraine's" where the page prints "Ukraine’s", "1 000" with a non-breaking
 * space, or a soft hyphen the eye never sees.
 *
 * Everything here is linear in the length of the text: one pass to normalise, and a
 * Knuth-Morris-Pratt search, so a hostile page cannot make a check slow.
 */

/** Separates block-level elements in extracted text: a match never crosses it, as in the spec. */
export const BLOCK_BREAK = "\u0000";

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4\u2039\u203a]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
/** Invisible characters that split a word on the page but not for the reader. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** \s without our block break (\s does not include U+0000, so a plain \s is right). */
const SPACES = /\s+/g;

/**
 * Folds text for comparison: NFKC, one apostrophe, one double quote, one dash, no soft
 * hyphens or zero-width characters, lower case, runs of whitespace to one space.
 * Block breaks (BLOCK_BREAK) survive, with the spaces around them removed.
 */
export function normalizeText(s: string): string {
  return s.normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .toLowerCase()
    .replace(SPACES, " ")
    .replace(/ ?\u0000 ?/g, BLOCK_BREAK);
}

/** A quote as a contributor wrote it: never holds a block break. */
export function normalizeQuote(s: string): string {
  return normalizeText(s.replace(/\u0000/g, " ")).trim();
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const code = s.charCodeAt(i);
  // The low half of a surrogate pair: test the whole character.
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return WORD.test(s.slice(i - 1, i + 1));
  if (code >= 0xd800 && code <= 0xdbff) return WORD.test(s.slice(i, i + 2));
  return WORD.test(s[i]!);
}

/**
 * Is `needle` in `hay` (both already normalised), starting and ending on word
 * boundaries? A needle that begins or ends with punctuation needs no boundary there.
 */
export function containsWords(hay: string, needle: string): boolean {
  const m = needle.length;
  if (m === 0) return false;
  // Knuth-Morris-Pratt failure table: O(m) to build, O(n) to scan, whatever the input.
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1]!;
    if (needle[i] === needle[k]) k++;
    fail[i] = k;
  }
  const wordStart = isWordAt(needle, 0);
  const wordEnd = isWordAt(needle, m - 1);
  for (let i = 0, k = 0; i < hay.length; i++) {
    while (k > 0 && hay[i] !== needle[k]) k = fail[k - 1]!;
    if (hay[i] === needle[k]) k++;
    if (k === m) {
      const start = i - m + 1;
      const okStart = !wordStart || !isWordAt(hay, start - 1);
      const okEnd = !wordEnd || !isWordAt(hay, i + 1);
      if (okStart && okEnd) return true;
      k = fail[k - 1]!;
    }
  }
  return false;
}

/** Is the quote on the page whose visible text is `pageText` (see scripts/lib/page-text.ts)? */
export function quoteFound(pageText: string, quote: string): boolean {
  return containsWords(normalizeText(pageText.replace(/\u0000/g, BLOCK_BREAK)), normalizeQuote(quote));
}

/**
 * Words a browser may print differently from the quote (apostrophes, quotation marks,
 * dashes, hyphens): browsers' text-fragment search does not fold all of them alike.
 */
const VARIANT_WORD = /['"\u2018-\u201f\u00ab\u00bb\u2032\u2033\u02bc`\u00b4\u2039\u203a\-\u2010-\u2015\u2212]/;

/**
 * The text directive for a quote: the words themselves when every browser matches them
 * as written; otherwise `start,end`, the words before the first and after the last
 * word that may be typeset differently, so the highlight spans the quote however the
 * page prints those words. Returns the parts unencoded.
 */
export function textDirectiveParts(quote: string): string[] {
  const words = quote.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  let first = -1;
  let last = -1;
  words.forEach((w, i) => { if (VARIANT_WORD.test(w)) { if (first < 0) first = i; last = i; } });
  if (first < 0) return [words.join(" ")];
  const start = words.slice(0, first).join(" ");
  const end = words.slice(last + 1).join(" ");
  if (start && end) return [start, end];
  if (start || end) return [start || end];
  return [words.join(" ")];
}

/** `-`, `&` and `,` have meaning in the directive; the rest is percent-encoded as usual. */
const encodePart = (s: string) =>
  encodeURIComponent(s).replace(/-/g, "%2D").replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

/** A link that makes the browser scroll to and highlight the quoted words on the page. */
export function textFragmentUrl(url: string, quote: string): string {
  return `${url.split("#")[0]}#:~:text=${textDirectiveParts(quote).map(encodePart).join(",")}`;
}
