/**
 * The one configured markdown-it. Order of what happens to a body:
 *   block: chart lines -> standard blocks (raw HTML off) -> note definitions
 *   inline: shortcodes and citations (before links) -> standard inline (images off)
 *   core: headings re-levelled under the page's h1 and given prefixed ids
 *   render: notes split out for the page to place.
 */
import markdownit, { type MarkdownIt } from "markdown-it";
import { citationsPlugin } from "./citations.ts";
import { shortcodesPlugin } from "./shortcodes.ts";
import { notesPlugin } from "./notes.ts";
import { headingsPlugin } from "./headings.ts";
import { asEnv, report, type BodyEnv } from "./env.ts";
import { lintBody } from "./lint.ts";

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function createMarkdown(prefix = "/"): MarkdownIt {
  const md = markdownit({ html: false, linkify: false, typographer: false });
  // Images would load third-party content on readers' screens; a figure or chart is the way to show data.
  md.disable(["image"]);
  const normalize = md.normalizeLink.bind(md);
  md.normalizeLink = (url: string) => normalize(url.startsWith("/") && !url.startsWith("//") ? prefix + url.slice(1) : url);
  // Only web and mail links, and paths inside the site. Everything else stays text.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

  // Like markdown-it's own `inline` core rule, but records each block's lines so the
  // inline plugins can report problems at a file line.
  md.core.ruler.at("inline", (state) => {
    const env = asEnv(state.env);
    for (const tok of state.tokens) {
      if (tok.type !== "inline") continue;
      env.map = tok.map;
      state.md.inline.parse(tok.content, state.md, state.env, tok.children ??= []);
    }
  });

  citationsPlugin(md);
  shortcodesPlugin(md);
  notesPlugin(md);
  headingsPlugin(md);
  return md;
}

export interface RenderedBody { html: string; notesHtml: string }

/** Renders a body once; the notes list comes back separately so the page can place it. */
/** Parses a body and reports every problem in it (the checker's path when nothing is rendered). */
export function parseBody(md: MarkdownIt, env: BodyEnv): ReturnType<MarkdownIt["parse"]> {
  const tokens = md.parse(env.body, env as unknown as Record<string, unknown>);
  reportUndefinedNotes(tokens, env);
  lintBody(tokens, env);
  return tokens;
}

export function renderBody(md: MarkdownIt, env: BodyEnv): RenderedBody {
  const e = env as unknown as Record<string, unknown>;
  const tokens = parseBody(md, env);
  const split = tokens.findIndex((t) => t.type === "footnote_block_open");
  if (split < 0) return { html: md.renderer.render(tokens, md.options, e), notesHtml: "" };
  return {
    html: md.renderer.render(tokens.slice(0, split), md.options, e),
    notesHtml: md.renderer.render(tokens.slice(split), md.options, e),
  };
}

/**
 * markdown-it-footnote leaves a `[^label]` with no `[^label]: text` definition as plain
 * text; the reader would see the brackets. Report it like any other unknown reference.
 */
function reportUndefinedNotes(tokens: ReturnType<MarkdownIt["parse"]>, env: BodyEnv): void {
  for (const tok of tokens) {
    if (tok.type !== "inline") continue;
    for (const child of tok.children ?? []) {
      if (child.type !== "text") continue;
      for (const m of child.content.matchAll(/\[\^([^\]\s[]{1,200})\]/g)) {
        env.map = tok.map;
        report(env, m[0], "unknown-note", `note "${m[1]}" has no definition: add a line "[^${m[1]}]: text" below the paragraph, or remove the reference`);
      }
    }
  }
}
