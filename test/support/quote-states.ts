/**
 * Does a quoted passage state a value? Used by the content tests so that no source is
 * credited with a number or date its words do not give (a remainder, sum or difference).
 * Deliberately simple: digits with thousands separators and decimals, the small number
 * words this sheet's sources use, scale words, and English month names for dates; Ukrainian and Russian scale abbreviations too.
 */
const WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, mln: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, trillion: 1e12,
  // Ukrainian and Russian abbreviations: тис./тыс., млн, млрд, трлн.
  "тис": 1e3, "тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12,
};
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Every number the passage states, with the scale words that follow it applied. */
export function numbersIn(quote: string): number[] {
  const out: number[] = [];
  const token = new RegExp(`(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\b(?:${Object.keys(WORDS).join("|")})\\b)((?:[\\s-]*(?:${Object.keys(SCALES).join("|")})(?!\\p{L}))*)`, "giu");
  for (const m of quote.matchAll(token)) {
    const head = m[1]!.toLowerCase();
    let n = head in WORDS ? WORDS[head]! : Number(head.replace(/,/g, ""));
    for (const w of (m[2] ?? "").toLowerCase().match(/\p{L}+/gu) ?? []) n *= SCALES[w] ?? 1;
    // "a" alone is an article, not a number.
    if (head === "a" && !m[2]) continue;
    out.push(n);
  }
  return out;
}

function statesDate(value: string, precision: string, quote: string): boolean {
  const [y, mo, d] = value.split("-").map(Number) as [number, number, number];
  const q = quote.toLowerCase();
  const month = new RegExp(`\\b${MONTHS[mo - 1]}[a-z]*\\.?`).test(q);
  if (precision === "year") return q.includes(String(y));
  if (precision === "month") return month && q.includes(String(y));
  return month && new RegExp(`(^|\\D)${d}(\\D|$)`).test(q);
}

/** True when the quote gives this value: the same number (at its scale), or the date at its precision. */
export function quoteStates(value: number | string, unit: string, quote: string | undefined, precision = "day"): boolean {
  if (!quote) return false;
  if (unit === "date") return statesDate(String(value), precision, quote);
  const v = Number(value);
  return numbersIn(quote).some((n) => Math.abs(n - v) <= 1e-9 * Math.max(1, Math.abs(v)));
}
