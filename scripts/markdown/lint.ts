/**
 * Markdown the pipeline does not understand would reach readers as literal text:
 * braces of a misspelt shortcode, a citation that did not parse, raw HTML (off), an
 * image (off), a link whose address is refused, a reference link with no definition.
 * This pass reads the parsed tokens and reports each such place, with the fix, as well
 * as links to fragments the page does not have and notes nothing refers to.
 */
import type { MarkdownIt } from "markdown-it";
import { report, type BodyEnv } from "./env.ts";
import { didYouMean } from "../lib/problem.ts";
import { printable } from "../lib/yaml-safe.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];

/** What the shortcode and citation rules accept; text still matching these was reported there. */
const SHORTCODE = /^\{\{<\s*([a-z]+)\s+([^\s>]*)\s*>\}\}/;
const CITE_ITEM = /^@([a-z0-9]+(?:-[a-z0-9]+)*)(?:\s*,\s*([^;\]]*[^;\]\s]))?$/;
const HTML_TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>|<!--/g;
/** Ids the page templates give every page, besides those derived from the body. */
const PAGE_IDS = new Set(["main", "charts-title", "figures-title", "cite-title", "cite-bibtex", "references-title", "notes-title", "facts-title"]);
const NUMBERED_ID = /^(?:ref|note|note-ref)-\d+(?:-\d+)?$/;

const MARKDOWN_FOR: Record<string, string> = {
  b: "**bold**", strong: "**bold**", i: "*italic*", em: "*italic*", a: "[text](https://...)",
  br: "a blank line between paragraphs", p: "a blank line between paragraphs", ul: "lines starting with \"- \"",
  ol: "lines starting with \"1. \"", li: "lines starting with \"- \"", h2: "## Heading", h3: "### Heading",
  blockquote: "lines starting with \"> \"", code: "`code`", sup: "a note: [^label]", img: "a figure or chart",
};

export function lintBody(tokens: Token[], env: BodyEnv): void {
  const fragments: { href: string; map: Token["map"] }[] = [];
  // null: the page's ids are unknown (its entry failed to load), so fragments are not judged.
  const pageIds = env.pageIds as string[] | null | undefined;
  const ids = new Set<string>(pageIds ?? []);
  for (const tok of tokens) {
    const id = tok.attrGet?.("id");
    if (id) ids.add(String(id));
    if (tok.type !== "inline") continue;
    const children = tok.children ?? [];
    let linkOpen = -1;
    children.forEach((c, i) => {
      env.map = tok.map;
      if (c.type === "link_open") {
        linkOpen = i;
        const href = String(c.attrGet("href") ?? "");
        if (href.startsWith("#")) fragments.push({ href, map: tok.map });
        if (children[i - 1]?.type === "text" && children[i - 1]!.content.endsWith("!")) {
          report(env, "![", "image", "images are not shown: put numbers in a figure or chart; to point at a picture, write a link [description](https://...) without the \"!\"");
        }
      } else if (c.type === "link_close") linkOpen = -1;
      else if ((c.type === "softbreak" || c.type === "hardbreak") && linkOpen >= 0) {
        const text = children.slice(linkOpen + 1, i).map((t) => t.content).join("");
        report(env, text.slice(0, 40) || "[", "link-text", "the link's text runs over a line break: keep [text](address) on one line");
        linkOpen = -2; // one report per link
      } else if (c.type === "text") lintText(c.content, env);
    });
  }
  for (const { href, map } of pageIds === null ? [] : fragments) {
    const id = decodeURIComponent(href.slice(1));
    if (ids.has(id) || PAGE_IDS.has(id) || NUMBERED_ID.test(id)) continue;
    env.map = map;
    report(env, `(${href})`, "missing-fragment", `this page has no "${printable(href)}"${didYouMean(id, [...ids].filter((x) => x.startsWith("section-")))}: link to a heading as #section-<heading words>, a figure as #fig-<id>, or a chart as #chart-<id>`);
  }
  lintNotes(env);
}

