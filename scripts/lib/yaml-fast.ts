/**
 * The cheap path of the safe YAML parse: a reader for the plain subset of YAML that
 * content files are written in (block maps and lists, one-line scalars, one-line flow
 * lists and maps of scalars). It keeps no positions and builds no syntax tree, so a file
 * without problems costs a fraction of the full parse in yaml-safe.ts.
 *
 * It never refuses and never reports: whatever it is not sure of (anything outside the
 * subset, and everything the safety rules reject: aliases, anchors, tags, merge keys,
 * duplicate or forbidden keys, control characters, deep nesting) makes it answer
 * `undefined`, and the caller runs the full parse, which gives the located messages.
 * Plain scalars are resolved by the `yaml` package's own core-schema tags, so a value it
 * returns is the value the full parse returns (test/yaml-fast.test.ts checks both).
 */
import { MAX_DEPTH, MAX_TEXT_CHARS } from "./yaml-limits.ts";
import { Unsure, addKey, blockScalar, inline, unsure, type Value } from "./yaml-scalars.ts";

/** A content line; a block scalar's header line carries the raw lines of its text. */
interface Line { indent: number; text: string; block?: string[] }

/** Anything the subset does not need, or the safety rules care about: tabs, BOMs, controls, separators, bidi. */
const UNSURE_TEXT = /[\t\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * The same value with every string copied out of the file's text: a string cut from a text
 * (slice, regexp match) keeps the whole text alive in V8, so a site's parsed fields would
 * hold every file it read (about 4 KB an entry, for the whole build).
 */
function detached(v: Value): Value {
  if (typeof v === "string") return (` ${v}`).slice(1);
  if (Array.isArray(v)) return v.map(detached);
  if (v && typeof v === "object") { for (const k of Object.keys(v)) v[k] = detached(v[k]!); return v; }
  return v;
}

/** The data of `text` when it is plain YAML that the full parse would accept unchanged, else undefined. */
export function parseFastYaml(text: string): Value | undefined {
  if (text.length > MAX_TEXT_CHARS || UNSURE_TEXT.test(text)) return undefined;
  const lines: Line[] = [];
  const raws = text.split("\n");
  for (let r = 0; r < raws.length; r++) {
    const text = raws[r]!.replace(/ +$/, "");
    const body = text.replace(/^ +/, "");
    if (body === "" || body[0] === "#") continue;
    // Document markers and directives: several documents, or a %TAG, belong to the full parse.
    if (text.startsWith("---") || text.startsWith("...") || text[0] === "%") return undefined;
    const line: Line = { indent: text.length - body.length, text: body };
    lines.push(line);
    // A block scalar's lines are text, even those that look like comments: set them aside.
    if (/[:-] +[|>][-+0-9]*$/.test(body)) {
      line.block = [];
      while (r + 1 < raws.length && (raws[r + 1]!.trim() === "" || /^ */.exec(raws[r + 1]!)![0].length > line.indent)) line.block.push(raws[++r]!);
    }
  }
  if (!lines.length || lines[0]!.indent !== 0) return undefined;
  try {
    const out: { [k: string]: Value } = {};
    if (blockMap(lines, 0, 0, out, 1) !== lines.length) return undefined;
    return detached(out) as { [k: string]: Value };
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

/** Block map entries at exactly `indent` from line `i`; returns the first line after them. */
function blockMap(lines: Line[], i: number, indent: number, out: { [k: string]: Value }, depth: number): number {
  if (depth > MAX_DEPTH) unsure();
  while (i < lines.length && lines[i]!.indent === indent) {
    const { text } = lines[i]!;
    const colon = text.indexOf(":");
    if (colon <= 0 || (text.length > colon + 1 && text[colon + 1] !== " ")) unsure();
    const key = text.slice(0, colon);
    const rest = text.slice(colon + 1).replace(/^ +/, "");
    i++;
    let value: Value = null;
    if (rest !== "") value = lines[i - 1]!.block ? blockScalar(rest, lines[i - 1]!.block!, indent) : inline(rest);
    else if (i < lines.length && lines[i]!.indent > indent) ({ value, next: i } = block(lines, i, depth + 1));
    // A list may sit at its key's own indentation.
    else if (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!.text)) ({ value, next: i } = blockSeq(lines, i, indent, depth + 1));
    addKey(out, key, value);
    if (i < lines.length && lines[i]!.indent > indent) unsure();
  }
  return i;
}

const isItem = (text: string) => text === "-" || text.startsWith("- ");

function block(lines: Line[], i: number, depth: number): { value: Value; next: number } {
  const { indent, text } = lines[i]!;
  if (isItem(text)) return blockSeq(lines, i, indent, depth);
  const map: { [k: string]: Value } = {};
  return { value: map, next: blockMap(lines, i, indent, map, depth) };
}

function blockSeq(lines: Line[], i: number, indent: number, depth: number): { value: Value[]; next: number } {
  if (depth > MAX_DEPTH) unsure();
  const out: Value[] = [];
  while (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!.text)) {
    const rest = lines[i]!.text.slice(1).replace(/^ +/, "");
    if (rest === "") {
      i++;
      if (i < lines.length && lines[i]!.indent > indent) { const b = block(lines, i, depth + 1); out.push(b.value); i = b.next; }
      else out.push(null);
    } else if (isItem(rest) || /^[^"'[{]*:( |$)/.test(rest)) {
      // "- key: value" opens a map whose keys line up with this first one.
      if (isItem(rest)) unsure();
      const at = indent + lines[i]!.text.length - rest.length;
      lines[i] = { ...lines[i]!, indent: at, text: rest };
      const map: { [k: string]: Value } = {};
      i = blockMap(lines, i, at, map, depth + 1);
      out.push(map);
    } else {
      if (lines[i]!.block) unsure();
      out.push(inline(rest));
      i++;
    }
    if (i < lines.length && lines[i]!.indent > indent) unsure();
  }
  return { value: out, next: i };
}
