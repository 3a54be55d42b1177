/** The CSV writer behind /data/*.csv: RFC 4180 quoting, UTF-8, and no formula runs in a spreadsheet. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell, parseCsv, toCsv } from "../scripts/lib/csv.ts";

test("plain fields are written as they are, rows end with CRLF", () => {
  assert.equal(toCsv(["label", "value"], [["Europe", 138000000000], ["United States", 115]]),
    "label,value\r\nEurope,138000000000\r\nUnited States,115\r\n");
  assert.equal(toCsv(["a"], []), "a\r\n");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell(true), "true");
  assert.equal(csvCell(0), "0");
});

test("a comma, quote or line break puts the field in quotes, quotes doubled", () => {
  assert.equal(csvCell("Minerals (Fox News, February 2025)"), '"Minerals (Fox News, February 2025)"');
  assert.equal(csvCell('the "deal"'), '"the ""deal"""');
  assert.equal(csvCell("two\r\nlines"), '"two\r\nlines"');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell('"'), '""""');
  // Other punctuation needs no quotes.
  assert.equal(csvCell("a|c'd"), "a|c'd");
  // Semicolons separate cells in many locales' spreadsheets: quoted, and no part can start a formula.
  assert.equal(csvCell("a;b"), '"a;b"');
});

test("every cell a spreadsheet would run as a formula is neutralised", () => {
  const cases: [string, string][] = [
    ["=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""],
    ["=1+2", "'=1+2"],
    ["+1+2", "'+1+2"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    // Text that only looks like a number is text: it starts with "-", so it is guarded too.
    ["-5", "'-5"],
  ];
  for (const [input, expected] of cases) assert.equal(csvCell(input), expected, JSON.stringify(input));
  // Header cells go through the same guard.
  assert.equal(toCsv(["=x"], []), "'=x\r\n");
  // A formula character later in the cell is harmless and left alone.
  assert.equal(csvCell("1+1=2"), "1+1=2");
});

test("numbers stay numbers, negative ones included", () => {
  assert.equal(csvCell(-5), "-5");
  assert.equal(csvCell(-0.25), "-0.25");
  assert.equal(csvCell(14800000000000), "14800000000000");
  assert.equal(toCsv(["value"], [[-65900000000]]), "value\r\n-65900000000\r\n");
  // A reader gets the number back, without an apostrophe.
  assert.equal(Number(parseCsv(toCsv(["v"], [[-12.5]]))[1]![0]), -12.5);
});

test("non-ASCII text is kept as it is and encodes as UTF-8 without a BOM", () => {
  const text = toCsv(["label", "display"], [["Київ, Україна", "€138 billion"], ["Ukraine", "₴1.5 trillion"]]);
  const bytes = Buffer.from(text, "utf8");
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(new TextDecoder("utf-8", { fatal: true }).decode(bytes), text);
  assert.ok(bytes.includes(Buffer.from([0xe2, 0x82, 0xac])), "€ is the UTF-8 bytes E2 82 AC");
  assert.deepEqual(parseCsv(text), [["label", "display"], ["Київ, Україна", "€138 billion"], ["Ukraine", "₴1.5 trillion"]]);
});

test("what toCsv writes, parseCsv reads back (the formula apostrophe aside)", () => {
  const awkward = ["", " leading space", 'a "quoted", comma', "multi\r\nline", "multi\nline", "trailing,", "😀 emoji", "\u2028sep"];
  const rows = awkward.map((s, i) => [s, i]);
  const back = parseCsv(toCsv(["text", "n"], rows));
  assert.deepEqual(back, [["text", "n"], ...rows.map(([s, i]) => [s, String(i)])]);
  assert.deepEqual(parseCsv(toCsv(["f"], [["=1+2"]])), [["f"], ["'=1+2"]]);
});

test("parseCsv reads RFC 4180 written by others, and rejects an unclosed quote", () => {
  assert.deepEqual(parseCsv('a,b\n"x ""y""",\n'), [["a", "b"], ['x "y"', ""]]);
  assert.deepEqual(parseCsv("a,b\r\n1,2"), [["a", "b"], ["1", "2"]]);
  assert.throws(() => parseCsv('a\r\n"open'), /inside a quoted field/);
});

// [cell, as written]: each either stays a plain string or is neutralised, also where a
// semicolon-splitting spreadsheet would start a new cell.
const NEUTRALISED: [string, string][] = [
  ["x;=HYPERLINK(\"https://evil.example\")", '"x;\'=HYPERLINK(""https://evil.example"")"'],
  ["50%; -1+2", "\"50%; '-1+2\""],
  ["  =1+1", "\"'  =1+1\"".replace(/^"|"$/g, "")],
  ["a;@SUM(A1)", "\"a;'@SUM(A1)\""],
  ["\t=cmd", "'\t=cmd"],
  ["ordinary; text", '"ordinary; text"'],
];
for (const [cell, written] of NEUTRALISED) {
  test(`CSV cell ${JSON.stringify(cell)} is quoted and neutralised`, () => {
    assert.equal(csvCell(cell), written);
    for (const part of csvCell(cell).replace(/^"|"$/g, "").split(";")) assert.doesNotMatch(part, /^[ \u00a0]*[=+\-@\t\r]/);
  });
}
