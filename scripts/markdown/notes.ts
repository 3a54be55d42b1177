/**
 * `[^label]` notes, parsed by markdown-it-footnote; we only replace its renderer rules
 * (its maintainers leave labels and roles to overrides): lettered notes, so they never
 * look like numbered references, prefixed ids, DPUB-ARIA roles and a readable back-link.
 */
import type { MarkdownIt } from "markdown-it";
import footnote from "markdown-it-footnote";

/** 1 -> a, 26 -> z, 27 -> aa */
export function noteLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

type Tok = { meta: { id: number; subId: number } };
const num = (t: Tok) => t.meta.id + 1;
const sub = (t: Tok) => (t.meta.subId > 0 ? `-${t.meta.subId}` : "");

export function notesPlugin(md: MarkdownIt): void {
  md.use(footnote);
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
