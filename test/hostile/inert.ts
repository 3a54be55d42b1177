/**
 * Is this HTML inert? A small tag scanner, good enough for HTML we generate (every `<`
 * in text is escaped, so every `<` starts a real tag). It reports what could run: a
 * script that is not one of ours, an on* attribute, a link or source with a dangerous
 * scheme, and elements that load or embed other documents. The browser test checks the
 * same pages with a real parser; this one is fast enough to run on every built page
 * and inside property tests.
 */

/** Our scripts: chart data islands, JSON-LD, and module bundles loaded from the site. */
const ALLOWED_SCRIPT = (a: Map<string, string>) =>
  (a.get("type") === "application/json" && a.get("class") === "chart-data" && !a.has("src")) ||
  (a.get("type") === "application/ld+json" && !a.has("src")) ||
  (a.get("type") === "module" && /^\/(?![/\\])/.test(a.get("src") ?? ""));

/** Elements that embed other documents or rewrite URLs or styles; images are judged by their URLs. */
const FORBIDDEN_ELEMENTS = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "style"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "ping"]);
/** In-site paths, fragments, web and mail links; "" (Markdown's `[x]()`) is this page. */
const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]*|\/(?![/\\])[^\s]*|\/|#[^\s]*|)$/i;

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n",
  sol: "/", bsol: "\\", lpar: "(", rpar: ")", period: ".", nbsp: "\u00a0", semi: ";",
};

/** Decodes character references the way a browser does in attribute values (the ones that matter here). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[name.toLowerCase()] ?? m;
  });
}

export function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return out;
}

export interface Tag { name: string; closing: boolean; attrs: Map<string, string>; start: number; end: number }

export function* tags(html: string): Generator<Tag> {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = { name: m[2]!.toLowerCase(), closing: m[1] === "/", attrs: attributes(m[3]!), start: m.index, end: re.lastIndex };
    yield tag;
    // Script and JSON content is not markup: skip to its end tag.
    if (!tag.closing && tag.name === "script") re.lastIndex = scriptEnd(html, re.lastIndex);
  }
}

/** One line per thing that could run or load; empty when the HTML is inert. */
export function inertProblems(html: string): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const t of tags(html)) {
    if (t.closing) continue;
    const at = `<${t.name}> at ${t.start}`;
    if (FORBIDDEN_ELEMENTS.has(t.name)) problems.push(`${at}: element not allowed`);
    // A <base> with only a target (the embed page's links leave the iframe) rewrites no URL.
    if (t.name === "base" && (t.attrs.size !== 1 || !t.attrs.has("target"))) problems.push(`${at}: <base> that is not target-only`);
    if (t.name === "meta" && /refresh/i.test(t.attrs.get("http-equiv") ?? "")) problems.push(`${at}: meta refresh`);
    if (t.name === "script") {
      if (!ALLOWED_SCRIPT(t.attrs)) problems.push(`${at}: script that is not ours: ${html.slice(t.start, t.end)}`);
      const body = html.slice(t.end, scriptEnd(html, t.end));
      if (t.attrs.has("src") && body.trim()) problems.push(`${at}: inline code in a module script`);
      if (!t.attrs.has("src") && (body.includes("<") || !parsesAsJson(body))) problems.push(`${at}: script data is not escaped JSON`);
    }
    for (const [name, value] of t.attrs) {
      if (/^on/.test(name)) problems.push(`${at}: event handler attribute ${name}`);
      if (name === "style") problems.push(`${at}: inline style attribute`);
      if (URL_ATTRIBUTES.has(name)) {
        // Browsers drop tabs and newlines inside URLs and trim control characters and spaces.
        const url = value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
        if (!SAFE_URL.test(url)) problems.push(`${at}: unsafe ${name}="${value}"`);
      }
      if (name === "id") ids.set(value, (ids.get(value) ?? 0) + 1);
    }
  }
  for (const [id, n] of ids) if (n > 1) problems.push(`id "${id}" appears ${n} times`);
  return problems;
}

/** Where the script element starting at `from` ends (its `</script`, in any case). */
export function scriptEnd(html: string, from: number): number {
  // Not html.toLowerCase(): lowercasing can change the length ("İ" becomes two characters).
  const re = /<\/script/gi;
  re.lastIndex = from;
  return re.exec(html)?.index ?? html.length;
}

function parsesAsJson(s: string): boolean {
  try { JSON.parse(s); return true; } catch { return false; }
}
