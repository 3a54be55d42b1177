/**
 * For the re-use tests (feed, sitemap, meta tags, JSON-LD, data files, social images):
 * a copy of the sample content with one fact, one source, one topic and one chart label
 * made hostile (quotes, ampersands, `<`, line breaks, formula starts, non-Latin text),
 * built with the real CLI into a temporary folder; and a small XML well-formedness
 * parser, so feeds are checked by more than a regular expression.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export { REPO } from "./build.ts";
import { REPO } from "./build.ts";

export const HOSTILE = {
  slug: "us-proposed-50-percent-ownership",
  title: `Q&A: "50%" <b>bold</b> & 'single' </script><!-- x\nУкраїна 乌克兰 {b}_#~^\\ $%`,
  summary: `Summary with <script>alert(1)</script> & "quotes", a line\nbreak, ]]> and a \u2028 separator.`,
  figureId: "us-ownership-proposed",
  label: `=HYPERLINK("http://evil.example") <label> & "more"`,
  quote: `"half", she said\nnext line <q>`,
  attribution: `@SUM(1+1) officials & <co>`,
  datum: `+1, "American" <side>`,
  chartFact: "fund-board-equal-representation",
  chartId: "fund-board-seats",
  topicId: "deal-terms",
  topic: `Deal <terms> & "conditions"`,
  sourceId: "politico-2025-02-15",
  source: `Politico <i>"half"</i> & co, 50%\nsecond line`,
} as const;

/** YAML double-quoted scalar: JSON string syntax is valid YAML. */
const y = (s: string) => JSON.stringify(s);

function replaceOnce(text: string, from: string | RegExp, to: string, file: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`reuse-site: the sample ${file} changed; "${String(from)}" is no longer there`);
  return out;
}

/** A hostile copy of content/ under .scratch/ (gitignored): build.ts joins --content to --root. */
export function makeHostileContent(): { dir: string; rel: string; cleanup(): void } {
  mkdirSync(join(REPO, ".scratch"), { recursive: true });
  const dir = mkdtempSync(join(REPO, ".scratch", "reuse-"));
  const content = join(dir, "content");
  cpSync(join(REPO, "content"), content, { recursive: true });
  const edit = (file: string, f: (t: string) => string) => writeFileSync(join(content, file), f(readFileSync(join(content, file), "utf8")));
  const H = HOSTILE;
  edit(`facts/${H.slug}.md`, (t) => {
    t = replaceOnce(t, /^title: .*$/m, `title: ${y(H.title)}`, H.slug);
    t = replaceOnce(t, /^summary: >-\n(?: {2}.*\n)+/m, `summary: ${y(H.summary)}\n`, H.slug);
    t = replaceOnce(t, /^ {4}label: .*$/m, `    label: ${y(H.label)}`, H.slug);
    t = replaceOnce(t, /^ {4}quote: .*$/m, `    quote: ${y(H.quote)}`, H.slug);
    t = replaceOnce(t, /^ {4}attribution: .*$/m, `    attribution: ${y(H.attribution)}`, H.slug);
    return t;
  });
  edit(`facts/${H.chartFact}.md`, (t) => replaceOnce(t, "- label: American side", `- label: ${y(H.datum)}`, H.chartFact));
  edit("topics.yaml", (t) => replaceOnce(t, /^(deal-terms:\n {2}title: ).*$/m, `$1${y(H.topic)}`, "topics.yaml"));
  edit("sources.yaml", (t) => replaceOnce(t, /^(politico-2025-02-15:\n {2}title: ).*$/m, `$1${y(H.source)}`, "sources.yaml"));
  return { dir, rel: relative(REPO, content), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Built { out: string; stdout: string; cleanup(): void }

/** Runs `scripts/cli/build.ts` into a fresh temporary folder; throws with the CLI's output on failure. */
export function buildSite(opts: { content?: string; prefix?: string; env?: Record<string, string>; socialImages?: boolean } = {}): Built {
  const out = mkdtempSync(join(tmpdir(), "factsheet-reuse-"));
  const args = ["--import", "tsx", join(REPO, "scripts/cli/build.ts"), "--root", REPO, "--output", out];
  if (opts.content) args.push("--content", opts.content);
  if (opts.prefix) args.push("--prefix", opts.prefix);
  const env = { ...process.env, PATH_PREFIX: "", SITE_URL: "", FACTSHEET_SOCIAL_IMAGES: opts.socialImages ? "1" : "0", ...opts.env };
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: "utf8", env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { out, stdout: r.stdout, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** An XML element as the small parser below returns it. */
export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

const ENTITY = /&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const NAME = "[A-Za-z_][\\w.:-]*";

function decode(s: string, where: string): string {
  if (/&(?!(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`XML: bare "&" in ${where}: ${s.slice(0, 80)}`);
  return s.replace(ENTITY, (_, e: string) =>
    e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16))
    : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1)))
    : ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e]!);
}

/**
 * Parses well-formed XML (no DTD, no CDATA: the site writes neither) and throws on
 * what a feed reader would reject: unbalanced or crossed tags, bare `&` or `<`,
 * duplicate attributes, characters XML 1.0 forbids, text outside the root.
 */
export function parseXml(xml: string): XmlElement {
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(xml);
  if (bad) throw new Error(`XML: forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  const decl = /^<\?xml[^?]*\?>/.exec(xml);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, "y");
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "g");
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (text) {
      if (!stack.length) { if (text.trim()) throw new Error(`XML: text outside the root element: ${text.slice(0, 40)}`); }
      else stack[stack.length - 1]!.text += decode(text, `<${stack[stack.length - 1]!.name}>`);
    }
    if (lt === -1) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end === -1 || xml.slice(lt + 4, end).includes("--")) throw new Error("XML: bad comment");
      i = end + 3;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`XML: malformed markup at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, closing, name, attrText, selfClosing] = m as unknown as [string, string, string, string, string];
    i = lt + whole.length;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`XML: </${name}> closes <${open?.name ?? "nothing"}>`);
      continue;
    }
    const el: XmlElement = { name, attrs: {}, children: [], text: "" };
    for (const a of attrText.matchAll(attr)) {
      if (a[1]! in el.attrs) throw new Error(`XML: duplicate attribute ${a[1]} on <${name}>`);
      el.attrs[a[1]!] = decode(a[2] ?? a[3] ?? "", `${name}@${a[1]}`);
    }
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) throw new Error("XML: more than one root element");
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("XML: no root element");
  return root;
}

export const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
export const kid = (el: XmlElement, name: string) => kids(el, name)[0];
