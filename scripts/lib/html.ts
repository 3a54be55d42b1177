/** Escaping for each output context. Every string from content passes through one of these. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** For HTML text and double- or single-quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that is safe inside `<script type="application/json">` (and JSON-LD): no `<`
 * can close the element or open a comment, and U+2028/U+2029 cannot break old parsers.
 * JSON.parse of the text returns exactly the original data.
 */
export function jsonForScript(data: unknown, space?: number): string {
  return JSON.stringify(data, null, space)
    .replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Escapes for XML text and attributes (feeds, sitemaps); drops characters XML forbids. */
export function escapeXml(s: unknown): string {
  return String(s ?? "")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The text-fragment link follows the matching rule that `npm run verify` checks with. */
export { textFragmentUrl } from "./text-match.ts";

/**
 * A URL as readers should see it: the WHATWG parser's own form, as a browser's address
 * bar shows it, with the host in ASCII (punycode, "xn--..."), so a look-alike Unicode
 * host cannot pass for a familiar one. The schema has already refused user names,
 * backslashes and invisible characters; anything unparsable is shown as written.
 */
export function displayUrl(url: string): string {
  try { return new URL(url).href; } catch { return url; }
}
