/**
 * From a fetched page's bytes to the text a reader sees: decode by the declared charset
 * (many Ukrainian pages are windows-1251, some say so only in <meta>), then walk the
 * HTML with a real parser and keep visible text only. Pure: the network is elsewhere.
 */
import { Parser } from "htmlparser2";
import { BLOCK_BREAK } from "./text-match.ts";

/** The charset label from a Content-Type header value, if any. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return m?.[1];
}

/** A byte-order mark outranks every declaration, as in the Encoding standard. */
export function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

/**
 * The HTML spec's prescan, simplified: <meta charset> or <meta http-equiv="Content-Type"
 * content="...charset=..."> in the first 1024 bytes.
 */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return /<meta[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

/** Decodes with the first charset that the platform knows: BOM, header or <meta>, else UTF-8. */
export function decodePage(bytes: Uint8Array, contentType?: string): { text: string; charset: string } {
  for (const label of [bomCharset(bytes), headerCharset(contentType), metaCharset(bytes)]) {
    if (!label) continue;
    try {
      const dec = new TextDecoder(label.toLowerCase());
      return { text: dec.decode(bytes), charset: dec.encoding };
    } catch { /* an unknown label: try the next declaration */ }
  }
  return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8" };
}

/** Elements whose content no reader sees. */
const SKIP = new Set(["script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg", "math", "select", "textarea"]);
/** Elements that start a new block: text on either side is never one match. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
  "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
  "th", "thead", "tr", "ul",
]);

/** hidden="until-found" stays findable in browsers (and by text fragments): only plain hidden hides. */
function hides(name: string, attrs: Record<string, string>): boolean {
  if (SKIP.has(name)) return true;
  if ("hidden" in attrs && attrs.hidden.toLowerCase() !== "until-found") return true;
  const style = (attrs.style ?? "").toLowerCase().replace(/\s+/g, "");
  return /(^|;)(display:none|visibility:hidden)/.test(style);
}

/**
 * The visible text of an HTML document: text nodes outside hidden subtrees, inline
 * elements joined as they render, block boundaries as BLOCK_BREAK. Comments, scripts,
 * styles and templates are dropped. NUL characters (binary garbage) become spaces.
 */
export function visibleText(html: string): string {
  const out: string[] = [];
  // Every element inside a hidden one counts one level; htmlparser2 closes implied and
  // void elements itself, so open and close calls stay balanced on broken markup too.
  let hiddenDepth = 0;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (hiddenDepth > 0 || hides(name, attrs)) { hiddenDepth++; return; }
      if (BLOCK.has(name)) out.push(BLOCK_BREAK);
      // A line break is whitespace inside one block, as browsers' find treats it.
      else if (name === "br") out.push(" ");
    },
    onclosetag(name) {
      if (hiddenDepth > 0) { hiddenDepth--; return; }
      if (BLOCK.has(name)) out.push(BLOCK_BREAK);
    },
    ontext(text) {
      if (hiddenDepth === 0) out.push(text.replace(/\u0000/g, " "));
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  parser.write(html);
  parser.end();
  return out.join("");
}

/** The text to search in a response, by its content type: HTML is parsed, plain text kept. */
export function pageText(bytes: Uint8Array, contentType: string | undefined): string {
  const type = (contentType ?? "text/html").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/html" && type !== "application/xhtml+xml" && type !== "text/plain") return "";
  // Binary served as HTML (an image, a zip) decodes to noise: NULs in the first
  // kilobytes say so, and noise never holds a quote, so it is treated as empty.
  const { text, charset } = decodePage(bytes, contentType);
  if (!charset.startsWith("utf-16") && bytes.subarray(0, 8192).includes(0)) return "";
  return type === "text/plain" ? text : visibleText(text);
}