function lintText(text: string, env: BodyEnv): void {
  for (const m of text.matchAll(/\{\{|\{%/g)) {
    const rest = text.slice(m.index, m.index + 200);
    if (SHORTCODE.test(rest)) continue; // reported by the shortcode rule
    const close = /\}\}|%\}/.exec(rest);
    const raw = close ? rest.slice(0, close.index + 2) : rest.split(/\s/).slice(0, 3).join(" ");
    const snippet = printable(raw);
    const named = /^\{\{[<%]?\s*([A-Za-z]+)\s*([^\s>%}]*)/.exec(rest);
    const fix = named && /^(fig|chart)$/i.test(named[1]!) ? `{{< ${named[1]!.toLowerCase()} ${named[2] || "id"} >}}` : "{{< fig id >}} or {{< chart id >}}";
    const why = rest.startsWith("{{<")
      ? (!/>\}\}/.test(raw) ? "is not closed: end it with \">}}\"; "
        : named && /^(fig|chart)$/.test(named[1]!) && !named[2] ? "has no id: " : "is not a shortcode as written (names are lowercase): ")
      : !close ? "is not closed and is shown as typed: " : "is shown as typed (this is not a template language): ";
    report(env, raw, "shortcode-syntax", `"${snippet}" ${why}write ${fix}`);
  }
  for (const m of text.matchAll(/\[@/g)) citation(text.slice(m.index), env);
  for (const m of text.matchAll(HTML_TAG)) {
    const tag = (m[2] ?? "").toLowerCase();
    if (m[1]) continue; // the opening tag is the one reported
    if (text.slice(Math.max(0, m.index! - 2), m.index) === "{{") continue; // a misspelt shortcode, reported above
    const alt = MARKDOWN_FOR[tag];
    // The tag is named, not quoted: a message never carries markup of its own.
    const what = tag ? `the HTML tag "${printable(tag).slice(0, 40)}"` : "the HTML comment";
    report(env, m[0], "raw-html", `HTML is shown to readers as text: remove ${what}${alt ? ` and write ${alt}` : ""} (the body is Markdown)`);
  }
  for (const m of text.matchAll(/\]\(/g)) {
    const start = text.lastIndexOf("[", m.index);
    if (start < 0 || text.startsWith("[@", start)) continue;
    report(env, text.slice(start, m.index + 2), "link-syntax", "this link is shown as text: a link's address starts with https://, http://, mailto:, / (a page of this site) or #");
  }
  for (const m of text.matchAll(/\[([^\]\n]+)\]\[([^\]\n]*)\]/g)) {
    report(env, m[0], "link-reference", `"[${printable(m[1]!)}][${printable(m[2]!)}]" has no definition and is shown as typed: write the link inline, [${printable(m[1]!)}](https://...)`);
  }
}

/** A `[@` left as text: say what is wrong with the citation as written. */
function citation(rest: string, env: BodyEnv): void {
  const window = rest.slice(0, 501);
  // A "[" before the "]" means this citation never closed and a later bracket was found.
  const end = /^\[@[^[\]]*\]/.test(window) ? window.indexOf("]") : -1;
  const sources = env.content.sources;
  if (end < 0) {
    report(env, rest.slice(0, 30).split("\n")[0]!, "citation-syntax", "the citation is not closed: end it with \"]\", as in [@source-id]");
    return;
  }
  const inner = rest.slice(1, end);
  const parts = inner.split(";").map((p) => p.trim());
  if (parts.every((p) => CITE_ITEM.test(p))) return; // well formed: the citation rule reported its ids
  for (const part of parts) {
    if (CITE_ITEM.test(part)) continue;
    let message: string;
    if (!part.startsWith("@")) message = `"${printable(part)}" has no "@": each source in a citation needs its own, as in [@a; @b]`;
    else if (/^@\s/.test(part)) message = `write the id right after the "@", with no space: [@${printable(part.slice(1).trim())}]`;
    else {
      const id = part.slice(1).split(",")[0]!.trim();
      const lower = id.toLowerCase();
      if (id !== lower && /^[a-z0-9-]+$/.test(lower)) message = `source ids are lowercase: write [@${lower}]${sources.has(lower) ? "" : didYouMean(lower, sources.keys())}`;
      else message = `"${printable(part)}" is not a citation: write [@source-id], [@source-id, para. 4] or [@a; @b] (lowercase ids from content/sources.yaml)`;
    }
    report(env, rest.slice(0, end + 1), "citation-syntax", message);
  }
}

/** markdown-it-footnote drops a definition nothing refers to: the note would vanish silently. */
function lintNotes(env: BodyEnv): void {
  const refs = (env as { footnotes?: { refs?: Record<string, number> } }).footnotes?.refs ?? {};
  for (const [key, n] of Object.entries(refs)) {
    if (n >= 0) continue;
    const label = key.slice(1);
    env.map = null;
    report(env, `[^${label}]:`, "unused-note", `note "${printable(label)}" is defined but nothing refers to it, so readers never see it: add [^${printable(label)}] where it belongs, or delete the definition`);
    env.problems[env.problems.length - 1]!.severity = "warning";
  }
}

/** Ids a fact page has for its figures and charts (see templates/_includes/pages/fact.njk, chart-markup.ts). */
export function factPageIds(fact: { figures: string[]; charts: string[] }): string[] {
  return [...fact.figures.map((id) => `fig-${id}`), ...fact.charts.flatMap((id) => [`chart-${id}`, `chart-${id}-title`])];
}
