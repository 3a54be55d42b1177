/**
 * `[^label]` notes, parsed by markdown-it-footnote; we only replace its renderer rules
 * (its maintainers leave labels and roles to overrides): lettered notes, so they never
 * look like numbered references, prefixed ids, DPUB-ARIA roles and a readable back-link.
 */
import type { MarkdownIt } from "markdown-it";
import footnote from "markdown-it-footnote";
import { asEnv, report } from "./env.ts";

/** 1 -> a, 26 -> z, 27 -> aa */
export function noteLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

type InlineRule = Parameters<MarkdownIt["inline"]["ruler"]["at"]>[1];
/** Longest note label looked for; labels are short words. */
export const MAX_NOTE_LABEL = 100;
/** Characters looked at for note labels, for tests that count work. */
export const noteStats = { scanned: 0 };

type Tok = { meta: { id: number; subId: number } };
const num = (t: Tok) => t.meta.id + 1;
const sub = (t: Tok) => (t.meta.subId > 0 ? `-${t.meta.subId}` : "");

export function notesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  // Inline notes (`^[text]`) are not part of the contract, and the plugin's rule scans to
  // the end of the paragraph at every unclosed `^[`: a body of them took minutes. Ours
  // reads two characters, reports the form, and leaves the text as written.
  md.inline.ruler.at("footnote_inline", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5e /* ^ */ || state.src.charCodeAt(state.pos + 1) !== 0x5b /* [ */) return false;
    if (!silent) {
      report(asEnv(state.env), "^[", "inline-note", "inline notes (^[...]) are not supported: write [^label] in the text and a line \"[^label]: text\" below the paragraph");
      state.push("text", "", 0).content = "^[";
    }
    state.pos += 2;
    return true;
  });
  // The plugin's `[^label]` rule scans to the end of the line for the closing bracket: a
  // line of unclosed `[^` was quadratic. Look within MAX_NOTE_LABEL characters first.
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  const ref = rules.find((r) => r.name === "footnote_ref")!.fn;
  md.inline.ruler.at("footnote_ref", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) return false;
    const end = Math.min(state.posMax, state.pos + 2 + MAX_NOTE_LABEL);
    for (let i = state.pos + 2; i < end; i++) {
      noteStats.scanned++;
      const c = state.src.charCodeAt(i);
      if (c === 0x5d /* ] */) return ref(state, silent);
      if (c === 0x20 || c === 0x0a) return false;
    }
    return false;
  });
  const r = md.renderer.rules;
  r.footnote_ref = (tokens, idx) => {
    const t = tokens[idx] as unknown as Tok;
    const letter = noteLetter(num(t));
    return `<sup class="note-ref"><a href="#note-${num(t)}" id="note-ref-${num(t)}${sub(t)}" role="doc-noteref" aria-label="Note ${letter}">${letter}</a></sup>`;
  };
  r.footnote_block_open = () => '<section class="notes" role="doc-endnotes" aria-labelledby="notes-title">\n<h2 id="notes-title">Notes</h2>\n<ol class="notes-list">\n';
  r.footnote_block_close = () => "</ol>\n</section>\n";
  r.footnote_open = (tokens, idx) => `<li id="note-${num(tokens[idx] as unknown as Tok)}" class="note">`;
  r.footnote_close = () => "</li>\n";
  r.footnote_anchor = (tokens, idx) => {
    const t = tokens[idx] as unknown as Tok;
    return ` <a href="#note-ref-${num(t)}${sub(t)}" class="backlink" role="doc-backlink" aria-label="Back to text">↩\uFE0E</a>`;
  };
}
