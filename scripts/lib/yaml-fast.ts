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
import { Document, isScalar, type ScalarTag } from "yaml";
import { MAX_DEPTH, MAX_TEXT_CHARS, yamlStats } from "./yaml-limits.ts";

type Value = null | boolean | number | string | Value[] | { [k: string]: Value };
/** A content line; a block scalar's header line carries the raw lines of its text. */
interface Line { indent: number; text: string; block?: string[] }

// The schema and options of the full parse, so plain scalars resolve exactly as there.
const doc = new Document(null, { schema: "core", merge: false, customTags: [] });
const TAGS = doc.schema.tags.filter((t): t is ScalarTag => t.default === true && !t.collection && !!t.test);
const OPTIONS = doc.options as Parameters<ScalarTag["resolve"]>[2];

/** Anything the subset does not need, or the safety rules care about: tabs, BOMs, controls, separators, bidi. */
const UNSURE_TEXT = /[\t\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
/** Keys the subset takes: plain words (prototype keys are left to the full parse, which refuses them). */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/;
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
/** A plain scalar may not start with these (YAML indicators, or ones whose meaning we leave to yaml). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Whether a plain scalar starts with an indicator; "-" before a digit or "." starts a number ("-5", "-.5"). */
const indicator = (s: string) => INDICATOR.test(s) && !/^-[0-9.]/.test(s);

class Unsure extends Error {}
const unsure = (): never => { throw new Unsure(); };

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
    return out;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

function addKey(map: { [k: string]: Value }, key: string, value: Value) {
  yamlStats.keys++;
  if (!KEY.test(key) || FORBIDDEN.has(key) || typeof plain(key) !== "string" || Object.hasOwn(map, key)) unsure();
  map[key] = value;
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

/** A value on its key's line: a quoted or plain scalar, or a one-line flow list or map of scalars. */
function inline(s: string): Value {
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s, 0);
    if (q.end !== s.length) unsure();
    return q.value;
  }
  if (s[0] === "[") return flow(s, "]").map((item) => scalarItem(item));
  if (s[0] === "{") {
    const map: { [k: string]: Value } = {};
    for (const item of flow(s, "}")) {
      const m = /^([^"':, ]+): +(.+)$/.exec(item) ?? unsure();
      addKey(map, m[1]!, scalarItem(m[2]!));
    }
    return map;
  }
  if (indicator(s) || s.includes(": ") || s.includes(" #") || s.endsWith(":")) unsure();
  return plain(s);
}

/**
 * A block scalar (">-", ">", "|-", "|") whose lines all share one indentation, deeper than
 * its key's; other headers, deeper lines, blank lines with spaces or leading blank lines,
 * trailing spaces are left to the full parse.
 */
function blockScalar(header: string, raw: string[], keyIndent: number): string {
  const m = /^([|>])(-?)$/.exec(header) ?? unsure();
  while (raw.length && raw[raw.length - 1] === "") raw = raw.slice(0, -1);
  if (!raw.length || raw[0] === "") unsure();
  const indent = /^ */.exec(raw[0]!)![0].length;
  if (indent <= keyIndent) unsure();
  const lines = raw.map((l) => {
    if (l === "") return l;
    if (/^ */.exec(l)![0].length !== indent || l.endsWith(" ")) unsure();
    return l.slice(indent);
  });
  let out = "";
  if (m[1] === "|") out = lines.join("\n");
  else {
    let empty = 0;
    for (const [k, l] of lines.entries()) {
      if (l === "") { empty++; continue; }
      out += k === 0 ? l : (empty ? "\n".repeat(empty) : " ") + l;
      empty = 0;
    }
  }
  return m[2] === "-" ? out : out + "\n";
}

/** The comma-separated items of a one-line flow collection; nested collections are left to yaml. */
function flow(s: string, close: string): string[] {
  if (!s.endsWith(close)) unsure();
  const inner = s.slice(1, -1);
  if (/[[\]{}]/.test(inner.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, ""))) unsure();
  const items: string[] = [];
  let i = 0;
  while (i < inner.length) {
    while (inner[i] === " ") i++;
    if (i >= inner.length) break;
    let end: number;
    const start = i;
    const q = /^[^,"']*: +(?=["'])/.exec(inner.slice(i));
    if (inner[i] === '"' || inner[i] === "'" || q) {
      end = quoted(inner, i + (q ? q[0].length : 0)).end;
    } else {
      end = inner.indexOf(",", i);
      if (end < 0) end = inner.length;
    }
    const item = inner.slice(start, end).replace(/ +$/, "");
    let j = end;
    while (inner[j] === " ") j++;
    if (j < inner.length && inner[j] !== ",") unsure();
    items.push(item);
    i = j + 1;
    // A trailing comma ("[a, ]") is legal YAML: leave it to the full parse.
    if (j < inner.length && inner.slice(i).trim() === "") unsure();
  }
  return items;
}

function scalarItem(s: string): Value {
  if (s === "") unsure();
  if (s[0] === '"' || s[0] === "'") {
    const q = quoted(s, 0);
    if (q.end !== s.length) unsure();
    return q.value;
  }
  // Inside brackets a plain scalar ends at any flow indicator: those inside are left to yaml.
  if (indicator(s) || /[:#[\]{},]/.test(s)) unsure();
  return plain(s);
}

/** A one-line quoted scalar starting at s[from]: its value and the index after its closing quote. */
function quoted(s: string, from: number): { value: string; end: number } {
  const q = s[from]!;
  if (q === '"') {
    let value = "";
    for (let i = from + 1; i < s.length; i++) {
      if (s[i] === '"') return { value, end: i + 1 };
      if (s[i] !== "\\") { value += s[i]; continue; }
      // \" and \\ only: every other escape is the full parse's business.
      if (s[i + 1] !== '"' && s[i + 1] !== "\\") unsure();
      value += s[++i];
    }
    return unsure();
  }
  let value = "";
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] !== "'") { value += s[i]; continue; }
    if (s[i + 1] === "'") { value += "'"; i++; continue; }
    return { value, end: i + 1 };
  }
  return unsure();
}

/** A plain scalar, resolved by the first default core-schema tag whose test matches, as yaml does. */
function plain(s: string): Value {
  const tag = TAGS.find((t) => t.test!.test(s));
  if (!tag) return s;
  const v = tag.resolve(s, unsure, OPTIONS) as unknown;
  const value = isScalar(v) ? v.value : v;
  if (value !== null && typeof value !== "number" && typeof value !== "boolean" && typeof value !== "string") unsure();
  return value as Value;
}
