/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) get a leading apostrophe, as OWASP recommends; plain numbers are left alone.
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value !== "number" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
