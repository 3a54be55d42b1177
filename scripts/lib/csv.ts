/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) get a leading apostrophe, as OWASP recommends; plain numbers are left alone, so
 * -5 stays a number while the text "-5" or "=SUM(A1)" is shown, never evaluated.
 * The text is a JavaScript string: the caller writes it as UTF-8 (no BOM, as RFC 4180
 * readers expect).
 */
export type Cell = string | number | boolean | null | undefined;

/** A formula start, after any spaces (some spreadsheets trim them before deciding). */
const FORMULA = /^[ \u00a0]*[=+\-@\t\r]/;

/**
 * Quoted when it holds a comma, a semicolon (the separator of spreadsheets in many
 * locales: unquoted, "a;=1+1" would split into a formula cell), a quote or a line break.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value !== "number" && FORMULA.test(s)) s = `'${s}`;
  // A spreadsheet that splits rows at ";" starts a new cell after each one, quotes or not.
  s = s.replace(/;([ \u00a0]*)(?=[=+\-@\t\r])/g, ";$1'");
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Reads CSV the way a spreadsheet does (quoted fields, doubled quotes, CRLF or LF rows,
 * a final line end optional). The inverse of toCsv up to the formula apostrophe, so
 * tests can check a data file by reading it rather than by matching its bytes.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') { cell += '"'; i++; }
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") continue;
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
    else cell += c;
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
